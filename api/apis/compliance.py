"""Compliance statuses: a provider's own, and a council's for every contracted unit in a round (for officers)."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from api.models import ApiToken
from compliance import access as compliance_access
from compliance.selectors import desk_rows, organisation_compliance, rounds_for_council
from config import clock
from providers import access


class ComplianceRowFields(serializers.Serializer):
    """One unit: a contract requirement for one workplace (or, for an individual employer, the organisation)."""

    council = serializers.SlugField(source="unit.council.slug")
    organisation = serializers.SlugField(source="unit.organisation.slug")
    workplace = serializers.IntegerField(source="unit.workplace.pk", allow_null=True)
    place_name = serializers.CharField(source="unit.place_name")
    round = serializers.SlugField(source="unit.round.slug")
    requirement = serializers.CharField(source="unit.requirement.kind")
    contract = serializers.CharField(source="unit.contract.reference")
    status = serializers.CharField(
        source="status_value",
        help_text=(
            "not_due, due, overdue, escalated, complied, complied_late, extended, exempt, not_received (individual "
            "employers after the due date: optional, never overdue) or not_assessable"
        ),
    )
    due_date = serializers.DateField(allow_null=True)
    completeness_percent = serializers.IntegerField(source="percent", allow_null=True)
    reason = serializers.CharField(source="result.reason", allow_null=True)


class OrganisationComplianceApi(APIView):
    class OutputSerializer(ComplianceRowFields):
        pass

    @extend_schema(responses=OutputSerializer(many=True), summary="Your organisation's compliance with its contracts")
    def get(self, request, org: str):
        organisation = access.access_organisation(request.user, org)
        found = organisation_compliance(organisation=organisation, today=clock.today(), with_messages=False)
        return Response(self.OutputSerializer(found["rows"], many=True).data)


class CouncilListApi(APIView):
    class OutputSerializer(serializers.Serializer):
        slug = serializers.SlugField()
        name = serializers.CharField()

    @extend_schema(responses=OutputSerializer(many=True), summary="The councils you work for")
    def get(self, request):
        councils = access.councils_for(request.user)
        if isinstance(request.auth, ApiToken):  # a token sees only the council it belongs to
            councils = councils.filter(pk=request.auth.council_id)
        return Response(self.OutputSerializer(councils, many=True).data)


class CouncilComplianceApi(APIView):
    class FilterSerializer(serializers.Serializer):
        status = serializers.CharField(required=False, max_length=20, help_text="Only units with this status")

    class OutputSerializer(ComplianceRowFields):
        pass

    @extend_schema(parameters=[FilterSerializer], responses=OutputSerializer(many=True),
                   summary="Every contracted unit's compliance in a round (contract officers and council admins)")
    def get(self, request, council: str, round: str):
        found = compliance_access.access_desk(request.user, council)
        round_ = rounds_for_council(found).filter(slug=round).first()
        if round_ is None:
            raise Http404("No such round")
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        rows = desk_rows(council=found, round=round_, today=clock.today(), filters=filters.validated_data)
        return Response(self.OutputSerializer(rows, many=True).data)
