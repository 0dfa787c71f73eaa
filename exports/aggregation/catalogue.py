"""The fixed catalogue of analyst tables for one council and round (unrounded; see exports.disclosure)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from exports.aggregation import columns as col
from exports.aggregation.cube import Agg, Axis, cube, forget
from exports.disclosure.tables import ChartSpec, Dimension, Kind, Measure, RawTable, Rounding

# Dimensions: key -> (header, total label)
DIMENSIONS = {
    "service": ("Service type group", "All service types"),
    "district": ("District", "All districts"),
    "role_group": ("Job role group", "All job roles"),
    "contract": ("Contract type", "All contract types"),
    "age_band": ("Age band", "All ages"),
    "gender": ("Gender", "All genders"),
    "ethnic_group": ("Ethnic group", "All ethnic groups"),
    "nationality_group": ("Nationality group", "All nationalities"),
    "disability": ("Disability", "All staff"),
    "qualification": ("Highest social care qualification", "All staff"),
    "care_certificate": ("Care Certificate", "All staff"),
    "recruitment": ("Recruited from", "All sources"),
    "reason": ("Reason for leaving", "All reasons"),
    "requirement": ("Contract requirement", "All requirements"),
    "status": ("Compliance status", "All statuses"),
}

STAFF = Measure("staff", "Staff (headcount)", Kind.COUNT, employer_rule=True)
FTE = Measure("fte", "Full-time equivalent staff (FTE)", Kind.SUM, employer_rule=True, support="staff")
STARTERS = Measure("starters", "Starters in last 12 months (count)", Kind.COUNT, employer_rule=True)
LEAVERS = Measure("leavers", "Leavers in last 12 months (count)", Kind.COUNT, employer_rule=True)
TURNOVER = Measure("turnover", "Turnover rate (%)", Kind.RATE, numerator="leavers", denominator="staff",
                   employer_rule=True)
STARTER_RATE = Measure("starter_rate", "Starter rate (%)", Kind.RATE, numerator="starters", denominator="staff",
                       employer_rule=True)
VACANCIES = Measure("vacancies", "Vacancies (count)", Kind.COUNT, employer_rule=True)
VACANCY_RATE = Measure("vacancy_rate", "Vacancy rate (%)", Kind.RATE, numerator="vacancies", denominator="staff",
                       denominator_adds_numerator=True, employer_rule=True)


@dataclass(frozen=True)
class Frames:
    """The derived inputs of one round: per person, per workplace-role, per workplace-reason, per workplace."""

    people: pd.DataFrame
    roles: pd.DataFrame
    reasons: pd.DataFrame
    workplaces: pd.DataFrame
    posts: pd.DataFrame  # people (weight 1) and vacancies (weight = vacancies), for the posts-based rule 5
    districts: tuple[str, ...]
    grids: dict = field(default_factory=dict, repr=False, compare=False)  # `cube`'s cache for these frames


def axis(key: str, categories: Sequence[str], *, total: bool = True) -> Axis:
    return Axis(key, tuple(categories), DIMENSIONS[key][1] if total else None)


def dimension(a: Axis) -> Dimension:
    return Dimension(a.key, DIMENSIONS[a.key][0], a.total)


def table(
    key: str, title: str, description: str, *, axes: Sequence[Axis], data: pd.DataFrame, measures: Sequence[Measure],
    notes: Sequence[str] = (), chart: ChartSpec | None = None,
) -> RawTable:
    return RawTable(key=key, title=title, description=description, dimensions=tuple(dimension(a) for a in axes),
                    measures=tuple(measures), frame=data.reset_index(drop=True), notes=("disclosure", *notes),
                    chart=chart)


def merge(axes: Sequence[Axis], *frames: pd.DataFrame) -> pd.DataFrame:
    keys = [a.key for a in axes]
    result = frames[0]
    for frame in frames[1:]:
        result = result.merge(frame, on=keys, how="left")
    return result


def staff_cube(f: Frames, axes: Sequence[Axis], *extra: Agg) -> pd.DataFrame:
    return cube(f.people, axes=axes, aggs=[Agg("staff", "count", stats=True), *extra], cache=f.grids)


def workforce_tables(f: Frames, service: Axis, district: Axis, role: Axis) -> list[RawTable]:
    fte = (Agg("fte", "sum", "fte"), Agg("fte", "stats"))
    coverage = []
    for a in (service, district):
        units = cube(f.workplaces, axes=[a], aggs=[Agg("workplaces", "nunique", "workplace_id"),
                                                    Agg("providers", "nunique", "organisation_id")], cache=f.grids)
        coverage.append(table(
            f"coverage_{a.key}", f"Coverage: workplaces, providers and staff records by {DIMENSIONS[a.key][0].lower()}",
            "How many workplace returns, providers and staff records the figures in this workbook rest on.",
            axes=[a], data=merge([a], units, staff_cube(f, [a])),
            measures=[Measure("workplaces", "Workplace returns (number)", Kind.UNITS),
                      Measure("providers", "Providers (number)", Kind.UNITS), STAFF],
            notes=("coverage",),
        ))
    tables = coverage
    for axes, key, by in (([service, role], "workforce_service_role", "service type group and job role group"),
                          ([district, role], "workforce_district_role", "district and job role group")):
        tables.append(table(key, f"Staff and full-time equivalent by {by}",
                            "Headcount and full-time equivalent (FTE) of staff in post at the snapshot date.",
                            axes=axes, data=staff_cube(f, axes, *fte), measures=[STAFF, FTE], notes=("fte",)))
    return tables


def turnover_tables(f: Frames, service: Axis, district: Axis, role: Axis) -> list[RawTable]:
    tables = []
    for axes, key, by in (([service], "turnover_service", "service type group"),
                          ([service, role], "turnover_service_role", "service type group and job role group")):
        data = merge(axes, staff_cube(f, axes, Agg("turnover", "stats"), Agg("starter_rate", "stats")),
                     cube(f.roles, axes=axes, aggs=[Agg("starters", "sum", "starters", stats=True),
                                                     Agg("leavers", "sum", "leavers", stats=True)], cache=f.grids))
        chart = ChartSpec("Turnover rate by service type group", "service", "turnover", "Turnover rate (%)",
                          "Bar chart of the turnover rate (%) for each service type group. Hidden [c] figures "
                          "have no bar (listed under the chart); the table on the previous sheet holds the figures.") if len(axes) == 1 else None
        tables.append(table(key, f"Starters, leavers and turnover by {by}",
                            "Starters and leavers in the last 12 months as reported by workplaces, with rates.",
                            axes=axes, data=data, measures=[STAFF, STARTERS, LEAVERS, TURNOVER, STARTER_RATE],
                            notes=("turnover",), chart=chart))
    for axes, key, by in (([service, role], "vacancies_service_role", "service type group and job role group"),
                          ([district], "vacancies_district", "district")):
        data = merge(axes, staff_cube(f, axes), cube(f.roles, axes=axes, aggs=[Agg("vacancies", "sum", "vacancies")], cache=f.grids),
                     cube(f.posts, axes=axes, aggs=[Agg("vacancies", "stats", "weight"),
                                                    Agg("vacancy_rate", "stats", "weight")], cache=f.grids))
        tables.append(table(key, f"Vacancies by {by}", "Vacancies at the snapshot date as reported by workplaces.",
                            axes=axes, data=data, measures=[STAFF, VACANCIES, VACANCY_RATE], notes=("vacancy",)))
    return tables


def contract_tables(f: Frames, service: Axis, role: Axis) -> list[RawTable]:
    contract = axis("contract", col.code_labels("contract_types"))
    axes = [service, contract]
    tables = [table("contracts", "Staff by contract type and service type group",
                    "Staff in post by contract type, and as a share of the service type group's staff.",
                    axes=axes, data=staff_cube(f, axes),
                    measures=[STAFF, Measure("contract_share", "Share of staff (%)", Kind.RATE, numerator="staff",
                                             share_of="contract")])]
    axes = [service, role]
    data = staff_cube(f, axes, Agg("zero_hours", "count", "zero_hours", stats=True))
    tables.append(table("zero_hours", "Zero-hours contracts by service type group and job role group",
                        "Staff on zero-hours contracts and their share of staff in post.", axes=axes, data=data,
                        measures=[STAFF, Measure("zero_hours", "Staff on zero-hours contracts (count)", Kind.COUNT, employer_rule=True),
                                  Measure("zero_hours_share", "Zero-hours share (%)", Kind.RATE,
                                          numerator="zero_hours", denominator="staff")]))
    return tables


def pay_tables(f: Frames, service: Axis, role: Axis) -> list[RawTable]:
    hourly = [Agg("hourly_paid", "count", "hourly_paid", stats=True),
              Agg("hourly_median", "quantile", "hourly_pay", q=0.5), Agg("near_nlw", "count", "near_nlw", stats=True),
              Agg("staff", "stats")]
    measures = [Measure("hourly_paid", "Staff paid hourly (count)", Kind.COUNT, employer_rule=True),
                Measure("hourly_median", "Median hourly pay (£)", Kind.AVERAGE, rounding=Rounding.PENNY)]
    nlw = [Measure("near_nlw", "Staff paid at or just above the NLW (count)", Kind.COUNT, employer_rule=True),
           Measure("near_nlw_share", "Share paid at or just above the NLW (%)", Kind.RATE, numerator="near_nlw",
                   denominator="hourly_paid", employer_rule=True)]
    quartiles = [Agg("hourly_lq", "quantile", "hourly_pay", q=0.25), Agg("hourly_uq", "quantile", "hourly_pay", q=0.75)]
    quartile_measures = [Measure("hourly_lq", "Lower quartile hourly pay (£)", Kind.PERCENTILE, rounding=Rounding.PENNY),
                         Measure("hourly_uq", "Upper quartile hourly pay (£)", Kind.PERCENTILE, rounding=Rounding.PENNY)]
    tables = [table("pay_role", "Hourly pay by job role group",
                    "Median and quartile hourly pay of staff paid by the hour, and the share paid at or just above "
                    "the National Living Wage (NLW).", axes=[role],
                    data=cube(f.people, axes=[role], aggs=[*hourly, *quartiles], cache=f.grids),
                    measures=[measures[0], measures[1], *quartile_measures, *nlw], notes=("pay", "nlw"),
                    chart=ChartSpec("Median hourly pay by job role group", "role_group", "hourly_median",
                                    "Median hourly pay (£)", "Bar chart of median hourly pay (£) for each job role "
                                    "group. Hidden [c] figures have no bar (listed under the chart)."))]
    axes = [service, role]
    annual = [Agg("salaried", "count", "salaried", stats=True), Agg("annual_median", "quantile", "annual_pay", q=0.5)]
    tables.append(table("pay_service_role", "Pay by service type group and job role group",
                        "Median hourly pay of staff paid by the hour and median annual pay of salaried staff.",
                        axes=axes, data=cube(f.people, axes=axes, aggs=[*hourly, *annual], cache=f.grids),
                        measures=[*measures, *nlw, Measure("salaried", "Salaried staff (count)", Kind.COUNT, employer_rule=True),
                                  Measure("annual_median", "Median annual pay (£)", Kind.AVERAGE,
                                          rounding=Rounding.HUNDRED)],
                        notes=("pay", "nlw")))
    return tables


def hours_tables(f: Frames, service: Axis, role: Axis) -> list[RawTable]:
    axes = [service, role]
    hours = cube(f.people, axes=axes, aggs=[
        Agg("with_contracted_hours", "count", "with_contracted_hours", stats=True), Agg("staff", "stats"),
        Agg("hours_mean", "mean", "contracted_hours"), Agg("hours_median", "quantile", "contracted_hours"),
        Agg("with_sickness", "count", "with_sickness", stats=True),
        Agg("sickness_mean", "mean", "sickness_days", magnitude=True)], cache=f.grids)
    return [
        table("hours", "Contracted weekly hours by service type group and job role group",
              "Mean and median contracted weekly hours of staff with contracted hours.", axes=axes, data=hours,
              measures=[Measure("with_contracted_hours", "Staff with contracted hours (count)", Kind.COUNT,
                                employer_rule=True),
                        Measure("hours_mean", "Mean contracted hours (hours a week)", Kind.AVERAGE, mean=True,
                                rounding=Rounding.ONE_DP),
                        Measure("hours_median", "Median contracted hours (hours a week)", Kind.AVERAGE,
                                rounding=Rounding.ONE_DP)]),
        table("sickness", "Sickness days by service type group and job role group",
              "Mean working days lost to sickness in the last 12 months, for staff with sickness recorded.",
              axes=axes, data=hours,
              measures=[Measure("with_sickness", "Staff with sickness days recorded (count)", Kind.COUNT,
                                employer_rule=True),
                        Measure("sickness_mean", "Mean sickness days (days)", Kind.AVERAGE, mean=True,
                                magnitude=True, rounding=Rounding.ONE_DP)]),
    ]


def breakdown_tables(f: Frames, service: Axis, role: Axis) -> list[RawTable]:
    """Staff by one personal characteristic within service type groups (or job role groups)."""
    specs = (
        ("age", "age_band", col.AGE_BAND_LABELS, service, False, "Staff by age band and service type group", ("age",)),
        ("gender", "gender", col.code_labels("gender"), service, False, "Staff by gender and service type group", ()),
        ("ethnicity", "ethnic_group", col.ethnic_groups(), service, True,
         "Staff by ethnic group and service type group", ()),
        ("nationality", "nationality_group", col.NATIONALITY_LABELS, service, True,
         "Staff by nationality group (British, EU, non-EU) and service type group", ("nationality",)),
        ("disability", "disability", col.code_labels("disability"), service, True,
         "Staff by disability and service type group", ()),
        ("qualifications", "qualification", col.QUALIFICATION_LABELS, role, False,
         "Staff by highest social care qualification and job role group", ()),
        ("care_certificate", "care_certificate", col.code_labels("care_certificate"), role, False,
         "Staff by Care Certificate and job role group", ()),
        ("recruitment", "recruitment", col.code_labels("recruitment_sources"), service, False,
         "Staff by where they were recruited from and service type group", ()),
    )
    tables = []
    for key, column, labels, by, sensitive, title, notes in specs:
        axes = [by, axis(column, labels)]
        tables.append(table(key, title, "Staff in post, and each group's share of the staff in the row's "
                            f"{DIMENSIONS[by.key][0].lower()}.", axes=axes, data=staff_cube(f, axes),
                            measures=[STAFF, Measure(f"{key}_share", "Share of staff (%)", Kind.RATE, numerator="staff",
                                                     share_of=column, sensitive=sensitive)], notes=notes))
        forget(f.grids, f.people, axes)  # each characteristic is grouped by once
    visa = staff_cube(f, [service], Agg("non_british", "count", "non_british", stats=True),
                        Agg("hcv", "count", "hcv", stats=True))
    tables.append(table("visa", "Health and Care Worker visa by service type group",
                        "Staff who are not British, and how many of them hold a Health and Care Worker visa.",
                        axes=[service], data=visa, notes=("nationality",),
                        measures=[STAFF, Measure("non_british", "Staff who are not British (count)", Kind.COUNT, employer_rule=True),
                                  Measure("hcv", "Staff with a Health and Care Worker visa (count)", Kind.COUNT,
                                          employer_rule=True),
                                  Measure("hcv_share", "Health and Care Worker visa share of non-British staff (%)",
                                          Kind.RATE, numerator="hcv", denominator="non_british", sensitive=True)]))
    return tables


def leaver_tables(f: Frames, service: Axis) -> list[RawTable]:
    reason = axis("reason", col.code_labels("worker_leave_reasons"))
    tables = []
    for axes, key, title in (([reason], "leaving_reasons", "Reasons for leaving"),
                             ([service, reason], "leaving_reasons_service",
                              "Reasons for leaving by service type group")):
        data = cube(f.reasons, axes=axes, aggs=[Agg("reason_leavers", "sum", "count", stats=True)], cache=f.grids)
        chart = ChartSpec("Reasons for leaving", "reason", "reason_leavers", "Leavers (count)",
                          "Bar chart of the number of leavers for each reason for leaving. Hidden [c] figures have "
                          "no bar (listed under the chart).") if len(axes) == 1 else None
        tables.append(table(key, title, "Leavers in the last 12 months by reason, as reported by workplaces.",
                            axes=axes, data=data, notes=("leavers",), chart=chart,
                            measures=[Measure("reason_leavers", "Leavers (count)", Kind.COUNT, employer_rule=True),
                                      Measure("reason_share", "Share of leavers (%)", Kind.RATE,
                                              numerator="reason_leavers", share_of="reason", sensitive=True)]))
    return tables


def series_table(rounds: Sequence[tuple[str, Frames]], service: Axis, current: str) -> RawTable:
    parts = []
    for label, frames in rounds:
        data = merge([service], staff_cube(frames, [service], Agg("turnover", "stats")),
                     cube(frames.roles, axes=[service], aggs=[Agg("leavers", "sum", "leavers", stats=True)], cache=frames.grids))
        parts.append(data.assign(round=label))
    data = pd.concat(parts, ignore_index=True)
    data = data.sort_values(["service", "round"], key=lambda s: s.map(_order(service, rounds)), kind="stable")
    data = data[["round", *[c for c in data.columns if c != "round"]]]
    raw = table("series", "Staff, leavers and turnover by collection round and service type group",
                "The same figures for each collection round, so changes can be followed over time.",
                axes=[], data=data, notes=("turnover", "series"),
                measures=[STAFF, LEAVERS, TURNOVER,
                          Measure("turnover_change", "Change in turnover rate since previous round (percentage points)",
                                  Kind.CHANGE, change_of="turnover", change_along="round")])
    dims = (Dimension("round", "Collection round", None, implicit=current), dimension(service))
    return RawTable(key=raw.key, title=raw.title, description=raw.description, dimensions=dims,
                    measures=raw.measures, frame=raw.frame, notes=raw.notes)


def _order(service: Axis, rounds: Sequence[tuple[str, Frames]]):
    positions = {label: i for i, label in enumerate((service.total, *service.categories))}
    positions.update({label: i for i, (label, _) in enumerate(rounds)})
    return lambda value: positions.get(value, 0)


def compliance_table(compliance: pd.DataFrame) -> RawTable:
    frame = compliance.assign(status=compliance["status"].map(lambda s: col.COMPLIANCE_LABELS.get(str(s), col.NOT_KNOWN)),
                              requirement=compliance["requirement"].astype(str), organisation_id=0)
    requirements = tuple(sorted(set(frame["requirement"])))
    axes = [axis("requirement", requirements), axis("status", (*col.COMPLIANCE_LABELS.values(), col.NOT_KNOWN))]
    data = cube(frame, axes=axes, aggs=[Agg("requirements", "count")])
    raw = table("compliance", "Contract requirements by compliance status",
                "Numbers of contract requirements in the round by their compliance status on the release date.",
                axes=axes, data=data, measures=[Measure("requirements", "Contract requirements (number)", Kind.UNITS)],
                notes=("compliance",))
    # not about people: no rounding or suppression, so the disclosure note does not apply to this table
    return RawTable(key=raw.key, title=raw.title, description=raw.description, dimensions=raw.dimensions,
                    measures=raw.measures, frame=raw.frame, notes=("compliance",))
