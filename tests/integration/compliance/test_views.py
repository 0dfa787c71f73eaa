"""The officer's desk, the council ladder page and the provider's page, from the outside."""

from __future__ import annotations

import io
from datetime import timedelta

import openpyxl
import pytest
from django.urls import reverse

from compliance.models import ChaseRecord, Exemption, Extension, LadderStepSetting, Notice, OfficerEntry
from compliance.services import chase_sweep
from providers.models import CouncilMembership, Membership
from tests.dates import date_input
from tests.factories.compliance import DUE, submitted
from tests.factories.providers import (
    ContractFactory,
    CouncilFactory,
    CouncilMembershipFactory,
    OrganisationFactory,
    WorkplaceFactory,
    add_totp,
)

pytestmark = pytest.mark.django_db
S = ChaseRecord.Status


def desk_url(season, name="desk", **kwargs):
    return reverse(f"compliance-council:{name}", kwargs={"council": season.council.slug, **kwargs})


def org_url(season, name="organisation", org="late", **kwargs):
    return desk_url(season, name, org=org, **kwargs)


@pytest.fixture
def officer_client(client, season):
    client.force_login(season.officer)
    return client


@pytest.mark.parametrize("role", ["provider_admin", "analyst"])
def test_providers_and_analysts_cannot_open_the_desk(client, season, role):
    if role == "analyst":
        user = CouncilMembershipFactory(council=season.council, role=CouncilMembership.Role.ANALYST).user
    else:
        user = Membership.objects.get(organisation=season.late, role="admin").user
        add_totp(user)
    client.force_login(user)
    for url in (desk_url(season), org_url(season), desk_url(season, "defaults"), desk_url(season, "desk-export")):
        assert client.get(url).status_code == 404, url


def test_an_officer_of_another_council_cannot_see_this_councils_organisations(client, season):
    other = CouncilFactory(slug="elsewhere")
    client.force_login(CouncilMembershipFactory(council=other, role=CouncilMembership.Role.CONTRACT_OFFICER).user)
    assert (
        client.get(
            reverse("compliance-council:organisation", kwargs={"council": "elsewhere", "org": "late"})
        ).status_code
        == 404
    )
    assert client.get(org_url(season)).status_code == 404
    assert client.get(reverse("compliance-council:desk", kwargs={"council": "elsewhere"})).status_code == 200


def test_only_council_admins_change_the_ladder(officer_client, client, season):
    # officers read the ladder (their desk links to it) but cannot change a step
    read = officer_client.get(desk_url(season, "ladder"))
    assert read.status_code == 200 and "ladder/reminder_30/" not in read.content.decode()
    assert officer_client.get(desk_url(season, "ladder-step", step="reminder_30")).status_code == 404
    admin = CouncilMembershipFactory(council=season.council, role=CouncilMembership.Role.COUNCIL_ADMIN).user
    client.force_login(admin)
    assert "Chase ladder" in client.get(desk_url(season, "ladder")).content.decode()
    url = desk_url(season, "ladder-step", step="reminder_30")
    response = client.post(url, {"offset_days": "-21", "subject": "Three weeks to go", "wording": "Due {due}."})
    assert response.status_code == 302
    step = LadderStepSetting.objects.get(council=season.council, key="reminder_30")
    assert (step.offset_days, step.subject) == (-21, "Three weeks to go")
    bad = client.post(url, {"offset_days": "soon", "subject": "", "wording": ""})
    assert bad.status_code == 200 and "There is a problem" in bad.content.decode()
    assert client.get(desk_url(season, "ladder-step", step="no-such-step")).status_code == 404


