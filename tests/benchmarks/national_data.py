"""A synthetic national installation on PostgreSQL for `make benchmark-national` (issue 18 item 4).

    python -m tests.benchmarks.national_data [--workplaces 40000] [--staff 1600000] [--rounds 3] [--councils 150]

Builds (once) the database in NATIONAL_DATABASE_URL (default postgres://cwr:cwr@127.0.0.1:5432/cwr_national):
`--councils` councils, each contracting a share of the organisations, and one "England (synthetic, all councils)"
council contracting every organisation (its workbook is the national one); `--rounds` shared rounds (snapshots
31 March, one a year up to 2026) with one return per workplace and `--staff` staff records a round, drawn by
`exports.synthetic.make_council` (seeded). Rows are plain tuples COPYed with `config.bulk` (no model instances,
no audit rows: nothing here is a user's write). A database already built with the same parameters is re-used;
one built with others is dropped and built again. Nothing here is real, and every name says so.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import UTC, date, datetime

import numpy as np
import pandas as pd

DEFAULT_URL = "postgres://cwr:cwr@127.0.0.1:5432/cwr_national"
GENERATOR_VERSION = 1
NATIONAL_SLUG = "england-synthetic"
NATIONAL_NAME = "England (synthetic, all councils)"
SEED = 18
NOW = datetime(2026, 8, 1, 12, 0, tzinfo=UTC)


def national_url() -> str:
    return os.environ.get("NATIONAL_DATABASE_URL", DEFAULT_URL)


def marker(*, workplaces: int, staff: int, rounds: int, councils: int) -> str:
    """The name of the national council's contract reference that records what the database was built with."""
    return f"national-v{GENERATOR_VERSION}-w{workplaces}-s{staff}-r{rounds}-c{councils}"


def council_slug(index: int) -> str:
    return f"synthetic-council-{index:03d}"


def ensure(*, workplaces: int, staff: int, rounds: int, councils: int) -> bool:
    """Build the national database unless it holds these parameters already. Returns True when it was built."""
    import psycopg

    url = national_url()
    os.environ["DATABASE_URL"] = url
    import django

    django.setup()
    from django.db import connection
    from django.db.utils import OperationalError, ProgrammingError

    wanted = marker(workplaces=workplaces, staff=staff, rounds=rounds, councils=councils)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM providers_contract WHERE reference = %s", [wanted])
            if cursor.fetchone():
                return False
    except (OperationalError, ProgrammingError):
        pass
    connection.close()
    name = connection.settings_dict["NAME"]
    admin = psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True)
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    _build(workplaces=workplaces, staff=staff, rounds=rounds, councils=councils, wanted=wanted)
    return True


def _copy(model, count: int, columns: dict) -> list[int]:
    """COPY `count` rows into the model's table: `columns` maps field names to a sequence (one value a row) or a
    plain value (every row); every other concrete field takes its default. Returns the new ids."""
    from config.bulk import copy_rows, next_ids

    table = model._meta.db_table
    ids = next_ids(table, count)
    names, values = ["id"], [ids]
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        given = columns.get(field.name, columns.get(field.attname, _default(field)))
        names.append(field.column)
        values.append(given if isinstance(given, list | np.ndarray | pd.Series) else [given] * count)
    copy_rows(table, names, zip(*[v.tolist() if hasattr(v, "tolist") else v for v in values], strict=True))
    return ids


def _default(field):
    if field.name in ("created_at", "updated_at"):
        return NOW
    if field.has_default():
        value = field.get_default()
        if isinstance(value, list | dict):
            return json.dumps(value)
        return str(value) if isinstance(value, str) else value
    if field.null:
        return None
    return ""


def _text(series: pd.Series) -> list:
    """Codes as the stored strings ("" for a blank)."""
    return ["" if v is None or v != v else str(v) for v in series.to_numpy(dtype=object)]


def _numbers(series: pd.Series, digits: int) -> list:
    values = pd.to_numeric(series, errors="coerce").round(digits)
    return [None if v != v else v for v in values.to_numpy(dtype=float).tolist()]


