"""The history of changes in words: "Job role: Employment support → Care worker", never "job_role 10 → 8".

The audit trail (`collection.audit`) stores field names and stored values (codes, ISO dates) so that it stays exact;
this module is the one place that turns a stored change into what a person reads on the history page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import formats

from collection.models import ChangeRecord, WorkforceReturn
from providers.reference import labels

# field -> (what the person reads, the ASC-WDS code list its values come from, if any)
FIELDS: dict[str, tuple[str, str | None]] = {
    # staff records
    "local_ref": ("Staff reference", None),
    "job_role": ("Job role", "job_roles"),
    "job_role_other": ("Job role (other)", None),
    "contract_type": ("Contract type", "contract_types"),
    "zero_hours": ("Zero-hours contract", "zero_hours_contract"),
    "contracted_hours": ("Contracted hours a week", None),
    "average_hours": ("Average hours a week", None),
    "pay_interval": ("How they are paid", "salary_interval"),
    "pay_rate": ("Pay rate", None),
    "gender": ("Gender", "gender"),
    "ethnicity": ("Ethnicity", "ethnicity"),
    "nationality": ("Nationality", "nationality"),
    "disability": ("Disability", "disability"),
    "birth_year": ("Year of birth", None),
    "start_date": ("Start date", None),
    "year_started_in_sector": ("Year they started in adult social care", None),
    "recruitment_source": ("Where they were recruited from", "recruitment_sources"),
    "sickness_days": ("Days off sick", None),
    "care_certificate": ("Care Certificate", "care_certificate"),
    "social_care_qualification": ("Social care qualification", "yes_no_dont_know"),
    "social_care_level": ("Social care qualification level", "qualification_levels"),
    "other_qualification": ("Qualification not in social care", "yes_no_dont_know"),
    "other_qualification_level": ("Other qualification level", "qualification_levels"),
    "apprenticeship": ("Apprenticeship", "yes_no_dont_know"),
    "health_care_visa": ("Health and Care Worker visa", "yes_no_dont_know"),
    "left_on": ("Left on", None),
    "leaving_reason": ("Reason for leaving", "worker_leave_reasons"),
    "confirmed": ("Checked this year", None),
    # the return
    "state": ("Status", None),
    "review_comment": ("Comment for the provider", None),
    "total_staff": ("Total staff", None),
    "starters_declared": ("Anyone started", None),
    "leavers_declared": ("Anyone left", None),
    "vacancies_declared": ("Any vacancies", None),
    "sick_pay": ("Sick pay above Statutory Sick Pay", "sick_pay_pension"),
    "pension": ("Pension above the minimum", "sick_pay_pension"),
    "pension_percentage": ("Employer pension contribution (%)", None),
    "holiday_days": ("Holiday days", None),
    "sleep_ins": ("Sleep-ins", "yes_no_dont_know"),
    "sleep_in_pay": ("Sleep-in pay", "sleep_in_pay"),
    "travel_time_pay": ("Travel time pay", "travel_time_pay_options"),
    "travel_time_rate": ("Travel time rate", None),
    # the workplace
    "name": ("Workplace name", None),
    "address1": ("Address line 1", None),
    "address2": ("Address line 2", None),
    "town": ("Town or city", None),
    "postcode": ("Postcode", None),
    "is_cqc_regulated": ("Regulated by CQC", None),
    "cqc_location_id": ("CQC location ID", None),
    "employer_type": ("Type of employer", "employer_type"),
    "main_service": ("Main service", "main_services"),
    "service_users": ("Who the service supports", "service_users"),
    "capacity": ("Capacity", None),
    "utilisation": ("People using the service", None),
}

ACTIONS = {
    "created": "Added staff record",
    "updated": "Changed staff record",
    "removed": "Marked as left",
    "deleted": "Deleted staff record",
    "confirmed": "Checked staff record",
    "carried_forward": "Carried forward from last year",
    "confirmed_no_change": "Confirmed nothing changed",
    "workplace_updated": "Changed workplace details",
    "numbers_updated": "Changed staff numbers",
    "pay_updated": "Changed pay and conditions",
    "section_updated": "Changed the return",
    "submitted": "Submitted the return",
    "accepted": "Accepted the return",
    "returned": "Returned for correction",
    "reopened": "Reopened the return",
}

DECLARATIONS = dict(WorkforceReturn.Declaration.choices)
STATES = dict(WorkforceReturn.State.choices)
MEASURES = {"starters": "Starters", "leavers": "Leavers", "vacancies": "Vacancies"}
COUNT_FIELD = re.compile(r"^(starters|leavers|vacancies) \((job role|reason) ([^)]+)\)$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")
BLANK = "Not answered"


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    who: str
    source: str
    action: str
    staff_ref: str
    field: str
    old: str
    new: str

    @property
    def change(self) -> str:
        """The whole change on one line: "Job role: Employment support → Care worker"."""
        if not self.field:
            return self.new
        return f"{self.field}: {self.old} → {self.new}"


def humanise(name: str) -> str:
    """A field the list above does not know yet still reads as words."""
    return name.replace("_", " ").strip().capitalize()


def field_label(name: str) -> str:
    if name in FIELDS:
        return FIELDS[name][0]
    counted = COUNT_FIELD.match(name)
    if counted:
        measure, kind, code = counted.groups()
        list_name = "job_roles" if kind == "job role" else "worker_leave_reasons"
        return f"{MEASURES[measure]} ({labels(list_name).get(code, code)})"
    return humanise(name)


def value_text(name: str, value: str) -> str:
    """A stored value in words: a code through its list's label, a date in the service's one date format."""
    if value in ("", "None"):
        return BLANK
    list_name = FIELDS.get(name, ("", None))[1]
    if list_name:
        names = labels(list_name)
        parts = [part.strip() for part in value.strip("[]").replace("'", "").split(",")]
        return ", ".join(names.get(part, part) for part in parts if part)
    if name == "state":
        return STATES.get(value, humanise(value))
    if name.endswith("_declared"):
        return DECLARATIONS.get(value, humanise(value))
    if value in ("True", "False"):
        return "Yes" if value == "True" else "No"
    if ISO_DATE.match(value):
        return formats.date_format(date.fromisoformat(value))
    if ISO_MOMENT.match(value):
        try:
            return formats.date_format(datetime.fromisoformat(value), "DATETIME_FORMAT")
        except ValueError:
            return value
    return value


def created_text(summary: str) -> str:
    """A new record's answers ("job_role=8; contract_type=1") as "Job role: Care worker; Contract type: Permanent"."""
    parts = []
    for pair in summary.split("; "):
        name, _, value = pair.partition("=")
        if name:
            parts.append(f"{field_label(name)}: {value_text(name, value)}")
    return "; ".join(parts)


def describe(change: ChangeRecord) -> HistoryEntry:
    who = change.actor.email if change.actor_id and change.actor else "System"
    action = ACTIONS.get(change.action, humanise(change.action))
    if change.action == "created" and not change.field:
        return HistoryEntry(change.at, who, change.get_source_display(), action, change.staff_ref, "", "",
                            created_text(change.new_value))
    if not change.field:
        return HistoryEntry(change.at, who, change.get_source_display(), action, change.staff_ref, "", "", "")
    return HistoryEntry(change.at, who, change.get_source_display(), action, change.staff_ref,
                        field_label(change.field), value_text(change.field, change.old_value),
                        value_text(change.field, change.new_value))

