"""Fields shared by the output serializers of returns and staff records (one place for the ASC-WDS names)."""

from __future__ import annotations

from decimal import Decimal

from rest_framework import serializers

CODE = {"allow_blank": True}
TEXT = {"required": False, "allow_blank": True, "allow_null": True, "max_length": 10}
OPTIONAL = {"required": False}


class StaffRecordOutputFields(serializers.Serializer):
    """Output fields of a staff record, named as in `collection.rules.records.StaffRecordData` (codes as strings)."""

    id = serializers.IntegerField()
    local_ref = serializers.CharField(help_text="Your own staff reference (UNIQUEWORKERID)")
    job_role = serializers.CharField(**CODE)
    job_role_other = serializers.CharField(**CODE)
    contract_type = serializers.CharField(**CODE)
    zero_hours = serializers.CharField(**CODE)
    contracted_hours = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    average_hours = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    pay_interval = serializers.CharField(**CODE)
    pay_rate = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    gender = serializers.CharField(**CODE)
    ethnicity = serializers.CharField(**CODE)
    nationality = serializers.CharField(**CODE)
    disability = serializers.CharField(**CODE)
    birth_year = serializers.IntegerField(allow_null=True)
    start_date = serializers.DateField(allow_null=True)
    year_started_in_sector = serializers.IntegerField(allow_null=True)
    recruitment_source = serializers.CharField(**CODE)
    sickness_days = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    care_certificate = serializers.CharField(**CODE)
    social_care_qualification = serializers.CharField(**CODE)
    social_care_level = serializers.CharField(**CODE)
    other_qualification = serializers.CharField(**CODE)
    other_qualification_level = serializers.CharField(**CODE)
    apprenticeship = serializers.CharField(**CODE)
    health_care_visa = serializers.CharField(**CODE)
    country_of_birth = serializers.CharField(**CODE)
    carried_forward = serializers.BooleanField()
    confirmed = serializers.BooleanField()
    version = serializers.IntegerField(help_text="Send it back with an update; a stale version gives 409")
    updated_at = serializers.DateTimeField()


class PlainDecimalField(serializers.DecimalField):
    """A decimal written with the stored number of places when that loses nothing (13 -> 13.00, 37.50 -> 37.5), and
    kept as sent otherwise, so the rules judge its precision (e.g. `hours_not_half_hour`) instead of this field
    rounding it."""

    def __init__(self, *, places: int, **kwargs):
        self.places = places
        super().__init__(max_digits=12, decimal_places=4, **kwargs)

    def quantize(self, value: Decimal) -> Decimal:
        stored = value.quantize(Decimal(10) ** -self.places)
        return stored if stored == value else value


class StaffRecordInputFields(serializers.Serializer):
    """Input fields of a staff record. Shape only (types and lengths): the rules check the codes and the rest, so
    the API reports the same codes as the web form and the upload. Leave a field out, or send null, for 'not
    answered'."""

    local_ref = serializers.CharField(allow_blank=True, max_length=200)
    job_role = serializers.CharField(**TEXT)
    job_role_other = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=500)
    contract_type = serializers.CharField(**TEXT)
    zero_hours = serializers.CharField(**TEXT)
    contracted_hours = PlainDecimalField(places=1, allow_null=True, **OPTIONAL)
    average_hours = PlainDecimalField(places=1, allow_null=True, **OPTIONAL)
    pay_interval = serializers.CharField(**TEXT)
    pay_rate = PlainDecimalField(places=2, allow_null=True, **OPTIONAL)
    gender = serializers.CharField(**TEXT)
    ethnicity = serializers.CharField(**TEXT)
    nationality = serializers.CharField(**TEXT)
    disability = serializers.CharField(**TEXT)
    birth_year = serializers.IntegerField(min_value=1900, max_value=2100, allow_null=True, **OPTIONAL)
    start_date = serializers.DateField(allow_null=True, **OPTIONAL)
    year_started_in_sector = serializers.IntegerField(min_value=1900, max_value=2100, allow_null=True, **OPTIONAL)
    recruitment_source = serializers.CharField(**TEXT)
    sickness_days = PlainDecimalField(places=1, allow_null=True, **OPTIONAL)
    care_certificate = serializers.CharField(**TEXT)
    social_care_qualification = serializers.CharField(**TEXT)
    social_care_level = serializers.CharField(**TEXT)
    other_qualification = serializers.CharField(**TEXT)
    other_qualification_level = serializers.CharField(**TEXT)
    apprenticeship = serializers.CharField(**TEXT)
    health_care_visa = serializers.CharField(**TEXT)
    country_of_birth = serializers.CharField(**TEXT)


class IssueSerializer(serializers.Serializer):
    """One problem, in the same shape as an error (warnings are returned with a saved record)."""

    code = serializers.CharField()
    message = serializers.CharField()
    field = serializers.CharField(allow_null=True)
    index = serializers.IntegerField(allow_null=True)
