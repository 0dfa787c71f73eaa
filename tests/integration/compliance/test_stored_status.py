"""The stored statuses (compliance.models.UnitStatus) the desk, its export and the council API read always say what
the pure rules say (`Unit.status`, i.e. `compliance_status`), whatever sequence of fact changes came before: a
return submitted, accepted or returned for correction, a PA return, an extension, an exemption, a sweep, a step
decided, days passing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collection.models import PersonalAssistantReturn, WorkforceReturn
from compliance.models import ChaseRecord, UnitStatus
from compliance.selectors import chase_units, desk_rows
from compliance.selectors.desk import last_steps
from compliance.services import chase_decide, chase_sweep, exemption_grant, extension_grant
from config import clock
from providers.models import ContractRequirement
from tests.factories.compliance import DUE, WINDOW_OPENS, ReturnFactory, submitted
from tests.factories.providers import WorkplaceFactory

pytestmark = pytest.mark.django_db

PLACES = ("late_place", "prompt_place")
ACTIONS = st.one_of(
    st.tuples(st.just("submit"), st.sampled_from(PLACES), st.integers(40, 100), st.booleans()),
    st.tuples(st.just("accept"), st.sampled_from(PLACES)),
    st.tuples(st.just("return"), st.sampled_from(PLACES)),
    st.tuples(st.just("pa_submit")),
    st.tuples(st.just("extension"), st.sampled_from(("late", "prompt")), st.integers(1, 30)),
    st.tuples(st.just("exemption"), st.sampled_from(("late", "prompt"))),
    st.tuples(st.just("sweep")),
    st.tuples(st.just("decide"), st.booleans()),
    st.tuples(st.just("days"), st.integers(1, 20)),
)


class _Rollback(Exception):
    pass


def _truth(season, today) -> dict:
    units = chase_units(today=today, councils=[season.council], rounds=[season.round])
    last = last_steps(units)
    found = {}
    for unit in units:
        result = unit.status(today)
        found[unit.key] = (
            result.status.value if result else "not_assessable", result.reason if result else "",
            result.effective_due_date if result else None, unit.facts.completeness_percent if unit.facts else None,
            last[unit.key], unit.place_name,
        )  # fmt: skip
    return found


def _stored(season, today) -> dict:
    rows = desk_rows(council=season.council, round=season.round, today=today)
    return {
        (r.requirement_id, r.workplace_id, r.round_id): (
            r.status, r.reason, r.due_date, r.completeness_percent, r.last_step, r.place_name
        )
        for r in rows
    }


def _apply(action, season, move_clock_to) -> None:
    today = clock.today()
    name = action[0]
    if name == "submit":
        _, place, percent, complete = action
        submitted(getattr(season, place), on=today, percent=percent, complete=complete, round=season.round)
    elif name in ("accept", "return"):
        found = ReturnFactory(workplace=getattr(season, action[1]), round=season.round)
        if found.submitted_at:
            found.state = WorkforceReturn.State.ACCEPTED if name == "accept" else WorkforceReturn.State.RETURNED
            found.save()
    elif name == "pa_submit":
        PersonalAssistantReturn.objects.update_or_create(
            organisation=season.individual, round=season.round,
            defaults={"state": PersonalAssistantReturn.State.SUBMITTED, "submitted_at": clock.now()},
        )  # fmt: skip
    elif name in ("extension", "exemption"):
        org = getattr(season, action[1])
        scope = {"council": season.council, "organisation": org, "round": season.round, "workplace": None,
                 "requirement": season.contracts[org.slug].requirements.get(), "user": season.officer}  # fmt: skip
        if name == "extension":
            extension_grant(**scope, new_due_date=max(today, DUE) + timedelta(action[2]), reason="Off sick")
        else:
            exemption_grant(**scope, category="reasonable_excuse", details="Flooded")
    elif name == "sweep":
        chase_sweep(today=today)
    elif name == "decide":
        record = ChaseRecord.objects.filter(status=ChaseRecord.Status.AWAITING_APPROVAL).order_by("pk").first()
        if record:
            chase_decide(record=record, approve=action[1], user=season.officer)
    elif name == "days":
        move_clock_to(today + timedelta(action[1]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=st.integers(-5, 60), actions=st.lists(ACTIONS, max_size=8))
def test_the_stored_status_always_equals_the_rules(season, move_clock_to, start, actions):
    assert ContractRequirement.objects.filter(contract__council=season.council).exists()
    try:
        with transaction.atomic():
            move_clock_to(WINDOW_OPENS + timedelta(start + 50))
            assert _stored(season, clock.today()) == _truth(season, clock.today())
            for action in actions:
                _apply(action, season, move_clock_to)
                today = clock.today()
                assert _stored(season, today) == _truth(season, today), action
            assert UnitStatus.objects.filter(stale=True, round=season.round).count() == 0
            raise _Rollback
    except _Rollback:
        pass


def test_a_submission_marks_the_row_stale_and_the_desk_rewrites_it(season, today):
    desk_rows(council=season.council, round=season.round, today=today)
    row = UnitStatus.objects.get(workplace=season.late_place)
    assert (row.status, row.stale) == ("due", False)
    submitted(season.late_place, on=today, round=season.round)
    assert UnitStatus.objects.get(pk=row.pk).stale
    assert desk_rows(council=season.council, round=season.round, today=today).get(
        workplace=season.late_place
    ).status == "complied"


def test_the_sweep_writes_the_current_round_for_the_desk(season, today, django_assert_max_num_queries):
    chase_sweep(today=today)
    assert UnitStatus.objects.filter(council=season.council, round=season.round, computed_on=today).count() == 3
    with django_assert_max_num_queries(2):  # the round was written today and nothing is stale: no rewrite
        desk_rows(council=season.council, round=season.round, today=today)


def test_the_stored_rows_keep_the_order_the_units_are_computed_in(season, today):
    """The desk breaks ties by primary key: after a new workplace, a renamed one, or a day with nothing new, the
    stored rows are in the order of the units (on PostgreSQL unchanged rows are left in place, `_write_pg`)."""

    def in_order() -> bool:
        units = chase_units(today=today, councils=[season.council], rounds=[season.round])
        stored = UnitStatus.objects.filter(council=season.council, round=season.round).order_by("pk")
        return list(stored.values_list("requirement_id", "workplace_id")) == [
            (u.requirement.id, u.workplace.id if u.workplace else None) for u in units
        ]

    chase_sweep(today=today)
    first = set(UnitStatus.objects.values_list("pk", flat=True))
    chase_sweep(today=today)
    assert in_order()
    if connection.vendor == "postgresql":  # (elsewhere every rewrite deletes and inserts)
        assert set(UnitStatus.objects.values_list("pk", flat=True)) == first
    WorkplaceFactory(organisation=season.late, name="Aardvark House")
    chase_sweep(today=today)
    assert in_order()
    season.late_place.name = "Zebra House"
    season.late_place.save()
    chase_sweep(today=today)
    assert in_order()
