"""The chase over a whole season, day by day from the window opening to 60 days after the due date, with the
messages captured by a real SMTP server."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from compliance.models import ChaseRecord
from compliance.services import chase_decide, chase_sweep
from tests.factories.compliance import DUE, WINDOW_OPENS, submitted

pytestmark = pytest.mark.django_db
S = ChaseRecord.Status


def days(first: date, last: date):
    return [first + timedelta(n) for n in range((last - first).days + 1)]


def inbox(smtp_server) -> Counter:
    """(envelope recipients, subject) -> how many times it arrived."""
    return Counter((m["X-Envelope-To"], m["Subject"]) for m in smtp_server.messages)


LATE = "admin@late.test"
LATE_ALL = "admin@late.test, boss@late.test"
IND = "admin@individual.test"
IND_ALL = "admin@individual.test, boss@individual.test"
PROMPT = "admin@prompt.test"


def test_a_whole_season(season, smtp_server, django_capture_on_commit_callbacks):
    submitted(season.prompt_place, on=DUE - timedelta(10), round=season.round)
    for day in days(WINDOW_OPENS, DUE + timedelta(60)):
        chase_sweep(today=day)
        if day == DUE + timedelta(20):
            letter = ChaseRecord.objects.get(organisation=season.late, step="formal_letter")
            assert letter.status == S.AWAITING_APPROVAL
            assert not any("Formal notice" in m["Subject"] for m in smtp_server.messages), "held back"
            with django_capture_on_commit_callbacks(execute=True):
                chase_decide(record=letter, approve=True, user=season.officer)
        if day in (DUE, DUE + timedelta(7)):
            chase_sweep(today=day)  # the same day twice sends nothing twice

    assert inbox(smtp_server) == Counter({
        (LATE, "Your annual workforce return is open"): 1,
        (LATE, "Reminder: your workforce return is due by 30 June"): 2,  # 30 and 14 days before
        (LATE_ALL, "Reminder: your workforce return is due by 30 June"): 2,  # 7 days and 1 day before
        (LATE_ALL, "Your workforce return is due today"): 1,
        (LATE_ALL, "Your workforce return is overdue"): 1,
        (LATE_ALL, "Second notice: your workforce return is overdue"): 1,
        (LATE_ALL, "Formal notice: workforce return not received"): 1,  # only once approved
        (PROMPT, "Your annual workforce return is open"): 1,
        (PROMPT, "Reminder: your workforce return is due by 30 June"): 2,  # then it submitted
        (IND, "Your annual workforce return is open"): 1,
        (IND, "Reminder: your workforce return is due by 30 June"): 2,
        (IND_ALL, "Reminder: your workforce return is due by 30 June"): 2,
        (IND_ALL, "Your workforce return is due today"): 1,  # reminders only: never a notice
    })  # fmt: skip
    steps = dict(ChaseRecord.objects.filter(organisation=season.late).values_list("step", "status"))
    assert steps == {
        "invitation": S.SENT, "reminder_30": S.SENT, "reminder_14": S.SENT, "reminder_7": S.SENT,
        "reminder_1": S.SENT, "final_reminder": S.SENT, "overdue_notice": S.SENT, "second_notice": S.SENT,
        "call_task": S.QUEUED, "formal_letter": S.SENT, "default_notice": S.AWAITING_APPROVAL,
    }  # fmt: skip
    final = ChaseRecord.objects.get(organisation=season.late, step="final_reminder")
    body = next(m for m in smtp_server.messages if m["Subject"] == "Your workforce return is due today")
    assert final.provider_reference == f"chase-{final.pk}"
    assert any(m["Message-ID"].strip().startswith(f"<chase-{final.pk}.") for m in smtp_server.messages), [m["Message-ID"] for m in smtp_server.messages][:3]
    text = smtp_server.body(body)
    assert "Complete so far: 0% of staff records" in text and "Still missing: not submitted yet." in text


def test_json_actions_and_dry_run(season, mailoutbox):
    dry = chase_sweep(today=WINDOW_OPENS, dry_run=True)
    assert not ChaseRecord.objects.exists() and not mailoutbox
    real = chase_sweep(today=WINDOW_OPENS)
    assert sorted(a.as_json()["organisation"] for a in real) == ["individual", "late", "prompt"]
    assert [a.as_json() for a in dry] == [a.as_json() for a in real]
    assert {a.status for a in real} == {"sent"} and len(mailoutbox) == 3
    late = next(a for a in real if a.organisation == "late")
    assert late.as_json() == {
        "kind": "invitation", "organisation": "late", "workplace": "LATE1", "requirement": "annual_return",
        "step": "invitation", "status": "sent",
    }  # fmt: skip
    assert chase_sweep(today=WINDOW_OPENS) == []
