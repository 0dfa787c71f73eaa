"""A provider's ASC-WDS bulk uploads (made on the web pages): their state, for systems that follow them."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from providers import access
from uploads.selectors import upload_list


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
