"""The ad-hoc extract menu: the fixed tables an analyst may choose (EXPORTS.md rule 8 - fixed tables and
groupings only, no free-form filters). An extract is made and audited by `exports.services` like a release.

The menu is the catalogue itself: the keys and titles `exports.aggregation.build_tables` and the survey adapter
give, read once from a small synthetic council so it never depends on a council's data. The year-on-year series
is left out (it exists only where earlier rounds do).
"""

from __future__ import annotations

from functools import lru_cache

MAX_TABLES = 40  # more than the catalogue holds: a bound on input, not a rule


@lru_cache(maxsize=1)
def table_choices() -> tuple[tuple[str, str], ...]:
    """(key, title) of every table an extract may hold, in workbook order."""
    from exports.aggregation import build_tables
    from exports.surveys_adapter import KINDS, indicator_table
    from exports.synthetic import make_council

    data = make_council(workplaces=12, staff=240, seed=0)
    tables = build_tables(staff=data.staff, workplaces=data.workplaces.assign(return_status="accepted"),
                          job_roles=data.job_roles, leaver_reasons=data.leaver_reasons, compliance=data.compliance,
                          snapshot_date=data.snapshot_date)
    tables += [indicator_table(kind=kind, title=title, grouping=grouping, categories=(), found={})
               for kind, title in KINDS.items() for grouping in ("service", "district")]
    return tuple((t.key, t.title) for t in tables)


def in_catalogue_order(keys) -> list[str]:
    chosen = set(keys)
    return [key for key, _ in table_choices() if key in chosen]
