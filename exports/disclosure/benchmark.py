"""Benchmarks for providers (issue 20): one workplace's figure against the quartiles of comparable workplaces.
Pure: no Django.

A comparison group is shown only when it has at least `MIN_BENCHMARK_WORKPLACES` workplaces (each with a value
for the measure) from at least `MIN_PROVIDERS` providers, and no provider holds more than `MAX_PROVIDER_SHARE` of
them (rule 5 of the rule book, `employer_rule_fails`, applied to workplaces). Otherwise nothing about the group is
shown: "not enough workplaces to compare". The quartiles are of workplace figures (each workplace counts once), so
no staff member's own value is ever shown, and they are rounded as their measure says.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from exports.disclosure.rulebook import MIN_BENCHMARK_WORKPLACES
from exports.disclosure.rules import employer_rule_fails

NOT_ENOUGH = "Not enough workplaces to compare"


def comparison_allowed(providers: Sequence[object]) -> bool:
    """`providers` holds the provider of each workplace in the group (one entry per workplace)."""
    if len(providers) < MIN_BENCHMARK_WORKPLACES:
        return False
    counts = Counter(providers)
    top_share = max(counts.values()) / len(providers)
    return not employer_rule_fails(providers=len(counts), top_share=top_share)


@dataclass(frozen=True)
class BenchmarkFigure:
    own: float | None  # the workplace's own figure (None: its return does not give it)
    lower_quartile: float | None = None
    median: float | None = None
    upper_quartile: float | None = None
    shown: bool = False
    message: str = NOT_ENOUGH

    @property
    def position(self) -> str:
        """Where the workplace's figure falls, in words (only when the group is shown)."""
        if not self.shown or self.own is None:
            return ""
        if self.own < self.lower_quartile:
            return "Lowest quarter"
        if self.own > self.upper_quartile:
            return "Highest quarter"
        return "Middle half"


def benchmark(own: float | None, group: Sequence[tuple[object, float | None]], *, decimals: int = 0) -> BenchmarkFigure:
    """The figure shown for one measure: `group` is (provider, value) for every workplace of the comparison group
    (the workplace itself included; workplaces without a value are left out). Quartiles by linear interpolation,
    rounded to `decimals` places."""
    valued = [(provider, float(value)) for provider, value in group if value is not None and value == value]
    if not comparison_allowed([provider for provider, _ in valued]):
        return BenchmarkFigure(own=own)
    q1, q2, q3 = np.percentile([value for _, value in valued], [25, 50, 75])
    return BenchmarkFigure(own=own, lower_quartile=round(float(q1), decimals), median=round(float(q2), decimals),
                           upper_quartile=round(float(q3), decimals), shown=True, message="")  # fmt: skip
