"""Exit-survey indicators (DOMAIN.md 2.4): leaving reasons, destinations, what would have made people stay,
exit eNPS and, for council level only, exploitation flags."""

from __future__ import annotations

from collections.abc import Sequence

from surveys.questionnaires.exit_survey import EXIT_V1, EXPLOITATION_KEY
from surveys.rules.scoring.base import Answers, Indicator, answer_given, answer_values, enps, share, share_choosing

# The council papers' four headline reasons for leaving, as answers to X5/X6.
HEADLINE_REASONS: dict[str, tuple[str, ...]] = {
    "pay": ("pay",),
    "career_progression": ("no_progression",),
    "stress": ("stress_workload",),
    "working_patterns": ("shift_patterns",),
}
# X7 destinations grouped for the headline shares.
DESTINATION_GROUPS: dict[str, tuple[str, ...]] = {
    "adult_social_care": ("care_employer", "pa"),
    "nhs_or_health": ("nhs",),
    "other_sectors": ("childrens_care", "other_sector"),
    "not_in_work": ("education", "not_working", "retire", "leaving_uk"),
    "dont_know": ("dont_know",),
}
# X7 destination -> ASC-WDS `worker_leave_reasons` code (providers/reference_data, list version 2026_1).
ASCWDS_LEAVE_REASON: dict[str, str] = {
    "care_employer": "1",
    "pa": "1",
    "nhs": "2",
    "childrens_care": "3",
    "other_sector": "3",
    "education": "5",
    "not_working": "5",
    "leaving_uk": "5",
    "retire": "6",
    "dont_know": "9",
}


def _each_value(responses: Sequence[Answers], key: str, values: Sequence[str]) -> dict[str, Indicator]:
    return {value: share_choosing(responses, key=key, values=(value,)) for value in values}


def main_reasons(responses: Sequence[Answers]) -> dict[str, Indicator]:
    """Share of leavers giving each main reason for leaving (X5), out of those who gave a main reason."""
    return _each_value(responses, "main_reason", _option_values("main_reason"))


def any_reasons(responses: Sequence[Answers]) -> dict[str, Indicator]:
    """Share of leavers giving each reason as their main reason or as another reason (X5 or X6), out of those who
    gave a main reason. Shares can add up to more than 100."""
    return {reason: _main_or_other(responses, (reason,)) for reason in _option_values("main_reason")}


def headline_reasons(responses: Sequence[Answers]) -> dict[str, Indicator]:
    """The council papers' four headline reasons (pay, career progression, stress, working patterns): the share
    of leavers giving each as their main or another reason, to set beside the papers' 63/36/34/30% (which were
    providers' reports, not leavers' own answers)."""
    return {name: _main_or_other(responses, values) for name, values in HEADLINE_REASONS.items()}


def _main_or_other(responses: Sequence[Answers], values: Sequence[str]) -> Indicator:
    base = [answers for answers in responses if answer_given(answers.get("main_reason"))]
    wanted = set(values)
    count = sum(
        1
        for answers in base
        if wanted.intersection(
            (*answer_values(answers.get("main_reason")), *answer_values(answers.get("other_reasons")))
        )
    )
    return share(count, len(base))


def destinations(responses: Sequence[Answers]) -> dict[str, Indicator]:
    """Share of leavers going to each destination (X7), out of those who answered."""
    return _each_value(responses, "next_step", _option_values("next_step"))


def destination_groups(responses: Sequence[Answers]) -> dict[str, Indicator]:
    """Headline destination shares: staying in adult social care (another care employer or PA work), NHS or
    health, other sectors (children's social care or a different sector), not in work, and don't know."""
    return {
        group: share_choosing(responses, key="next_step", values=values) for group, values in DESTINATION_GROUPS.items()
    }


def stay_levers(responses: Sequence[Answers]) -> dict[str, Indicator]:
    """Share of leavers ticking each thing that could have made them stay (X9), including "Nothing"."""
    return _each_value(responses, "stay_levers", _option_values("stay_levers"))


def exploitation_flags(responses: Sequence[Answers]) -> Indicator:
    """Leavers who said they were asked to pay fees, had their passport taken or were threatened about their visa
    (X13 "yes"), out of those who answered yes or no. COUNCIL OR DISTRICT LEVEL ONLY: never show this for one
    employer or in any output an employer can see."""
    return share_choosing(responses, key=EXPLOITATION_KEY, values=("yes",))


def ascwds_leave_reason(destination: str) -> str | None:
    """The ASC-WDS `worker_leave_reasons` code for an X7 destination, or None for an unknown value."""
    return ASCWDS_LEAVE_REASON.get(destination)


def exit_indicators(responses: Sequence[Answers], *, include_sensitive: bool = False) -> dict[str, Indicator]:
    """The headline exit-survey indicators (DOMAIN.md 2.4), flat: headline reasons, destination groups, exit eNPS,
    would work in care again; plus exploitation flags only when `include_sensitive` (council level)."""
    result: dict[str, Indicator] = {f"reason_{name}": value for name, value in headline_reasons(responses).items()}
    result |= {f"destination_{name}": value for name, value in destination_groups(responses).items()}
    result["exit_enps"] = enps(responses)
    result["would_work_in_care_again"] = share_choosing(responses, key="work_in_care_again", values=("yes",))
    if include_sensitive:
        result["exploitation_flags"] = exploitation_flags(responses)
    return result


def _option_values(key: str) -> tuple[str, ...]:
    return EXIT_V1[key].option_values()
