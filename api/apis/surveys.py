"""Staff-survey results, only through the anonymity rules. Providers: their own workplace's results (at least
`MIN_RESPONSES` responses; never free text, the exploitation question or demographics). Councils: the same results,
thresholds and joint suppression as the web page (`surveys.selectors.council_results`) for analysts and council
admins, and the response band of each contracted workplace (never an exact count) for every council role.

Results are as last released (`released_on`), never live; numbers of respondents are rounded to 5."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from providers import access
from surveys.access import ALL_COUNCIL_ROLES, RESULTS_ROLES, access_campaign
from surveys.models import Kind
from surveys.results import provider_view
from surveys.rules.suppression import BAND_ENOUGH, BAND_FEW, BAND_NONE, BASE_ROUNDING, MIN_RESPONSES
from surveys.selectors import (
    campaign_list_for_organisation,
    council_results,
    rounds_for_council,
    workplace_response_bands,
)

BANDS_HELP = f'Responses as a band: "{BAND_NONE}", "{BAND_FEW}" or "{BAND_ENOUGH}" (never the exact count)'
SHOWN_HELP = f"False until at least {MIN_RESPONSES} people's answers have been released"
ROUNDED = f"rounded to the nearest {BASE_ROUNDING}"


class SurveyListApi(APIView):
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        kind = serializers.CharField(help_text="satisfaction or exit")
        workplace = serializers.IntegerField(source="workplace_id")
        round = serializers.SlugField(source="round.slug")
        is_open = serializers.BooleanField()
        band = serializers.CharField(help_text=BANDS_HELP)

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
            base = serializers.IntegerField(allow_null=True, help_text=f"How many answers the value rests on, {ROUNDED}")

        shown = serializers.BooleanField(help_text=SHOWN_HELP)
        band = serializers.CharField(help_text="The released responses as a band")
        responses = serializers.IntegerField(allow_null=True, help_text=f"Only when shown, {ROUNDED}")
        released_on = serializers.DateField(allow_null=True, help_text="When these results were released")
        message = serializers.CharField(allow_blank=True)
        indicators = IndicatorSerializer(many=True)

    @extend_schema(responses=OutputSerializer, summary="Results of one of your staff surveys")
    def get(self, request, org: str, campaign: int):
        _, found = access_campaign(request.user, org, campaign)
        view, rows = provider_view(found)
        body = {"shown": view.results.shown, "band": view.results.band, "responses": view.responses,
                "released_on": view.released_on, "message": view.results.message, "indicators": rows}  # fmt: skip
        return Response(self.OutputSerializer(body).data)


def _council_round(user, council: str, round: str, *, roles):
    found = access.access_council(user, council, roles=roles)
    round_ = rounds_for_council(found).filter(slug=round).first()
    if round_ is None:
        raise Http404("No such round")
    return found, round_


class CouncilSurveyResultsApi(APIView):
    class FilterSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=Kind.values, default=Kind.SATISFACTION, help_text="satisfaction or exit")

    class OutputSerializer(serializers.Serializer):
        class HeadlineSerializer(serializers.Serializer):
            name = serializers.CharField()
            label = serializers.CharField()
            value = serializers.CharField(help_text='"Not shown" when it rests on too few answers, or could reveal a hidden one')
            base = serializers.IntegerField(allow_null=True, help_text=f"How many answers the value rests on, {ROUNDED}")

        class ShareListSerializer(serializers.Serializer):
            class ShareSerializer(serializers.Serializer):
                answer = serializers.CharField()
                share = serializers.CharField()

            title = serializers.CharField()
            items = ShareSerializer(many=True)

        class BreakdownSerializer(serializers.Serializer):
            class GroupSerializer(serializers.Serializer):
                name = serializers.CharField()
                responses = serializers.IntegerField(allow_null=True, help_text=f"Null when hidden; else {ROUNDED}")

            class MeasureSerializer(serializers.Serializer):
                measure = serializers.CharField()
                values = serializers.ListField(child=serializers.CharField(), help_text="One per group, in order")

            title = serializers.CharField(help_text="Service type, District or Channel")
            groups = GroupSerializer(many=True)
            rows = MeasureSerializer(many=True)

        kind = serializers.CharField()
        round = serializers.SlugField()
        shown = serializers.BooleanField(help_text=SHOWN_HELP)
        responses = serializers.IntegerField(allow_null=True, help_text=f"Only when shown, {ROUNDED}")
        released_on = serializers.DateField(allow_null=True, help_text="When the latest results in scope were released")
        headline = HeadlineSerializer(many=True)
        shares = ShareListSerializer(many=True)
        breakdowns = BreakdownSerializer(many=True)

    @extend_schema(parameters=[FilterSerializer], responses=OutputSerializer,
                   summary="The council's survey results for a round (analysts and council admins)")  # fmt: skip
    def get(self, request, council: str, round: str):
        found, round_ = _council_round(request.user, council, round, roles=RESULTS_ROLES)
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        results = council_results(council=found, round=round_, kind=filters.validated_data["kind"])
        return Response(self.OutputSerializer(_council_body(results, round_)).data)


def _council_body(results, round_) -> dict:
    """`CouncilResults` as the API shows it: the same figures as the web page, sizes as numbers (null if hidden)."""
    headline = [vars(row) for row in results.headline]
    shares = [{"title": title, "items": [{"answer": a, "share": s} for a, s in items]} for title, items in results.shares]
    breakdowns = [
        {
            "title": b.title,
            "groups": [
                {"name": group, "responses": int(size) if size.isdigit() else None}
                for group, size in zip(b.groups, b.sizes, strict=True)
            ],
            "rows": [{"measure": label, "values": values} for label, values in b.rows],
        }
        for b in results.breakdowns
    ]
    return {"kind": results.kind, "round": round_.slug, "shown": results.shown,
            "responses": results.responses if results.shown else None, "released_on": results.released_on,
            "headline": headline, "shares": shares, "breakdowns": breakdowns}  # fmt: skip


class CouncilSurveyWorkplacesApi(APIView):
    class OutputSerializer(serializers.Serializer):
        class CampaignSerializer(serializers.Serializer):
            id = serializers.IntegerField()
            kind = serializers.CharField(help_text="satisfaction or exit")
            band = serializers.CharField(help_text=BANDS_HELP)
            invited_count = serializers.IntegerField(allow_null=True, help_text="How many staff got the link")
            distributed_on = serializers.DateField(allow_null=True)
            is_open = serializers.BooleanField()

        workplace = serializers.IntegerField(source="workplace.pk")
        name = serializers.CharField(source="workplace.name")
        organisation = serializers.SlugField(source="workplace.organisation.slug")
        organisation_name = serializers.CharField(source="workplace.organisation.name")
        surveys = CampaignSerializer(many=True, source="campaigns")

    @extend_schema(responses=OutputSerializer(many=True),
                   summary="Each contracted workplace's survey response bands in a round (all council staff)")  # fmt: skip
    def get(self, request, council: str, round: str):
        found, round_ = _council_round(request.user, council, round, roles=ALL_COUNCIL_ROLES)
        rows = workplace_response_bands(council=found, round=round_)
        return Response(self.OutputSerializer(rows, many=True).data)
