"""Rule 5 (at least 3 providers, none over 80 %) on every statistic about providers' staff, table-driven per
measure: shares and their counts included (F9: near_nlw_share, hourly_paid, near_nlw were published for a
dominated group).

A synthetic council gets one planted workplace that has over 80 % of the staff of the "Healthcare" service type
group. Every measure's Healthcare figure must be [c]; the same measure for "Adult residential" (many providers,
none dominant) must be shown - the control that shows each row of the table could fail.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from exports.aggregation import build_tables
from exports.disclosure import protect_all, rules
from exports.disclosure.tables import CONFIDENTIAL
from exports.synthetic import make_council

DOMINATED, CONTROL = "Healthcare", "Adult residential"

# (table key, measure name, role group in the row or None for tables without one)
MEASURES = [
    ("workforce_service_role", "staff", "All job roles"),
    ("workforce_service_role", "fte", "All job roles"),
    ("turnover_service", "staff", None),
    ("turnover_service", "starters", None),
    ("turnover_service", "leavers", None),
    ("turnover_service", "turnover", None),
    ("turnover_service", "starter_rate", None),
    ("vacancies_service_role", "vacancies", "All job roles"),
    ("vacancies_service_role", "vacancy_rate", "All job roles"),
    ("zero_hours", "zero_hours", "All job roles"),
    ("zero_hours", "zero_hours_share", "All job roles"),
    ("pay_service_role", "hourly_paid", "All job roles"),
    ("pay_service_role", "hourly_median", "All job roles"),
    ("pay_service_role", "near_nlw", "All job roles"),
    ("pay_service_role", "near_nlw_share", "All job roles"),
    ("pay_service_role", "salaried", "All job roles"),
    ("pay_service_role", "annual_median", "All job roles"),
    ("hours", "with_contracted_hours", "All job roles"),
    ("hours", "hours_mean", "All job roles"),
    ("hours", "hours_median", "All job roles"),
    ("sickness", "with_sickness", "All job roles"),
    ("sickness", "sickness_mean", "All job roles"),
    ("visa", "non_british", None),
    ("visa", "hcv", None),
    ("visa", "hcv_share", None),
    ("gender", "staff", None),
    ("contracts", "contract_share", None),
]


@pytest.fixture(scope="module")
def protected():
    council = make_council(workplaces=200, staff=5_000, seed=21)
    workplaces = council.workplaces.assign(return_status="accepted")
    people = council.staff
    big_id = int(workplaces["workplace_id"].max()) + 1
    big_org = int(workplaces["organisation_id"].max()) + 1
    in_group = workplaces.loc[workplaces["service_group"] == DOMINATED, "workplace_id"]
    group_staff = int(people["workplace_id"].isin(in_group).sum())
    size = 5 * group_staff  # the planted workplace then has 5/6 (83 %) of the group's staff
    rng = np.random.default_rng(3)
    clone = people.iloc[rng.choice(len(people), size=size, replace=False)].copy()
    clone["workplace_id"], clone["organisation_id"] = big_id, big_org
    clone["local_ref"] = [f"BIG{i:05d}" for i in range(size)]
    workplaces = pd.concat([workplaces, pd.DataFrame([{
        "workplace_id": big_id, "organisation_id": big_org, "return_status": "accepted", "service_group": DOMINATED,
        "district": workplaces["district"].iloc[0], "total_staff": size}])], ignore_index=True)
    roles = pd.concat([council.job_roles, pd.DataFrame([{"workplace_id": big_id, "job_role": "8", "starters": 60,
                                                         "leavers": 55, "vacancies": 20}])], ignore_index=True)
    reasons = pd.concat([council.leaver_reasons, pd.DataFrame([{"workplace_id": big_id, "reason": "1",
                                                                "count": 55}])], ignore_index=True)
    tables = build_tables(staff=pd.concat([people, clone], ignore_index=True), workplaces=workplaces,
                          job_roles=roles, leaver_reasons=reasons, snapshot_date=council.snapshot_date)
    share = size / (size + group_staff)
    assert share > rules.MAX_PROVIDER_SHARE
    return {t.key: t for t in protect_all(tables)}


def _cell(table, measure: str, service: str, role: str | None):
    column = len(table.dimension_keys) + table.measure_names.index(measure)
    for row in table.rows:
        labels = dict(zip(table.dimension_keys, row, strict=False))
        if labels.get("service") != service:
            continue
        if role is not None and labels.get("role_group") != role:
            continue
        if any(labels[k] != total for k, total in zip(table.dimension_keys, table.totals, strict=True)
               if k not in ("service", "role_group")):
            continue
        return row[column]
    raise AssertionError(f"no row for {service} / {role} in {table.key}")


@pytest.mark.parametrize(("table", "measure", "role"), MEASURES, ids=[f"{t}.{m}" for t, m, _ in MEASURES])
def test_a_dominated_group_hides_the_measure(protected, table, measure, role):
    assert _cell(protected[table], measure, DOMINATED, role) == CONFIDENTIAL


@pytest.mark.parametrize(("table", "measure", "role"), MEASURES, ids=[f"{t}.{m}" for t, m, _ in MEASURES])
def test_the_same_measure_is_shown_for_a_group_of_many_providers(protected, table, measure, role):
    assert not isinstance(_cell(protected[table], measure, CONTROL, role), str)


@pytest.mark.parametrize(("providers", "top_share", "fails"), [
    (2, 0.5, True), (3, 0.5, False), (3, 0.8, False), (3, 0.8001, True), (10, 0.95, True), (0, 0.0, True),
])
def test_rule_5_boundaries(providers, top_share, fails):
    assert rules.employer_rule_fails(providers=providers, top_share=top_share) is fails
