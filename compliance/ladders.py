"""Each council's chase ladder, stored as rows and turned into the pure rules' `LadderStep`s.

A council with no rows gets `compliance.rules.DEFAULT_LADDER` (with the default wording) the first time it is
needed; a council admin can then change offsets, approvals and wording on the council's ladder page.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from compliance.models import LadderStepSetting
from compliance.rules import DEFAULT_LADDER, LadderStep, StepKind

# Subject and opening paragraph per kind. {organisation}, {due}, {response_days} are filled in when sent.
DEFAULT_WORDING: dict[str, tuple[str, str]] = {
    StepKind.INVITATION: (
        "Your annual workforce return is open",
        "The window for this year's workforce return is now open. Your contract asks you to submit it by {due}.",
    ),
    StepKind.REMINDER: (
        "Reminder: your workforce return is due by {due}",
        "This is a reminder that your contract asks you to submit your workforce return by {due}.",
    ),
    StepKind.FINAL_REMINDER: (
        "Your workforce return is due today",
        "Your workforce return is due today, {due}. Please submit it today to meet your contract.",
    ),
    StepKind.OVERDUE_NOTICE: (
        "Your workforce return is overdue",
        "We have not received a complete workforce return from you. It was due by {due}.",
    ),
    StepKind.SECOND_NOTICE: (
        "Second notice: your workforce return is overdue",
        "Your workforce return is now a week overdue. Your contract officer will phone you to offer help.",
    ),
    StepKind.CALL_TASK: (
        "Phone the provider about their overdue return",
        "Phone the provider to offer support with their overdue workforce return.",
    ),
    StepKind.FORMAL_LETTER: (
        "Formal notice: workforce return not received",
        "Your contract requires an annual workforce return, which was due by {due}. You have {response_days} "
        "days from the date of this letter to submit it.",
    ),
    StepKind.DEFAULT_NOTICE: (
        "Contract default notice: workforce return",
        "You have not submitted the workforce return your contract requires. This is a contract default and "
        "has been recorded on the council's default list.",
    ),
}


# Steps outside the council's ladder: the survey requirement's "no answers yet" reminder (compliance.rules.survey).
BUILT_IN_WORDING: dict[str, tuple[str, str]] = {
    "no_survey_responses": (
        "No staff survey answers yet from your workplace",
        "We have not been able to publish any staff survey answers from this workplace yet: fewer than 5 people "
        "have answered so far. Please share the survey link with your staff: print the poster for the staff room, "
        "put the link in your rota app or staff group chat, and mention it at handovers.",
    ),
}


def built_in_setting(council_id: int, step: LadderStep) -> LadderStepSetting:
    """An unsaved setting for a step that is not on any council's ladder (its wording is fixed)."""
    subject, wording = BUILT_IN_WORDING[step.key]
    return LadderStepSetting(
        council_id=council_id, key=step.key, position=0, kind=step.kind, offset_days=step.offset_days,
        anchor=step.anchor, channel=step.channel, audience=[a.value for a in step.audience],
        needs_approval=step.needs_approval, for_individual_employers=step.for_individual_employers,
        marks_default=False, response_days=None, subject=subject, wording=wording,
    )  # fmt: skip


# What a council copies from the service's default step (and may be offered again when the default changes).
DEFAULT_FIELDS = ("kind", "offset_days", "anchor", "channel", "audience", "needs_approval",
                  "for_individual_employers", "marks_default", "response_days", "subject", "wording")  # fmt: skip


def default_values(step: LadderStep) -> dict:
    """The service's default for one step, as the values of a stored step."""
    subject, wording = DEFAULT_WORDING[step.kind]
    return {
        "kind": str(step.kind), "offset_days": step.offset_days, "anchor": str(step.anchor),
        "channel": str(step.channel), "audience": [a.value if hasattr(a, "value") else a for a in step.audience],
        "needs_approval": step.needs_approval, "for_individual_employers": step.for_individual_employers,
        "marks_default": step.marks_default, "response_days": step.response_days, "subject": subject,
        "wording": wording,
    }  # fmt: skip


def signature(values: dict) -> str:
    """A fingerprint of one version of a default step: when the service's default changes, so does this."""
    text = json.dumps({name: values[name] for name in DEFAULT_FIELDS}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def default_ladder() -> dict[str, tuple[int, dict]]:
    """The service's default ladder now: key -> (position, values)."""
    return {step.key: (position, default_values(step)) for position, step in enumerate(DEFAULT_LADDER)}


def _setting_from_step(council_id: int, position: int, step: LadderStep) -> LadderStepSetting:
    values = default_values(step)
    return LadderStepSetting(council_id=council_id, key=step.key, position=position,
                             default_signature=signature(values), **values)  # fmt: skip


@dataclass(frozen=True)
class DefaultChange:
    """A step whose service default changed since the council copied it (`setting` None: a new default step)."""

    key: str
    setting: LadderStepSetting | None
    position: int
    values: dict  # the new default

    @property
    def differences(self) -> list[tuple[str, object, object]]:
        """(field, the council's value, the new default's value) for each field that differs."""
        if self.setting is None:
            return [(name, None, self.values[name]) for name in ("subject", "offset_days", "needs_approval")]
        return [(name, getattr(self.setting, name), self.values[name]) for name in DEFAULT_FIELDS
                if getattr(self.setting, name) != self.values[name]]


def default_changes(ladder: list[LadderStepSetting]) -> list[DefaultChange]:
    """The steps of a council's ladder copied from a version of the default that has since changed, and default
    steps the ladder does not have. A step with no recorded version (stored before versions were recorded) is taken
    as copied from today's default."""
    current = default_ladder()
    have = {setting.key: setting for setting in ladder}
    changes = []
    for key, (position, values) in current.items():
        setting = have.get(key)
        if setting is None:
            changes.append(DefaultChange(key, None, position, values))
        elif setting.default_signature and setting.default_signature != signature(values):
            changes.append(DefaultChange(key, setting, position, values))
    return changes


def rule_step(setting: LadderStepSetting) -> LadderStep:
    """The pure rules' view of a stored step (raises ValueError for a step the rules reject)."""
    return LadderStep(
        key=setting.key, kind=setting.kind, offset_days=setting.offset_days, anchor=setting.anchor,
        channel=setting.channel, audience=tuple(setting.audience), needs_approval=setting.needs_approval,
        template=f"chase/{setting.kind}", for_individual_employers=setting.for_individual_employers,
        marks_default=setting.marks_default, response_days=setting.response_days,
    )  # fmt: skip


def ensure_default_ladders(council_ids: Iterable[int]) -> None:
    """Create the default ladder for every council in `council_ids` that has none (one or two queries)."""
    wanted = set(council_ids)
    have = set(LadderStepSetting.objects.filter(council_id__in=wanted).values_list("council_id", flat=True).distinct())
    rows = [
        _setting_from_step(council_id, position, step)
        for council_id in sorted(wanted - have)
        for position, step in enumerate(DEFAULT_LADDER)
    ]
    if rows:
        LadderStepSetting.objects.bulk_create(rows, ignore_conflicts=True)


def ladders_for(council_ids: Iterable[int]) -> dict[int, list[LadderStepSetting]]:
    """Every council's ladder, in order, created from the default where missing."""
    wanted = set(council_ids)
    ensure_default_ladders(wanted)
    ladders: dict[int, list[LadderStepSetting]] = {council_id: [] for council_id in wanted}
    for setting in LadderStepSetting.objects.filter(council_id__in=wanted).order_by("council_id", "position"):
        ladders[setting.council_id].append(setting)
    return ladders
