"""Checks for an individual employer's short return about their Personal Assistants. Pure Python: no Django.

Everything is a count or a band; nothing is asked about any one PA.
"""

from __future__ import annotations

from collections.abc import Mapping

HOURS_BANDS = (
    ("under_10", "Fewer than 10 hours a week"),
    ("10_to_20", "10 to 20 hours a week"),
    ("21_to_35", "21 to 35 hours a week"),
    ("over_35", "More than 35 hours a week"),
)
PAY_BANDS = (
    ("under_12", "Less than £12 an hour"),
    ("12_to_13", "£12 to £12.99 an hour"),
    ("13_to_15", "£13 to £14.99 an hour"),
    ("15_plus", "£15 or more an hour"),
)
DIFFICULTY = (
    ("1", "Very easy"),
    ("2", "Easy"),
    ("3", "Neither easy nor hard"),
    ("4", "Hard"),
    ("5", "Very hard"),
)
PAS_MAX = 50


def pa_return_problems(answers: Mapping[str, object]) -> list[tuple[str, str]]:
    """(field, message) for each answer that cannot be kept.

    The PAs in the hours bands and in the pay bands each add up to the number of PAs employed; no more PAs have
    fixed hours than are employed; leavers need at least one reason.
    """
    problems: list[tuple[str, str]] = []
    employed = answers.get("pas_employed")
    if not isinstance(employed, int):
        return [("pas_employed", "Enter how many Personal Assistants you employ")]
    if not 0 <= employed <= PAS_MAX:
        return [("pas_employed", f"Number of Personal Assistants must be between 0 and {PAS_MAX}")]
    for key, noun, bands in (("hours_bands", "hours", HOURS_BANDS), ("pay_bands", "pay", PAY_BANDS)):
        given = answers.get(key) or {}
        total = sum(int(given.get(code) or 0) for code, _ in bands)
        if total != employed:
            problems.append(
                (f"{key}_{bands[0][0]}",
                 f"The numbers of PAs by {noun} must add up to the {employed} PAs you employ – they add up to {total}")
            )
    fixed = answers.get("fixed_hours_pas")
    if isinstance(fixed, int) and fixed > employed:
        problems.append(("fixed_hours_pas", f"PAs with fixed hours cannot be more than the {employed} you employ"))
    leavers = answers.get("leavers")
    if isinstance(leavers, int) and leavers > 0 and not answers.get("leaver_reasons"):
        problems.append(("leaver_reasons", "Select at least one reason why PAs left"))
    return problems
