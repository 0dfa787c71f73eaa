"""Workforce returns of one workplace: read them, update the staff numbers and pay sections, submit."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from api import selectors
from api.access import access_editable_return
from collection import services
from collection.access import access_workplace_round
from collection.models import ChangeRecord
from providers import access

DECLARED = "with_jobs, none or dont_know"


class ReturnOutputFields(serializers.Serializer):
    class JobRoleCountSerializer(serializers.Serializer):
        job_role = serializers.CharField()
        starters = serializers.IntegerField()
        leavers = serializers.IntegerField()
        vacancies = serializers.IntegerField()

    class LeaverReasonSerializer(serializers.Serializer):
        reason = serializers.CharField()
        count = serializers.IntegerField()

    id = serializers.IntegerField(allow_null=True, help_text="Null until something has been entered")
    workplace = serializers.IntegerField(source="workplace_id")
    round = serializers.SlugField(source="round.slug")
    state = serializers.CharField(help_text="not_started, in_progress, submitted, returned or accepted")
    version = serializers.IntegerField(help_text="Send it back with an update; a stale version gives 409")
    completeness_percent = serializers.IntegerField(
        source="progress_percent", allow_null=True, help_text="Task progress (same as progress_percent; kept for "
        "existing clients)"
    )
    progress_percent = serializers.IntegerField(allow_null=True, help_text="Task progress: 100 only when complete")
    records_complete_percent = serializers.IntegerField(
        allow_null=True, help_text="Share of staff records complete on the key fields (what a contract's threshold "
        "is about); null with no staff records"
    )
    is_complete = serializers.BooleanField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    submission_reference = serializers.CharField(allow_blank=True)
    review_comment = serializers.CharField(allow_blank=True)
    staff_record_count = serializers.IntegerField()
    total_staff = serializers.IntegerField(allow_null=True)
    starters_declared = serializers.CharField(allow_blank=True)
    leavers_declared = serializers.CharField(allow_blank=True)
    vacancies_declared = serializers.CharField(allow_blank=True)
    sick_pay = serializers.CharField(allow_blank=True)
    pension = serializers.CharField(allow_blank=True)
    pension_percentage = serializers.DecimalField(max_digits=6, decimal_places=3, allow_null=True)
    holiday_days = serializers.IntegerField(allow_null=True)
    sleep_ins = serializers.CharField(allow_blank=True)
    sleep_in_pay = serializers.CharField(allow_blank=True)
    travel_time_pay = serializers.CharField(allow_blank=True)
    travel_time_rate = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)


class ReturnListApi(APIView):
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        round = serializers.SlugField(source="round.slug")
        state = serializers.CharField()
        version = serializers.IntegerField()
        completeness_percent = serializers.IntegerField(source="progress_percent", allow_null=True)
        progress_percent = serializers.IntegerField(allow_null=True)
        records_complete_percent = serializers.IntegerField(allow_null=True)
        is_complete = serializers.BooleanField()
        submitted_at = serializers.DateTimeField(allow_null=True)
        staff_record_count = serializers.IntegerField()

    @extend_schema(responses=OutputSerializer(many=True), summary="A workplace's returns (started ones)")
    def get(self, request, org: str, workplace: int):
        organisation = access.access_organisation(request.user, org)
        place = access.access_workplace(request.user, workplace, organisation=organisation)
        returns = selectors.return_list(workplace=place)
        return Response(self.OutputSerializer(returns, many=True).data)


class ReturnDetailApi(APIView):
    class OutputSerializer(ReturnOutputFields):
        job_roles = ReturnOutputFields.JobRoleCountSerializer(source="job_role_list", many=True)
        leaver_reasons = ReturnOutputFields.LeaverReasonSerializer(source="leaver_reason_list", many=True)

    @extend_schema(responses=OutputSerializer, summary="A workplace's return for a round")
    def get(self, request, org: str, workplace: int, round: str):
        _, place, round_ = access_workplace_round(request.user, org=org, workplace=workplace, round_slug=round)
        found = selectors.return_get(workplace=place, round_=round_)
        return Response(self.OutputSerializer(found).data)


def _detail(workplace, round_) -> Response:
    return Response(ReturnDetailApi.OutputSerializer(selectors.return_get(workplace=workplace, round_=round_)).data)


class ReturnNumbersUpdateApi(APIView):
    class InputSerializer(serializers.Serializer):
        class JobRoleCountSerializer(serializers.Serializer):
            job_role = serializers.CharField(max_length=10)
            starters = serializers.IntegerField(min_value=0, max_value=32767, default=0)
            leavers = serializers.IntegerField(min_value=0, max_value=32767, default=0)
            vacancies = serializers.IntegerField(min_value=0, max_value=32767, default=0)

        class LeaverReasonSerializer(serializers.Serializer):
            reason = serializers.CharField(max_length=10)
            count = serializers.IntegerField(min_value=0, max_value=32767)

        total_staff = serializers.IntegerField(min_value=0, max_value=99999, allow_null=True)
        starters_declared = serializers.CharField(max_length=12, allow_blank=True, help_text=DECLARED)
        leavers_declared = serializers.CharField(max_length=12, allow_blank=True, help_text=DECLARED)
        vacancies_declared = serializers.CharField(max_length=12, allow_blank=True, help_text=DECLARED)
        job_roles = JobRoleCountSerializer(many=True, required=False, default=list, max_length=200)
        leaver_reasons = LeaverReasonSerializer(many=True, required=False, default=list, max_length=200)
        version = serializers.IntegerField(required=False, allow_null=True, help_text="The return version you read")

        def validate_job_roles(self, rows):
            return _unique(rows, key="job_role", code="job_role_repeated")

        def validate_leaver_reasons(self, rows):
            return _unique(rows, key="reason", code="invalid")

    @extend_schema(request=InputSerializer, responses=ReturnDetailApi.OutputSerializer,
                   summary="Replace staff numbers, starters, leavers, vacancies and leaver reasons")
    def post(self, request, org: str, workplace: int, round: str):
        found = access_editable_return(request.user, org=org, workplace=workplace, round_slug=round)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data["job_roles"] = {row.pop("job_role"): row for row in map(dict, data["job_roles"])}
        data["leaver_reasons"] = {row["reason"]: row["count"] for row in data["leaver_reasons"]}
        services.return_numbers_update(workforce_return=found, actor=request.user, confirm_warnings=True,
                                       source=ChangeRecord.Source.API, **data)
        return _detail(found.workplace, found.round)


class ReturnPayUpdateApi(APIView):
    class InputSerializer(serializers.Serializer):
        sick_pay = serializers.CharField(max_length=10, required=False, allow_blank=True)
        pension = serializers.CharField(max_length=10, required=False, allow_blank=True)
        pension_percentage = serializers.DecimalField(max_digits=6, decimal_places=3, required=False, allow_null=True)
        holiday_days = serializers.IntegerField(min_value=0, max_value=32767, required=False, allow_null=True)
        sleep_ins = serializers.CharField(max_length=10, required=False, allow_blank=True)
        sleep_in_pay = serializers.CharField(max_length=10, required=False, allow_blank=True)
        travel_time_pay = serializers.CharField(max_length=10, required=False, allow_blank=True)
        travel_time_rate = serializers.DecimalField(max_digits=6, decimal_places=2, required=False, allow_null=True)
        version = serializers.IntegerField(required=False, allow_null=True, help_text="The return version you read")

    @extend_schema(request=InputSerializer, responses=ReturnDetailApi.OutputSerializer,
                   summary="Update pay and conditions (fields left out keep their value)")
    def post(self, request, org: str, workplace: int, round: str):
        found = access_editable_return(request.user, org=org, workplace=workplace, round_slug=round)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        services.return_pay_update(workforce_return=found, actor=request.user, version=data.pop("version", None),
                                   data=data, confirm_warnings=True, source=ChangeRecord.Source.API)
        return _detail(found.workplace, found.round)


class ReturnSubmitApi(APIView):
    @extend_schema(request=None, responses=ReturnDetailApi.OutputSerializer, summary="Submit the return")
    def post(self, request, org: str, workplace: int, round: str):
        found = access_editable_return(request.user, org=org, workplace=workplace, round_slug=round)
        services.return_submit(workforce_return=found, actor=request.user, source=ChangeRecord.Source.API)
        return _detail(found.workplace, found.round)


def _unique(rows: list, *, key: str, code: str) -> list:
    seen = [row[key] for row in rows]
    repeated = sorted({value for value in seen if seen.count(value) > 1})
    if repeated:
        raise serializers.ValidationError(f"{key.replace('_', ' ').capitalize()} {', '.join(repeated)} appears more "
                                          "than once", code=code)
    return rows
