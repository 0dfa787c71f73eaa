"""Response rates against the real workforce (issue 20). Pure, no Django.

A workplace's rate is its *released* survey responses (`surveys.rules.release`) out of the staff its workforce
return declares. Nobody sees a rate worked out from fewer than `MIN_RESPONSES` responses: below that the band only
says "fewer than 10 responses", so a rate can never be turned back into a small exact count. The band edges are
defined here and only here (`RATE_BAND_EDGES`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from surveys.rules.suppression.single import MIN_RESPONSES, rounded_base, whole_percent

# Lower edges, in whole per cent, of the bands above "under 10 %". A rate exactly on an edge is in the band above.
RATE_BAND_EDGES = (10, 25, 50)

FEW = "few"
NO_HEADCOUNT = "no_headcount"


@dataclass(frozen=True)
class RateBand:
    key: str
    label: str
    advice: str
    order: int


def _percent_label(low: int, high: int | None) -> str:
    return f"{low} % or more" if high is None else f"{low}–{high - 1} %"


_ADVICE_LOW = (
    "Print the poster for the staff room and put the link in your rota app or staff group chat. Ask team leaders "
    "to mention it at handovers: the survey takes under 10 minutes on a phone."
)
_ADVICE_MID = "Keep going: share the link again at handovers and in your rota app, and remind night staff too."
_ADVICE_HIGH = "Thank your staff: you are hearing from at least half of them. Keep the poster up until the survey closes."

BANDS: tuple[RateBand, ...] = (
    RateBand(FEW, f"Fewer than {MIN_RESPONSES} responses", _ADVICE_LOW, 0),
    RateBand("under_10", f"Under {RATE_BAND_EDGES[0]} %", _ADVICE_LOW, 1),
    RateBand("10_24", _percent_label(RATE_BAND_EDGES[0], RATE_BAND_EDGES[1]), _ADVICE_MID, 2),
    RateBand("25_49", _percent_label(RATE_BAND_EDGES[1], RATE_BAND_EDGES[2]), _ADVICE_MID, 3),
    RateBand("50_plus", _percent_label(RATE_BAND_EDGES[2], None), _ADVICE_HIGH, 4),
    RateBand(
        NO_HEADCOUNT, f"{MIN_RESPONSES} or more responses; staff numbers not known",
        "Send your workforce return with your number of staff so that we can work out your response rate.", 5,
    ),
)
BY_KEY = {band.key: band for band in BANDS}


def rate_band(*, responses: int, headcount: int | None) -> RateBand:
    """The band for `responses` released responses from a workplace of `headcount` staff (None: not known).

    Fewer than `MIN_RESPONSES` responses is always "fewer than 10 responses", whatever the headcount. Otherwise the
    rate responses / headcount is compared with the edges in exact whole-number arithmetic (no rounding can move a
    workplace across an edge); more responses than staff counts as 50 % or more. Raises ValueError for negative
    numbers.
    """
    if responses < 0 or (headcount is not None and headcount < 0):
        raise ValueError("Responses and staff numbers cannot be negative")
    if responses < MIN_RESPONSES:
        return BY_KEY[FEW]
    if not headcount:
        return BY_KEY[NO_HEADCOUNT]
    keys = ("under_10", "10_24", "25_49", "50_plus")
    passed = sum(1 for edge in RATE_BAND_EDGES if responses * 100 >= edge * headcount)
    return BY_KEY[keys[passed]]


@dataclass(frozen=True)
class RateSummary:
    """A council's response rate over its workplaces, as shown: how many workplaces are in each band (workplaces,
    not people), and the overall rate from rounded figures, or None when fewer than `MIN_RESPONSES` responded."""

    bands: tuple[tuple[RateBand, int], ...]
    responses: int | None  # rounded to 5
    headcount: int | None  # rounded to 5, staff of the workplaces with a known headcount
    percent: int | None


def rate_summary(workplaces: Iterable[tuple[int, int | None]]) -> RateSummary:
    """(released responses, headcount) per workplace -> the distribution over the bands and the overall rate.

    The overall rate counts only workplaces whose headcount is known (responses from the others have no
    denominator), is shown only when those responses reach `MIN_RESPONSES`, and is worked out from the rounded
    responses and rounded headcount (rule 4 of the rule book: percentages from the figures shown)."""
    counts = dict.fromkeys(BY_KEY, 0)
    responses_known = headcount_known = 0
    for responses, headcount in workplaces:
        counts[rate_band(responses=responses, headcount=headcount).key] += 1
        if headcount:
            responses_known += responses
            headcount_known += headcount
    bands = tuple((band, counts[band.key]) for band in BANDS)
    if responses_known < MIN_RESPONSES or not headcount_known:
        return RateSummary(bands=bands, responses=None, headcount=None, percent=None)
    shown_responses, shown_headcount = rounded_base(responses_known), rounded_base(headcount_known)
    percent = whole_percent(100 * shown_responses / shown_headcount) if shown_headcount else None
    return RateSummary(bands=bands, responses=shown_responses, headcount=shown_headcount, percent=percent)