@pytest.mark.today(str(DUE + timedelta(2)))
def test_the_dashboard_counts_filters_and_sorts(officer_client, season):
    submitted(season.prompt_place, on=DUE - timedelta(2), round=season.round)
    chase_sweep(today=DUE + timedelta(2))
    page = officer_client.get(desk_url(season), {"round": season.round.slug}).content.decode()
    assert "Complied: <strong>1</strong>" in page and "Overdue: <strong>1</strong>" in page
    assert "Not received: <strong>1</strong>" in page  # the individual employer: optional, never overdue
    only = officer_client.get(desk_url(season), {"round": season.round.slug, "status": "complied"}).content.decode()
    assert "Prompt" in only and "Late</a>" not in only
    bad = officer_client.get(desk_url(season), {"round": season.round.slug, "status": "nonsense", "sort": "due"})
    assert bad.status_code == 200


def test_the_dashboard_query_count_does_not_grow(officer_client, season, django_assert_max_num_queries):
    """The desk reads stored statuses: paging, counts and filters are SQL, so the queries are the same at any size.
    The first read of a day (or after contracts change) rewrites the round's statuses, also in constant queries."""
    officer_client.get(desk_url(season))
    with django_assert_max_num_queries(30) as small:
        officer_client.get(desk_url(season), {"round": season.round.slug})
    for n in range(20):
        org = OrganisationFactory(slug=f"many-{n}")
        WorkplaceFactory(organisation=org)
        ContractFactory(council=season.council, organisation=org)
    with django_assert_max_num_queries(44):  # new contracts: the round's statuses are rewritten first (constant: 20 contracts or 2)
        assert officer_client.get(desk_url(season), {"round": season.round.slug}).status_code == 200
    for query in ({"status": "due"}, {"sort": "status"}, {"sort": "due", "page": 2}, {}):
        with django_assert_max_num_queries(len(small)) as large:
            page = officer_client.get(desk_url(season), {"round": season.round.slug, **query})
        assert page.status_code == 200
        assert len(large) == len(small), query


def test_the_export_is_a_workbook_with_text_never_formulas(officer_client, season):
    season.late.name = '=HYPERLINK("http://evil")'
    season.late.save()
    response = officer_client.get(desk_url(season, "desk-export"), {"round": season.round.slug})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [row[0] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert '=HYPERLINK("http://evil")' in values
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_recording_a_call_extension_exemption_and_notice(officer_client, season):
    requirement = season.contracts["late"].requirements.get().pk
    posts = [
        ("entry-add", {"kind": "call", "spoke_to": "Registered manager", "text": "Will submit Friday"}, OfficerEntry),
        ("extension-add", {"requirement": requirement, "round": season.round.pk, **date_input("new_due_date", "2025-07-14"),
                           "reason": "Manager off sick"}, Extension),
        ("exemption-add", {"requirement": requirement, "round": season.round.pk, "category": "new_service",
                           "details": "Registered in May"}, Exemption),
        ("notice-add", {"kind": "default", "text": "You are in default"}, Notice),
    ]  # fmt: skip
    for name, data, model in posts:
        assert officer_client.post(org_url(season, name), data).status_code == 302, name
        assert model.objects.filter(organisation=season.late).count() == 1
    page = officer_client.get(org_url(season)).content.decode()
    for text in ("Will submit Friday", "Extension to 14 July 2025", "Registered in May", "You are in default"):
        assert text in page
    defaults = officer_client.get(desk_url(season, "defaults")).content.decode()
    assert "Late" in defaults


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("entry-add", {"kind": "note", "text": ""}, "Enter what happened"),
        ("extension-add", {**date_input("new_due_date", ("31", "2", "2025")), "reason": "x"},
         "New due date must be a real date"),
        ("extension-add", {**date_input("new_due_date", ("", "2", "2025")), "reason": "x"},
         "New due date must include a day"),
        ("extension-add", {**date_input("new_due_date", "2025-06-01"), "reason": "x"},
         "The new date must be after the due date"),
        ("exemption-add", {"details": "x"}, "Select the reason for the exemption"),
        ("notice-add", {"kind": "warning"}, "Enter what the notice says"),
    ],
)
def test_bad_input_gets_a_clear_message(officer_client, season, name, data, message):
    if name in ("extension-add", "exemption-add"):
        data = {"requirement": season.contracts["late"].requirements.get().pk, "round": season.round.pk, **data}
    response = officer_client.post(org_url(season, name), data)
    assert response.status_code == 200 and message in response.content.decode()


