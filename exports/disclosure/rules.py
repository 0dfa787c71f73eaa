"""The disclosure rules of EXPORTS.md section 5 (rules 1-8), one small pure function each.

Rule 9 (secondary suppression and its audit) is in `exports.disclosure.secondary`; `exports.disclosure.protect`
applies all of them to whole tables. The vectorised `*_array` forms give the same answers as the scalar forms
(the tests check both).
"""

from __future__ import annotations

import math

import numpy as np

from exports.disclosure.rulebook import (  # noqa: E402 - the thresholds live in the rule book only
    MAX_PROVIDER_SHARE,
    MIN_INDIVIDUALS,
    MIN_INDIVIDUALS_PERCENTILE,
    MIN_PROVIDERS,
    ONE_DP_DENOMINATOR,
    REMAINDER_MIN_SHARE,
    ROUNDING_BASE,
    SMALL_COUNT_MAX,
    TOP_TWO_MAX_SHARE,
)
from exports.disclosure.tables import CONFIDENTIAL, NOT_APPLICABLE, NOT_AVAILABLE, Cell, Rounding


def round_to_base(value: float, *, base: int = ROUNDING_BASE) -> int:
    """Round to the nearest multiple of `base`, halves up (12.5 -> 15). Used for counts and FTE."""
    return int(base * math.floor(value / base + 0.5))


def round_to_base_array(values: np.ndarray, *, base: int = ROUNDING_BASE) -> np.ndarray:
    return base * np.floor(np.asarray(values, dtype=float) / base + 0.5)


def count_cell(value: int) -> Cell:
    """Rule 1. 0 is shown as 0 (a true zero); 1-7 as [c]; 8 and above rounded to the nearest 5 (8-12 -> 10)."""
    if value < 0:
        raise ValueError(f"a count cannot be negative: {value}")
    if value == 0:
        return 0
    if value <= SMALL_COUNT_MAX:
        return CONFIDENTIAL
    return round_to_base(value)


def small_count_array(values: np.ndarray) -> np.ndarray:
    """Rule 1, vectorised: True where the count is 1-7."""
    values = np.asarray(values, dtype=float)
    return (values >= 1) & (values <= SMALL_COUNT_MAX)


def employer_rule_fails(*, providers: int, top_share: float) -> bool:
    """Rule 5. A figure about providers' staff needs at least 3 providers in the cell and the largest provider
    holding at most 80 % of the cell's headcount (for vacancies: of its posts)."""
    return providers < MIN_PROVIDERS or top_share > MAX_PROVIDER_SHARE


def employer_rule_fails_array(*, providers: np.ndarray, top_share: np.ndarray) -> np.ndarray:
    return (np.asarray(providers) < MIN_PROVIDERS) | (np.asarray(top_share, dtype=float) > MAX_PROVIDER_SHARE)


def fte_cell(*, fte: float, headcount_hidden: bool, providers: int, top_share: float) -> Cell:
    """Rule 3 (with rule 5). FTE is [c] wherever the cell's headcount is [c] or the employer rule fails;
    otherwise rounded to the nearest 5."""
    if headcount_hidden or employer_rule_fails(providers=providers, top_share=top_share):
        return CONFIDENTIAL
    return round_to_base(fte)


def magnitude_fails(*, top1: float, top2: float, total: float) -> bool:
    """Rule 6 magnitude check for skewed quantities (sickness days, pay bill): unsafe when the two largest
    individual values are more than 90 % of the cell total, or when the total minus the two largest is less
    than 10 % of the largest."""
    if total <= 0:
        return False  # nothing to protect: every value is zero
    return (top1 + top2) > TOP_TWO_MAX_SHARE * total or (total - top1 - top2) < REMAINDER_MIN_SHARE * top1


def magnitude_fails_array(*, top1: np.ndarray, top2: np.ndarray, total: np.ndarray) -> np.ndarray:
    top1, top2, total = (np.asarray(a, dtype=float) for a in (top1, top2, total))
    unsafe = ((top1 + top2) > TOP_TWO_MAX_SHARE * total) | ((total - top1 - top2) < REMAINDER_MIN_SHARE * top1)
    return unsafe & (total > 0)


def average_cell(
    *,
    value: float | None,
    n: int,
    providers: int,
    top_share: float,
    rounding: Rounding,
    percentile: bool = False,
    magnitude: tuple[float, float, float] | None = None,
) -> Cell:
    """Rule 6. A mean or median needs at least 10 individuals and rule 5; a quartile needs at least 50. A skewed
    quantity (`magnitude` = (largest, second largest, total)) must also pass the magnitude check. No values at
    all gives [x]. Shown values are rounded: hourly pay to the penny, annual pay to the nearest 100, hours and
    days to 1 dp."""
    if n == 0 or value is None or (isinstance(value, float) and math.isnan(value)):
        return NOT_AVAILABLE
    needed = MIN_INDIVIDUALS_PERCENTILE if percentile else MIN_INDIVIDUALS
    if n < needed or employer_rule_fails(providers=providers, top_share=top_share):
        return CONFIDENTIAL
    if magnitude is not None and magnitude_fails(top1=magnitude[0], top2=magnitude[1], total=magnitude[2]):
        return CONFIDENTIAL
    return round_value(value, rounding=rounding)


def round_value(value: float, *, rounding: Rounding) -> float | int:
    """Round a shown average (halves away from zero, as people expect money to round)."""
    if rounding == Rounding.HUNDRED:
        return int(100 * math.floor(value / 100 + 0.5))
    places = 2 if rounding == Rounding.PENNY else 1
    factor = 10**places
    return math.floor(value * factor + 0.5) / factor


def rate_cell(
    *,
    numerator: Cell,
    denominator: Cell,
    true_numerator: float | None = None,
    true_denominator: float | None = None,
    sensitive: bool = False,
) -> Cell:
    """Rule 4. A percentage is worked out from the rounded (shown) numerator and denominator, to a whole per cent
    (1 dp when the rounded denominator is 4,000 or more); [c] if either is [c]; [z] when the denominator is 0.
    For a sensitive attribute it is also [c] when the complement (denominator minus numerator) is 1-7."""
    if isinstance(numerator, str) or isinstance(denominator, str):
        if NOT_APPLICABLE in (numerator, denominator) or NOT_AVAILABLE in (numerator, denominator):
            return NOT_APPLICABLE if NOT_APPLICABLE in (numerator, denominator) else NOT_AVAILABLE
        return CONFIDENTIAL
    if denominator == 0:
        return NOT_APPLICABLE
    if sensitive and true_numerator is not None and true_denominator is not None:
        if 1 <= true_denominator - true_numerator <= SMALL_COUNT_MAX:
            return CONFIDENTIAL
    places = 1 if denominator >= ONE_DP_DENOMINATOR else 0
    value = 100 * numerator / denominator
    factor = 10**places
    shown = math.floor(value * factor + 0.5) / factor
    return int(shown) if places == 0 else shown


def change_cell(*, current: Cell, previous: Cell) -> Cell:
    """Rule 8. A year-on-year change is worked out from the two shown figures, and is [c] if either is [c]."""
    if isinstance(current, str) or isinstance(previous, str):
        return CONFIDENTIAL if CONFIDENTIAL in (current, previous) else NOT_AVAILABLE
    return round(current - previous, 2)
