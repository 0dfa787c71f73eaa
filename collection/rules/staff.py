"""Validation of one staff record: the same rules for the web form, the ASC-WDS bulk upload and the API.

`validate_staff_records` checks many records at once (an upload): each rule runs once per distinct combination of
the fields it reads (`RecordRule.fields`) and its issues are shared by every record with that combination, so the
issues are exactly those `validate_staff_record` gives each record, in the same order. A rule whose fields rarely
repeat in the first records (a reference, a date) simply runs on each record.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Sequence
from datetime import date
from functools import cache
from itertools import compress, islice
from operator import attrgetter

from collection.rules.checks import RecordRule, run_rules
from collection.rules.issues import Issue
from collection.rules.pay import PAY_RULES
from collection.rules.records import StaffRecordData, WorkplaceData
from collection.rules.staff_job import JOB_RULES
from collection.rules.staff_person import LOCAL_REF_RULE, PERSON_RULES

STAFF_RULES: tuple[RecordRule, ...] = (LOCAL_REF_RULE, *JOB_RULES, *PAY_RULES, *PERSON_RULES)


def validate_staff_record(
    record: StaffRecordData, *, snapshot_date: date, workplace: WorkplaceData | None = None
) -> list[Issue]:
    """Every issue with one staff record, errors and warnings together, in the order of the form.

    `snapshot_date` is the return's snapshot date (ages, future dates and the National Living Wage are judged on
    it). `workplace`, when given, lets the rules that depend on the workplace run (a registered manager needs a
    workplace regulated by CQC).
    """
    return run_rules(STAFF_RULES, record, snapshot_date, workplace)


def validate_staff_records(
    records: Sequence[StaffRecordData], *, snapshot_date: date, workplaces: Sequence[WorkplaceData | None]
) -> list[list[Issue]]:
    """`validate_staff_record` for each record (with the workplace at the same position), rule by rule."""
    found: list[list[Issue]] = [[] for _ in records]
    positions = range(len(records))
    regulated = [None if w is None else (w.is_cqc_regulated,) for w in workplaces]
    for rule in STAFF_RULES:
        keys = map(attrgetter(*rule.fields), records)
        if rule.workplace:
            keys = zip(keys, regulated, strict=True)
        memo = _Memo(rule, snapshot_date)
        results = list(map(memo.__getitem__, islice(keys, SAMPLE)))
        if len(memo) > SAMPLE // 2:  # values rarely repeat (a reference, a date): each record is checked itself
            check = rule.check
            results += [check(r, snapshot_date, w) for r, w in zip(records[SAMPLE:], workplaces[SAMPLE:], strict=True)]
        else:
            results += map(memo.__getitem__, keys)
        for i in compress(positions, results):
            found[i] += results[i]
    return found


SAMPLE = 1000  # records a rule is first checked on, once per distinct combination of its fields


class _Memo(dict):
    """One rule's issues by the values of the fields it reads, worked out on first use from those values alone."""

    def __init__(self, rule: RecordRule, snapshot_date: date) -> None:
        super().__init__()
        self.rule, self.snapshot_date = rule, snapshot_date
        self.fields = _fields(rule.fields)

    def __missing__(self, key):
        rule = self.rule
        values, workplace = key if rule.workplace else (key, None)
        record = self.fields(values) if len(rule.fields) == 1 else self.fields(*values)
        place = None if workplace is None else _Workplace(*workplace)
        issues = tuple(rule.check(record, self.snapshot_date, place))
        self[key] = issues
        return issues


_Workplace = namedtuple("_Workplace", ["is_cqc_regulated"])


@cache
def _fields(names: tuple[str, ...]) -> type:
    """A record holding only these fields: a rule reading any other fails instead of reading a wrong value."""
    return namedtuple("Fields", names)
