"""What a provider, an officer and an individual employer are told on every day of a round's year.

Each case builds a round around the frozen `today` so that today falls in one phase of it (before the window, in
the window, on the due date, after it, after the close, long after the close), then reads the provider's page, the
officer's page for the organisation, the desk and the API. CI runs this module at the real date and again at one
fixed date in each season of the year, a year end and a leap day included (marker `dates`, `--today`).

Three organisations: `late` never submits, `prompt` submitted the day the window opened, `individual` is an
individual employer who never submits (optional: reminders only, never overdue or escalated).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from collection.models import CollectionRound, WorkforceReturn
from compliance.services.sweep import chase_sweep
from providers.models import CouncilMembership, Membership, Organisation
from tests.factories.providers import (
    ContractFactory,
    CouncilFactory,
    CouncilMembershipFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    WorkplaceFactory,
)

pytestmark = pytest.mark.dates


@dataclass(frozen=True)
class Phase:
    """Where today falls: the round's window opens `opens` days from today, is due `due` days from today and closes
    `closes` days from today (negative: in the past). Expected statuses; None: not shown as live at all; a history
    status: shown under "Earlier rounds"."""

    opens: int
    due: int
    closes: int
    late: str | None
    prompt: str | None
    individual: str | None
    history: dict


PHASES = {
    "before the window": Phase(10, 70, 100, None, None, None, {}),
    "in the window": Phase(-10, 30, 60, "due", "complied", "due", {}),
    "on the due date": Phase(-60, 0, 30, "due", "complied", "due", {}),
    "after the due date": Phase(-60, -5, 25, "overdue", "complied", "not_received", {}),
    # 14 days after the due date the formal letter waits for an officer's approval: escalated (never for individuals)
    "after the close": Phase(-100, -40, -5, "escalated", "complied", "not_received", {}),
    "long after the close": Phase(-250, -160, -130, "escalated", None, None,
                                  {"prompt": "complied", "individual": "not_received"}),
}  # fmt: skip
LABELS = {"due": "Due", "complied": "Complied", "overdue": "Overdue", "not_received": "Not received",
          "escalated": "Escalated"}  # fmt: skip


@pytest.fixture
def world_in_phase(db, today, request):
    phase: Phase = request.param
    council = CouncilFactory(slug="phase-council", name="Phase Council")
    officer = CouncilMembershipFactory(council=council, role=CouncilMembership.Role.CONTRACT_OFFICER).user
    round_ = CollectionRound.objects.create(
        name="Phase round", slug="phase", snapshot_date=today + timedelta(phase.opens - 1),
        window_opens=today + timedelta(phase.opens), due_date=today + timedelta(phase.due),
        closes=today + timedelta(phase.closes),
    )  # fmt: skip
    orgs, users = {}, {}
    for slug, kind in (("late", Organisation.Kind.PROVIDER), ("prompt", Organisation.Kind.PROVIDER),
                       ("individual", Organisation.Kind.INDIVIDUAL_EMPLOYER)):  # fmt: skip
        org = OrganisationFactory(slug=slug, name=slug.title(), kind=kind)
        users[slug] = MembershipFactory(organisation=org, role=Membership.Role.ADMIN,
                                        user=UserFactory(with_mfa=True)).user  # fmt: skip
        ContractFactory(council=council, organisation=org, contract_officer=officer,
                        starts_on=today - timedelta(days=400))  # fmt: skip
        orgs[slug] = org
        if kind == Organisation.Kind.PROVIDER:
            WorkplaceFactory(organisation=org, name=f"{slug.title()} House")
    prompt_place = orgs["prompt"].workplaces.get()
    if round_.window_opens <= today:
        WorkforceReturn.objects.create(
            workplace=prompt_place, round=round_, state=WorkforceReturn.State.SUBMITTED, is_complete=True,
            progress_percent=100, records_complete_percent=100,
            submitted_at=timezone.make_aware(datetime.combine(round_.window_opens, time(12))),
        )  # fmt: skip
    return phase, round_, council, officer, orgs, users


def _api_statuses(client, user, org) -> dict:
    client.force_login(user)
    response = client.get(f"/api/v1/organisations/{org.slug}/compliance/")
    assert response.status_code == 200, response.content
    return {row["round"]: row["status"] for row in response.json()}


@pytest.mark.parametrize("world_in_phase", list(PHASES.values()), ids=list(PHASES), indirect=True)
def test_every_face_agrees_on_what_is_owed(client, world_in_phase, today):
    phase, round_, council, officer, orgs, users = world_in_phase
    chase_sweep(today=today)  # the daily sweep has run today: it must not invent or hide a debt either
    for slug in ("late", "prompt", "individual"):
        expected = getattr(phase, slug)
        org = orgs[slug]
        # The API (the provider's own token or session) lists exactly the live requirement.
        assert _api_statuses(client, users[slug], org) == ({round_.slug: expected} if expected else {}), slug
        # The provider's own page says the same, in words.
        client.force_login(users[slug])
        page = client.get(reverse("compliance:status", kwargs={"org": org.slug})).content.decode()
        live_part, _, history_part = page.partition("Earlier rounds")
        if expected:
            assert LABELS[expected] in live_part and "You owe nothing" not in page, (slug, page)
        else:
            assert "You owe nothing" in page, slug
        if slug in phase.history:
            assert LABELS[phase.history[slug]] in history_part, slug
        # The officer's page for the organisation agrees.
        client.force_login(officer)
        url = reverse("compliance-council:organisation", kwargs={"council": council.slug, "org": org.slug})
        officer_page = client.get(url).content.decode()
        live_part, _, history_part = officer_page.partition("Earlier rounds")
        if expected:
            assert LABELS[expected] in live_part and "Nothing is owed" not in officer_page, slug
        else:
            assert "Nothing is owed" in officer_page, slug
        # Nobody ever calls an individual employer overdue or escalated, anywhere.
        if slug == "individual":
            for text in (page, officer_page):
                assert ">Overdue<" not in text and ">Escalated<" not in text
    if round_.window_opens <= today:
        client.force_login(officer)
        desk = client.get(reverse("compliance-council:desk", kwargs={"council": council.slug}),
                          {"round": round_.slug}).content.decode()  # fmt: skip
        assert "Phase round" in desk


def test_the_clock_refuses_to_answer_outside_a_freeze(settings):
    """The guard that keeps time bombs out of the suite: unfrozen, the clock raises instead of reading the machine."""
    from config import clock

    assert settings.CLOCK_MUST_BE_FROZEN
    clock.set_frozen(False)
    try:
        with pytest.raises(clock.RealDateInTest):
            clock.today()
        with pytest.raises(clock.RealDateInTest):
            clock.now()
    finally:
        clock.set_frozen(True)
    assert isinstance(clock.today(), date)
