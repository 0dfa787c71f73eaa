"""Every page with a form, generated from the URL configuration: which ones edit stored data, and how to prove in a
real browser that they keep what they do not mean to change.

tests/integration/test_form_matrix.py opens every tenant page (with the access matrix's world) and fails for any page
with a POST form that is in neither table below, so a new form is covered the day it is added. The browser test,
tests/browser/test_form_round_trip.py, runs every ROUND_TRIPS entry on the demo data (`seed_demo`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

# Pages whose form does not edit stored data in place: it creates something new or records an action.
NOT_EDITING: dict[str, str] = {
    "compliance-council:exemption-add": "records a new exemption",
    "compliance-council:extension-add": "records a new extension",
    "compliance-council:entry-add": "records a new note or call",
    "compliance-council:notice-add": "records a new notice",
    "compliance-council:decide": "approves or skips a chase step (an action)",
    "compliance-council:desk": "sends a reminder to the providers at risk of missing their date (an action)",
    "exports-council:index": "asks for a new workbook",
    "council:people": "invites people",
    "org:members": "invites people",
    "collection-council:return": "accepts or returns a submitted return (an action)",
    "collection-council:round-add": "adds a new round",
    "collection-council:round-copy": "adds a draft copy of last year's round",
    "compliance-council:round-preview": "opens a draft round (an action, needs a tick)",
    "surveys-council:overview": "makes survey links for a round (an action)",
    "surveys-council:channel-create": "adds a new channel link",
    "surveys-council:local-questions": "adds a new local question",
    "surveys:campaign-codes": "makes new single-use codes",
    "surveys:campaign-create": "adds a new survey link",
    "uploads:index": "uploads new files",
    "collection:staff-add": "adds a new staff record (its first question page)",
    "collection:staff-edit": "a staff record's check-answers page: saving confirms the record as it stands (an "
                             "action); its answers are changed on the question pages, each round-tripped below",
    "collection:staff-remove": "marks a worker as left (an action, with its reason)",
    "collection:staff-no-change": "confirms every carried-forward record at once (an action, needs a tick)",
    "retention-council:holds": "places a new legal hold",
    "retention-council:hold-lift": "lifts a legal hold (an action, with its reason)",
    "compliance-council:contract-add": "adds a new contract",
    "exports-council:extract-new": "asks for a new extract of fixed tables (a request, audited; nothing stored is edited)",
    "compliance-council:contract-end": "ends a contract (an action, with its date)",
    "compliance-council:requirement-add": "adds a new requirement to a contract",
    "compliance-council:contracts-import": "imports a contracts register (new or varied contracts, all or nothing)",
}


@dataclass(frozen=True)
class RoundTrip:
    """One form that edits stored data.

    `locate` finds the demo objects (returns the URL kwargs and the rows to watch), `change` plays one change in the
    browser and returns the key (`Model.field`) that must be the only one to change, and `audit_field` is the field
    the one audit row must name (None where the data has no field-by-field audit trail). `derived` are stored
    values recomputed from the answers, allowed to move only with an answer. `confirms` is the section's "confirmed
    at" mark: saving a task-list section is how a person confirms it, so each save stamps it with the time (and
    nothing else may change).
    """

    route: str
    user: str
    locate: Callable[[], tuple[dict, list]]
    change: Callable[..., str]
    audit_field: str | None
    button: str = "Save and continue"
    setup: Callable[[], None] | None = None
    derived: frozenset[str] = field(default_factory=frozenset)
    confirms: str | None = None


# ---- Finding the demo objects ------------------------------------------------------------------------------------

def _open_return():
    """The demo care group's return that is still being filled in, in the open round."""
    from collection.models import WorkforceReturn

    return (
        WorkforceReturn.objects.filter(round__slug="demo", workplace__organisation__slug="demo-care-group",
                                       state__in=["in_progress", "returned"])
        .select_related("workplace", "round").order_by("pk").first()
    )


def _return_kwargs(found) -> dict:
    return {"org": found.workplace.organisation.slug, "workplace": found.workplace_id, "round": found.round.slug}


def _return_rows(found) -> list:
    return [found, found.workplace, *found.job_role_counts.all(), *found.leaver_reasons.all()]


def locate_section():
    found = _open_return()
    return _return_kwargs(found), _return_rows(found)


def locate_staff_record():
    found = _open_return()
    record = found.staff_records.filter(left_on=None).exclude(start_date=None).order_by("local_ref").first()
    return {**_return_kwargs(found), "record": record.pk}, [*_return_rows(found), record]


