"""The disclosure rule book (EXPORTS.md section 5), keyed by rule number. Every threshold is defined here once.

`exports.disclosure.rules` (the rule functions), `exports.disclosure.secondary` (the audit), the workbook's notes
sheet (`exports.disclosure.notes`), the exports templates (the view passes `summary()`) and the README (the block
between the `rulebook` markers, checked by a test; print it with `python -m exports.disclosure.rulebook`) all read
these constants, so a threshold changes in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from surveys.rules.suppression.single import MIN_RESPONSES

# Rule 1: counts of people
SMALL_COUNT_MAX = 7  # counts 1..7 are hidden
ROUNDING_BASE = 5  # other counts go to the nearest 5
# Rule 4: percentages
ONE_DP_DENOMINATOR = 4000  # 1 dp only on a rounded denominator of 4,000 or more
# Rule 5: employer threshold and dominance
MIN_PROVIDERS = 3
MAX_PROVIDER_SHARE = 0.8
MIN_BENCHMARK_WORKPLACES = 10  # a provider's benchmark compares with at least this many workplaces (with rule 5)
# Rule 6: means, medians, quartiles, magnitude
MIN_INDIVIDUALS = 10
MIN_INDIVIDUALS_PERCENTILE = 50
TOP_TWO_MAX_SHARE = 0.9
REMAINDER_MIN_SHARE = 0.1
# Rule 7: surveys. The survey threshold is defined once, with the survey rules (surveys read by every face of the
# service go through them); the rule book names it so the notes and the README read the same number.
MIN_SURVEY_RESPONSES = MIN_RESPONSES
# Rule 8: releases
REVISION_MONTHS = (3, 6, 12)  # scheduled revisions after the round's first release at its close
# Rule 9: secondary suppression and its audit
MIN_HIDDEN_TOTAL = 10  # (c) hidden members of a relation sum to at least this
MIN_INTERVAL_WIDTH = 10.0  # (e) no hidden count (people) can be bounded to an interval narrower than this
MIN_RATE_INTERVAL_POINTS = 10.0  # (e) nor a hidden rate to fewer percentage points than this


@dataclass(frozen=True)
class Rule:
    number: int
    title: str
    text: str


def _share(value: float) -> str:
    return f"{round(value * 100)}%"


RULES: dict[int, Rule] = {rule.number: rule for rule in (
    Rule(1, "Counts of people",
         f"0 is shown as 0; counts from 1 to {SMALL_COUNT_MAX} are hidden as [c]; all other counts are rounded to "
         f"the nearest {ROUNDING_BASE}. Totals are rounded separately, so rows may not add up."),
    Rule(2, "Rounded tables need no more", "No unrounded figure that shares a margin with a rounded one is published."),
    Rule(3, "FTE and hours totals",
         f"Full-time equivalent is hidden wherever the headcount is hidden, otherwise rounded to the nearest "
         f"{ROUNDING_BASE}."),
    Rule(4, "Percentages",
         "Percentages are worked out from the rounded figures and shown to the nearest whole per cent (1 decimal "
         f"place when the rounded denominator is {ONE_DP_DENOMINATOR:,} or more); for sensitive characteristics "
         f"they are also hidden when all but 1 to {SMALL_COUNT_MAX} people share the characteristic."),
    Rule(5, "Employer threshold and dominance",
         f"Every figure about providers' staff (counts, shares, rates, FTE, pay, hours, sickness) is shown only "
         f"where at least {MIN_PROVIDERS} providers contribute and no provider has more than "
         f"{_share(MAX_PROVIDER_SHARE)} of the staff (for vacancies: of the posts)."),
    Rule(6, "Averages",
         f"Means and medians need at least {MIN_INDIVIDUALS} staff (quartiles {MIN_INDIVIDUALS_PERCENTILE}) as well "
         "as rule 5; minimum and maximum are never shown."),
    Rule(7, "Surveys",
         f"Survey results are shown only where at least {MIN_SURVEY_RESPONSES} people answered, and only after the "
         "survey closes."),
    Rule(8, "Releases and differencing",
         "Only fixed groupings are published. A round's workbook is a release made at the round's close and "
         f"revised at set times ({', '.join(str(m) for m in REVISION_MONTHS)} months later); every analyst gets the "
         "same file until the next release, the cover says what changed, and the change between two releases "
         "is protected like any other group of returns."),
    Rule(9, "Secondary suppression",
         "Further figures are hidden so that no hidden figure can be worked out, alone or with any other table, "
         f"release or extract, to within fewer than {MIN_INTERVAL_WIDTH:g} people, nor a rate hidden under rule 4 "
         f"or 5 to within fewer than {MIN_RATE_INTERVAL_POINTS:g} percentage points."),
)}


def summary() -> str:
    """One paragraph for pages and the workbook cover: what [c] means and the thresholds."""
    return (
        f"[c] means the figure is hidden to protect confidentiality. Counts from 1 to {SMALL_COUNT_MAX} are hidden; "
        f"all other counts are rounded to the nearest {ROUNDING_BASE}; 0 means none. Figures about providers' staff "
        f"are shown only where at least {MIN_PROVIDERS} providers contribute and none has more than "
        f"{_share(MAX_PROVIDER_SHARE)} of the staff. Averages need at least {MIN_INDIVIDUALS} staff. Survey results "
        f"need at least {MIN_SURVEY_RESPONSES} answers."
    )


def readme_block() -> str:
    """The README's rule-book table (kept in sync by a test)."""
    lines = ["| Rule | What | Rule book |", "|---|---|---|"]
    lines += [f"| {r.number} | {r.title} | {r.text} |" for r in RULES.values()]
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(readme_block())