def _build(*, workplaces: int, staff: int, rounds: int, councils: int, wanted: str) -> None:
    from django.db import connection, transaction

    from collection.models import CollectionRound, JobRoleCount, LeaverReasonCount, StaffRecord, WorkforceReturn
    from exports.synthetic import make_council
    from providers import reference
    from providers.models import Contract, ContractRequirement, Council, Organisation, Workplace

    code_for: dict[str, str] = {}
    for row in reference.rows("main_services"):
        code_for.setdefault(row["category"], row["code"])
    years = list(range(2027 - rounds, 2027))
    started = time.perf_counter()
    with transaction.atomic():
        def draw(n: int):  # one round at a time: a round's 1.6 M rows are about 1 GB in Python
            return make_council(workplaces=workplaces, staff=staff, districts=2, seed=SEED + n,
                                snapshot_date=date(years[n], 3, 31))

        last = draw(len(years) - 1)
        base = last.workplaces
        print(f"drawn in {time.perf_counter() - started:.0f} s", flush=True)
        org_numbers = np.unique(base["organisation_id"].to_numpy())
        council_ids = _copy(Council, councils + 1, {
            "name": [*(f"Synthetic Council {i + 1} (synthetic data)" for i in range(councils)), NATIONAL_NAME],
            "slug": [*(council_slug(i + 1) for i in range(councils)), NATIONAL_SLUG], "districts": "[]"})
        org_ids = _copy(Organisation, len(org_numbers), {
            "name": [f"Synthetic national provider {i}" for i in org_numbers],
            "slug": [f"national-org-{i}" for i in org_numbers], "kind": Organisation.Kind.PROVIDER.value})
        org_id_of = dict(zip(org_numbers.tolist(), org_ids, strict=True))
        council_of_org = {i: council_ids[(i - 1) % councils] for i in org_numbers.tolist()}
        contract_ids = _copy(Contract, 2 * len(org_numbers), {
            "council_id": [*(council_of_org[i] for i in org_numbers.tolist()), *[council_ids[-1]] * len(org_numbers)],
            "organisation_id": [*org_ids, *org_ids],
            "reference": [*(f"national-{i}" for i in org_numbers), *(f"england-{i}" for i in org_numbers)],
            "starts_on": date(2020, 4, 1), "contract_officer_id": None})
        _copy(ContractRequirement, len(contract_ids), {"contract_id": contract_ids})
        Contract.objects.create(council_id=council_ids[-1], organisation_id=org_ids[0], reference=wanted,
                                starts_on=date(2020, 4, 1), ends_on=date(2020, 4, 2))
        organisation = base["organisation_id"].map(org_id_of)
        # districts follow the council: two of its own each (about 300 in England)
        district = [f"Synthetic Council {(o - 1) % councils + 1} {d}" for o, d in
                    zip(base["organisation_id"].tolist(), base["district"].tolist(), strict=True)]
        place_ids = np.array(_copy(Workplace, len(base), {
            "organisation_id": organisation, "name": [f"Synthetic national workplace {i}" for i in base["workplace_id"]],
            "local_ref": [f"national-{i}" for i in base["workplace_id"]], "district": district,
            "main_service": base["service_group"].map(code_for), "other_services": "[]", "service_users": "[]",
            "is_cqc_regulated": None}))
        print(f"councils, organisations, contracts, workplaces in {time.perf_counter() - started:.0f} s", flush=True)
        round_ids = _copy(CollectionRound, len(years), {
            "council_id": None, "name": [f"National workforce return {y}" for y in years],
            "slug": [f"national-{y}" for y in years], "snapshot_date": [date(y, 3, 31) for y in years],
            "window_opens": [date(y, 4, 1) for y in years], "due_date": [date(y, 6, 30) for y in years],
            "closes": [date(y, 7, 31) for y in years], "opened_by_id": None})
        for n, round_id in enumerate(round_ids):
            data = last if n == len(years) - 1 else draw(n)
            _round(round_id, data, place_ids, WorkforceReturn, StaffRecord, JobRoleCount, LeaverReasonCount)
            print(f"round {round_id}: {len(data.staff):,} staff in {time.perf_counter() - started:.0f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"built in {time.perf_counter() - started:.0f} s", flush=True)


def _round(round_id, data, place_ids, WorkforceReturn, StaffRecord, JobRoleCount, LeaverReasonCount) -> None:
    wp = data.workplaces
    return_ids = np.array(_copy(WorkforceReturn, len(wp), {
        "workplace_id": place_ids[wp["workplace_id"].to_numpy() - 1], "round_id": round_id,
        "state": wp["return_status"].tolist(), "total_staff": wp["total_staff"].to_numpy(dtype=int),
        "submitted_by_id": None, "reviewed_by_id": None}))
    return_of = return_ids[data.staff["workplace_id"].to_numpy() - 1]
    people = data.staff
    columns = {field: _text(people[field]) for field in (
        "job_role", "contract_type", "zero_hours", "pay_interval", "gender", "ethnicity", "nationality",
        "disability", "recruitment_source", "care_certificate", "social_care_qualification", "social_care_level",
        "health_care_visa")}
    columns.update({field: _numbers(people[field], 1) for field in ("contracted_hours", "average_hours",
                                                                   "sickness_days")})
    columns["pay_rate"] = _numbers(people["pay_rate"], 2)
    columns["birth_year"] = [None if v != v else int(v) for v in people["birth_year"].to_numpy(dtype=float)]
    columns.update(workforce_return_id=return_of, local_ref=people["local_ref"].tolist(), start_date=None,
                   year_started_in_sector=None, left_on=None)
    _copy(StaffRecord, len(people), columns)
    roles = data.job_roles
    _copy(JobRoleCount, len(roles), {
        "workforce_return_id": return_ids[roles["workplace_id"].to_numpy() - 1], "job_role": _text(roles["job_role"]),
        "starters": roles["starters"].to_numpy(dtype=int), "leavers": roles["leavers"].to_numpy(dtype=int),
        "vacancies": roles["vacancies"].to_numpy(dtype=int)})
    reasons = data.leaver_reasons
    _copy(LeaverReasonCount, len(reasons), {
        "workforce_return_id": return_ids[reasons["workplace_id"].to_numpy() - 1], "reason": _text(reasons["reason"]),
        "count": reasons["count"].to_numpy(dtype=int)})


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="national_data")
    parser.add_argument("--workplaces", type=int, default=40_000)
    parser.add_argument("--staff", type=int, default=1_600_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--councils", type=int, default=150)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    started = time.perf_counter()
    built = ensure(workplaces=args.workplaces, staff=args.staff, rounds=args.rounds, councils=args.councils)
    print(("built" if built else "re-used") + f" {national_url().rsplit('@', 1)[-1]} "
          f"({args.workplaces:,} workplaces, {args.staff:,} staff records x {args.rounds} rounds, "
          f"{args.councils} councils) in {time.perf_counter() - started:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    from tests.benchmarks.run import production_environment

    production_environment()
    sys.exit(main(sys.argv[1:]))
