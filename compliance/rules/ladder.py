"""The chase ladder as data: which step happens when, by which channel, to whom, and who must approve it.

Each council can store its own ladder (offsets, wording, approvals); `DEFAULT_LADDER` is PRODUCT.md section 4.
A step's date is its offset in days from its anchor: the day the window opens, or the effective due date
(the due date moved by any extension). Negative offsets are before the anchor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from compliance.rules.facts import RequirementFacts
from compliance.rules.status import effective_due_date


class StepKind(StrEnum):
    """What a step is; these are the `kind` values of the `chase --json` actions."""

    INVITATION = "invitation"
    REMINDER = "reminder"
    FINAL_REMINDER = "final_reminder"
    OVERDUE_NOTICE = "overdue_notice"
    SECOND_NOTICE = "second_notice"
    CALL_TASK = "call_task"
    FORMAL_LETTER = "formal_letter"
    DEFAULT_NOTICE = "default_notice"


# The only kinds an individual employer may ever receive: reminders, never notices or escalation.
REMINDER_KINDS = frozenset({StepKind.INVITATION, StepKind.REMINDER, StepKind.FINAL_REMINDER})


class Anchor(StrEnum):
    WINDOW_OPENS = "window_opens"
    DUE_DATE = "due_date"


class Channel(StrEnum):
    EMAIL = "email"
    SMS = "sms"  # recorded as a task until an SMS gateway is wired in
    LETTER = "letter"  # recorded as a task: an officer posts or sends it
    TASK = "task"  # work for a council officer, e.g. a phone call


# What people read for each code: one name per concept on every page, email and form.
STEP_KIND_LABELS: dict[str, str] = {
    StepKind.INVITATION: "Invitation",
    StepKind.REMINDER: "Reminder",
    StepKind.FINAL_REMINDER: "Final reminder",
    StepKind.OVERDUE_NOTICE: "Overdue notice",
    StepKind.SECOND_NOTICE: "Second overdue notice",
    StepKind.CALL_TASK: "Phone call",
    StepKind.FORMAL_LETTER: "Formal letter",
    StepKind.DEFAULT_NOTICE: "Default notice",
}
ANCHOR_LABELS: dict[str, str] = {Anchor.WINDOW_OPENS: "The day the window opens", Anchor.DUE_DATE: "The due date"}
CHANNEL_LABELS: dict[str, str] = {
    Channel.EMAIL: "Email",
    Channel.SMS: "Text message",
    Channel.LETTER: "Letter",
    Channel.TASK: "Task for an officer",
}


def step_kind_label(kind: str) -> str:
    """The words for a step kind; an unknown kind (a council's own) reads as its words, never as a code."""
    return STEP_KIND_LABELS.get(kind) or kind.replace("_", " ").capitalize()


def step_label(step: LadderStep) -> str:
    """A ladder step in words, telling apart the steps of one kind: "Reminder, 30 days before the due date"."""
    label = step_kind_label(step.kind)
    if step.kind != StepKind.REMINDER or not step.offset_days:
        return label
    days = abs(step.offset_days)
    when = "before" if step.offset_days < 0 else "after"
    anchor = "the due date" if step.anchor == Anchor.DUE_DATE else "the window opens"
    return f"{label}, {days} day{'' if days == 1 else 's'} {when} {anchor}"


def channel_label(channel: str) -> str:
    return CHANNEL_LABELS.get(channel) or channel.replace("_", " ").capitalize()


class Audience(StrEnum):
    ORGANISATION_ADMINS = "organisation_admins"
    CONTRACT_OFFICER = "contract_officer"  # the officer named on the contract
    SENIOR_ACCOUNTABLE_PERSON = "senior_accountable_person"  # e.g. the CQC nominated individual


@dataclass(frozen=True, kw_only=True)
class LadderStep:
    """One rung of the chase ladder.

    `key` is unique within a ladder and is what the evidence trail records as done. `marks_default` puts the
    organisation on the council's default list once the step goes out. `response_days` is the time the step
    gives the organisation to comply (the formal letter gives 28 days), for the wording; it moves no dates.
    """

    key: str
    kind: StepKind
    offset_days: int
    anchor: Anchor
    channel: Channel
    audience: tuple[Audience, ...]
    needs_approval: bool
    template: str
    for_individual_employers: bool
    marks_default: bool = False
    response_days: int | None = None

    def __post_init__(self) -> None:
        # Accept plain strings (from a database row or a form) and keep the enums.
        object.__setattr__(self, "kind", StepKind(self.kind))
        object.__setattr__(self, "anchor", Anchor(self.anchor))
        object.__setattr__(self, "channel", Channel(self.channel))
        object.__setattr__(self, "audience", tuple(Audience(a) for a in self.audience))
        if not self.key:
            raise ValueError("A ladder step needs a key.")
        if self.response_days is not None and self.response_days < 1:
            raise ValueError(f"Step {self.key!r} must give at least 1 day to respond.")
        if not self.audience:
            raise ValueError(f"Step {self.key!r} has no audience.")
        if self.for_individual_employers and self.kind not in REMINDER_KINDS:
            raise ValueError(f"Step {self.key!r} is a {self.kind}: individual employers get reminders only.")
        if self.for_individual_employers and self.needs_approval:
            raise ValueError(f"Step {self.key!r} needs approval: individual employers are never escalated.")


def step_date(step: LadderStep, *, facts: RequirementFacts) -> date:
    """The day a step falls due: its offset from the window opening or from the effective due date."""
    anchor = facts.window_opens if step.anchor == Anchor.WINDOW_OPENS else effective_due_date(facts)
    return anchor + timedelta(days=step.offset_days)


def ladder_problems(ladder: tuple[LadderStep, ...] | list[LadderStep]) -> list[str]:
    """Problems with a ladder as a whole, in words (single steps check themselves when built): every key must
    be unique, because a key is how the sweep knows a step was already done."""
    seen: set[str] = set()
    problems = []
    for step in ladder:
        if step.key in seen:
            problems.append(f"The key {step.key!r} is used by more than one step.")
        seen.add(step.key)
    return problems


_ADMINS = (Audience.ORGANISATION_ADMINS,)
_ADMINS_AND_SENIOR = (Audience.ORGANISATION_ADMINS, Audience.SENIOR_ACCOUNTABLE_PERSON)
_SENIOR_AND_ADMINS = (Audience.SENIOR_ACCOUNTABLE_PERSON, Audience.ORGANISATION_ADMINS)


def _reminder(key: str, kind: StepKind, offset: int, audience: tuple[Audience, ...], anchor: Anchor) -> LadderStep:
    return LadderStep(
        key=key, kind=kind, offset_days=offset, anchor=anchor, channel=Channel.EMAIL, audience=audience,
        needs_approval=False, template=f"chase/{kind}", for_individual_employers=True,
    )  # fmt: skip


def _notice(
    key: str,
    kind: StepKind,
    offset: int,
    channel: Channel,
    audience: tuple[Audience, ...],
    *,
    approval: bool,
    response_days: int | None = None,
) -> LadderStep:
    return LadderStep(
        key=key, kind=kind, offset_days=offset, anchor=Anchor.DUE_DATE, channel=channel, audience=audience,
        needs_approval=approval, template=f"chase/{kind}", for_individual_employers=False,
        marks_default=kind == StepKind.DEFAULT_NOTICE, response_days=response_days,
    )  # fmt: skip


# PRODUCT.md section 4. The senior accountable person is copied from 7 days before the due date (DOMAIN.md 1.7).
DEFAULT_LADDER: tuple[LadderStep, ...] = (
    _reminder("invitation", StepKind.INVITATION, 0, _ADMINS, Anchor.WINDOW_OPENS),
    _reminder("reminder_30", StepKind.REMINDER, -30, _ADMINS, Anchor.DUE_DATE),
    _reminder("reminder_14", StepKind.REMINDER, -14, _ADMINS, Anchor.DUE_DATE),
    _reminder("reminder_7", StepKind.REMINDER, -7, _ADMINS_AND_SENIOR, Anchor.DUE_DATE),
    _reminder("reminder_1", StepKind.REMINDER, -1, _ADMINS_AND_SENIOR, Anchor.DUE_DATE),
    _reminder("final_reminder", StepKind.FINAL_REMINDER, 0, _ADMINS_AND_SENIOR, Anchor.DUE_DATE),
    _notice("overdue_notice", StepKind.OVERDUE_NOTICE, 1, Channel.EMAIL, _ADMINS_AND_SENIOR, approval=False),
    _notice("second_notice", StepKind.SECOND_NOTICE, 7, Channel.EMAIL, _ADMINS_AND_SENIOR, approval=False),
    _notice("call_task", StepKind.CALL_TASK, 7, Channel.TASK, (Audience.CONTRACT_OFFICER,), approval=False),
    _notice(
        "formal_letter", StepKind.FORMAL_LETTER, 14, Channel.LETTER, _SENIOR_AND_ADMINS, approval=True, response_days=28
    ),
    _notice("default_notice", StepKind.DEFAULT_NOTICE, 42, Channel.LETTER, _SENIOR_AND_ADMINS, approval=True),
)
