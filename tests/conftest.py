"""Shared fixtures: a small world of two councils and two organisations, with one user for every role.

Side A is the user's own; side B is somebody else's, used to prove that nothing of B leaks to A.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from providers.models import CouncilMembership, Membership
from tests.factories.providers import (
    ContractFactory,
    CouncilFactory,
    CouncilMembershipFactory,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    WorkplaceFactory,
)

# ---- One frozen "today" for every test -------------------------------------------------------------------------
# The suite's today is the real date unless `--today YYYY-MM-DD` or CWR_TODAY says otherwise (CI runs the
# date-sensitive tests, marker `dates`, at one fixed date in each phase of a round's year as well). A test pins its own
# date with @pytest.mark.today("YYYY-MM-DD"); a directory can override the `suite_today` fixture.

LONDON = ZoneInfo("Europe/London")


def pytest_addoption(parser):
    parser.addoption("--today", default=None, help="freeze the suite's 'today' at this ISO date (default: CWR_TODAY or the real date)")


def _suite_today(config) -> date:
    chosen = config.getoption("--today") or os.environ.get("CWR_TODAY")
    return date.fromisoformat(chosen) if chosen else datetime.now(LONDON).date()


@pytest.fixture(scope="session")
def _session_today(pytestconfig) -> date:
    return _suite_today(pytestconfig)


@pytest.fixture
def suite_today(_session_today) -> date:
    """The date a test runs at unless it pins one with @pytest.mark.today; directories may override this."""
    return _session_today


@pytest.fixture(autouse=True)
def _frozen_clock(request, suite_today) -> date:
    """Freezes the clock for every test (10:00 London time on its day, then ticking)."""
    from config import clock

    if request.node.get_closest_marker("faults"):
        # The fault scenarios drive a real production-like stack on the real clock (their TOTP codes, their stale-task
        # windows): this test process must keep real time too.
        clock.set_frozen(True)
        try:
            yield datetime.now(LONDON).date()
        finally:
            clock.set_frozen(False)
        return
    marker = request.node.get_closest_marker("today")
    day = date.fromisoformat(marker.args[0]) if marker else suite_today
    with time_machine.travel(datetime.combine(day, time(10, 0), tzinfo=LONDON), tick=True) as traveller:
        request.node._clock_traveller = traveller
        clock.set_frozen(True)
        try:
            yield day
        finally:
            clock.set_frozen(False)


@pytest.fixture
def today(_frozen_clock) -> date:
    """The frozen date this test runs at: build rounds and deadlines relative to it."""
    return _frozen_clock


@pytest.fixture
def move_clock_to(request, _frozen_clock):
    """Moves this test's frozen clock to 10:00 London time on another date (or to an exact aware datetime)."""

    def move(when: date | datetime) -> None:
        moment = when if isinstance(when, datetime) else datetime.combine(when, time(10, 0), tzinfo=LONDON)
        request.node._clock_traveller.move_to(moment)

    return move


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every test starts with an empty cache: rate-limit counters, cached survey links and local questions (and
    the survey throttle's counters, which live in process memory)."""
    from django.core.cache import cache

    from surveys.throttle import counters_reset

    cache.clear()
    counters_reset()
    yield


@dataclass
class World:
    council_a: object
    council_b: object
    org_a: object
    org_b: object
    workplace_a: object
    workplace_b: object
    invitation_a: object
    invitation_b: object
    council_invitation_a: object
    council_invitation_b: object
    users: dict


@pytest.fixture
def world(db) -> World:
    council_a = CouncilFactory(slug="council-a", name="Council A")
    council_b = CouncilFactory(slug="council-b", name="Council B")
    org_a = OrganisationFactory(slug="org-a", name="Org A")
    org_b = OrganisationFactory(slug="org-b", name="Org B")
    workplace_a = WorkplaceFactory(organisation=org_a)
    workplace_b = WorkplaceFactory(organisation=org_b)
    ContractFactory(council=council_a, organisation=org_a)
    ContractFactory(council=council_b, organisation=org_b)
    users = {
        # Every role signs in with an authenticator app (MembershipFactory and CouncilMembershipFactory give one).
        "provider_admin": MembershipFactory(organisation=org_a, role=Membership.Role.ADMIN).user,
        "provider_editor": MembershipFactory(organisation=org_a, role=Membership.Role.EDITOR).user,
        "provider_viewer": MembershipFactory(organisation=org_a, role=Membership.Role.VIEWER).user,
        "contract_officer": CouncilMembershipFactory(
            council=council_a, role=CouncilMembership.Role.CONTRACT_OFFICER
        ).user,
        "analyst": CouncilMembershipFactory(council=council_a, role=CouncilMembership.Role.ANALYST).user,
        "council_admin": CouncilMembershipFactory(council=council_a, role=CouncilMembership.Role.COUNCIL_ADMIN).user,
    }
    invitation_a = InvitationFactory(organisation=org_a)
    invitation_b = InvitationFactory(organisation=org_b)
    council_invitation_a = InvitationFactory(
        organisation=None, council=council_a, role=CouncilMembership.Role.ANALYST
    )
    council_invitation_b = InvitationFactory(
        organisation=None, council=council_b, role=CouncilMembership.Role.ANALYST
    )
    return World(
        council_a=council_a,
        council_b=council_b,
        org_a=org_a,
        org_b=org_b,
        workplace_a=workplace_a,
        workplace_b=workplace_b,
        invitation_a=invitation_a,
        invitation_b=invitation_b,
        council_invitation_a=council_invitation_a,
        council_invitation_b=council_invitation_b,
        users=users,
    )


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1; Django's mail goes to it for this test."""
    from tests.servers import SmtpServer, smtp_settings

    server = SmtpServer()
    server.start()
    for key, value in smtp_settings(server.port).items():
        setattr(settings, key, value)
    yield server
    server.stop()


@pytest.fixture
def task_worker(transactional_db, monkeypatch):
    """A real django-q2 worker process on the test database; tasks queued by the test go to it, not in-process.

    Needs a transactional test (the worker can only see committed rows).
    """
    from django_q.conf import Conf

    from tests.servers import TaskWorker

    monkeypatch.setattr(Conf, "SYNC", False)
    worker = TaskWorker()
    worker.start()
    yield worker
    worker.stop()