def setup_round():
    """Demo County's own round for next year, as its council admin would have added it."""
    from datetime import date

    from collection.models import CollectionRound
    from collection.services.rounds import round_create
    from config import clock
    from providers.models import Council

    council = Council.objects.get(slug="demo-county")
    if not CollectionRound.objects.filter(council=council).exists():
        year = clock.today().year + 1
        round_create(council=council, name=f"Workforce return {year}", snapshot_date=date(year, 3, 31),
                     window_opens=date(year, 4, 1), due_date=date(year, 6, 30), closes=date(year, 7, 31))


def locate_round():
    from collection.models import CollectionRound

    found = CollectionRound.objects.filter(council__slug="demo-county").order_by("pk").first()
    return {"council": found.council.slug, "round": found.slug}, [found]


def locate_campaign():
    from surveys.models import Campaign

    found = Campaign.objects.filter(workplace__organisation__slug="demo-care-group").exclude(distributed_on=None)
    found = found.order_by("pk").first()
    return {"org": "demo-care-group", "campaign": found.pk}, [found]


def locate_ladder_step():
    from compliance.models import LadderStepSetting

    found = LadderStepSetting.objects.get(council__slug="demo-county", key="reminder_30")
    return {"council": "demo-county", "step": found.key}, [found]


def locate_contract():
    from providers.models import Contract

    found = Contract.objects.filter(council__slug="demo-county").order_by("pk").first()
    return {"council": "demo-county", "contract": found.pk}, [found]


def locate_requirement():
    from providers.models import ContractRequirement

    found = ContractRequirement.objects.filter(contract__council__slug="demo-county", kind="annual_return")
    found = found.order_by("pk").first()
    return {"council": "demo-county", "contract": found.contract_id, "requirement": found.pk}, [found]


def setup_pa_return():
    """The demo individual employer has answered their short return but not sent it yet."""
    from collection.models import CollectionRound
    from collection.services import pa_return_get_or_create, pa_return_update
    from providers.models import Organisation

    organisation = Organisation.objects.get(slug="demo-individual")
    found = pa_return_get_or_create(organisation=organisation, round_=CollectionRound.objects.get(slug="demo"))
    pa_return_update(pa_return=found, actor=None, data={
        "pas_employed": 3, "fixed_hours_pas": 2, "starters": 1, "leavers": 1, "leaver_reasons": ["2"],
        "unfilled_hours": 4, "recruitment_difficulty": "4", "uses_payroll": "yes",
        "hours_bands": {"under_10": 1, "10_to_20": 2, "21_to_35": 0, "over_35": 0},
        "pay_bands": {"under_12": 0, "12_to_13": 1, "13_to_15": 2, "15_plus": 0},
    })


def locate_pa_return():
    from collection.models import PersonalAssistantReturn

    found = PersonalAssistantReturn.objects.get(organisation__slug="demo-individual", round__slug="demo")
    return {"org": "demo-individual", "round": "demo"}, [found]


def setup_ladder_step():
    """A council's ladder rows are made on first use: open the ladder once, as the council admin would."""
    from compliance.ladders import ensure_default_ladders
    from providers.models import Council

    ensure_default_ladders([Council.objects.get(slug="demo-county").pk])


# ---- One change each, played in the browser ----------------------------------------------------------------------

def _add(page, selector: str, amount: int) -> None:
    box = page.locator(selector)
    box.fill(str(int(box.input_value() or 0) + amount))


def _shift_date(page, name: str, days: int) -> None:
    from datetime import date

    parts = {p: page.locator(f"#id_{name}_{p}") for p in ("day", "month", "year")}
    shown = date(int(parts["year"].input_value()), int(parts["month"].input_value()), int(parts["day"].input_value()))
    moved = shown + timedelta(days=days)
    for part, value in (("day", moved.day), ("month", moved.month), ("year", moved.year)):
        parts[part].fill(str(value))


def change_workplace(page) -> str:
    _add(page, "#id_capacity", 1)
    return "Workplace.capacity"


def change_numbers(page) -> str:
    _add(page, "#id_total_staff", 1)
    return "WorkforceReturn.total_staff"


def change_pay(page) -> str:
    _add(page, "#id_holiday_days", 2)
    return "WorkforceReturn.holiday_days"


def change_staff_job(page) -> str:
    _shift_date(page, "start_date", -1)
    return "StaffRecord.start_date"


def change_staff_pay(page) -> str:
    from decimal import Decimal

    box = page.locator("#id_sickness_days")
    box.fill(str(Decimal(box.input_value() or 0) + 1))
    return "StaffRecord.sickness_days"


def change_staff_qualifications(page) -> str:
    current = page.locator("input[name=apprenticeship]:checked").input_value()
    page.locator("#id_apprenticeship_0" if current != "1" else "#id_apprenticeship_1").check()
    return "StaffRecord.apprenticeship"


def change_round(page) -> str:
    _shift_date(page, "due_date", -1)
    return "CollectionRound.due_date"


