"""Bulk upload pages: start an upload, watch it being checked, read the report, decide about missing staff, apply."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from collection.ascwds import grouped, report_xlsx
from config import clock
from uploads import selectors
from uploads.access import access_round, access_upload, access_upload_organisation
from uploads.forms import ApplyForm, UploadForm
from uploads.services import return_files_zip, upload_apply, upload_create
from uploads.services.stored import stored_result

ROWS_SHOWN = 50


@login_required
def upload_index(request, org: str):
    organisation = access_upload_organisation(request.user, org)
    rounds = selectors.rounds_for(organisation)
    form = UploadForm(request.POST or None, request.FILES or None, rounds=rounds)
    if request.method == "POST" and form.is_valid():
        upload = upload_create(
            organisation=organisation, round=form.cleaned_data["round"], user=request.user, files=form.file_pairs()
        )
        return redirect("uploads:detail", org=organisation.slug, upload=upload.pk)
    uploads = selectors.upload_list(organisation=organisation)
    context = {"organisation": organisation, "form": form, "rounds": list(rounds), "uploads": uploads}
    return render(request, "uploads/index.html", context)


@login_required
def upload_detail(request, org: str, upload: int):
    organisation, found = access_upload(request.user, org, upload)
    return _detail(request, organisation, found, form=_apply_form(found))


def _apply_form(upload, data=None) -> ApplyForm | None:
    if not upload.can_apply:
        return None
    missing = upload.result.get("missing_staff", [])
    return ApplyForm(data, missing=missing, warnings=upload.state == upload.State.WARNINGS)


def _detail(request, organisation, upload, *, form):
    result = upload.result or {}
    groups = grouped(stored_result(result)) if result else []
    context = {
        "organisation": organisation,
        "upload": upload,
        "result": result,
        "groups": groups,
        "rows_shown": ROWS_SHOWN,
        "rows_slice": f":{ROWS_SHOWN}",
        "form": form,
        "file_problem": result.get("file_problem"),
    }
    return render(request, "uploads/detail.html", context)


@login_required
@require_GET
def upload_status(request, org: str, upload: int):
    _organisation, found = access_upload(request.user, org, upload)
    return JsonResponse(
        {
            "state": found.state,
            "label": found.get_state_display(),
            "progress": found.progress,
            "stage": found.stage,
            "checking": found.is_checking,
        }
    )


@login_required
@require_GET
def upload_report(request, org: str, upload: int):
    _organisation, found = access_upload(request.user, org, upload)
    if not found.result:
        return redirect("uploads:detail", org=org, upload=found.pk)
    response = HttpResponse(
        report_xlsx(stored_result(found.result)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"{found.created_at:%d-%m-%Y}-bulk_upload_report.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def upload_apply_view(request, org: str, upload: int):
    organisation, found = access_upload(request.user, org, upload)
    form = _apply_form(found, request.POST)
    if form is None or not form.is_valid():
        if form is None:
            messages.error(
                request,
                "This upload cannot be applied"
                if not found.state == "applied"
                else "This upload has already been applied",
            )
            return redirect("uploads:detail", org=org, upload=found.pk)
        return _detail(request, organisation, found, form=form)
    try:
        outcome = upload_apply(
            upload=found,
            actor=request.user,
            leavers=form.leavers(),
            accept_warnings=form.cleaned_data.get("accept_warnings", False),
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("uploads:detail", org=org, upload=found.pk)
    if outcome.applied:
        messages.success(request, "Upload applied: your returns have been updated")
    else:
        messages.error(request, outcome.message)
    return redirect("uploads:detail", org=org, upload=found.pk)


@login_required
@require_GET
def return_download(request, org: str):
    organisation = access_upload_organisation(request.user, org)
    round = access_round(organisation, request.GET.get("round"))
    if round is None:
        messages.error(request, "There is no collection round to download yet")
        return redirect("uploads:index", org=organisation.slug)
    response = HttpResponse(return_files_zip(organisation=organisation, round=round), content_type="application/zip")
    name = f"{organisation.slug}-{round.slug}-ascwds-{clock.today():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
