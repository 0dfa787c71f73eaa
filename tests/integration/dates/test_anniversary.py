"""Anniversary deadlines through the status, the chase ladder and the desk, on any day of the year.

One round spans the year around the frozen `today`; four contracts are in it: one due with the round, three due
"within 3 months of the contract's start anniversary", with start dates chosen so that their own due dates fall
3 days ago, in 10 days and in 60 days. Each provider is judged, chased and listed by its own date. CI runs this
module at the real date and again at one fixed date in each season (marker `dates`, `--today`).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from collection.models import CollectionRound
from compliance.models import ChaseRecord, UnitStatus
from compliance.rules import add_months, requirement_due_date
from compliance.rules.wording import day_month
from compliance.services.sweep import chase_sweep
from providers.models import ContractRequirement, CouncilMembership, Membership
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
MONTHS = 3
# slug: (days from today to its own due date or None for the round's, expected status, the ladder step due today)
CASES = {
    "overdue": (-3, "overdue", "overdue_notice"),
    "soon": (10, "due", "reminder_14"),
    "later": (60, "due", "invitation"),
    "round": (None, "due", "invitation"),
}


def _start_for(due: date, round_: CollectionRound, *, step: int) -> tuple[date, date]:
    """A contract start (years back) whose anniversary + 3 months is exactly its due date in this round: `due`, or
    a day or two from it (`step` says which way) when `due` is a day no anniversary reaches (31 May: no 31 February)."""
    for moved in range(4):
        wanted = due + timedelta(step * moved)
        start = add_months(wanted, -MONTHS - 60)
        found = requirement_due_date(rule="contract_anniversary", window_opens=round_.window_opens,
                                     round_due=round_.due_date, closes=round_.closes, due_months=MONTHS,
                                     contract_starts_on=start)  # fmt: skip
        if found == wanted:
            return start, wanted
    raise AssertionError(f"no start date gives {due}")


@pytest.fixture
def anniversary_world(db, today):
    council = CouncilFactory(slug="anniv-council", name="Anniversary Council")
    officer = CouncilMembershipFactory(council=council, role=CouncilMembership.Role.CONTRACT_OFFICER).user
    round_ = CollectionRound.objects.create(
        name="Year round", slug="year-round", snapshot_date=today - timedelta(201),
        window_opens=today - timedelta(200), due_date=today + timedelta(100), closes=today + timedelta(160),
    )  # fmt: skip
    orgs, users, dues = {}, {}, {}
    for slug, (offset, _, _) in CASES.items():
        org = OrganisationFactory(slug=f"anniv-{slug}", name=f"{slug.title()} Care")
        users[slug] = MembershipFactory(organisation=org, role=Membership.Role.ADMIN,
                                        user=UserFactory(with_mfa=True)).user  # fmt: skip
        WorkplaceFactory(organisation=org, name=f"{slug.title()} House")
        due, start = round_.due_date, today - timedelta(400)
        if offset is not None:  # the overdue one moves earlier, the others later: the same step is due today
            start, due = _start_for(today + timedelta(offset), round_, step=-1 if offset < 0 else 1)
        contract = ContractFactory(council=council, organisation=org, contract_officer=officer, starts_on=start)
        if offset is not None:
            ContractRequirement.objects.filter(contract=contract).update(due_rule="contract_anniversary",
                                                                         due_months=MONTHS)  # fmt: skip
        orgs[slug], dues[slug] = org, due
    return council, officer, round_, orgs, users, dues


def test_each_provider_is_judged_chased_and_listed_by_its_own_due_date(client, anniversary_world, today):
    council, officer, round_, orgs, users, dues = anniversary_world
    chase_sweep(today=today)

    stored = {row.organisation_id: row for row in UnitStatus.objects.filter(council=council, round=round_)}
    for slug, (_, status, step) in CASES.items():
        org = orgs[slug]
        row = stored[org.pk]
        assert (row.status, row.due_date) == (status, dues[slug]), slug
        # the ladder counted from the provider's own date: only its latest reached step went out today
        record = ChaseRecord.objects.get(organisation=org, round=round_, sweep_date=today, status__in=["sent", "queued"])
        assert record.step == step, slug
        if step.startswith("reminder") or step == "overdue_notice":
            assert day_month(dues[slug], relative_to=today) in record.body, slug
        # the provider's own page says its own status
        client.force_login(users[slug])
        page = client.get(reverse("compliance:status", kwargs={"org": org.slug})).content.decode()
        assert {"due": "Due", "overdue": "Overdue"}[status] in page, slug

    client.force_login(officer)
    desk = client.get(reverse("compliance-council:desk", kwargs={"council": council.slug}),
                      {"round": round_.slug, "sort": "due"}).content.decode()  # fmt: skip
    table = desk.rpartition("Every requirement")[2]  # after the "due in the next 30 days" list, if any
    positions = [table.index(f"{slug.title()} Care") for slug in ("overdue", "soon", "later", "round")]
    assert positions == sorted(positions), "the desk sorts by each provider's own due date"
    for slug in CASES:
        assert date_format(dues[slug]) in table, slug


def _due_line(page: str) -> str:
    return page[page.index("Due by"):].split("</", 1)[0]


def test_the_providers_return_pages_give_its_own_due_date_and_an_extension(client, anniversary_world, today):
    from compliance.services.officer import extension_grant

    council, officer, round_, orgs, users, dues = anniversary_world
    for slug in CASES:
        org, place = orgs[slug], orgs[slug].workplaces.get()
        client.force_login(users[slug])
        task_list = client.get(reverse("collection:return", kwargs={"org": org.slug, "workplace": place.pk,
                                                                    "round": round_.slug})).content.decode()  # fmt: skip
        overview = client.get(reverse("collection:returns", kwargs={"org": org.slug})).content.decode()
        for page in (task_list, overview):
            assert date_format(dues[slug]) in _due_line(page), (slug, _due_line(page))
        if dues[slug] != round_.due_date:
            assert date_format(round_.due_date) not in _due_line(task_list), slug

    # an extension moves the date the provider reads, and says so
    org, place = orgs["overdue"], orgs["overdue"].workplaces.get()
    requirement = ContractRequirement.objects.get(contract__organisation=org, kind="annual_return")
    later = today + timedelta(20)
    extension_grant(council=council, organisation=org, requirement=requirement, round=round_, workplace=place,
                    new_due_date=later, reason="Manager on leave", user=officer)  # fmt: skip
    client.force_login(users["overdue"])
    task_list = client.get(reverse("collection:return", kwargs={"org": org.slug, "workplace": place.pk,
                                                                "round": round_.slug})).content.decode()  # fmt: skip
    assert date_format(later) in _due_line(task_list) and "(extended by the council)" in _due_line(task_list)


def test_two_councils_with_different_dates_are_both_named(client, anniversary_world, today):
    council, officer, round_, orgs, users, dues = anniversary_world
    org = orgs["soon"]
    other = CouncilFactory(slug="other-council", name="Other Council")
    ContractFactory(council=other, organisation=org, starts_on=today - timedelta(400))
    national = CollectionRound.objects.create(
        name="Shared round", slug="shared-round", snapshot_date=round_.snapshot_date, window_opens=round_.window_opens,
        due_date=round_.due_date, closes=round_.closes,
    )  # fmt: skip
    place = org.workplaces.get()
    client.force_login(users["soon"])
    page = client.get(reverse("collection:return", kwargs={"org": org.slug, "workplace": place.pk,
                                                           "round": national.slug})).content.decode()  # fmt: skip
    line = _due_line(page)
    assert line.startswith(f"Due by {date_format(dues['soon'])}"), line  # the earliest
    assert "Anniversary Council" in line and "Other Council" in line and date_format(national.due_date) in line
