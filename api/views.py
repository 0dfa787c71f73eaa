"""The account pages where a user creates, sees once and revokes their personal API tokens. Creating one needs
an authenticator app and a fresh sign-in (allauth's reauthentication)."""

from __future__ import annotations

from allauth.account.decorators import reauthentication_required
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from api.models import ApiToken
from api.tokens import (
    DAY_CHOICES,
    DEFAULT_DAYS,
    NAME_REQUIRED,
    NAME_TOO_LONG,
    api_token_create,
    api_token_list,
    api_token_revoke,
    may_create_tokens,
    token_bodies,
)
from config import clock
from providers.models import Council

SESSION_KEY = "api_token_shown_once"


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Token name",
        max_length=80,
        error_messages={"required": NAME_REQUIRED, "max_length": NAME_TOO_LONG},
        help_text="Say what will use it, so you can recognise it later. For example, 'HR system'.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    body = forms.ChoiceField(
        label="Organisation or council", widget=forms.RadioSelect,
        error_messages={"required": "Choose the organisation or council the token is for"},
    )
    scope = forms.ChoiceField(
        label="What can it do?", choices=ApiToken.Scope.choices, initial=ApiToken.Scope.READ, widget=forms.RadioSelect,
        help_text="Read only is enough for reports. Choose read and write to send staff records or submit returns.",
    )
    days = forms.TypedChoiceField(
        label="How long should it work?", coerce=int, initial=DEFAULT_DAYS, widget=forms.RadioSelect,
        choices=[(d, f"{d} days" if d < 365 else "1 year") for d in DAY_CHOICES],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.bodies = {_body_key(b): b for b in token_bodies(user)}
        self.fields["body"].choices = [(key, body.name) for key, body in self.bodies.items()]
        if len(self.bodies) == 1:
            self.fields["body"].initial = next(iter(self.bodies))


def _body_key(body) -> str:
    return f"{'council' if isinstance(body, Council) else 'org'}:{body.pk}"


@never_cache
@login_required
@reauthentication_required(allow_get=True)
def api_token_list_view(request):
    allowed = may_create_tokens(request.user)
    form = ApiTokenForm(request.POST or None, user=request.user)
    if request.method == "POST" and allowed and form.is_valid():
        body = form.bodies[form.cleaned_data["body"]]
        try:
            token, raw = api_token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                organisation=None if isinstance(body, Council) else body,
                council=body if isinstance(body, Council) else None,
                scope=form.cleaned_data["scope"],
                days=form.cleaned_data["days"],
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else "name", problems)
        else:
            request.session[SESSION_KEY] = {"id": token.pk, "raw": raw}
            return redirect("api-tokens:created")
    context = {"form": form, "tokens": api_token_list(user=request.user), "may_create": allowed, "now": clock.now()}
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
