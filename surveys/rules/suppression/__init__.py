"""The one set of anonymity rules for survey results, used by the pages, the API and the analysts' workbook.

`single`: the threshold (`MIN_RESPONSES`, defined only there), bands, rounding, one-table suppression and an
employer's own results. `joint`: every breakdown of the same responses protected together, audited by linear
programming. Pure, no Django.
"""

from surveys.rules.suppression.joint import (
    NET_INDICATORS,
    SCORE_INDICATORS,
    TOTAL,
    Atom,
    JointResult,
    protect_breakdowns,
    scale_of,
    shown_value,
    size_interval,
)
from surveys.rules.suppression.single import (
    BAND_ENOUGH,
    BAND_FEW,
    BAND_NONE,
    BASE_ROUNDING,
    MIN_RESPONSES,
    OTHER_LABEL,
    WITHHELD_MESSAGE,
    Band,
    ProviderResults,
    QuestionResult,
    can_show_results,
    provider_results,
    response_band,
    rounded_base,
    suppress_breakdown,
    suppress_indicators,
    whole_percent,
)

__all__ = [
    "BAND_ENOUGH",
    "BAND_FEW",
    "BAND_NONE",
    "BASE_ROUNDING",
    "MIN_RESPONSES",
    "NET_INDICATORS",
    "OTHER_LABEL",
    "SCORE_INDICATORS",
    "TOTAL",
    "WITHHELD_MESSAGE",
    "Atom",
    "Band",
    "JointResult",
    "ProviderResults",
    "QuestionResult",
    "can_show_results",
    "protect_breakdowns",
    "provider_results",
    "response_band",
    "rounded_base",
    "scale_of",
    "shown_value",
    "size_interval",
    "suppress_breakdown",
    "suppress_indicators",
    "whole_percent",
]
