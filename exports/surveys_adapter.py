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
from surveys.results import PA_CHANNELS_DISTRICT, PA_CHANNELS_SERVICE, council_breakdowns

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
    {indicator: (value, base) or None when hidden} or None when the whole group is hidden).

    It reads the released results through the survey app's joint protection (`surveys.results.council_breakdowns`),
    the same figures the council's pages and API show, so no table here differs from them. Groups of responses
    from a council's own channels (personal assistants) are not workplaces' and are left out of these groupings.
    """
    tables = council_breakdowns(council=council, round=collection_round, kind=kind)
    title, channel_group = (("Service type", PA_CHANNELS_SERVICE) if grouping == "service"
                            else ("District", PA_CHANNELS_DISTRICT))  # fmt: skip
    found: dict = {}
    for label, (size, indicators) in tables.get(title, {}).items():
        if label == channel_group:
            continue
        label = col.NOT_KNOWN if label in ("Service type not known", "District not known") else label
        found[label] = (size, None if indicators is None else
                        {name: None if ind is None else (ind.value, ind.base) for name, ind in indicators.items()})
    return found


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
            # The groupings are the survey pages' own (service type, district), so the two can never disagree.
            categories = tuple(sorted(set(found) | (set() if grouping == "service" else set(districts or ()))))
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
        # A group the survey protection hid keeps its true count here, marked hidden, so the workbook's own
        # secondary suppression protects it against the other rows and the total.
        row = {grouping: label, responses: float(count), f"{responses}:hidden": label != axis.total and values is None}
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
