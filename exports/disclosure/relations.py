"""Logical relations between measures of the same cell, as a reader of the workbook knows them.

Each entry says: for any cell (same non-total labels), the sum of the `parts` measures is at most the `whole`
measure. They hold for every possible return (the derivations in exports.aggregation.columns make them so):
pay interval is hourly or annual, never both; "at or just above the NLW" is a subset of hourly paid; zero-hours
staff, staff with contracted hours, staff with sickness recorded and non-British staff are subsets of staff; the
Health and Care Worker visa is asked only of non-British staff; FTE is at most 1 per person.

Starters and leavers have no such relation with staff in post (a leaver is not in post; a starter may have left),
so none is given; a turnover rate is published only beside its rounded parts and is worked out from them, so it
adds nothing a reader does not already have (rule 4).

The audit adds a relation only where it holds on the true figures, and `protect_all` checks that it always does.
"""

from __future__ import annotations

SUBSETS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("hourly_paid", "salaried"), "staff"),
    (("near_nlw",), "hourly_paid"),
    (("zero_hours",), "staff"),
    (("with_contracted_hours",), "staff"),
    (("with_sickness",), "staff"),
    (("non_british",), "staff"),
    (("hcv",), "non_british"),
    (("fte",), "staff"),
)