def change_distribution(page) -> str:
    _add(page, "#id_invited_count", 1)
    return "Campaign.invited_count"


def change_ladder_step(page) -> str:
    box = page.locator("#id_subject")
    box.fill(box.input_value() + " (please read)")
    return "LadderStepSetting.subject"


def change_contract(page) -> str:
    _shift_date(page, "starts_on", -1)
    return "Contract.starts_on"


def change_requirement(page) -> str:
    _add(page, "#id_completeness_threshold", -1)
    return "ContractRequirement.completeness_threshold"


def change_pa_return(page) -> str:
    _add(page, "#id_unfilled_hours", 1)
    return "PersonalAssistantReturn.unfilled_hours"


# Stored values that follow from the answers (recomputed on save), allowed to move only when an answer moved.
RETURN_DERIVED = frozenset({"WorkforceReturn.progress_percent", "WorkforceReturn.records_complete_percent",
                            "WorkforceReturn.is_complete"})

ROUND_TRIPS: dict[str, RoundTrip] = {
    "collection:return-workplace": RoundTrip("collection:return-workplace", "care.editor@example.com",
                                             locate_section, change_workplace, "capacity", derived=RETURN_DERIVED,
                                             confirms="WorkforceReturn.workplace_confirmed_at"),
    "collection:return-numbers": RoundTrip("collection:return-numbers", "care.editor@example.com", locate_section,
                                           change_numbers, "total_staff", derived=RETURN_DERIVED),
    "collection:return-pay": RoundTrip("collection:return-pay", "care.editor@example.com", locate_section,
                                       change_pay, "holiday_days", derived=RETURN_DERIVED,
                                       confirms="WorkforceReturn.pay_confirmed_at"),
    # A staff record's three question pages (its check-answers page only confirms: NOT_EDITING)
    "collection:staff-job": RoundTrip("collection:staff-job", "care.editor@example.com", locate_staff_record,
                                      change_staff_job, "start_date", derived=RETURN_DERIVED),
    "collection:staff-pay": RoundTrip("collection:staff-pay", "care.editor@example.com", locate_staff_record,
                                      change_staff_pay, "sickness_days", derived=RETURN_DERIVED),
    "collection:staff-qualifications": RoundTrip("collection:staff-qualifications", "care.editor@example.com",
                                                 locate_staff_record, change_staff_qualifications, "apprenticeship",
                                                 derived=RETURN_DERIVED),
    "collection:pa-return": RoundTrip("collection:pa-return", "individual.employer@example.com", locate_pa_return,
                                      change_pa_return, None, setup=setup_pa_return),
    "collection-council:round-edit": RoundTrip("collection-council:round-edit", "council.admin@example.com",
                                               locate_round, change_round, "due_date", button="Save round",
                                               setup=setup_round),
    "surveys:campaign": RoundTrip("surveys:campaign", "care.editor@example.com", locate_campaign,
                                  change_distribution, None, button="Save"),
    "compliance-council:ladder-step": RoundTrip("compliance-council:ladder-step", "council.admin@example.com",
                                                locate_ladder_step, change_ladder_step, "subject", button="Save",
                                                setup=setup_ladder_step),
    "compliance-council:contract-change": RoundTrip("compliance-council:contract-change", "council.admin@example.com",
                                                    locate_contract, change_contract, "starts_on", button="Save"),
    "compliance-council:requirement-change": RoundTrip("compliance-council:requirement-change",
                                                       "council.admin@example.com", locate_requirement,
                                                       change_requirement, "completeness_threshold", button="Save"),
}

# Pages a user of the access matrix's world cannot open as-is (they only exist for another kind of organisation);
# their forms are covered by ROUND_TRIPS, which opens them on the demo data.
OTHER_WORLD = {"collection:pa-return", "collection:pa-returns", "collection:pa-return-check",
               "collection:pa-return-confirmation"}

# Bookkeeping that every save moves, whatever was typed.
BOOKKEEPING = {"updated_at", "version"}


def snapshot(rows: list) -> dict[str, object]:
    """Every stored field of the rows (as `locate` just read them), as {"Model.field[#what]": value}."""
    values: dict[str, object] = {}
    for row in rows:
        name, key = type(row).__name__, _row_key(row)
        for model_field in type(row)._meta.concrete_fields:
            if model_field.attname in BOOKKEEPING or model_field.primary_key:
                continue
            values[f"{name}.{model_field.attname}{key}"] = getattr(row, model_field.attname)
    return values


def _row_key(row) -> str:
    """Rows that are rewritten on save (counts per job role or reason) are named by what they count, not by id."""
    if type(row).__name__ == "JobRoleCount":
        return f"#{row.job_role}"
    if type(row).__name__ == "LeaverReasonCount":
        return f"#{row.reason}"
    return ""
