"""Organisations and workplaces the caller belongs to."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from api import selectors
from api.models import ApiToken
from providers import access


class OrganisationListApi(APIView):
    class OutputSerializer(serializers.Serializer):
        slug = serializers.SlugField()
        name = serializers.CharField()
        kind = serializers.CharField(help_text="provider, micro_employer or individual_employer")
        role = serializers.CharField(help_text="Your role: admin, editor or viewer")

    @extend_schema(responses=OutputSerializer(many=True), summary="Your organisations")
    def get(self, request):
        organisations = selectors.organisation_list(user=request.user)
        if isinstance(request.auth, ApiToken):  # a token sees only the organisation it belongs to
            organisations = organisations.filter(pk=request.auth.organisation_id)
        return Response(self.OutputSerializer(organisations, many=True).data)


class WorkplaceListApi(APIView):
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        name = serializers.CharField()
        local_ref = serializers.CharField(help_text="Your own reference (LOCALESTID)")
        postcode = serializers.CharField()
        is_cqc_regulated = serializers.BooleanField(allow_null=True)
        cqc_location_id = serializers.CharField()
        main_service = serializers.CharField(help_text="ASC-WDS main service code")
        capacity = serializers.IntegerField(allow_null=True)
        utilisation = serializers.IntegerField(allow_null=True)

    @extend_schema(responses=OutputSerializer(many=True), summary="Workplaces of one of your organisations")
    def get(self, request, org: str):
        organisation = access.access_organisation(request.user, org)
        workplaces = selectors.workplace_list(organisation=organisation)
        return Response(self.OutputSerializer(workplaces, many=True).data)


class RoundListApi(APIView):
    class OutputSerializer(serializers.Serializer):
        slug = serializers.SlugField()
        name = serializers.CharField()
        snapshot_date = serializers.DateField()
        window_opens = serializers.DateField()
        due_date = serializers.DateField()
        closes = serializers.DateField()

    @extend_schema(responses=OutputSerializer(many=True), summary="Collection rounds your organisation takes part in")
    def get(self, request, org: str):
        organisation = access.access_organisation(request.user, org)
        rounds = selectors.round_list(organisation=organisation)
        return Response(self.OutputSerializer(rounds, many=True).data)
