"""A provider's ASC-WDS bulk uploads: start one (the files are checked in the task worker), follow its status, read
its report (as JSON or the .xlsx the web gives), and apply it with a decision for each member of staff missing from
the files. Every step calls the same `uploads` services as the web pages; nothing here re-checks the files."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.parsers import MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from api.access import access_api_upload
from api.apis.exit_surveys import ExitSurveySerializer, exit_survey_data, outcome_left
from api.apis.exports import XLSX, JsonErrorsNegotiation
from api.exceptions import Conflict, RulesRejected, error
from api.permissions import require_editor
from collection.ascwds import report_xlsx
from collection.ascwds.rowkeys import ref
from providers import access
from providers.reference import choices
from surveys.selectors import exit_offers
from uploads.access import access_round
from uploads.forms import MAX_BYTES
from uploads.models import Upload
from uploads.selectors import upload_list
from uploads.services import upload_apply, upload_create
from uploads.services.stored import stored_result

STAYS, LEFT = "stays", "left"
NEEDS_FILES = "Send the workplace file and the staff file (CSV or .xlsx), or one .zip holding both"
TOO_BIG = "{name} must be smaller than 20 MB"
NOT_CHECKED = "The files have not been checked yet: follow the upload's status until it is done"
CRASHED = "The files could not be checked: start a new upload"
NOT_APPLICABLE = "This upload cannot be applied: it has errors, or it is still being checked"
ALREADY_APPLIED = "This upload has already been applied"


class UploadListApi(APIView):
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        round = serializers.SlugField(source="round.slug")
        state = serializers.CharField()
        progress = serializers.IntegerField(help_text="Per cent checked")
        stage = serializers.CharField(allow_blank=True)
        created_at = serializers.DateTimeField()
        applied_at = serializers.DateTimeField(allow_null=True)

    @extend_schema(responses=OutputSerializer(many=True), summary="Your latest bulk uploads (newest first)")
    def get(self, request, org: str):
        organisation = access.access_organisation(request.user, org)
        return Response(self.OutputSerializer(upload_list(organisation=organisation), many=True).data)


class UploadStatusFields(serializers.Serializer):
    id = serializers.IntegerField()
    round = serializers.SlugField(source="round.slug")
    state = serializers.CharField(help_text="queued, validating, passed, warnings, failed, applied or crashed")
    label = serializers.CharField(source="get_state_display")
    progress = serializers.IntegerField(help_text="Per cent checked")
    stage = serializers.CharField(allow_blank=True)
    checking = serializers.BooleanField(source="is_checking", help_text="True while the files are being checked")
    can_apply = serializers.BooleanField(help_text="Passed, or passed with warnings, and not yet applied")
    created_at = serializers.DateTimeField()
    applied_at = serializers.DateTimeField(allow_null=True)
    status_url = serializers.SerializerMethodField()
    report_url = serializers.SerializerMethodField()

    def get_status_url(self, upload: Upload) -> str:
        return self._url("api:upload-detail", upload)

    def get_report_url(self, upload: Upload) -> str:
        return self._url("api:upload-report", upload)

    def _url(self, name: str, upload: Upload) -> str:
        path = reverse(name, kwargs={"org": upload.organisation.slug, "upload": upload.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


def _status(upload: Upload, request) -> dict[str, Any]:
    return UploadStatusFields(upload, context={"request": request}).data


class UploadCreateApi(APIView):
    parser_classes = [MultiPartParser]

    class InputSerializer(serializers.Serializer):
        workplace_file = serializers.FileField(required=False, help_text="The ASC-WDS workplace file: CSV or .xlsx")
        staff_file = serializers.FileField(required=False, help_text="The ASC-WDS staff file: CSV or .xlsx")
        zip_file = serializers.FileField(required=False, help_text="Or one .zip holding both files")

        def validate(self, data):
            files = [data[name] for name in ("workplace_file", "staff_file", "zip_file") if data.get(name)]
            if not files:
                raise serializers.ValidationError(NEEDS_FILES, code="required")
            for name in ("workplace_file", "staff_file", "zip_file"):
                if data.get(name) and data[name].size > MAX_BYTES:
                    raise serializers.ValidationError({name: TOO_BIG.format(name=data[name].name)}, code="max_value")
            return data

        def file_pairs(self) -> list[tuple[str, bytes]]:
            return [(f.name, f.read()) for f in self.validated_data.values() if f]

    class OutputSerializer(UploadStatusFields):
        pass

    @extend_schema(
        request={"multipart/form-data": InputSerializer},
        responses={202: OutputSerializer},
        summary="Start a bulk upload for a round: the files are checked in the background (follow status_url)",
    )
    def post(self, request, org: str, round: str):
        organisation = access.access_organisation(request.user, org)
        round_ = access_round(organisation, round)
        require_editor(user=request.user, organisation=organisation)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = upload_create(organisation=organisation, round=round_, user=request.user, files=serializer.file_pairs())
        body = _status(upload, request)
        return Response(body, status=202, headers={"Location": body["status_url"]})


class UploadDetailApi(APIView):
    class OutputSerializer(UploadStatusFields):
        pass

    @extend_schema(responses=OutputSerializer, summary="An upload's state and the progress of its check")
    def get(self, request, org: str, upload: int):
        _, found = access_api_upload(request.user, org=org, upload=upload)
        return Response(_status(found, request))


def _checked_result(upload: Upload) -> dict:
    if not upload.result:
        raise Conflict(detail=CRASHED if upload.state == Upload.State.CRASHED else NOT_CHECKED, code="invalid_state")
    return upload.result


class UploadReportApi(APIView):
    class OutputSerializer(serializers.Serializer):
        class ProblemSerializer(serializers.Serializer):
            file = serializers.CharField(help_text="workplace or staff")
            line = serializers.IntegerField(help_text="The line in the file (0 for a problem with the whole file)")
            column = serializers.CharField(allow_blank=True)
            code = serializers.CharField()
            message = serializers.CharField()
            local_est_id = serializers.CharField(allow_blank=True)
            worker_id = serializers.CharField(allow_blank=True)
            value = serializers.CharField(allow_blank=True, help_text="Blank for NI numbers, postcodes and birth dates")
            severity = serializers.CharField(help_text="error or warning")

        class MissingStaffSerializer(serializers.Serializer):
            local_est_id = serializers.CharField()
            worker_id = serializers.CharField()

        class FileProblemSerializer(serializers.Serializer):
            code = serializers.CharField()
            message = serializers.CharField()
            filename = serializers.CharField(allow_blank=True)

        status = serializers.CharField(help_text="passed, warnings or failed")
        workplaces = serializers.DictField(child=serializers.IntegerField(), help_text="new, updated, unchanged, deleted")
        staff = serializers.DictField(child=serializers.IntegerField(), help_text="new, updated, unchanged, deleted")
        errors = ProblemSerializer(many=True)
        warnings = ProblemSerializer(many=True)
        missing_staff = MissingStaffSerializer(
            many=True, help_text="Staff held but not in the files: each needs a decision (stays or left) at apply"
        )
        missing_workplaces = serializers.ListField(child=serializers.CharField())
        file_problem = FileProblemSerializer(allow_null=True, help_text="A file that could not be read at all")
        applied = serializers.DictField(
            child=serializers.DictField(child=serializers.IntegerField()), allow_null=True,
            help_text="What applying the upload changed (null until it is applied)",
        )  # fmt: skip

    @extend_schema(
        responses={200: OutputSerializer, 409: OpenApiResponse(description="The files have not been checked yet")},
        summary="An upload's report: the same counts, errors and warnings as `import_ascwds --json`",
    )
    def get(self, request, org: str, upload: int):
        _, found = access_api_upload(request.user, org=org, upload=upload)
        result = _checked_result(found)
        body = {
            **result,
            "missing_staff": [{"local_est_id": e, "worker_id": w} for e, w in result.get("missing_staff", [])],
            "file_problem": result.get("file_problem"),
            "applied": result.get("applied"),
        }
        return Response(self.OutputSerializer(body).data)


class UploadReportDownloadApi(APIView):
    content_negotiation_class = JsonErrorsNegotiation
    renderer_classes = [JSONRenderer]

    @extend_schema(
        responses={
            (200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description="The report workbook"),
            409: OpenApiResponse(description="The files have not been checked yet"),
        },
        summary="Download an upload's report as the .xlsx workbook the web pages give",
    )
    def get(self, request, org: str, upload: int):
        _, found = access_api_upload(request.user, org=org, upload=upload)
        response = HttpResponse(report_xlsx(stored_result(_checked_result(found))), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{found.created_at:%d-%m-%Y}-bulk_upload_report.xlsx"'
        return response


def _leavers(upload: Upload, decisions: list[dict]) -> dict[tuple[str, str], str]:
    """The decisions as `upload_apply` wants them. Every member of staff missing from the files needs exactly one
    decision, and a decision may only name one of them; otherwise nothing is applied (400, each error indexed)."""
    missing = {(ref(e), ref(w)): (e, w) for e, w in upload.result.get("missing_staff", [])}
    errors, seen, leavers = [], set(), {}
    for index, decision in enumerate(decisions):
        key = (ref(decision["local_est_id"]), ref(decision["worker_id"]))
        worker, est = decision["worker_id"], decision["local_est_id"]
        if key not in missing:
            errors.append(error(code="not_missing", field="worker_id", index=index,
                                message=f"{worker} at {est} is not missing from the files"))  # fmt: skip
        elif key in seen:
            errors.append(error(code="duplicate_decision", field="worker_id", index=index,
                                message=f"{worker} at {est} has more than one decision"))  # fmt: skip
        elif decision["decision"] == LEFT:
            leavers[missing[key]] = decision["leaving_reason"]
        seen.add(key)
    errors += [
        error(code="decision_required", field="missing_staff", message=f"Say whether {w} still works at {e} or has left")
        for key, (e, w) in missing.items()
        if key not in seen
    ]
    if errors:
        raise RulesRejected(errors)
    return leavers


class UploadApplyApi(APIView):
    class InputSerializer(serializers.Serializer):
        class DecisionSerializer(serializers.Serializer):
            local_est_id = serializers.CharField(max_length=50)
            worker_id = serializers.CharField(max_length=50)
            decision = serializers.ChoiceField(choices=[STAYS, LEFT], help_text="stays or left")
            leaving_reason = serializers.ChoiceField(
                choices=choices("worker_leave_reasons"), required=False, allow_blank=True,
                help_text="The ASC-WDS leaving reason code, needed when the decision is left",
            )  # fmt: skip

            def validate(self, data):
                if data["decision"] == LEFT and not data.get("leaving_reason"):
                    message = f"Choose why {data['worker_id']} left"
                    raise serializers.ValidationError({"leaving_reason": message}, code="leaving_reason_required")
                return data

        accept_warnings = serializers.BooleanField(default=False, help_text="Needed when the upload has warnings")
        missing_staff = DecisionSerializer(
            many=True, required=False, default=list,
            help_text="One decision for each member of staff in the report's missing_staff",
        )  # fmt: skip

    class OutputSerializer(UploadStatusFields):
        counts = serializers.DictField(child=serializers.DictField(child=serializers.IntegerField()),
                                       source="result.applied", help_text="What applying the upload changed")  # fmt: skip
        exit_surveys = ExitSurveySerializer(
            many=True, help_text="For each workplace with leavers recorded this round: its exit-survey link to offer "
            "them (the same for every leaver of the workplace and round; not linked to any staff record)",
        )  # fmt: skip

    @extend_schema(request=InputSerializer, responses=OutputSerializer,
                   summary="Apply a checked upload, all or nothing (the files are checked again first)")  # fmt: skip
    def post(self, request, org: str, upload: int):
        _, found = access_api_upload(request.user, org=org, upload=upload, write=True)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if not found.can_apply:
            raise Conflict(detail=ALREADY_APPLIED if found.state == Upload.State.APPLIED else NOT_APPLICABLE,
                           code="invalid_state")  # fmt: skip
        leavers = _leavers(found, serializer.validated_data["missing_staff"])
        try:
            outcome = upload_apply(upload=found, actor=request.user, leavers=leavers,
                                   accept_warnings=serializer.validated_data["accept_warnings"])  # fmt: skip
        except DjangoValidationError as problem:
            if problem.code == "warnings":
                raise RulesRejected([error(code="warnings_not_accepted", field="accept_warnings",
                                           message=problem.messages[0])]) from None  # fmt: skip
            raise Conflict(detail=problem.messages[0], code="invalid_state") from None
        if not outcome.applied:  # the new report is saved: answer without rolling the request back
            return Response({"errors": [error(code="upload_changed", message=outcome.message)]}, status=409)
        found.refresh_from_db()
        found.exit_surveys = [exit_survey_data(offer, request) for offer in exit_offers(
            organisation=found.organisation, round=found.round)] if outcome_left(found) else []  # fmt: skip
        return Response(self.OutputSerializer(found, context={"request": request}).data)
