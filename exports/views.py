"""Analyst workbook pages: request and list (/council/<council>/exports/), ask for an ad-hoc extract of chosen
tables (/council/<council>/exports/extracts/new/), status (HTML and JSON), download."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from exports import access, selectors
from exports.disclosure import rulebook
from exports.extracts import table_choices
from exports.forms import ExportRequestForm, ExtractRequestForm
from exports.models import ExportFile
from exports.services import export_download, export_request, extract_request

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REFRESH_SECONDS = 3


@login_required
@require_http_methods(["GET", "POST"])
def export_index(request, council: str):
    found = access.access_export_council(request.user, council)
    form = ExportRequestForm(request.POST if request.method == "POST" else None, council=found)
    if form.is_valid():
        export, created = export_request(user=request.user, council=found, collection_round=form.cleaned_data["round"],
                                         kind=form.cleaned_data["kind"])
        if not created:
            messages.info(request, "You have already asked for this workbook. It is still being made.")
        return redirect("exports-council:detail", council=found.slug, export=export.pk)
    context = {"council": found, "form": form, "exports": selectors.export_list(council=found),
               "events": selectors.export_event_list(council=found), "disclosure_summary": rulebook.summary()}
    return render(request, "exports/index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def extract_new(request, council: str):
    """Ask for an ad-hoc extract of some of the fixed tables."""
    found = access.access_export_council(request.user, council)
    form = ExtractRequestForm(request.POST if request.method == "POST" else None, council=found)
    if form.is_valid():
        export, created = extract_request(user=request.user, council=found, collection_round=form.cleaned_data["round"],
                                          tables=form.cleaned_data["tables"])
        if not created:
            messages.info(request, "You have already asked for this extract. It is still being made.")
        return redirect("exports-council:detail", council=found.slug, export=export.pk)
    return render(request, "exports/extract_new.html", {"council": found, "form": form,
                                                        "disclosure_summary": rulebook.summary()})


@login_required
@require_GET
@never_cache
def export_detail(request, council: str, export: int):
    found = access.access_export(request.user, council, export)
    titles = dict(table_choices())
    context = {"council": found.council, "export": found, "refresh": None if found.is_finished else REFRESH_SECONDS,
               "table_titles": [titles.get(key, key) for key in found.tables or ()]}
    return render(request, "exports/detail.html", context)


@login_required
@require_GET
@never_cache
def export_status_json(request, council: str, export: int):
    return JsonResponse(selectors.export_status(access.access_export(request.user, council, export)))


@login_required
@require_GET
@never_cache
def export_file(request, council: str, export: int):
    found = access.access_export(request.user, council, export)
    if found.status != ExportFile.Status.READY:
        return redirect("exports-council:detail", council=found.council.slug, export=found.pk)
    ready = export_download(user=request.user, export=found)
    response = HttpResponse(bytes(ready.content), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{ready.file_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
