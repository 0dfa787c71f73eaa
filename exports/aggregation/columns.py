"""Input columns, and the derived per-person columns every table is built from.

Input frames (one row each; codes are ASC-WDS bulk-upload codes as strings, `None`/NaN = not answered):

`workplaces` - one row per workplace return in the round (REQUIRED_WORKPLACE_COLUMNS):
    workplace_id, organisation_id; return_status ("submitted"/"accepted" are used, any other status is dropped);
    service_group (main service category label, e.g. "Adult residential"; a main_services code is also accepted);
    district (the council's district name; blank = "Not known"); total_staff (WorkplaceSectionData.total_staff).
`staff` - one row per staff record (REQUIRED_STAFF_COLUMNS): workplace_id, organisation_id and the
    StaffRecordData fields job_role, contract_type, zero_hours, contracted_hours, average_hours, pay_interval,
    pay_rate, gender, ethnicity, nationality, disability, birth_year, recruitment_source, sickness_days,
    care_certificate, social_care_qualification, social_care_level, health_care_visa.
`job_roles` - one row per workplace and job role (WorkplaceSectionData.job_roles) (REQUIRED_JOB_ROLE_COLUMNS):
    workplace_id, job_role, starters, leavers, vacancies.
`leaver_reasons` - one row per workplace and reason (WorkplaceSectionData.leaver_reasons)
    (REQUIRED_LEAVER_REASON_COLUMNS): workplace_id, reason (worker_leave_reasons code), count.
`compliance` - one row per contract requirement in the round (REQUIRED_COMPLIANCE_COLUMNS):
    requirement (a label), status (a compliance status: not_due, due, overdue, escalated, complied,
    complied_late, extended, exempt).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from collection.rules.pay import national_living_wage_on
from providers import reference

REQUIRED_WORKPLACE_COLUMNS = ("workplace_id", "organisation_id", "return_status", "service_group", "district", "total_staff")
REQUIRED_STAFF_COLUMNS = (
    "workplace_id", "organisation_id", "job_role", "contract_type", "zero_hours", "contracted_hours", "average_hours",
    "pay_interval", "pay_rate", "gender", "ethnicity", "nationality", "disability", "birth_year",
    "recruitment_source", "sickness_days", "care_certificate", "social_care_qualification", "social_care_level",
    "health_care_visa",
)
REQUIRED_JOB_ROLE_COLUMNS = ("workplace_id", "job_role", "starters", "leavers", "vacancies")
REQUIRED_LEAVER_REASON_COLUMNS = ("workplace_id", "reason", "count")
REQUIRED_COMPLIANCE_COLUMNS = ("requirement", "status")
INCLUDED_STATUSES = frozenset({"submitted", "accepted"})

NOT_KNOWN = "Not known"
FULL_TIME_HOURS = 37.5
NLW_MARGIN = 0.50
EU_NATIONALITIES = frozenset(
    "40 56 100 191 196 203 208 233 246 250 276 300 348 372 380 428 440 442 470 528 616 620 642 703 705 724 752".split()
)
BRITISH, NATIONALITY_NOT_KNOWN = "826", "998"
AGE_BAND_LABELS = ("Under 25", "25 to 34", "35 to 44", "45 to 54", "55 to 64", "65 and over", NOT_KNOWN)
QUALIFICATION_LABELS = ("No social care qualification", "Entry level or level 1", "Level 2", "Level 3",
                        "Level 4 or above", "Level not known", NOT_KNOWN)
NATIONALITY_LABELS = ("British", "EU", "Non-EU", NOT_KNOWN)
COMPLIANCE_LABELS = {
    "not_due": "Not yet due", "due": "Due", "overdue": "Overdue", "escalated": "Escalated", "complied": "Complied",
    "complied_late": "Complied late", "extended": "Extended", "exempt": "Exempt",
}


def national_living_wage(snapshot_date: date) -> float:
    """The NLW rate in force on the snapshot date, from the one table of rates the validation rules use too."""
    return float(national_living_wage_on(snapshot_date))


def service_groups() -> tuple[str, ...]:
    """Service type groups in a fixed order: the main_services categories as they first appear, then Not known."""
    seen: dict[str, None] = {}
    for row in reference.rows("main_services"):
        seen[row["category"]] = None
    return (*seen, NOT_KNOWN)


def role_groups() -> tuple[str, ...]:
    return (*(row["label"] for row in reference.rows("job_role_groups")), NOT_KNOWN)


def ethnic_groups() -> tuple[str, ...]:
    labels = [row["label"] for row in reference.rows("ethnicity_groups")]
    return (*labels, NOT_KNOWN) if NOT_KNOWN not in labels else tuple(labels)


def code_labels(list_name: str) -> tuple[str, ...]:
    return (*reference.labels(list_name).values(), NOT_KNOWN)


def _per_value(series: pd.Series, label, missing) -> pd.Series:
    """`label(value)` of every value (`missing` for None/NaN), worked out once per distinct value: a national
    frame has 1.6 M rows but only a few dozen codes. Object values, as `Series.map` with a function gives."""
    if isinstance(series.dtype, pd.CategoricalDtype):  # the round's staff codes: the categories are the values
        codes, uniques = series.cat.codes.to_numpy(), series.cat.categories.to_numpy(dtype=object)
    else:
        codes, uniques = pd.factorize(series.to_numpy(dtype=object))
    labels = np.array([*(label(v) for v in uniques), missing], dtype=object)
    return pd.Series(labels[codes], index=series.index, dtype=object)  # code -1 (missing) takes the last


def _label(series: pd.Series, mapping: dict[str, str]) -> pd.Series:
    return _per_value(series, lambda v: mapping.get(str(v), NOT_KNOWN), NOT_KNOWN)


def _text(series: pd.Series) -> pd.Series:
    """Codes as strings, "" for not answered."""
    return _per_value(series, str, "")


def _number(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series, errors="coerce").astype(float)


def included_workplaces(workplaces: pd.DataFrame) -> pd.DataFrame:
    """Workplace returns that count: submitted or accepted; service group and district labelled."""
    frame = workplaces.loc[workplaces["return_status"].isin(INCLUDED_STATUSES)].copy()
    categories = {row["code"]: row["category"] for row in reference.rows("main_services")}
    groups = set(service_groups())
    frame["service"] = frame["service_group"].map(
        lambda v: v if v in groups else categories.get(str(v), NOT_KNOWN) if v is not None and v == v else NOT_KNOWN
    )
    frame["district"] = frame["district"].map(lambda v: str(v).strip() if v is not None and v == v and str(v).strip()
                                              else NOT_KNOWN)
    return frame


def districts(workplaces: pd.DataFrame) -> tuple[str, ...]:
    names = sorted(set(workplaces["district"]) - {NOT_KNOWN})
    return (*names, NOT_KNOWN)


def attach_workplace(frame: pd.DataFrame, workplaces: pd.DataFrame) -> pd.DataFrame:
    """Keep rows of included workplaces and add organisation_id, service and district from the workplace."""
    columns = ["workplace_id", "organisation_id", "service", "district"]
    drop = [c for c in ("organisation_id", "service", "district") if c in frame.columns]
    return frame.drop(columns=drop).merge(workplaces[columns], on="workplace_id", how="inner")


def role_group_of(job_role: pd.Series) -> pd.Series:
    return _label(job_role, {row["code"]: row["group"] or NOT_KNOWN for row in reference.rows("job_roles")})


def derive_staff(staff: pd.DataFrame, *, snapshot_date: date) -> pd.DataFrame:
    """Per-person derived columns (rules in the notes sheet): role group, FTE, hours, pay, NLW band, the
    demographic and qualification groups. Input must already carry service and district."""
    out = pd.DataFrame({
        "organisation_id": staff["organisation_id"].to_numpy(),
        "service": staff["service"].to_numpy(),
        "district": staff["district"].to_numpy(),
    })
    out["role_group"] = role_group_of(staff["job_role"]).to_numpy()
    contracted = _number(staff["contracted_hours"])
    average = _number(staff["average_hours"])
    hours = contracted.where(contracted.notna(), average)
    out["fte"] = (hours.clip(lower=0, upper=FULL_TIME_HOURS) / FULL_TIME_HOURS).fillna(0.0).to_numpy()
    out["contracted_hours"] = contracted.to_numpy()
    interval = _text(staff["pay_interval"])
    rate = _number(staff["pay_rate"])
    out["hourly_pay"] = rate.where(interval == "3").to_numpy()
    out["annual_pay"] = rate.where(interval == "1").to_numpy()
    out["hourly_paid"] = ~np.isnan(out["hourly_pay"].to_numpy())
    out["salaried"] = ~np.isnan(out["annual_pay"].to_numpy())
    out["near_nlw"] = out["hourly_paid"] & (out["hourly_pay"] < national_living_wage(snapshot_date) + NLW_MARGIN)
    out["zero_hours"] = (_per_value(staff["zero_hours"], str, "nan") == "1").to_numpy()
    out["contract"] = _label(staff["contract_type"], reference.labels("contract_types")).to_numpy()
    out["gender"] = _label(staff["gender"], reference.labels("gender")).to_numpy()
    out["ethnic_group"] = _label(staff["ethnicity"], {r["code"]: r["group"] for r in reference.rows("ethnicity")}).to_numpy()
    out["ethnic_group"] = out["ethnic_group"].replace({"Don't know": NOT_KNOWN})
    nationality = _text(staff["nationality"])
    out["nationality_group"] = np.select(
        [nationality == BRITISH, nationality.isin(EU_NATIONALITIES), nationality.isin({"", NATIONALITY_NOT_KNOWN})],
        ["British", "EU", NOT_KNOWN], default="Non-EU",
    )
    out["disability"] = _label(staff["disability"], reference.labels("disability")).to_numpy()
    birth_year = _number(staff["birth_year"])
    age = snapshot_date.year - birth_year
    bins = [-np.inf, 25, 35, 45, 55, 65, np.inf]
    band = pd.cut(age, bins=bins, right=False, labels=list(AGE_BAND_LABELS[:-1]))
    out["age_band"] = band.astype("object").where(band.notna(), NOT_KNOWN).to_numpy()
    out["qualification"] = _qualification(staff).to_numpy()
    out["care_certificate"] = _label(staff["care_certificate"], reference.labels("care_certificate")).to_numpy()
    out["recruitment"] = _label(staff["recruitment_source"], reference.labels("recruitment_sources")).to_numpy()
    out["sickness_days"] = _number(staff["sickness_days"]).to_numpy()
    out["with_sickness"] = ~np.isnan(out["sickness_days"].to_numpy())
    out["with_contracted_hours"] = ~np.isnan(out["contracted_hours"].to_numpy())
    out["non_british"] = (out["nationality_group"] == "EU") | (out["nationality_group"] == "Non-EU")
    out["hcv"] = out["non_british"] & (_per_value(staff["health_care_visa"], str, "nan") == "1").to_numpy()
    return out


def _qualification(staff: pd.DataFrame) -> pd.Series:
    has = _text(staff["social_care_qualification"])
    level = _text(staff["social_care_level"])
    level_label = level.map({"0": "Entry level or level 1", "1": "Entry level or level 1", "2": "Level 2",
                             "3": "Level 3", "4": "Level 4 or above", "5": "Level 4 or above",
                             "6": "Level 4 or above", "7": "Level 4 or above", "8": "Level 4 or above"})
    return pd.Series(np.select(
        [has == "2", (has == "1") & level_label.notna(), has == "1"],
        ["No social care qualification", level_label.fillna(""), "Level not known"],
        default=NOT_KNOWN,
    ), index=staff.index)
