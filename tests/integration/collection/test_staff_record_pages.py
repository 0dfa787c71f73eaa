"""A staff record, page by page, from the outside: each question page is submitted as the browser rendered it (the
values the page holds, with a person's answers typed over them), saved through the staff record services, checked
on its own, and can be left with "Save and come back later"; then the check-answers page."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.test import Client

from collection.models import ChangeRecord, StaffRecord, WorkforceReturn
from collection.services import return_carry_forward
from tests.factories.collection import (
    COMPLETE_STAFF,
    CollectionRoundFactory,
    StaffRecordFactory,
    WorkforceReturnFactory,
)
from tests.load.helpers import form_values

pytestmark = pytest.mark.django_db

PERSON = {"local_ref": "W1", "job_role": "8", "contract_type": "1", "start_date_day": "1", "start_date_month": "5",
          "start_date_year": "2020", "year_started_in_sector": "2015", "recruitment_source": "2", "gender": "2",
          "birth_year": "1985", "ethnicity": "31", "nationality": "826", "disability": "0"}
PAY = {"zero_hours": "2", "contracted_hours": "37.5", "pay_interval": "3", "pay_rate": "13.00",
       "sickness_days": "2"}
QUALIFICATIONS = {"care_certificate": "1", "social_care_qualification": "1", "social_care_level": "3",
                  "other_qualification": "2", "apprenticeship": "2"}


def _submit(client: Client, url: str, answers: dict, *, button: str = "save", shown=None) -> object:
    """Open the page (or take the one `shown`), take the values its form holds, type `answers` over them and press
    `button`."""
    page = shown or client.get(url)
    assert page.status_code == 200
    found = form_values(page.content.decode())
    for name, value in answers.items():
        if name in found.radios:
            assert value in found.radios[name], f"{name}={value} is not an option on {url}"
        else:
            assert name in found.values, f"{url} has no {name} box"
    data = {name: values[0] for name, values in found.values.items()}
    data.update(answers)
    data[button] = "1"
    return client.post(url, data)


def _record() -> StaffRecord:
    return StaffRecord.objects.get()


def test_adding_a_record_goes_page_by_page_then_to_check_answers(setup, editor, client):
    client.force_login(editor)
    response = _submit(client, setup.url("staff-add"), PERSON)
    record = _record()
    assert response.status_code == 302 and response["Location"] == setup.url("staff-pay", record=record.pk)
    assert record.job_role == "8" and record.pay_rate is None  # saved half-way: the first page only
    assert not WorkforceReturn.objects.get(pk=setup.workforce_return.pk).is_complete

    response = _submit(client, setup.url("staff-pay", record=record.pk), PAY)
    assert response["Location"] == setup.url("staff-qualifications", record=record.pk)
    response = _submit(client, setup.url("staff-qualifications", record=record.pk), QUALIFICATIONS)
    assert response["Location"] == setup.url("staff-edit", record=record.pk)

    page = client.get(response["Location"]).content.decode()
    assert "Check staff record W1" in page
    for heading in ("The person and their job", "Pay and hours", "Qualifications and training"):
        assert heading in page
    # answers are shown as labels, each with a Change link back to its question
    assert "Care worker" in page and "British" in page and "1 May 2020" in page and "Level 3" in page
    assert f'href="{setup.url("staff-pay", record=record.pk)}?change=1#id_pay_rate"' in page
    assert "Not answered" in page  # the health and care visa and the other qualification level were left

    response = _submit(client, setup.url("staff-edit", record=record.pk), {})
    assert response.status_code == 302 and response["Location"] == setup.url("staff-list")
    record = _record()
    assert record.pay_rate == Decimal("13.00") and record.care_certificate == "1" and record.version == 3
    created = ChangeRecord.objects.get(action="created")
    assert created.staff_ref == "W1" and "job_role=8" in created.new_value
    assert set(ChangeRecord.objects.filter(action="updated").values_list("field", flat=True)) == {
        *PAY, *QUALIFICATIONS}


@pytest.mark.parametrize("name", ["staff-add", "staff-job", "staff-pay", "staff-qualifications"])
def test_every_question_page_can_be_saved_to_come_back_later(setup, editor, client, name):
    client.force_login(editor)
    record = None
    if name != "staff-add":
        record = StaffRecordFactory(workforce_return=setup.workforce_return, local_ref="L1", gender="",
                                    pay_rate=None, apprenticeship="")
    url = setup.url(name) if record is None else setup.url(name, record=record.pk)
    answers = {"staff-add": {"local_ref": "L2", "job_role": "8", "contract_type": "1"}, "staff-job": {"gender": "1"}, "staff-pay": {"pay_rate": "12.90"},
               "staff-qualifications": {"apprenticeship": "1"}}[name]
    page = client.get(url).content.decode()
    assert "Save and come back later" in page and "Save and continue" in page
    response = _submit(client, url, answers, button="later")
    assert response.status_code == 302 and response["Location"] == setup.url("staff-list")
    saved = StaffRecord.objects.get(local_ref="L2" if record is None else "L1")
    field, value = next(iter(answers.items()))
    assert str(getattr(saved, field)) == value
    listing = client.get(setup.url("staff-list")).content.decode()
    assert "Missing answers" in listing and "saved. You can come back to it" in listing
    assert not WorkforceReturn.objects.get(pk=setup.workforce_return.pk).is_complete  # half-finished: incomplete


def test_a_record_needs_a_reference_before_anything_is_saved(setup, editor, client):
    client.force_login(editor)
    response = _submit(client, setup.url("staff-add"), {"job_role": "8"}, button="later")
    page = response.content.decode()
    assert response.status_code == 200 and "Enter a staff reference" in page and 'href="#id_local_ref"' in page
    response = _submit(client, setup.url("staff-add"), {"local_ref": "N1"}, button="later")
    page = response.content.decode()  # the rules' own checks, on the page that asks
    assert 'href="#id_job_role"' in page and 'href="#id_contract_type_0"' in page and "(on the" not in page
    assert not StaffRecord.objects.exists()


@pytest.mark.parametrize(("name", "answers", "anchor"), [
    ("staff-job", {"birth_year": "1800"}, "id_birth_year"),
    ("staff-job", {"start_date_day": "31", "start_date_month": "2"}, "id_start_date_day"),
    ("staff-pay", {"sickness_days": "400"}, "id_sickness_days"),
    ("staff-pay", {"contracted_hours": "lots"}, "id_contracted_hours"),
    ("staff-qualifications", {"social_care_level": "42"}, "id_social_care_level"),
])
def test_each_page_checks_its_own_answers_and_saves_nothing_wrong(setup, editor, client, name, answers, anchor):
    record = StaffRecordFactory(workforce_return=setup.workforce_return, local_ref="V1")
    client.force_login(editor)
    url = setup.url(name, record=record.pk)
    data = {**form_values(client.get(url).content.decode()).values}
    data = {key: values[0] for key, values in data.items()}
    response = client.post(url, {**data, **answers, "later": "1"})
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page and f'href="#{anchor}"' in page
    assert StaffRecord.objects.get(pk=record.pk).version == record.version
    assert not ChangeRecord.objects.exists()


def test_pay_below_the_living_wage_asks_on_the_pay_page(setup, editor, client):
    record = StaffRecordFactory(workforce_return=setup.workforce_return, local_ref="P1")
    client.force_login(editor)
    url = setup.url("staff-pay", record=record.pk)
    shown = _submit(client, url, {"pay_rate": "11.00"})
    page = shown.content.decode()
    assert "Check these answers" in page and "National Living Wage" in page and "Yes, this is correct" in page
    assert StaffRecord.objects.get(pk=record.pk).pay_rate == Decimal("13.00")
    response = _submit(client, url, {"confirm_warnings": "on"}, shown=shown)
    assert response.status_code == 302 and StaffRecord.objects.get(pk=record.pk).pay_rate == Decimal("11.00")


def test_two_people_change_the_same_page_and_the_second_is_told(setup, editor, client):
    record = StaffRecordFactory(workforce_return=setup.workforce_return, local_ref="A1")
    other = Client()
    other.force_login(setup.world.users["provider_admin"])
    client.force_login(editor)
    url = setup.url("staff-pay", record=record.pk)
    mine = {k: v[0] for k, v in form_values(client.get(url).content.decode()).values.items()}
    assert _submit(other, url, {"pay_rate": "14.00"}).status_code == 302
    second = client.post(url, {**mine, "pay_rate": "15.50", "save": "1"})
    page = second.content.decode()
    assert second.status_code == 200 and "Someone else saved changes" in page
    assert "Pay rate in pounds: £14.00" in page  # what the other person saved, as a person reads it
    assert 'value="15.50"' in page and f'name="version" value="{record.version + 1}"' in page
    assert StaffRecord.objects.get(pk=record.pk).pay_rate == 14
    third = _submit(client, url, {"pay_rate": "15.50"})  # saving again is deliberate
    assert third.status_code == 302 and StaffRecord.objects.get(pk=record.pk).pay_rate == Decimal("15.50")


def test_a_change_from_check_answers_goes_back_to_check_answers(setup, editor, client):
    record = StaffRecordFactory(workforce_return=setup.workforce_return, local_ref="C1")
    client.force_login(editor)
    response = _submit(client, setup.url("staff-job", record=record.pk) + "?change=1", {"gender": "1"})
    assert response["Location"] == setup.url("staff-edit", record=record.pk)
    assert ChangeRecord.objects.get(action="updated").field == "gender"


def test_a_carried_forward_record_is_confirmed_on_its_check_answers_page(setup, editor, client, world):
    last_year = CollectionRoundFactory(slug="r2025", council=world.council_a)
    previous = WorkforceReturnFactory(workplace=world.workplace_a, round=last_year, state="accepted")
    StaffRecordFactory(workforce_return=previous, local_ref="CF1")
    return_carry_forward(workforce_return=setup.workforce_return, previous=previous, actor=None)
    record = StaffRecord.objects.get(workforce_return=setup.workforce_return)
    client.force_login(editor)
    _submit(client, setup.url("staff-pay", record=record.pk), {"sickness_days": "5"})
    assert not StaffRecord.objects.get(pk=record.pk).confirmed  # one page changed; the rest not yet looked at
    page = client.get(setup.url("staff-edit", record=record.pk)).content.decode()
    assert "carried forward from last year" in page
    response = _submit(client, setup.url("staff-edit", record=record.pk), {}, button="add_another")
    assert response["Location"] == setup.url("staff-add")
    assert StaffRecord.objects.get(pk=record.pk).confirmed


def test_a_viewer_sees_the_answers_but_cannot_save(setup, client):
    record = StaffRecordFactory(workforce_return=setup.workforce_return, local_ref="R1")
    client.force_login(setup.world.users["provider_viewer"])
    page = client.get(setup.url("staff-edit", record=record.pk)).content.decode()
    assert "Check staff record R1" in page and "Change" not in re.sub(r"<[^>]+>", " ", page).split("Check staff")[1]
    assert client.post(setup.url("staff-pay", record=record.pk), {"pay_rate": "20"}).status_code == 404
    assert client.post(setup.url("staff-edit", record=record.pk), {}).status_code == 404


def test_nationality_is_british_first_then_alphabetical_by_name(setup, editor, client):
    client.force_login(editor)
    page = client.get(setup.url("staff-add")).content.decode()
    select = re.search(r'<select name="nationality".*?</select>', page, re.DOTALL).group(0)
    assert 'data-module="app-autocomplete"' in select
    names = re.findall(r"<option value=\"[^\"]+\"[^>]*>([^<]+)</option>", select)
    assert names[0] == "British"
    middle = names[1:-2]
    assert middle == sorted(middle, key=str.casefold) and names[-2:] == ["Another nationality (not listed)",
                                                                         "Don&#x27;t know"]
    assert 'src="/static/accessible-autocomplete/accessible-autocomplete.min.js"' in page


def test_country_of_birth_is_united_kingdom_first_and_is_saved(setup, editor, client):
    client.force_login(editor)
    page = client.get(setup.url("staff-add")).content.decode()
    select = re.search(r'<select name="country_of_birth".*?</select>', page, re.DOTALL).group(0)
    names = re.findall(r"<option value=\"[^\"]+\"[^>]*>([^<]+)</option>", select)
    assert names[0] == "United Kingdom" and names[1] == "Afghanistan" and "(label" not in select
    assert names[-2:] == ["Another country (not listed)", "Don&#x27;t know"]
    _submit(client, setup.url("staff-add"), {**PERSON, "country_of_birth": "616"}, button="later")
    assert _record().country_of_birth == "616"
    page = client.get(setup.url("staff-edit", record=_record().pk)).content.decode()
    assert "Country of birth" in page and "Poland" in page


def test_complete_staff_is_a_care_worker():
    assert COMPLETE_STAFF["job_role"] == "8"


def test_an_answer_on_another_page_that_stops_the_save_is_named_with_its_page(setup, editor, client):
    """A record whose stored hours break a rule (say, from an old upload) cannot be saved until that is fixed: the
    page being saved says which answer, and on which page."""
    record = StaffRecordFactory(workforce_return=setup.workforce_return, local_ref="X1", zero_hours="1",
                                contracted_hours=Decimal("37.5"))
    client.force_login(editor)
    page = _submit(client, setup.url("staff-job", record=record.pk), {"gender": "1"}).content.decode()
    assert "Contracted hours must be empty" in page and "(on the ‘Pay and hours’ page)" in page
    assert StaffRecord.objects.get(pk=record.pk).gender == "2"
    check = client.get(setup.url("staff-edit", record=record.pk))
    response = client.post(setup.url("staff-edit", record=record.pk), {"version": str(record.version), "save": "1"})
    page = response.content.decode()
    assert check.status_code == 200 and response.status_code == 200 and "There is a problem" in page
    assert f'href="{setup.url("staff-pay", record=record.pk)}?change=1#id_contracted_hours"' in page
