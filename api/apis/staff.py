"""Staff records of one return: list (filtered, paginated), read, create, update, remove, and bulk create/update."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from api import selectors
from api.access import access_editable_return
from api.apis.exit_surveys import ExitSurveySerializer, exit_survey_data
from api.apis.fields import IssueSerializer, StaffRecordInputFields, StaffRecordOutputFields
from api.exceptions import issue_errors
from api.pagination import Pagination, paginated_response
from api.services import BULK_MAX, staff_record_bulk_save
from collection import services
from collection.access import access_staff_record, access_workplace_round
from collection.models import ChangeRecord
from surveys.selectors import exit_offers


class StaffRecordListApi(APIView):
    pagination_class = Pagination

    class FilterSerializer(serializers.Serializer):
        job_role = serializers.CharField(required=False, max_length=10, help_text="ASC-WDS job role code")
        contract_type = serializers.CharField(required=False, max_length=10, help_text="ASC-WDS contract type code")
        search = serializers.CharField(required=False, max_length=50, help_text="Start of the staff reference")

    class OutputSerializer(StaffRecordOutputFields):
        pass

    @extend_schema(parameters=[FilterSerializer], responses=OutputSerializer(many=True), summary="Staff records")
    def get(self, request, org: str, workplace: int, round: str):
        _, place, round_ = access_workplace_round(request.user, org=org, workplace=workplace, round_slug=round)
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        found = selectors.return_find(workplace=place, round_=round_)
        records = selectors.staff_record_list(workforce_return=found, **filters.validated_data)
        return paginated_response(serializer_class=self.OutputSerializer, queryset=records, request=request, view=self)


class StaffRecordDetailApi(APIView):
    class OutputSerializer(StaffRecordOutputFields):
        pass

    @extend_schema(responses=OutputSerializer, summary="One staff record")
    def get(self, request, org: str, workplace: int, round: str, record: int):
        _, place, round_ = access_workplace_round(request.user, org=org, workplace=workplace, round_slug=round)
        found = selectors.return_find(workplace=place, round_=round_)
        if found is None:
            raise Http404("No such staff record")
        found = access_staff_record(found, record)
        return Response(self.OutputSerializer(found).data)


def _with_warnings(record, workforce_return) -> dict:
    """The saved record and the warnings the rules still raise for it (the API accepts warnings)."""
    warnings = issue_errors(selectors.staff_record_warnings(record=record, workforce_return=workforce_return))
    return {"record": record, "warnings": warnings}


class StaffRecordCreateApi(APIView):
    class InputSerializer(StaffRecordInputFields):
        pass

    class OutputSerializer(serializers.Serializer):
        record = StaffRecordOutputFields()
        warnings = IssueSerializer(many=True, help_text="Accepted warnings, in the error shape")

    @extend_schema(request=InputSerializer, responses={201: OutputSerializer}, summary="Add a staff record")
    def post(self, request, org: str, workplace: int, round: str):
        found = access_editable_return(request.user, org=org, workplace=workplace, round_slug=round)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        record = services.staff_record_create(workforce_return=found, actor=request.user, confirm_warnings=True,
                                              data=serializer.validated_data, source=ChangeRecord.Source.API)
        return Response(self.OutputSerializer(_with_warnings(record, found)).data, status=201)


class StaffRecordUpdateApi(APIView):
    class InputSerializer(StaffRecordInputFields):
        local_ref = serializers.CharField(required=False, max_length=200, help_text="Leave out to keep it")
        version = serializers.IntegerField(help_text="The version you read; a stale one gives 409 edit_conflict")

    class OutputSerializer(serializers.Serializer):
        record = StaffRecordOutputFields()
        warnings = IssueSerializer(many=True)

    @extend_schema(request=InputSerializer, responses=OutputSerializer, summary="Change a staff record")
    def post(self, request, org: str, workplace: int, round: str, record: int):
        found = access_editable_return(request.user, org=org, workplace=workplace, round_slug=round)
        current = access_staff_record(found, record)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = {"local_ref": current.local_ref, **serializer.validated_data}
        updated = services.staff_record_update(record=current, actor=request.user, version=data.pop("version", None),
                                               data=data, confirm_warnings=True, source=ChangeRecord.Source.API)
        return Response(self.OutputSerializer(_with_warnings(updated, found)).data)


class StaffRecordDeleteApi(APIView):
    class InputSerializer(serializers.Serializer):
        leaving_reason = serializers.CharField(max_length=10, help_text="ASC-WDS worker leave reason code")
        left_on = serializers.DateField(required=False, allow_null=True, help_text="Defaults to today")
        version = serializers.IntegerField(required=False, allow_null=True)

    class OutputSerializer(StaffRecordOutputFields):
        left_on = serializers.DateField()
        leaving_reason = serializers.CharField()
        exit_survey = ExitSurveySerializer(
            allow_null=True, help_text="The workplace's exit-survey link for this round, to offer the person who "
            "left (the same for every leaver of the workplace and round; not linked to the staff record)",
        )  # fmt: skip

    @extend_schema(request=InputSerializer, responses=OutputSerializer, summary="Remove a worker who has left")
    def post(self, request, org: str, workplace: int, round: str, record: int):
        found = access_editable_return(request.user, org=org, workplace=workplace, round_slug=round)
        current = access_staff_record(found, record)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        removed = services.staff_record_remove(record=current, actor=request.user, source=ChangeRecord.Source.API,
                                               **serializer.validated_data)
        offers = exit_offers(organisation=found.workplace.organisation, round=found.round,
                             workplace_ids={found.workplace_id})  # fmt: skip
        removed.exit_survey = exit_survey_data(offers[0], request) if offers else None
        return Response(self.OutputSerializer(removed).data)


class StaffRecordBulkApi(APIView):
    class InputSerializer(serializers.Serializer):
        class RecordSerializer(StaffRecordInputFields):
            version = serializers.IntegerField(required=False, allow_null=True,
                                               help_text="For an update: the version you read")

        records = RecordSerializer(many=True, allow_empty=False, max_length=BULK_MAX)

    class OutputSerializer(serializers.Serializer):
        created = serializers.IntegerField()
        updated = serializers.IntegerField()
        warnings = IssueSerializer(many=True, help_text="Accepted warnings; `index` is the record's position")

    @extend_schema(request=InputSerializer, responses=OutputSerializer,
                   summary="Create or update up to 1,000 staff records at once (all or nothing)")
    def post(self, request, org: str, workplace: int, round: str):
        found = access_editable_return(request.user, org=org, workplace=workplace, round_slug=round)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = staff_record_bulk_save(workforce_return=found, actor=request.user,
                                        records=serializer.validated_data["records"])
        body = {"created": len(result.created), "updated": len(result.updated), "warnings": result.warnings}
        return Response(self.OutputSerializer(body).data)
