"""Survey insight for analysts and council admins (issue 20): trend across rounds, a heatmap of indicators by
group, what goes with thinking of leaving, and the exploitation flags. Everything is read from released answers
through the one set of survey rules: the trend and heatmap are the council's protected results
(`surveys.selectors.council_results`, the joint protection of every breakdown), the driver view is
`surveys.rules.insight.leaving_drivers`. Figures drawn in charts are exactly the figures shown in the tables.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache

from collection.models import CollectionRound
from providers.models import Council
from surveys import charts
from surveys.local import build_questionnaire
from surveys.questionnaires import clean_answers
from surveys.results import HIDDEN_SIZE, INDICATOR_LABELS, RESULTS_CACHE_SECONDS, TABLES
from surveys.rules.insight import DriverView, heat_level, leaving_drivers
from surveys.selectors import (
    council_release_state,
    council_responses,
    council_results,
    local_questions,
    rounds_for_council,
)
from surveys.throttle import bucketed_timeout

TREND_ROUNDS = 5
TREND_INDICATORS = ("engagement_index", "thinking_of_leaving", "stress_rate", "bullying_rate", "enps")
SCALES = {"engagement_index": ("score", 0, 10), "enps": ("score", -100, 100)}  # others: % from 0 to 100
HEAT_INDICATORS = ("thinking_of_leaving", "intend_to_leave_social_care", "stress_rate", "bullying_rate")


def shown_number(text: str) -> float | None:
    """A figure as the results pages show it ("45%", "6.3", "+12", "Not shown") back to its number."""
    cleaned = text.replace("%", "").replace("+", "").replace("−", "-").strip()
    try:
        return float(cleaned)
    except ValueError:
        return None


def _scale(name: str) -> tuple[str, float, float]:
    return SCALES.get(name, ("%", 0, 100))


@dataclass
class Trend:
    name: str
    label: str
    points: list[tuple[str, float | None, str]]  # round name, number, as shown
    svg: str


@dataclass
class Heatmap:
    title: str
    groups: list[str]
    sizes: list[str]
    rows: list[tuple[str, list[tuple[str, int | None]]]]  # indicator label, [(shown value, shade level or None)]


@dataclass
class CouncilInsight:
    round: CollectionRound
    trends: list[Trend] = field(default_factory=list)
    heatmap: Heatmap | None = None
    drivers: DriverView | None = None
    drivers_svg: str = ""
    exploitation: str | None = None  # as shown; None when the exit results are not shown
    exploitation_base: int | None = None


def _trends(council: Council, round_: CollectionRound) -> list[Trend]:
    rounds = [r for r in rounds_for_council(council) if r.snapshot_date <= round_.snapshot_date][:TREND_ROUNDS]
    rounds.reverse()
    results = [(r, council_results(council=council, round=r, kind="satisfaction")) for r in rounds]
    trends = []
    for name in TREND_INDICATORS:
        points = []
        for r, result in results:
            row = next((row for row in result.headline if row.name == name), None) if result.shown else None
            text = row.value if row is not None else "Not shown"
            points.append((r.name, shown_number(text), text))
        unit, low, high = _scale(name)
        svg = charts.line_chart(f"trend-{name}", f"{INDICATOR_LABELS[name]}, by round",
                                [(p[0], p[1]) for p in points], unit=unit, low=low, high=high)  # fmt: skip
        trends.append(Trend(name, INDICATOR_LABELS[name], points, svg))
    return trends


def _heatmap(result, table: str) -> Heatmap | None:
    breakdown = next((b for b in result.breakdowns if b.title == table), None) if result.shown else None
    if breakdown is None:
        return None
    rows = []
    for label, values in breakdown.rows:
        name = next((k for k, v in INDICATOR_LABELS.items() if v == label), "")
        if name not in HEAT_INDICATORS:
            continue
        unit, low, high = _scale(name)
        rows.append((label, [(v, heat_level(shown_number(v), low=low, high=high)) for v in values]))
    return Heatmap(title=table, groups=breakdown.groups, sizes=breakdown.sizes, rows=rows)


def _drivers(council: Council, round_: CollectionRound) -> DriverView:
    """The driver view as released, worked out once per release (cached under the release fingerprint, as the
    council's results are)."""
    _, fingerprint = council_release_state(council=council, round=round_, kind="satisfaction")
    key = "surveys:drivers:" + hashlib.sha256(f"{council.pk}:{round_.pk}:{fingerprint}".encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        questionnaire = build_questionnaire("satisfaction", None, local_questions(council=council, kind="satisfaction"))
        answers = [clean_answers(questionnaire, row["answers"])
                   for row in council_responses(council=council, round=round_, kind="satisfaction")]  # fmt: skip
        found = leaving_drivers(answers, questionnaire=questionnaire)
        cache.set(key, found, bucketed_timeout(RESULTS_CACHE_SECONDS))
    return found


def council_insight(*, council: Council, round: CollectionRound, table: str = TABLES[0]) -> CouncilInsight:
    insight = CouncilInsight(round=round, trends=_trends(council, round))
    result = council_results(council=council, round=round, kind="satisfaction")
    insight.heatmap = _heatmap(result, table)
    insight.drivers = _drivers(council, round)
    if insight.drivers.shown and insight.drivers.drivers:
        low = min(-10, *(d.difference for d in insight.drivers.drivers))
        high = max(10, *(d.difference for d in insight.drivers.drivers))
        insight.drivers_svg = charts.bar_chart(
            "drivers", "Difference in answering positively: people who often think of leaving compared with the rest",
            [(d.text, d.difference) for d in insight.drivers.drivers], unit="points", low=low, high=high,
        )  # fmt: skip
    exit_result = council_results(council=council, round=round, kind="exit")
    if exit_result.shown:
        row = next((row for row in exit_result.headline if row.name == "exploitation_flags"), None)
        if row is not None:
            insight.exploitation, insight.exploitation_base = row.value, row.base
    return insight


def workplace_trends(workplace) -> list[Trend]:
    """A provider's own workplace across its last rounds: the figures its own results page shows for each round
    (released answers, at least `MIN_RESPONSES`; otherwise "Not shown")."""
    from surveys.models import Campaign
    from surveys.results import provider_view

    campaigns = list(
        Campaign.objects.filter(workplace=workplace, kind="satisfaction").select_related("round", "workplace")
        .order_by("-round__snapshot_date")[:TREND_ROUNDS]
    )  # fmt: skip
    campaigns.reverse()
    shown = {}
    for campaign in campaigns:
        _, rows = provider_view(campaign)
        shown[campaign.pk] = {row.name: row.value for row in rows}
    trends = []
    for name in TREND_INDICATORS:
        points = [(c.round.name, shown_number(shown[c.pk].get(name, "Not shown")), shown[c.pk].get(name, "Not shown"))
                  for c in campaigns]  # fmt: skip
        unit, low, high = _scale(name)
        svg = charts.line_chart(f"trend-{workplace.pk}-{name}", f"{workplace.name}: {INDICATOR_LABELS[name]}, by round",
                                [(p[0], p[1]) for p in points], unit=unit, low=low, high=high)  # fmt: skip
        trends.append(Trend(name, INDICATOR_LABELS[name], points, svg))
    return trends


__all__ = ["HIDDEN_SIZE", "TABLES", "CouncilInsight", "council_insight", "workplace_trends"]
