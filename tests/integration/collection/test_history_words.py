"""The history of changes reads as words: field names through their labels, codes through their code list's label,
dates in the service's one date format, as "Job role: Employment support → Care worker"."""

from __future__ import annotations

import re
from datetime import date

from collection.history import describe
from collection.models import ChangeRecord
from collection.services import staff_record_remove, staff_record_update
from providers.reference import labels
from tests.factories.collection import StaffRecordFactory

SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")


def _visible(html: str) -> str:
    main = html[html.index('id="main-content"'):html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def test_a_changed_job_role_and_start_date_read_as_words(setup, client):
    admin = setup.world.users["provider_admin"]
    record = StaffRecordFactory(workforce_return=setup.workforce_return, local_ref="W-7", job_role="10",
                                start_date=date(2020, 5, 1))
    staff_record_update(record=record, actor=admin, version=record.version, confirm_warnings=True,
                        data={"job_role": "8", "start_date": date(2021, 2, 3)})
    record.refresh_from_db()
    staff_record_remove(record=record, actor=admin, leaving_reason="6", left_on=date(2024, 12, 31))

    client.force_login(admin)
    text = _visible(client.get(setup.url("return-history")).content.decode())

    assert "Job role: Employment support → changed to Care worker" in text
    assert "Start date: 1 May 2020 → changed to 3 February 2021" in text
    assert "Reason for leaving: Not answered → changed to The worker retired" in text
    assert "Left on: Not answered → changed to 31 December 2024" in text
    assert "Changed staff record W-7" in text and "Marked as left W-7" in text
    assert not SNAKE.findall(text), SNAKE.findall(text)
    assert "2021-02-03" not in text and "job_role" not in text


def test_a_new_record_lists_its_answers_in_words(setup):
    admin = setup.world.users["provider_admin"]
    change = ChangeRecord.objects.create(workforce_return=setup.workforce_return, staff_ref="N-1", action="created",
                                         field="", new_value="job_role=8; start_date=2022-04-01; gender=2",
                                         actor=admin)
    entry = describe(change)
    assert entry.action == "Added staff record"
    assert entry.change == f"Job role: Care worker; Start date: 1 April 2022; Gender: {labels('gender')['2']}"
    assert not SNAKE.findall(entry.change)


def test_counts_and_states_read_as_words(setup):
    counted = ChangeRecord(workforce_return=setup.workforce_return, action="numbers_updated",
                           field="starters (job role 8)", old_value="0", new_value="2")
    assert describe(counted).change == "Starters (Care worker): 0 → 2"
    state = ChangeRecord(workforce_return=setup.workforce_return, action="returned", field="state",
                         old_value="submitted", new_value="returned")
    assert describe(state).change == "Status: Submitted → Returned for correction"
    unknown = ChangeRecord(workforce_return=setup.workforce_return, action="some_new_action", field="brand_new_field",
                           old_value="", new_value="x")
    entry = describe(unknown)
    assert entry.action == "Some new action" and entry.change == "Brand new field: Not answered → x"
