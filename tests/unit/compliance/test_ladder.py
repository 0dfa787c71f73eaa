"""The chase ladder as data: the default ladder, step validation and step dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from compliance.rules import (
    DEFAULT_LADDER,
    Anchor,
    Audience,
    Channel,
    LadderStep,
    StepKind,
    ladder_problems,
    step_date,
)
from tests.unit.compliance.factories import d, facts

ADMINS = ("organisation_admins",)
ADMINS_SENIOR = ("organisation_admins", "senior_accountable_person")
SENIOR_ADMINS = ("senior_accountable_person", "organisation_admins")

# key, kind, anchor, offset, channel, audience, needs approval, for individual employers  (PRODUCT.md section 4)
EXPECTED_DEFAULT = [
    ("invitation", "invitation", "window_opens", 0, "email", ADMINS, False, True),
    ("reminder_30", "reminder", "due_date", -30, "email", ADMINS, False, True),
    ("reminder_14", "reminder", "due_date", -14, "email", ADMINS, False, True),
    ("reminder_7", "reminder", "due_date", -7, "email", ADMINS_SENIOR, False, True),
    ("reminder_1", "reminder", "due_date", -1, "email", ADMINS_SENIOR, False, True),
    ("final_reminder", "final_reminder", "due_date", 0, "email", ADMINS_SENIOR, False, True),
    ("overdue_notice", "overdue_notice", "due_date", 1, "email", ADMINS_SENIOR, False, False),
    ("second_notice", "second_notice", "due_date", 7, "email", ADMINS_SENIOR, False, False),
    ("call_task", "call_task", "due_date", 7, "task", ("contract_officer",), False, False),
    ("formal_letter", "formal_letter", "due_date", 14, "letter", SENIOR_ADMINS, True, False),
    ("default_notice", "default_notice", "due_date", 42, "letter", SENIOR_ADMINS, True, False),
]


def test_default_ladder_is_the_product_ladder() -> None:
    actual = [
        (s.key, s.kind, s.anchor, s.offset_days, s.channel, s.audience, s.needs_approval, s.for_individual_employers)
        for s in DEFAULT_LADDER
    ]
    assert actual == EXPECTED_DEFAULT
    assert ladder_problems(DEFAULT_LADDER) == []


def test_default_ladder_extras() -> None:
    """Only the default notice puts the organisation on the default list; the formal letter gives 28 days;
    every step has a template named after its kind."""
    assert [s.key for s in DEFAULT_LADDER if s.marks_default] == ["default_notice"]
    assert {s.key: s.response_days for s in DEFAULT_LADDER if s.response_days} == {"formal_letter": 28}
    assert all(s.template == f"chase/{s.kind}" for s in DEFAULT_LADDER)


def _step(**changes: object) -> LadderStep:
    fields: dict[str, object] = {
        "key": "k", "kind": "reminder", "offset_days": -3, "anchor": "due_date", "channel": "email",
        "audience": ADMINS, "needs_approval": False, "template": "chase/reminder", "for_individual_employers": True,
    }  # fmt: skip
    return LadderStep(**(fields | changes))  # type: ignore[arg-type]


def test_steps_built_from_strings_hold_enums() -> None:
    step = _step(channel="sms", audience=["organisation_admins", "contract_officer"])
    assert step.kind is StepKind.REMINDER
    assert step.anchor is Anchor.DUE_DATE
    assert step.channel is Channel.SMS
    assert step.audience == (Audience.ORGANISATION_ADMINS, Audience.CONTRACT_OFFICER)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "overdue_notice"}, "individual employers get reminders only"),
        ({"needs_approval": True}, "individual employers are never escalated"),
        ({"audience": ()}, "has no audience"),
        ({"key": ""}, "needs a key"),
        ({"response_days": 0}, "at least 1 day"),
        ({"channel": "pigeon"}, "is not a valid Channel"),
        ({"kind": "fine"}, "is not a valid StepKind"),
        ({"anchor": "closes"}, "is not a valid Anchor"),
        ({"audience": ("everyone",)}, "is not a valid Audience"),
    ],
)
def test_impossible_steps_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _step(**changes)


def test_duplicate_keys_are_a_ladder_problem() -> None:
    ladder = (*DEFAULT_LADDER, replace(DEFAULT_LADDER[1], offset_days=-60))
    assert ladder_problems(ladder) == ["The key 'reminder_30' is used by more than one step."]


STEPS = {s.key: s for s in DEFAULT_LADDER}


@pytest.mark.parametrize(
    ("key", "extension_until", "expected"),
    [
        ("invitation", None, d(4, 1)),
        ("reminder_30", None, d(5, 31)),
        ("reminder_1", None, d(6, 29)),
        ("final_reminder", None, d(6, 30)),
        ("overdue_notice", None, d(7, 1)),
        ("default_notice", None, d(8, 11)),
        # an extension moves the due-date steps, never the invitation
        ("invitation", d(7, 14), d(4, 1)),
        ("final_reminder", d(7, 14), d(7, 14)),
        ("overdue_notice", d(7, 14), d(7, 15)),
        ("default_notice", d(7, 14), d(8, 25)),
    ],
)
def test_step_date(key: str, extension_until: date | None, expected: date) -> None:
    assert step_date(STEPS[key], facts=facts(extension_until=extension_until)) == expected


def test_every_step_kind_and_channel_has_words_for_people():
    """One name per concept: each code a page, email or form shows has a label that is words, not the code."""
    from compliance.rules import CHANNEL_LABELS, STEP_KIND_LABELS, Channel, StepKind, channel_label, step_kind_label

    assert set(STEP_KIND_LABELS) == set(StepKind) and set(CHANNEL_LABELS) == set(Channel)
    for kind in StepKind:
        assert "_" not in step_kind_label(kind) and step_kind_label(kind) != kind.value
    assert step_kind_label("formal_letter") == "Formal letter"
    assert channel_label("sms") == "Text message"
    assert step_kind_label("council_own_step") == "Council own step"  # a council's own kind still reads as words


def test_a_step_reads_as_words_that_tell_reminders_apart():
    from compliance.rules import DEFAULT_LADDER, step_label

    labels = {step.key: step_label(step) for step in DEFAULT_LADDER}
    assert labels["reminder_30"] == "Reminder, 30 days before the due date"
    assert labels["reminder_1"] == "Reminder, 1 day before the due date"
    assert labels["formal_letter"] == "Formal letter" and labels["invitation"] == "Invitation"
    assert len(set(labels.values())) == len(labels) and not any("_" in label for label in labels.values())
