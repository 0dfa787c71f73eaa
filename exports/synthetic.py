"""Seeded synthetic council data in the shape `exports.aggregation.build_tables` reads, at any scale.

Nothing here is real: codes are drawn from the ASC-WDS code lists with plausible weights. Council scale is the
default (600 workplaces, 16,000 staff records). The same arguments always give the same frames.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from providers import reference

DISTRICTS = ("Ashby Vale", "Brookmere", "Carrow", "Dunmore", "Eastwick", "Fenley", "Greyholt", "Harrowden")
SERVICE_WEIGHTS = {"Adult residential": 0.35, "Adult domiciliary": 0.35, "Adult community care": 0.12,
                   "Adult day": 0.05, "Healthcare": 0.05, "Other": 0.08}
ROLE_WEIGHTS = {"8": 0.55, "7": 0.1, "52": 0.08, "4": 0.04, "43": 0.03, "45": 0.04, "16": 0.03, "25": 0.04,
                "26": 0.06, "34": 0.02, "48": 0.005, "3": 0.015}
EU = ("616", "642", "620", "380", "724", "100", "372", "276")
NON_EU = ("356", "566", "608", "716", "288", "50", "586", "404")


@dataclass(frozen=True)
class SyntheticCouncil:
    staff: pd.DataFrame
    workplaces: pd.DataFrame
    job_roles: pd.DataFrame
    leaver_reasons: pd.DataFrame
    compliance: pd.DataFrame
    snapshot_date: date


def make_council(
    *, workplaces: int = 600, staff: int = 16_000, districts: int = 8, seed: int = 0,
    snapshot_date: date = date(2026, 3, 31),
) -> SyntheticCouncil:
    """Synthetic inputs for one council and round."""
    rng = np.random.default_rng(seed)
    wp = _workplaces(rng, workplaces, districts)
    people = _staff(rng, wp, staff, snapshot_date)
    roles = _job_roles(rng, people)
    return SyntheticCouncil(staff=people, workplaces=wp, job_roles=roles, leaver_reasons=_leaver_reasons(rng, roles),
                            compliance=_compliance(rng, wp), snapshot_date=snapshot_date)


def _pick(rng: np.random.Generator, weights: dict[str, float], size: int) -> np.ndarray:
    keys = np.array(list(weights), dtype=object)
    p = np.array(list(weights.values()), dtype=float)
    return keys[rng.choice(len(keys), size=size, p=p / p.sum())]


def _blank(rng: np.random.Generator, values: np.ndarray, share: float) -> np.ndarray:
    values = values.astype(object)
    values[rng.random(len(values)) < share] = None
    return values


def _workplaces(rng: np.random.Generator, n: int, n_districts: int) -> pd.DataFrame:
    n_orgs = max(1, int(n * 0.75))
    organisation = np.concatenate([np.arange(min(n, n_orgs)),
                                   rng.zipf(1.6, size=max(0, n - n_orgs)) % n_orgs]).astype(int)
    names = DISTRICTS[:n_districts] if n_districts <= len(DISTRICTS) else tuple(f"District {i + 1}" for i in range(n_districts))
    status = rng.choice(["accepted", "submitted", "in_progress", "not_started"], size=n, p=[0.6, 0.32, 0.05, 0.03])
    return pd.DataFrame({
        "workplace_id": np.arange(1, n + 1), "organisation_id": organisation + 1, "return_status": status,
        "service_group": _pick(rng, SERVICE_WEIGHTS, n),
        "district": np.array(names, dtype=object)[rng.integers(0, len(names), size=n)],
        "total_staff": np.zeros(n, dtype=int),
    })


def _staff(rng: np.random.Generator, wp: pd.DataFrame, n: int, snapshot: date) -> pd.DataFrame:
    weights = rng.lognormal(0.0, 0.8, size=len(wp))
    per_workplace = 1 + rng.multinomial(max(0, n - len(wp)), weights / weights.sum()) if n >= len(wp) else \
        rng.multinomial(n, weights / weights.sum())
    wp["total_staff"] = per_workplace
    index = np.repeat(np.arange(len(wp)), per_workplace)
    size = len(index)
    role = _pick(rng, ROLE_WEIGHTS, size)
    care = np.isin(role, ["8", "7", "52", "45"])
    contract = _pick(rng, {"1": 0.7, "2": 0.08, "3": 0.12, "4": 0.04, "7": 0.06}, size)
    domiciliary = (wp["service_group"].to_numpy()[index] == "Adult domiciliary")
    zero = np.where(rng.random(size) < np.where(domiciliary, 0.45, 0.12), "1", "2").astype(object)
    employed = np.isin(contract, ["1", "2"]) & (zero == "2")
    hours = np.round(rng.uniform(8, 45, size=size) * 2) / 2
    hourly = care | (rng.random(size) < 0.5)
    pay = np.where(hourly, np.round(12.21 + rng.gamma(2.0, 0.6, size=size) - 0.2, 2),
                   np.round(rng.normal(32_000, 7_000, size=size), -2))
    nationality = np.where(rng.random(size) < 0.7, "826",
                           np.where(rng.random(size) < 0.3, rng.choice(EU, size=size), rng.choice(NON_EU, size=size)))
    nationality = np.where(rng.random(size) < 0.02, "998", nationality).astype(object)
    has_qual = _pick(rng, {"1": 0.5, "2": 0.42, "999": 0.08}, size)
    ethnicity_codes = [r["code"] for r in reference.rows("ethnicity")]
    ethnicity_weights = np.array([0.6 if c == "31" else 0.02 for c in ethnicity_codes])
    frame = pd.DataFrame({
        "workplace_id": wp["workplace_id"].to_numpy()[index],
        "organisation_id": wp["organisation_id"].to_numpy()[index],
        "local_ref": [f"W{i:06d}" for i in range(size)],
        "job_role": role, "contract_type": contract, "zero_hours": zero,
        "contracted_hours": np.where(employed, hours, np.nan), "average_hours": np.where(employed, np.nan, hours),
        "pay_interval": np.where(hourly, "3", "1").astype(object), "pay_rate": pay,
        "gender": _pick(rng, {"2": 0.8, "1": 0.18, "3": 0.015, "4": 0.005}, size),
        "ethnicity": np.array(ethnicity_codes, dtype=object)[rng.choice(len(ethnicity_codes), size=size,
                                                                        p=ethnicity_weights / ethnicity_weights.sum())],
        "nationality": nationality,
        "disability": _pick(rng, {"0": 0.8, "1": 0.05, "2": 0.1, "3": 0.05}, size),
        "birth_year": snapshot.year - rng.integers(17, 75, size=size),
        "recruitment_source": _pick(rng, {r["code"]: 1.0 for r in reference.rows("recruitment_sources")}, size),
        "sickness_days": np.round(rng.exponential(4.0, size=size) * (rng.random(size) < 0.6), 1),
        "care_certificate": _pick(rng, {"1": 0.5, "2": 0.3, "3": 0.2}, size),
        "social_care_qualification": has_qual,
        "social_care_level": np.where(has_qual == "1", _pick(rng, {"2": 0.45, "3": 0.35, "4": 0.05, "5": 0.1,
                                                                      "999": 0.05}, size), None),
        "health_care_visa": np.where(np.isin(nationality, NON_EU) & (rng.random(size) < 0.6), "1",
                                     np.where(nationality == "826", None, "2")),
    })
    for column, share in (("gender", 0.01), ("ethnicity", 0.03), ("birth_year", 0.02), ("sickness_days", 0.1),
                          ("disability", 0.05), ("recruitment_source", 0.05), ("pay_rate", 0.03)):
        frame[column] = _blank(rng, frame[column].to_numpy(), share)
    return frame


def _job_roles(rng: np.random.Generator, staff: pd.DataFrame) -> pd.DataFrame:
    counts = staff.groupby(["workplace_id", "job_role"], sort=True).size().rename("in_post").reset_index()
    in_post = counts["in_post"].to_numpy()
    counts["starters"] = rng.poisson(0.3 * in_post)
    counts["leavers"] = rng.poisson(0.27 * in_post)
    counts["vacancies"] = rng.poisson(0.08 * in_post)
    return counts.drop(columns="in_post")


def _leaver_reasons(rng: np.random.Generator, roles: pd.DataFrame) -> pd.DataFrame:
    leavers = roles.groupby("workplace_id")["leavers"].sum()
    codes = [r["code"] for r in reference.rows("worker_leave_reasons")]
    p = np.array([0.3, 0.08, 0.12, 0.05, 0.15, 0.06, 0.08, 0.06, 0.1])
    counts = np.array([rng.multinomial(int(n), p / p.sum()) for n in leavers.to_numpy()])
    frame = pd.DataFrame(counts, index=leavers.index, columns=codes).stack().rename("count").reset_index()
    frame.columns = ["workplace_id", "reason", "count"]
    return frame.loc[frame["count"] > 0].reset_index(drop=True)


def _compliance(rng: np.random.Generator, wp: pd.DataFrame) -> pd.DataFrame:
    organisations = np.unique(wp["organisation_id"].to_numpy())
    statuses = ["complied", "complied_late", "overdue", "due", "escalated", "extended", "exempt"]
    return pd.DataFrame({
        "organisation_id": np.repeat(organisations, 2),
        "requirement": np.tile(["Annual workforce return", "Staff survey links distributed"], len(organisations)),
        "status": rng.choice(statuses, size=2 * len(organisations), p=[0.6, 0.12, 0.08, 0.05, 0.05, 0.06, 0.04]),
    })


def make_earlier(*, base: SyntheticCouncil, years_back: int, seed: int = 1) -> tuple[str, SyntheticCouncil]:
    """An earlier round for the series table: same council shape, new draws. Returns (round label, data)."""
    snapshot = date(base.snapshot_date.year - years_back, base.snapshot_date.month, base.snapshot_date.day)
    council = make_council(workplaces=len(base.workplaces), staff=len(base.staff), seed=seed + years_back,
                           snapshot_date=snapshot)
    return round_label(snapshot), council


def round_label(snapshot: date) -> str:
    """The financial-year label of a round whose snapshot is at its end: 31 March 2026 -> "2025-26"."""
    start = snapshot.year - 1 if snapshot.month <= 3 else snapshot.year
    return f"{start}-{(start + 1) % 100:02d}"
