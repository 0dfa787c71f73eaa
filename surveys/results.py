"""What the results pages show, built only through the anonymity rules in `surveys.rules.suppression`.

Providers: their own workplace's results for a round, only with at least 10 responses, never free text, the
exploitation question or demographics. Councils: results across contracted workplaces and PA channels, with
breakdowns by service type, district and channel in which every group shown has at least 10 responses (with
secondary suppression), and the exploitation flags counted at council level only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from collection.models import CollectionRound
from providers.models import Council
from providers.reference import labels
from surveys.local import build_questionnaire
from surveys.models import Campaign, Channel
from surveys.questionnaires import Questionnaire, clean_answers
from surveys.rules.scoring import (
    Indicator,
    destinations,
    exit_indicators,
    main_reasons,
    percent_positive_by_theme,
    satisfaction_indicators,
)
from surveys.rules.suppression import (
    MIN_RESPONSES,
    ProviderResults,
    breakdown_results,
    can_show_results,
    provider_results,
    whole_percent,
)
from surveys.selectors import campaign_answers, campaign_questionnaire, council_responses, local_questions

INDICATOR_LABELS: dict[str, str] = {
    "engagement_index": "Engagement index (0 to 10)",
    "enps": "Employee net promoter score (−100 to +100)",
    "thinking_of_leaving": "Often or always think about leaving",
    "intend_to_leave_social_care": "Expect to leave social care within 12 months",
    "intend_to_leave_employer": "Expect to leave their employer within 12 months",
    "stress_rate": "Felt unwell because of stress at work",
    "bullying_rate": "Bullied, harassed or abused at work",
    "reason_pay": "Left partly because of pay",
    "reason_career_progression": "Left partly because of no chance to progress",
    "reason_stress": "Left partly because of stress or workload",
    "reason_working_patterns": "Left partly because of shift patterns",
    "destination_adult_social_care": "Staying in adult social care",
    "destination_nhs_or_health": "Going to the NHS or health",
    "destination_other_sectors": "Going to other sectors",
    "destination_not_in_work": "Not going into work",
    "destination_dont_know": "Do not know what they will do next",
    "exit_enps": "Exit net promoter score (−100 to +100)",
    "would_work_in_care_again": "Would work in social care again",
    "exploitation_flags": "Asked to pay fees, had passport taken or were threatened about their visa",
}
SCORE_INDICATORS = {"engagement_index"}
NET_INDICATORS = {"enps", "exit_enps"}
PA_CHANNELS_SERVICE = "Personal Assistants (council channels)"
PA_CHANNELS_DISTRICT = "Council-wide (PA channels)"
WORKPLACE_CHANNEL = "Workplace links"


def format_indicator(name: str, indicator: Indicator | None) -> str:
    """An indicator as shown: a whole percentage, a score out of 10 or a signed net score; a dash when hidden."""
    if indicator is None or indicator.value is None:
        return "Not shown"
    if name in SCORE_INDICATORS:
        return f"{indicator.value:.1f}"
    if name in NET_INDICATORS:
        value = round(indicator.value)
        return f"+{value}" if value > 0 else str(value)
    return f"{whole_percent(indicator.value)}%"


@dataclass
class IndicatorRow:
    name: str
    label: str
    value: str
    base: int | None


def _rows(indicators: dict[str, Indicator | None]) -> list[IndicatorRow]:
    return [
        IndicatorRow(name, INDICATOR_LABELS.get(name, name), format_indicator(name, ind), ind.base if ind else None)
        for name, ind in indicators.items()
    ]


def provider_view(campaign: Campaign) -> tuple[ProviderResults, list[IndicatorRow]]:
    """A provider's results for one campaign (workplace + round + kind)."""
    results = provider_results(questionnaire=campaign_questionnaire(campaign), responses=campaign_answers(campaign))
    return results, _rows(results.indicators) if results.shown else []


