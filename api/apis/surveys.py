"""A provider's own staff-survey results, only through the anonymity rules (at least 10 responses; never free text,
the exploitation question or demographics)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from providers import access
from surveys.access import access_campaign
from surveys.results import provider_view
from surveys.selectors import campaign_list_for_organisation


class SurveyListApi(APIView):
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        kind = serializers.CharField(help_text="satisfaction or exit")
        workplace = serializers.IntegerField(source="workplace_id")
        round = serializers.SlugField(source="round.slug")
        is_open = serializers.BooleanField()
        band = serializers.CharField(help_text='Responses as a band: "0", "1–9" or "10+" (never the exact count)')

    @extend_schema(responses=OutputSerializer(many=True), summary="Your workplaces' staff surveys")
    def get(self, request, org: str):
        organisation = access.access_organisation(request.user, org)
        campaigns = campaign_list_for_organisation(organisation=organisation)
        return Response(self.OutputSerializer(campaigns, many=True).data)


class SurveyResultsApi(APIView):
    class OutputSerializer(serializers.Serializer):
        class IndicatorSerializer(serializers.Serializer):
            name = serializers.CharField()
            label = serializers.CharField()
            value = serializers.CharField()
            base = serializers.IntegerField(allow_null=True, help_text="How many answers the value rests on")

        shown = serializers.BooleanField(help_text="False until at least 10 people have answered")
        band = serializers.CharField()
        responses = serializers.IntegerField(allow_null=True, help_text="Only when shown")
        message = serializers.CharField(allow_blank=True)
        indicators = IndicatorSerializer(many=True)

    @extend_schema(responses=OutputSerializer, summary="Results of one of your staff surveys")
    def get(self, request, org: str, campaign: int):
        _, found = access_campaign(request.user, org, campaign)
        results, rows = provider_view(found)
        body = {"shown": results.shown, "band": results.band, "responses": results.responses if results.shown else None,
                "message": results.message, "indicators": rows}  # fmt: skip
        return Response(self.OutputSerializer(body).data)
