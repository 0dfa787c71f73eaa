"""The account pages where a user creates, sees once and revokes their personal API tokens."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from api.tokens import NAME_REQUIRED, NAME_TOO_LONG, api_token_create, api_token_list, api_token_revoke

SESSION_KEY = "api_token_shown_once"


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Token name",
        max_length=80,
        error_messages={"required": NAME_REQUIRED, "max_length": NAME_TOO_LONG},
        help_text="Say what will use it, so you can recognise it later. For example, 'HR system'.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


@never_cache
@login_required
def api_token_list_view(request):
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = api_token_create(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error("name", error.message_dict["name"])
        else:
            request.session[SESSION_KEY] = {"id": token.pk, "raw": raw}
            return redirect("api-tokens:created")
    context = {"form": form, "tokens": api_token_list(user=request.user)}
    return render(request, "api/tokens/list.html", context)


@never_cache
@login_required
def api_token_created_view(request):
    shown = request.session.pop(SESSION_KEY, None)
    if not shown:
        return redirect("api-tokens:list")
    token = get_object_or_404(api_token_list(user=request.user), pk=shown["id"])
    return render(request, "api/tokens/created.html", {"token": token, "raw": shown["raw"]})


@never_cache
@login_required
def api_token_revoke_view(request, token: int):
    found = get_object_or_404(api_token_list(user=request.user), pk=token)
    if request.method == "POST":
        api_token_revoke(user=request.user, token_id=found.pk)
        messages.success(request, f"Token ‘{found.name}’ revoked. Anything using it can no longer reach the API.")
        return redirect("api-tokens:list")
    return render(request, "api/tokens/revoke.html", {"token": found})
