"""Benchmarks for providers, the reward for submitting (issue 20): each workplace against the council's
workplaces of the same main service, through the disclosure engine (`exports.disclosure.benchmark`).

A provider sees a workplace's benchmarks only once that workplace's return for the round is accepted. The
comparison group is every workplace the council contracts with the same main service and a submitted or accepted
return in the round (the workplace itself included). Survey indicators compare workplaces whose released answers
reach `MIN_RESPONSES`, as the provider's own results do.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from collection.models import CollectionRound
from collection.rules.benchmarks import MEASURES, WorkplaceFacts, median_hourly_pay, workplace_measures
from collection.selectors import comparison
from exports.disclosure.benchmark import BenchmarkFigure, benchmark
from exports.disclosure.rulebook import MIN_INDIVIDUALS
from providers import access, reference
from providers.models import Council, Workplace
from surveys.models import Campaign
from surveys.results import INDICATOR_LABELS, provider_view
from surveys.rules.suppression import SCORE_INDICATORS

STAFF_COLUMNS = ("zero_hours", "care_certificate", "social_care_qualification", "social_care_level",
                 "sickness_days", "pay_interval", "pay_rate", "job_role")  # fmt: skip
SURVEY_INDICATORS = ("engagement_index", "enps", "thinking_of_leaving", "stress_rate", "bullying_rate")


@dataclass
class Row:
    key: str
    label: str
    unit: str
    decimals: int
    figure: BenchmarkFigure


@dataclass
class CouncilBenchmarks:
    council: Council | None  # None: every council on this installation
    service: str
    group_size: int  # workplaces in the comparison group (a count of workplaces, not people)
    sections: list[tuple[str, list[Row]]] = field(default_factory=list)

    @property
    def compared_with(self) -> str:
        """Who the group is: "Demo County Council" or, for the installation-wide group, "all councils"."""
        return self.council.name if self.council is not None else "all councils using this service"


@dataclass
class WorkplaceBenchmarks:
    workplace: Workplace
    round: CollectionRound
    accepted: bool
    councils: list[CouncilBenchmarks] = field(default_factory=list)


def _role_groups() -> dict[str, str]:
    found = {}
    for row in reference.rows("job_role_groups"):
        for job in str(row.get("asc_job_ids") or "").split(";"):
            if job:
                found[job] = row["label"]
    return found


def _facts(return_ids: dict[int, int], totals: dict[int, int | None]) -> dict[int, tuple[WorkplaceFacts, list[dict]]]:
    """Workplace id -> (its facts, its current staff rows), in two queries."""
    counts = comparison.leavers_and_vacancies(list(return_ids.values()))
    staff = comparison.current_staff_values(list(return_ids.values()), STAFF_COLUMNS)
    found = {}
    for workplace_id, return_id in return_ids.items():
        count = counts.get(return_id, {})
        facts = WorkplaceFacts(total_staff=totals[workplace_id], leavers=count.get("leavers") or 0,
                               vacancies=count.get("vacancies") or 0, staff=staff.get(return_id, []))  # fmt: skip
        found[workplace_id] = (facts, staff.get(return_id, []))
    return found


def _survey_values(round_: CollectionRound, workplace_ids) -> dict[int, dict[str, float]]:
    """Workplace id -> its staff-survey indicators as its provider may see them (released, at least 10 answers)."""
    found = {}
    for campaign in Campaign.objects.filter(round=round_, kind="satisfaction", workplace_id__in=workplace_ids):
        view, _ = provider_view(campaign)
        if view.results.shown:
            found[campaign.workplace_id] = {
                name: ind.value for name, ind in view.results.indicators.items() if ind is not None and ind.value is not None
            }
    return found


def _council_benchmarks(council: Council, workplace: Workplace, round_: CollectionRound) -> CouncilBenchmarks:
    group = access.contracted_workplaces(council).filter(main_service=workplace.main_service)
    rows = comparison.compared_returns(collection_round=round_, workplaces=group)
    return _group_benchmarks(council, workplace, round_, rows)


def _group_benchmarks(council: Council | None, workplace: Workplace, round_: CollectionRound, rows) -> CouncilBenchmarks:
    return_ids = {w: r for w, r, _, _ in rows}
    totals = {w: t for w, _, t, _ in rows}
    provider_of = {w: o for w, _, _, o in rows}
    facts = _facts(return_ids, totals)
    measures = {w: workplace_measures(f) for w, (f, _) in facts.items()}
    role_groups = _role_groups()
    # Rule 6: a workplace's median pay joins the comparison only from MIN_INDIVIDUALS people (its own is always shown).
    pay = {w: median_hourly_pay(staff, role_groups, min_people=1 if w == workplace.pk else MIN_INDIVIDUALS)
           for w, (_, staff) in facts.items()}
    surveys = _survey_values(round_, list(return_ids))
    own = workplace.pk

    def figure(values: dict[int, float | None], decimals: int) -> BenchmarkFigure:
        return benchmark(values.get(own), [(provider_of[w], v) for w, v in values.items()], decimals=decimals)

    workforce = [
        Row(m.key, m.label, m.unit, m.decimals, figure({w: measures[w][m.key] for w in measures}, m.decimals))
        for m in MEASURES
    ]
    pay_rows = [
        Row(f"pay_{label}", f"Median hourly pay: {label}", "£ an hour", 2,
            figure({w: pay[w].get(label) for w in pay}, 2))
        for label in dict.fromkeys(role_groups.values())
        if any(label in p for p in pay.values())
    ]  # fmt: skip
    survey_rows = [
        Row(name, INDICATOR_LABELS[name], "score" if name in SCORE_INDICATORS or name == "enps" else "%",
            1 if name in SCORE_INDICATORS else 0, figure({w: surveys[w].get(name) for w in surveys}, 1 if name in SCORE_INDICATORS else 0))
        for name in SURVEY_INDICATORS
    ]  # fmt: skip
    service = reference.labels("main_services").get(workplace.main_service, "Service type not known")
    result = CouncilBenchmarks(council=council, service=service, group_size=len(rows))
    result.sections = [("Workforce", workforce), ("Pay", pay_rows), ("Staff survey", survey_rows)]
    return result


def workplace_benchmarks(*, workplace: Workplace, round: CollectionRound) -> WorkplaceBenchmarks:
    """A workplace's benchmarks against each council that contracts it (nothing until its return is accepted)."""
    state = comparison.return_state(workplace=workplace, collection_round=round)
    result = WorkplaceBenchmarks(workplace=workplace, round=round, accepted=comparison.is_accepted(state))
    if not result.accepted:
        return result
    councils = Council.objects.filter(contracts__organisation=workplace.organisation).distinct().order_by("name")
    for council in councils:
        if round.council_id not in (None, council.pk):
            continue
        if access.contracted_workplaces(council).filter(pk=workplace.pk).exists():
            result.councils.append(_council_benchmarks(council, workplace, round))
    rows, councils_in_group = comparison.installation_compared_returns(due_year=round.due_date.year,
                                                                       main_service=workplace.main_service)
    if councils_in_group > 1:  # other councils' workplaces too: compare with the whole installation as well
        result.councils.append(_group_benchmarks(None, workplace, round, rows))
    return result
