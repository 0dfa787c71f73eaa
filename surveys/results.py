"""What the results pages, the API and the workbook show, built only through `surveys.rules.suppression`.

Everything here reads released responses (`surveys.selectors`), so results change only at a release, by at least
five people, and say on which date they were released. Numbers of respondents are shown rounded to 5.

Providers: their own workplace's results for a round, only with at least `MIN_RESPONSES` responses, never free
text, the exploitation question or demographics. Councils: results across contracted workplaces and PA channels,
with breakdowns by service type, district and channel protected together (`protect_breakdowns`), and the
exploitation flags counted at council level only. A council's results are worked out once per release and cached.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache

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
    NET_INDICATORS,
    SCORE_INDICATORS,
    TOTAL,
    Atom,
    ProviderResults,
    can_show_results,
    protect_breakdowns,
    provider_results,
    rounded_base,
    shown_value,
)
from surveys.selectors import (
    campaign_answers,
    campaign_questionnaire,
    campaign_released_on,
    council_release_state,
    council_responses,
    local_questions,
)
from surveys.throttle import bucketed_timeout

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
RESULTS_CACHE_SECONDS = 7 * 24 * 60 * 60
TABLES = ("Service type", "District", "Channel")
COUNCIL_LEVEL_ONLY = frozenset({"exploitation_flags"})  # DOMAIN.md: counted for the whole council, in no breakdown
PA_CHANNELS_SERVICE = "Personal Assistants (council channels)"
PA_CHANNELS_DISTRICT = "Council-wide (PA channels)"
WORKPLACE_CHANNEL = "Workplace links"


def format_indicator(name: str, indicator: Indicator | None) -> str:
    """An indicator as shown: a whole percentage, a score out of 10 or a signed net score; a dash when hidden."""
    if indicator is None or indicator.value is None:
        return "Not shown"
    value = shown_value(name, indicator.value)
    if name in SCORE_INDICATORS:
        return f"{value:.1f}"
    if name in NET_INDICATORS:
        return f"+{int(value)}" if value > 0 else str(int(value))
    return f"{int(value)}%"


@dataclass
class IndicatorRow:
    name: str
    label: str
    value: str
    base: int | None  # rounded to 5; None when the value is not shown


def _rows(indicators: dict[str, Indicator | None]) -> list[IndicatorRow]:
    return [
        IndicatorRow(name, INDICATOR_LABELS.get(name, name), format_indicator(name, ind),
                     rounded_base(ind.base) if ind is not None and ind.value is not None else None)  # fmt: skip
        for name, ind in indicators.items()
    ]


@dataclass
class ProviderView:
    """An employer's results as shown: the rule's result with every number of respondents rounded to 5."""

    results: ProviderResults
    released_on: date | None
    responses: int | None  # rounded; None when not shown
    question_bases: dict[str, int] = field(default_factory=dict)


def provider_view(campaign: Campaign) -> tuple[ProviderView, list[IndicatorRow]]:
    """A provider's results for one campaign (workplace + round + kind), as last released."""
    results = provider_results(questionnaire=campaign_questionnaire(campaign), responses=campaign_answers(campaign))
    view = ProviderView(
        results=results, released_on=campaign_released_on(campaign),
        responses=rounded_base(results.responses) if results.shown and results.responses else None,
        question_bases={q.key: rounded_base(q.base) for q in results.questions},
    )  # fmt: skip
    return view, _rows(results.indicators) if results.shown else []


@dataclass
class Breakdown:
    title: str
    groups: list[str]
    sizes: list[str]  # rounded to 5, or HIDDEN_SIZE
    rows: list[tuple[str, list[str]]] = field(default_factory=list)


HIDDEN_SIZE = f"Fewer than {MIN_RESPONSES}, or hidden"


