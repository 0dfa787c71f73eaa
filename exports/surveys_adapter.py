"""Survey indicators in the workbook (rule 7), read through ONE adapter function.

`released_survey_indicators` is the only place exports reads survey results. Today it goes through the existing
surveys code (`surveys.selectors.council_responses` and the suppression rules `surveys.rules.suppression.
breakdown_results`, which hide every group under the survey minimum with secondary suppression). When the
surveys selector for released (closed-round, not live) suppressed results lands, repoint this one function at it;
`survey_tables` and the workbook do not change.

The tables use the workbook's fixed groupings (service type group, district) over responses from contracted
workplaces; responses that came through a council's own channels (personal assistants) have no workplace and are
left out of these tables.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from collection.models import CollectionRound
from exports.aggregation import columns as col
from exports.aggregation.catalogue import DIMENSIONS, dimension
from exports.aggregation.cube import Axis
from exports.disclosure.tables import Kind, Measure, RawTable, Rounding
from providers.models import Council

KINDS = {"satisfaction": "Staff satisfaction survey", "exit": "Exit survey (people leaving)"}
INDICATORS = {
    "satisfaction": (("engagement_index", "Engagement index (0 to 10)", Rounding.ONE_DP),
                     ("enps", "Employee net promoter score (-100 to +100)", None),
                     ("thinking_of_leaving", "Often or always think about leaving (%)", None),
                     ("intend_to_leave_employer", "Expect to leave their employer within 12 months (%)", None),
                     ("stress_rate", "Felt unwell because of stress at work (%)", None),
                     ("bullying_rate", "Bullied, harassed or abused at work (%)", None)),
    "exit": (("reason_pay", "Left partly because of pay (%)", None),
             ("reason_stress", "Left partly because of stress or workload (%)", None),
             ("destination_adult_social_care", "Staying in adult social care (%)", None),
             ("destination_nhs_or_health", "Going to the NHS or health (%)", None),
             ("exit_enps", "Exit net promoter score (-100 to +100)", None),
             ("would_work_in_care_again", "Would work in social care again (%)", None)),
}
Groups = Mapping[str, tuple[int, Mapping[str, tuple[float | None, int] | None] | None]]


def released_survey_indicators(*, council: Council, collection_round: CollectionRound, kind: str,
                               grouping: str) -> Groups:
    """THE adapter. For one survey kind and grouping ("service" or "district"): group label -> (responses,
    {indicator: (value, base) or None when hidden} or None when the whole group is hidden)."""
    from exports.extraction.frames import service_categories
    from surveys.local import build_questionnaire
    from surveys.rules.suppression import breakdown_results
    from surveys.selectors import council_responses, local_questions

    questionnaire = build_questionnaire(kind, None, local_questions(council=council, kind=kind))
    categories = service_categories()
    groups: dict[str, list[dict]] = {}
    for row in council_responses(council=council, round=collection_round, kind=kind):
        if row["channel"]:
            continue
        label = (categories.get(row["main_service"]) or col.NOT_KNOWN) if grouping == "service" else \
            (row["district"] or col.NOT_KNOWN)
        groups.setdefault(label, []).append(row["answers"])
    shown = breakdown_results(questionnaire=questionnaire, groups=groups) if groups else {}
    return {label: (len(groups[label]), None if values is None else
                    {name: None if ind is None else (ind.value, ind.base) for name, ind in values.items()})
            for label, values in shown.items()}


def survey_tables(*, council: Council, collection_round: CollectionRound,
                  districts: tuple[str, ...] | None = None) -> list[RawTable]:
    """Survey indicator tables by service type group and by district, for each survey kind with responses."""
    tables = []
    for kind, title in KINDS.items():
        for grouping in ("service", "district"):
            found = released_survey_indicators(council=council, collection_round=collection_round, kind=kind,
                                               grouping=grouping)
            if not found:
                continue
            categories = col.service_groups() if grouping == "service" else tuple(sorted(
                set(found) | set(districts or ())))
            tables.append(indicator_table(kind=kind, title=title, grouping=grouping, categories=categories,
                                          found=found))
    return tables


def indicator_table(*, kind: str, title: str, grouping: str, categories: tuple[str, ...], found: Groups
                    ) -> RawTable:
    """One RawTable (rule 7 columns: value, `:n` base, `:hidden`) from the adapter's output. Pure."""
    axis = Axis(grouping, categories, DIMENSIONS[grouping][1])
    responses = f"{kind}_responses"
    rows = []
    for label in (axis.total, *categories):
        if label == axis.total:
            count = sum(n for n, _ in found.values())
            values = None  # the overall figure is the surveys' own headline; here groups only
        else:
            count, values = found.get(label, (0, None))
        row = {grouping: label, responses: float(count)}
        for name, _header, _rounding in INDICATORS[kind]:
            value = (values or {}).get(name)
            row[f"{kind}_{name}"] = float("nan") if value is None or value[0] is None else float(value[0])
            row[f"{kind}_{name}:n"] = 0 if value is None else int(value[1])
            row[f"{kind}_{name}:hidden"] = value is None
        rows.append(row)
    measures = [Measure(responses, "Responses (count)", Kind.COUNT)]
    measures += [Measure(f"{kind}_{name}", header, Kind.SURVEY, rounding=rounding)
                 for name, header, rounding in INDICATORS[kind]]
    by = DIMENSIONS[grouping][0].lower()
    return RawTable(key=f"survey_{kind}_{grouping}", title=f"{title}: indicators by {by}",
                    description=f"Headline {title.lower()} indicators for each {by}, from responses about contracted "
                                "workplaces. The all-groups row gives responses only.",
                    dimensions=(dimension(axis),), measures=tuple(measures), frame=pd.DataFrame(rows),
                    notes=("disclosure", "surveys"))
