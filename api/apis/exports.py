"""Analyst workbooks for a council's analysts and council admins: request one (a round's current release, or an
ad-hoc extract of chosen fixed tables), follow it, download it."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from api.exceptions import Conflict
from exports import access
from exports.extracts import MAX_TABLES, in_catalogue_order, table_choices
from exports.models import ExportFile
from exports.selectors import export_list
from exports.services import export_download, export_request, extract_request

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NOT_READY = "The workbook is not ready yet: follow its status until it is"


class ExportStatusFields(serializers.Serializer):
    id = serializers.IntegerField()
    round = serializers.SlugField(source="round.slug")
    kind = serializers.CharField()
    status = serializers.CharField(help_text="queued, running, ready, failed, waiting (no release yet) or refused "
                                             "(an extract that would let hidden figures be worked out)")
    progress = serializers.IntegerField(help_text="Per cent done")
    message = serializers.CharField(source="progress_message", allow_blank=True)
    file_name = serializers.CharField(allow_blank=True)
    size = serializers.IntegerField(help_text="Bytes")
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    tables = serializers.ListField(child=serializers.CharField(), help_text="An extract's chosen tables")
    reason = serializers.SerializerMethodField(help_text="Why an extract was not made (refused), else blank")

    def get_reason(self, obj) -> str:
        return obj.error if obj.status == ExportFile.Status.REFUSED else ""


class ExportListApi(APIView):
    class OutputSerializer(ExportStatusFields):
        pass

    @extend_schema(responses=OutputSerializer(many=True), summary="The council's workbooks, newest first")
    def get(self, request, council: str):
        found = access.access_export_council(request.user, council)
        return Response(self.OutputSerializer(export_list(council=found), many=True).data)


class ExportCreateApi(APIView):
    class InputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=[ExportFile.Kind.WORKFORCE], default=ExportFile.Kind.WORKFORCE)

    class OutputSerializer(ExportStatusFields):
        pass

    @extend_schema(request=InputSerializer, responses={202: OutputSerializer},
                   summary="Ask for a workbook for a round (asking again while it is being made returns the same one)")
    def post(self, request, council: str, round: str):
        found = access.access_export_council(request.user, council)
        round_ = access.access_round(found, round)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        export, _ = export_request(user=request.user, council=found, collection_round=round_, **serializer.validated_data)
        return Response(self.OutputSerializer(export).data, status=202)


class ExtractCreateApi(APIView):
    class InputSerializer(serializers.Serializer):
        tables = serializers.ListField(
            child=serializers.ChoiceField(choices=[]), min_length=1, max_length=MAX_TABLES,
            help_text="Keys of the fixed tables to include (see the choices); nothing else can be filtered")

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.fields["tables"].child.choices = [key for key, _ in table_choices()]

    class OutputSerializer(ExportStatusFields):
        pass

    @extend_schema(request=InputSerializer, responses={202: OutputSerializer},
                   summary="Ask for an ad-hoc extract of chosen fixed tables for a round (audited with every "
                           "release and extract of the round; refused when it cannot be made safe)")
    def post(self, request, council: str, round: str):
        found = access.access_export_council(request.user, council)
        round_ = access.access_round(found, round)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        export, _ = extract_request(user=request.user, council=found, collection_round=round_,
                                    tables=in_catalogue_order(serializer.validated_data["tables"]))
        return Response(self.OutputSerializer(export).data, status=202)


class ExportDetailApi(APIView):
    class OutputSerializer(ExportStatusFields):
        pass

    @extend_schema(responses=OutputSerializer, summary="A workbook's status")
    def get(self, request, council: str, export: int):
        found = access.access_export(request.user, council, export)
        return Response(self.OutputSerializer(found).data)


class JsonErrorsNegotiation(BaseContentNegotiation):
    """The file itself is a plain response; anything DRF renders here (an error) is JSON, whatever Accept says."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ExportDownloadApi(APIView):
    content_negotiation_class = JsonErrorsNegotiation
    renderer_classes = [JSONRenderer]

    @extend_schema(responses={(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description="The workbook"),
                              409: OpenApiResponse(description=NOT_READY)},
                   summary="Download a ready workbook (every download is logged)")
    def get(self, request, council: str, export: int):
        found = access.access_export(request.user, council, export)
        if found.status != ExportFile.Status.READY:
            raise Conflict(detail=NOT_READY, code="invalid_state")
        ready = export_download(user=request.user, export=found)
        response = HttpResponse(bytes(ready.content), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{ready.file_name}"'
        return response