@dataclass
class CouncilResults:
    kind: str
    responses: int | None  # rounded to 5; None when not shown
    shown: bool
    released_on: date | None = None
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
    """The council's results for one round and kind as last released, every figure through the joint protection.
    Worked out once per release (cached under the release fingerprint)."""
    released_on, fingerprint = council_release_state(council=council, round=round, kind=kind)
    key = "surveys:council-results:" + hashlib.sha256(f"{council.pk}:{round.pk}:{kind}:{fingerprint}".encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = _council_view(council=council, round=round, kind=kind, released_on=released_on)
        cache.set(key, found, bucketed_timeout(RESULTS_CACHE_SECONDS))
    return found


def _protected(*, council: Council, round: CollectionRound, kind: str):
    """The released responses grouped into atoms (service type × district × channel) and their joint protection:
    (questionnaire, answers by atom, atoms, protected), or None when too few responses to show anything."""
    questionnaire = build_questionnaire(kind, None, local_questions(council=council, kind=kind))
    rows = council_responses(council=council, round=round, kind=kind)
    if not can_show_results(len(rows), min_n=MIN_RESPONSES):
        return None
    service_labels = labels("main_services")
    by_atom: dict[tuple[str, ...], list[dict]] = {}
    for row in rows:
        keys = _group_keys(row, service_labels)
        by_atom.setdefault(tuple(keys[t] for t in TABLES), []).append(clean_answers(questionnaire, row["answers"]))
    atoms = [
        Atom(groups=dict(zip(TABLES, key, strict=True)), size=len(answers), indicators=_headline(questionnaire, answers))
        for key, answers in sorted(by_atom.items())
    ]
    return questionnaire, by_atom, atoms, protect_breakdowns(atoms, total_only=COUNCIL_LEVEL_ONLY)


def council_breakdowns(*, council: Council, round: CollectionRound, kind: str) -> dict[str, dict[str, tuple]]:
    """The same protected figures the council's pages show, for the analysts' workbook: table title ("Service type",
    "District", "Channel") -> group -> (its true size, {indicator: Indicator or None}, or None when the joint
    protection hides the group). The caller must publish a hidden group's size as hidden (the workbook marks it for its
    own secondary suppression), so the workbook's tables and the pages cannot be differenced."""
    found = _protected(council=council, round=round, kind=kind)
    if found is None:
        return {}
    _, _, atoms, protected = found
    if protected.sizes[TOTAL] is None:
        return {}
    tables: dict[str, dict[str, tuple]] = {}
    for title in TABLES:
        for name in sorted({atom.groups[title] for atom in atoms}):
            size = sum(atom.size for atom in atoms if atom.groups[title] == name)
            shown = protected.sizes[(title, name)] is not None
            tables.setdefault(title, {})[name] = (size, dict(protected.indicators[(title, name)]) if shown else None)
    return tables


def _council_view(*, council: Council, round: CollectionRound, kind: str, released_on: date | None) -> CouncilResults:
    found = _protected(council=council, round=round, kind=kind)
    if found is None:
        return CouncilResults(kind=kind, responses=None, shown=False, released_on=released_on)
    questionnaire, by_atom, atoms, protected = found
    if protected.sizes[TOTAL] is None:
        return CouncilResults(kind=kind, responses=None, shown=False, released_on=released_on)
    answers = [answer for group in by_atom.values() for answer in group]
    result = CouncilResults(
        kind=kind, responses=rounded_base(protected.sizes[TOTAL]), shown=True, released_on=released_on,
        headline=_rows(protected.indicators[TOTAL]), shares=_share_lists(questionnaire, answers),
    )  # fmt: skip
    for title in TABLES:
        names = sorted({atom.groups[title] for atom in atoms})
        cells = [(title, name) for name in names]
        sizes = [str(rounded_base(protected.sizes[c])) if protected.sizes[c] is not None else HIDDEN_SIZE for c in cells]
        indicator_names = [k for k in INDICATOR_LABELS if any(protected.indicators[c].get(k) for c in cells)]
        table_rows = [
            (INDICATOR_LABELS[k], [format_indicator(k, protected.indicators[c].get(k)) for c in cells])
            for k in indicator_names
        ]
        result.breakdowns.append(Breakdown(title=title, groups=names, sizes=sizes, rows=table_rows))
    return result