@dataclass
class Breakdown:
    title: str
    groups: list[str]
    sizes: list[str]
    rows: list[tuple[str, list[str]]] = field(default_factory=list)


@dataclass
class CouncilResults:
    kind: str
    responses: int
    shown: bool
    headline: list[IndicatorRow] = field(default_factory=list)
    shares: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)


def _group_keys(row: dict, service_labels: dict[str, str]) -> dict[str, str]:
    if row["channel"]:
        return {
            "Service type": PA_CHANNELS_SERVICE,
            "District": PA_CHANNELS_DISTRICT,
            "Channel": Channel(row["channel"]).label,
        }
    return {
        "Service type": service_labels.get(row["main_service"], "Service type not known"),
        "District": row["district"] or "District not known",
        "Channel": WORKPLACE_CHANNEL,
    }


def _headline(questionnaire: Questionnaire, answers: list[dict]) -> dict[str, Indicator]:
    if questionnaire.kind == "exit":
        return exit_indicators(answers, include_sensitive=True)
    return satisfaction_indicators(answers, questionnaire=questionnaire)


def _shown_shares(values: dict[str, Indicator], question) -> list[tuple[str, str]]:
    return [
        (question.label_for(value), format_indicator(value, ind))
        for value, ind in values.items()
        if can_show_results(ind.base) and ind.count
    ]


def _share_lists(questionnaire: Questionnaire, answers: list[dict]) -> list[tuple[str, list[tuple[str, str]]]]:
    if questionnaire.kind == "exit":
        return [
            ("Main reason for leaving", _shown_shares(main_reasons(answers), questionnaire["main_reason"])),
            ("What leavers will do next", _shown_shares(destinations(answers), questionnaire["next_step"])),
        ]
    themes = percent_positive_by_theme(answers, questionnaire=questionnaire)
    shown = [
        (theme.replace("_", " ").capitalize(), format_indicator(theme, ind))
        for theme, ind in themes.items()
        if can_show_results(ind.base)
    ]
    return [("Answering positively, by theme", shown)]


def council_view(*, council: Council, round: CollectionRound, kind: str) -> CouncilResults:
    """The council's results for one round and kind, every figure passed through the suppression rules."""
    questionnaire = build_questionnaire(kind, None, local_questions(council=council, kind=kind))
    rows = council_responses(council=council, round=round, kind=kind)
    answers = [clean_answers(questionnaire, row["answers"]) for row in rows]
    if not can_show_results(len(answers), min_n=MIN_RESPONSES):
        return CouncilResults(kind=kind, responses=len(answers), shown=False)
    headline = {name: ind if can_show_results(ind.base) else None for name, ind in _headline(questionnaire, answers).items()}
    result = CouncilResults(
        kind=kind, responses=len(answers), shown=True, headline=_rows(headline),
        shares=_share_lists(questionnaire, answers),
    )
    service_labels = labels("main_services")
    for title in ("Service type", "District", "Channel"):
        groups: dict[str, list[dict]] = {}
        for row in rows:
            groups.setdefault(_group_keys(row, service_labels)[title], []).append(row["answers"])
        result.breakdowns.append(_breakdown(title, questionnaire, groups))
    return result


def _breakdown(title: str, questionnaire: Questionnaire, groups: dict[str, list[dict]]) -> Breakdown:
    names = sorted(groups)
    shown = breakdown_results(questionnaire=questionnaire, groups={name: groups[name] for name in names})
    sizes = [str(len(groups[name])) if shown[name] is not None else "Fewer than 10, or hidden" for name in names]
    indicator_names = [key for key in INDICATOR_LABELS if any(g and key in g for g in shown.values())]
    rows = [
        (INDICATOR_LABELS[key], [format_indicator(key, (shown[name] or {}).get(key)) for name in names])
        for key in indicator_names
    ]
    return Breakdown(title=title, groups=names, sizes=sizes, rows=rows)
