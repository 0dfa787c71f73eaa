"""The return pages, from the outside: task list, sections, staff records, warnings, conflicts, submit, review."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from collection.models import ChangeRecord, PersonalAssistantReturn, StaffRecord, WorkforceReturn
from providers.models import Membership, Organisation
from tests.dates import dates_input
from tests.factories.collection import COMPLETE_STAFF, StaffRecordFactory
from tests.factories.providers import MembershipFactory, OrganisationFactory


def _form(**changes) -> dict:
    data = {"local_ref": "A1", **{k: str(v) for k, v in COMPLETE_STAFF.items()}}
    data.update({k: str(v) for k, v in changes.items()})
    return data


@pytest.mark.parametrize("name", ["return", "return-workplace", "return-numbers", "return-pay", "staff-list",
                                  "staff-add", "return-check"])
def test_every_task_page_opens(setup, editor, client, name):
    client.force_login(editor)
    response = client.get(setup.url(name))
    assert response.status_code == 200


def test_the_task_list_shows_statuses_and_completeness(setup, editor, client):
    client.force_login(editor)
    page = client.get(setup.url("return")).content.decode()
    assert "Completeness:" in page and "Not started" in page and "Total number of staff" in page
    assert WorkforceReturn.objects.filter(workplace=setup.world.workplace_a, round=setup.round).count() == 1


def test_a_viewer_cannot_save(setup, client):
    client.force_login(setup.world.users["provider_viewer"])
    assert client.post(setup.url("staff-add"), _form()).status_code == 404
    assert not StaffRecord.objects.exists()


def test_workplace_numbers_and_pay_save_and_are_audited(setup, editor, client):
    client.force_login(editor)
    place = setup.world.workplace_a
    response = client.post(setup.url("return-workplace"), {
        "name": place.name, "address1": "2 New Road", "postcode": "DE1 1AA", "is_cqc_regulated": "yes",
        "cqc_location_id": place.cqc_location_id, "employer_type": "6", "main_service": "2", "capacity": "30",
        "utilisation": "20", "service_users": ["1"], "version": "1"})
    assert response.status_code == 302
    response = client.post(setup.url("return-numbers"), {
        "total_staff": "1", "starters_declared": "none", "leavers_declared": "none", "vacancies_declared": "with_jobs",
        "vacancies_10": "1", "version": "2", "confirm_warnings": "on"})
    assert response.status_code == 302
    response = client.post(setup.url("return-pay"), {"sick_pay": "1", "pension": "0", "holiday_days": "28",
                                                      "sleep_ins": "2", "travel_time_pay": "6", "version": "3"})
    assert response.status_code == 302
    found = WorkforceReturn.objects.get(pk=setup.workforce_return.pk)
    assert found.total_staff == 1 and found.holiday_days == 28 and found.pay_confirmed_at
    assert ChangeRecord.objects.filter(field="address1", new_value="2 New Road").exists()
    page = client.get(setup.url("return")).content.decode()
    assert page.count("Completed") >= 3


def test_a_stale_section_form_keeps_the_input(setup, editor, client):
    client.force_login(editor)
    response = client.post(setup.url("return-pay"), {"sick_pay": "1", "holiday_days": "30", "version": "7"})
    assert "Someone else saved changes" in response.content.decode() and 'value="30"' in response.content.decode()


def test_double_submit_submits_once(setup, editor, client, django_capture_on_commit_callbacks):
    StaffRecordFactory(workforce_return=setup.workforce_return)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(setup.url("return-check"), {"declaration": "on"})
        second = client.post(setup.url("return-check"), {"declaration": "on"})
    assert first["Location"] == second["Location"] == setup.url("return-confirmation")
    assert len(mail.outbox) == 1
    page = client.get(setup.url("return-confirmation")).content.decode()
    found = WorkforceReturn.objects.get(pk=setup.workforce_return.pk)
    assert found.state == "submitted" and found.submission_reference in page


def test_submit_needs_the_declaration(setup, editor, client):
    client.force_login(editor)
    page = client.post(setup.url("return-check"), {}).content.decode()
    assert "Confirm that the information is correct" in page
    assert WorkforceReturn.objects.get(pk=setup.workforce_return.pk).state == "not_started"


def test_remove_and_confirm_carried_forward(setup, editor, client):
    record = StaffRecordFactory(workforce_return=setup.workforce_return, local_ref="A1", confirmed=False,
                                carried_forward=True)
    client.force_login(editor)
    assert client.post(setup.url("staff-confirm", record=record.pk), {"version": "1"}).status_code == 302
    record.refresh_from_db()
    assert record.confirmed
    page = client.post(setup.url("staff-remove", record=record.pk), {}).content.decode()
    assert "Select why they left" in page
    assert client.post(setup.url("staff-remove", record=record.pk), {"leaving_reason": "6"}).status_code == 302
    assert client.get(setup.url("staff-edit", record=record.pk)).status_code == 404


def test_history_is_for_organisation_admins_only(setup, editor, client):
    StaffRecordFactory(workforce_return=setup.workforce_return)
    client.force_login(editor)
    client.post(setup.url("staff-add"), _form())  # the first page: the person and their job
    added = StaffRecord.objects.get(local_ref="A1")
    client.post(setup.url("staff-pay", record=added.pk), {**_form(pay_rate="13.50"), "version": str(added.version)})
    assert client.get(setup.url("return-history")).status_code == 404
    client.force_login(setup.world.users["provider_admin"])
    page = client.get(setup.url("return-history")).content.decode()
    assert "History of changes" in page and editor.email in page and "pay_rate" not in page
    assert re.search(r"Pay rate: Not answered <span aria-hidden=\"true\">→</span>.*?13\.50", page)  # the pay page's change


@pytest.mark.parametrize("name", ["staff-list", "return"])
def test_list_pages_use_a_fixed_number_of_queries(setup, editor, client, django_assert_max_num_queries, name):
    client.force_login(editor)
    counts = []
    for total in (5, 50):
        StaffRecord.objects.all().delete()
        for n in range(total):
            StaffRecordFactory(workforce_return=setup.workforce_return, local_ref=f"Q{n:03d}")
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(setup.url(name)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(30):
        client.get(setup.url(name) + "?status=incomplete&sort=job_role&page=2")


def test_staff_list_filters_and_paginates(setup, editor, client):
    for n in range(30):
        StaffRecordFactory(workforce_return=setup.workforce_return, local_ref=f"R{n:03d}",
                           gender="" if n % 2 else "2")
    client.force_login(editor)
    page = client.get(setup.url("staff-list") + "?status=incomplete").content.decode()
    assert "Showing 15 of 15" in page
    page = client.get(setup.url("staff-list") + "?page=2").content.decode()
    assert "Page 2 of 2" in page


def test_council_sees_state_and_completeness_but_no_staff_rows(setup, editor, client,
                                                             django_capture_on_commit_callbacks):
    StaffRecordFactory(workforce_return=setup.workforce_return, local_ref="SECRET-REF", gender="")
    client.force_login(editor)
    client.post(setup.url("return-check"), {"declaration": "on"})
    client.force_login(setup.world.users["contract_officer"])
    council = setup.world.council_a.slug
    listing = client.get(reverse("collection-council:returns", kwargs={"council": council}) + "?round=r2026")
    assert setup.world.workplace_a.name in listing.content.decode()
    url = reverse("collection-council:return", kwargs={"council": council,
                                                       "workforce_return": setup.workforce_return.pk})
    page = client.get(url).content.decode()
    assert "Submitted" in page and "SECRET-REF" not in page
    page = client.post(url, {"decision": "returned"}).content.decode()
    assert "Say what the provider needs to correct" in page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"decision": "returned", "comment": "Add gender"}).status_code == 302
    assert WorkforceReturn.objects.get(pk=setup.workforce_return.pk).state == "returned"
    assert "Add gender" in mail.outbox[-1].body
    client.force_login(setup.world.users["analyst"])
    assert client.post(url, {"decision": "accepted"}).status_code == 404


def test_council_admin_adds_and_edits_a_round(setup, client):
    client.force_login(setup.world.users["council_admin"])
    council = setup.world.council_a.slug
    url = reverse("collection-council:round-add", kwargs={"council": council})
    bad = client.post(url, {"name": "2027", **dates_input(snapshot_date="2027-03-31", window_opens="2027-07-01",
                                                          due_date="2027-06-30", closes="2027-07-31")})
    assert "The due date must be on or after" in bad.content.decode()
    good = client.post(url, {"name": "2027", **dates_input(snapshot_date="2027-03-31", window_opens="2027-04-01",
                                                           due_date="2027-06-30", closes="2027-07-31")})
    assert good.status_code == 302
    from collection.models import CollectionRound

    created = CollectionRound.objects.get(name="2027")
    assert created.council == setup.world.council_a
    edit = reverse("collection-council:round-edit", kwargs={"council": council, "round": created.slug})
    client.post(edit, {"name": "2027 return", **dates_input(snapshot_date="2027-03-31", window_opens="2027-04-01",
                                                            due_date="2027-06-15", closes="2027-07-31")})
    created.refresh_from_db()
    assert created.name == "2027 return" and str(created.due_date) == "2027-06-15"
    client.force_login(setup.world.users["contract_officer"])
    assert client.get(edit).status_code == 404


def test_individual_employer_light_return(setup, client):
    person = OrganisationFactory(slug="indiv", kind=Organisation.Kind.INDIVIDUAL_EMPLOYER)
    user = MembershipFactory(organisation=person, role=Membership.Role.EDITOR).user
    from tests.factories.collection import CollectionRoundFactory

    shared = CollectionRoundFactory(slug="shared", council=None)
    client.force_login(user)
    url = reverse("collection:pa-return", kwargs={"org": "indiv", "round": shared.slug})
    page = client.get(url).content.decode()
    assert "ethnicity" not in page.lower() and "national insurance" not in page.lower()
    data = {"pas_employed": "2", "hours_bands_under_10": "1", "hours_bands_21_to_35": "1", "pay_bands_12_to_13": "2",
            "starters": "1", "leavers": "1", "unfilled_hours": "5", "recruitment_difficulty": "4", "fixed_hours_pas": "1"}
    page = client.post(url, data).content.decode()
    assert "Select at least one reason" in page
    assert client.post(url, {**data, "leaver_reasons": ["6"], "uses_payroll": "yes"}).status_code == 302
    check = reverse("collection:pa-return-check", kwargs={"org": "indiv", "round": shared.slug})
    answers = client.get(check).content.decode()
    # Every answer given is on the check page, in words (the last two were missing once).
    for shown in ("Fewer than 10 hours a week", "5", "Hard", "Uses a payroll service", "Yes"):
        assert shown in answers, shown
    assert "Not answered" not in answers
    client.post(check, {"declaration": "on"})
    client.post(check, {"declaration": "on"})
    found = PersonalAssistantReturn.objects.get()
    assert found.state == "submitted" and found.submission_reference.startswith("PA-")


@pytest.mark.parametrize(
    "post, message",
    [({"decision": "accepted"}, "accepted"), ({"decision": "returned", "comment": "Fix pay"}, "returned to the provider")],
)
def test_the_officer_is_told_the_decision_they_made(setup, editor, client, post, message):
    client.force_login(editor)
    client.post(setup.url("return-check"), {"declaration": "on"})
    client.force_login(setup.world.users["contract_officer"])
    url = reverse("collection-council:return", kwargs={"council": setup.world.council_a.slug,
                                                       "workforce_return": setup.workforce_return.pk})
    page = client.post(url, post, follow=True).content.decode()
    assert f"Return for {setup.world.workplace_a.name} {message}" in page