def test_an_organisation_of_another_council_cannot_be_acted_on(officer_client, season):
    stranger = OrganisationFactory(slug="stranger")
    ContractFactory(council=CouncilFactory(slug="other-council"), organisation=stranger)
    assert (
        officer_client.post(org_url(season, "entry-add", org="stranger"), {"kind": "note", "text": "x"}).status_code
        == 404
    )
    assert not OfficerEntry.objects.exists()


def test_approving_a_step_sends_it_once_even_when_submitted_twice(
    officer_client, season, mailoutbox, django_capture_on_commit_callbacks
):
    chase_sweep(today=DUE + timedelta(14))
    record = ChaseRecord.objects.get(organisation=season.late, step="formal_letter")
    url = org_url(season, "decide", chase=record.pk)
    assert "Formal notice" in officer_client.get(url).content.decode()
    before = len(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(url, {"decision": "approve"})
        second = officer_client.post(url, {"decision": "approve"}, follow=True)
    assert "already been decided" in second.content.decode()
    record.refresh_from_db()
    assert (record.status, record.decided_by) == (S.SENT, season.officer)
    assert len(mailoutbox) == before + 1
    assert "already been decided" in officer_client.post(url, {}).content.decode()


def test_skipping_a_step_sends_nothing(officer_client, season, mailoutbox):
    chase_sweep(today=DUE + timedelta(14))
    record = ChaseRecord.objects.get(organisation=season.late, step="formal_letter")
    before = len(mailoutbox)
    officer_client.post(org_url(season, "decide", chase=record.pk), {"decision": "skip"})
    record.refresh_from_db()
    assert record.status == S.SKIPPED and len(mailoutbox) == before
    assert officer_client.get(org_url(season, "decide", chase=record.pk + 999)).status_code == 404


def test_the_provider_sees_its_status_messages_and_a_banner(client, season, mailoutbox):
    chase_sweep(today=DUE - timedelta(1))
    admin = Membership.objects.get(organisation=season.late, role="admin").user
    add_totp(admin)
    client.force_login(admin)
    page = client.get(reverse("compliance:status", kwargs={"org": "late"})).content.decode()
    assert "Due by 30 June (1 day left); not submitted yet" in page
    assert "Reminder: your workforce return is due by 30 June" in page
    home = client.get(reverse("org:detail", kwargs={"org": "late"})).content.decode()
    assert "1 contract requirement still to meet" in home
    assert client.get(reverse("compliance:status", kwargs={"org": "prompt"})).status_code == 404


def test_chase_messages_never_hide_the_flash_messages(client, season):
    """The chase messages a provider was sent are the page's `chase_messages`: `messages` stays Django's own, so a
    flash message ("Saved") still shows and no chase record is ever printed as an "Important" banner."""
    from django.contrib.messages import SUCCESS
    from django.contrib.messages.storage.base import BaseStorage, Message
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpRequest

    chase_sweep(today=DUE - timedelta(1))
    admin = Membership.objects.get(organisation=season.late, role="admin").user
    add_totp(admin)
    client.force_login(admin)
    client.cookies["messages"] = CookieStorage(HttpRequest())._encode([Message(SUCCESS, "Your details were saved")])

    response = client.get(reverse("compliance:status", kwargs={"org": "late"}))
    page = response.content.decode()
    assert isinstance(response.context["messages"], BaseStorage)
    sent = list(response.context["chase_messages"])
    assert sent and all(isinstance(record, ChaseRecord) for record in sent)
    assert "Your details were saved" in page
    assert "Important</h2>" not in page
    assert not any(str(record) in page for record in sent)
    assert "reminder_" not in page and "final_reminder" not in page
