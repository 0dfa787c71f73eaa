"""The sweep's rules against the database: the command, query counts, extensions, exemptions, approvals."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compliance.models import ChaseRecord, ExemptionCategory, LadderStepSetting
from compliance.rules import DEFAULT_LADDER
from compliance.selectors import chase_units
from compliance.services import chase_sweep, exemption_grant, extension_grant
from providers.models import ContractRequirement
from tests.factories.compliance import DUE, WINDOW_OPENS, submitted
from tests.factories.providers import ContractFactory, MembershipFactory, OrganisationFactory, WorkplaceFactory

pytestmark = pytest.mark.django_db
S = ChaseRecord.Status


def _requirement(season, slug="late"):
    return ContractRequirement.objects.get(contract=season.contracts[slug])


def test_chase_command_json(season, mailoutbox):
    out = StringIO()
    call_command("chase", "--date", DUE.isoformat(), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["date"] == "2025-06-30"
    assert sorted((a["organisation"], a["workplace"], a["kind"], a["status"]) for a in data["actions"]) == [
        ("individual", "Individual", "final_reminder", "sent"),
        ("late", "LATE1", "final_reminder", "sent"),
        ("prompt", "PROMPT1", "final_reminder", "sent"),
    ]
    again = StringIO()
    call_command("chase", "--date", DUE.isoformat(), "--json", stdout=again)
    assert json.loads(again.getvalue())["actions"] == []
    assert len(mailoutbox) == 3


def test_chase_command_dry_run_changes_nothing(season, mailoutbox):
    out = StringIO()
    call_command("chase", "--date", (DUE + timedelta(14)).isoformat(), "--dry-run", "--json", stdout=out)
    statuses = {(a["organisation"], a["step"]): a["status"] for a in json.loads(out.getvalue())["actions"]}
    assert statuses == {
        ("late", "formal_letter"): "awaiting_approval",
        ("prompt", "formal_letter"): "awaiting_approval",
        ("individual", "final_reminder"): "sent",  # individual employers only ever get reminders
    }
    assert not ChaseRecord.objects.exists() and not mailoutbox


@pytest.mark.parametrize("value", ["30/06/2025", "2025-13-01", ""])
def test_chase_command_refuses_a_bad_date(value):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("chase", "--date", value)


def _add_providers(season, count: int):
    for n in range(count):
        org = OrganisationFactory(slug=f"bulk-{count}-{n}")
        MembershipFactory(organisation=org, role="admin")
        for m in range(2):
            place = WorkplaceFactory(organisation=org)
            if m:
                submitted(place, on=DUE - timedelta(3), percent=50, round=season.round)
        ContractFactory(council=season.council, organisation=org)


def test_planning_queries_do_not_grow_with_workplaces(season, mailoutbox):
    chase_sweep(today=WINDOW_OPENS, dry_run=True)  # creates the ladder on first use
    with CaptureQueriesContext(connection) as small:
        units_small = chase_units(today=DUE)
    _add_providers(season, 15)
    with CaptureQueriesContext(connection) as large:
        units_large = chase_units(today=DUE)
    assert len(units_large) == len(units_small) + 30
    assert len(large.captured_queries) == len(small.captured_queries) <= 15
    with CaptureQueriesContext(connection) as dry:
        chase_sweep(today=DUE, dry_run=True)
    assert len(dry.captured_queries) <= 16


def test_an_extension_moves_the_ladder_and_an_exemption_stops_it(season, mailoutbox):
    extension_grant(
        council=season.council, organisation=season.late, requirement=_requirement(season), round=season.round,
        workplace=None, new_due_date=DUE + timedelta(21), reason="Registered manager left", user=season.officer,
    )  # fmt: skip
    exemption_grant(
        council=season.council, organisation=season.prompt, requirement=_requirement(season, "prompt"),
        round=season.round, workplace=season.prompt_place, category=ExemptionCategory.CLOSING_SERVICE,
        details="Closing in August", user=season.officer,
    )  # fmt: skip
    for offset in range(0, 30):
        chase_sweep(today=DUE + timedelta(offset))
    late = dict(ChaseRecord.objects.filter(organisation=season.late).values_list("step", "sweep_date"))
    assert "overdue_notice" in late and late["overdue_notice"] == DUE + timedelta(22)
    assert late["final_reminder"] == DUE + timedelta(21)
    assert not ChaseRecord.objects.filter(organisation=season.prompt).exists()


def test_an_extension_must_be_after_the_due_date(season):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="after the due date"):
        extension_grant(
            council=season.council, organisation=season.late, requirement=_requirement(season), round=season.round,
            workplace=None, new_due_date=DUE, reason="x", user=season.officer,
        )  # fmt: skip


def test_a_council_ladder_is_created_on_first_use_and_its_changes_apply(season, mailoutbox):
    chase_sweep(today=WINDOW_OPENS)
    steps = LadderStepSetting.objects.filter(council=season.council)
    assert [s.key for s in steps] == [s.key for s in DEFAULT_LADDER]
    steps.filter(key="overdue_notice").update(needs_approval=True, subject="Late: act now")
    chase_sweep(today=DUE + timedelta(1))
    record = ChaseRecord.objects.get(organisation=season.late, step="overdue_notice")
    assert (record.status, record.subject) == (S.AWAITING_APPROVAL, "Late: act now")
    assert not any(m.subject == "Late: act now" for m in mailoutbox)


def test_a_late_but_complete_return_stops_the_ladder(season, mailoutbox):
    chase_sweep(today=DUE + timedelta(1))
    submitted(season.late_place, on=DUE + timedelta(3), round=season.round)
    chase_sweep(today=DUE + timedelta(7))
    steps = set(ChaseRecord.objects.filter(organisation=season.late).values_list("step", flat=True))
    assert "second_notice" not in steps and "overdue_notice" in steps


def test_the_survey_requirement_uses_campaigns_when_surveys_have_them(season, mailoutbox):
    from django.apps import apps

    ContractRequirement.objects.create(contract=season.contracts["late"], kind="survey_distributed")
    ContractRequirement.objects.create(contract=season.contracts["prompt"], kind="survey_distributed")
    try:
        campaign = apps.get_model("surveys", "Campaign")
    except LookupError:
        units = [u for u in chase_units(today=DUE) if u.requirement.kind == "survey_distributed"]
        assert len(units) == 2 and all(u.facts is None for u in units), "not assessable, never chased"
        assert all(a.requirement == "annual_return" for a in chase_sweep(today=DUE))
        return
    campaign.objects.create(round=season.round, workplace=season.prompt_place, distributed_on=DUE - timedelta(5))
    actions = [a for a in chase_sweep(today=DUE) if a.requirement == "survey_distributed"]
    surveys = {(a.organisation, a.kind) for a in actions if a.step != "no_survey_responses"}
    assert surveys == {("late", "final_reminder")}
    # issue 20: nothing published from either workplace this far into the window, links recorded or not
    assert {a.organisation for a in actions if a.step == "no_survey_responses"} == {"late", "prompt"}


@pytest.mark.today(str(WINDOW_OPENS))
def test_the_daily_sweep_and_the_retry_are_scheduled_and_run(season, mailoutbox, monkeypatch):
    from django_q.models import Schedule

    from compliance import tasks

    daily = Schedule.objects.get(func="compliance.tasks.daily_sweep")
    retry = Schedule.objects.get(func="compliance.tasks.retry_failed_messages")
    assert (daily.schedule_type, daily.repeats, retry.schedule_type, retry.minutes) == ("D", -1, "I", 15)
    assert tasks.daily_sweep() == 3 and tasks.daily_sweep() == 0
    assert len(mailoutbox) == 3 and tasks.retry_failed_messages() == 0


def test_missed_days_record_the_superseded_steps_in_one_row_never_due_again(season, mailoutbox):
    """After missed sweep days the steps a unit will never be sent are one skipped row (its first key, the rest in
    `superseded`), and none of them is ever due again, even when an extension brings their dates back."""
    chase_sweep(today=DUE + timedelta(1))
    skipped = ChaseRecord.objects.get(workplace=season.late_place, status=S.SKIPPED)
    assert [skipped.step, *skipped.superseded] == ["invitation", "reminder_30", "reminder_14", "reminder_7",
                                                   "reminder_1", "final_reminder"]  # fmt: skip
    late = next(u for u in chase_units(today=DUE + timedelta(1)) if u.workplace == season.late_place)
    assert {key: late.done[key] for key in skipped.superseded} == dict.fromkeys(skipped.superseded, S.SKIPPED)
    extension_grant(
        council=season.council, organisation=season.late, requirement=_requirement(season), round=season.round,
        workplace=None, new_due_date=DUE + timedelta(14), reason="Off sick", user=season.officer,
    )  # fmt: skip
    assert chase_sweep(today=DUE + timedelta(2)) == []  # reminder_14 now falls on DUE: already skipped


def test_a_sweep_that_loses_the_race_keeps_only_what_it_created(season, mailoutbox):
    from compliance.services.sweep import _save, plan_records

    units = chase_units(today=DUE, councils=[season.council])
    due, skipped = plan_records(units, today=DUE)
    first = [r for r, _ in due][:1]
    assert len(_save(first, today=DUE)) == 1
    _, again = plan_records(units, today=DUE)
    rest = [r for r, _ in plan_records(units, today=DUE)[0]]
    created = _save(rest, today=DUE)  # the first step already exists: only the others go in
    assert len(created) == len(rest) - 1 and all(r.pk for r in created)
    assert ChaseRecord.objects.filter(sweep_date=DUE).exclude(status=S.SKIPPED).count() == len(rest)
