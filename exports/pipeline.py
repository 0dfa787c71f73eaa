"""One release of a round's workbook from the database: extract -> aggregate (unrounded) -> disclosure control
jointly with the round's earlier releases -> write (EXPORTS.md rules 8 and 14). Used by `exports.services`
(the scheduled release task and a request that finds a release due); the writer only ever sees
`ProtectedTable`s."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from collection.models import CollectionRound
from config.bulk import cycle_collector_on_new_objects
from exports import releases
from exports.aggregation import build_tables
from exports.disclosure import Knowledge, protect_release
from exports.disclosure.joint import cell_id
from exports.extraction import council_inputs, round_data_version
from exports.extraction.compliance import compliance_frame
from exports.extraction.frames import contracted_workplace_ids
from exports.surveys_adapter import survey_tables
from exports.workbook import ReleaseInfo, workbook_filename, write_workbook
from providers.models import Council

Progress = Callable[[int, str], None]
HEADLINE = cell_id("staff", ())  # all staff of the council: a release that would hide it waits instead


@dataclass(frozen=True)
class Previous:
    """An earlier release of the same round, as the audit of the next one needs it."""

    number: int
    released_on: date
    knowledge: Knowledge
    fingerprints: dict[str, str]


@dataclass(frozen=True)
class BuiltRelease:
    content: bytes
    file_name: str
    table_count: int
    data_version: str
    knowledge: Knowledge
    fingerprints: dict[str, str]
    revisions_note: str
    hold_reason: str = ""  # non-empty: do not release (the release waits)
    failures: list[str] = field(default_factory=list)


def _no_progress(percent: int, message: str) -> None:
    return None


@dataclass(frozen=True)
class _Now:
    """The round's tables from the returns as they are today, and what is needed to audit them."""

    tables: list
    version: str
    label: str
    fingerprints: dict[str, str]
    workplaces: pd.DataFrame
    inputs: dict[str, pd.DataFrame]


def _tables_now(*, council: Council, collection_round: CollectionRound, today: date, progress: Progress) -> _Now:
    progress(10, "Reading the submitted returns")
    compliance = compliance_frame(council=council, collection_round=collection_round, today=today)
    ids = contracted_workplace_ids(council)  # once: the version and the inputs read the same workplaces
    version = round_data_version(council=council, collection_round=collection_round, compliance=compliance,
                                 workplace_ids=ids)
    current, earlier = council_inputs(council=council, collection_round=collection_round, workplace_ids=ids)
    progress(35, "Adding up the figures")
    inputs = {"staff": current.staff, "job_roles": current.job_roles, "leaver_reasons": current.leaver_reasons}
    # before the tables: the hashing's scratch memory is not added to the aggregation's (the larger) at its peak
    fingerprints = releases.workplace_fingerprints(workplaces=current.workplaces, frames=inputs)
    tables = build_tables(workplaces=current.workplaces, **inputs, compliance=compliance,
                          snapshot_date=collection_round.snapshot_date, round_label=current.label,
                          earlier=earlier or None)
    tables += survey_tables(council=council, collection_round=collection_round)
    return _Now(tables=tables, version=version, label=current.label, fingerprints=fingerprints,
                workplaces=current.workplaces, inputs=inputs)


def _changes(now: _Now, before: Mapping[str, str] | None, snapshot_date: date):
    """(added, changed, removed, the tables of only the added and changed returns) since `before`."""
    if before is None:
        return set(), set(), set(), None
    added, changed, removed = releases.changed_workplaces(before, now.fingerprints)
    moved = {int(w) for w in added | changed}
    tables = build_tables(**_only(now.workplaces, now.inputs, moved), snapshot_date=snapshot_date,
                          round_label=now.label) if moved else []
    return added, changed, removed, tables


@cycle_collector_on_new_objects()  # (a workbook makes many short-lived objects: see there)
def build_release(*, council: Council, collection_round: CollectionRound, number: int, released_on: date,
                  previous: Sequence[Previous] = (), next_release: date | None = None,
                  progress: Progress = _no_progress, extracts: Sequence[Previous] = ()) -> BuiltRelease:
    """Release `number` of the council's workbook for the round, made on `released_on` (the compliance table is
    as on that day), audited jointly with the `previous` releases of the round (oldest first) and the ad-hoc
    `extracts` analysts were given since the round's first release."""
    now = _tables_now(council=council, collection_round=collection_round, today=released_on, progress=progress)
    version, fingerprints, tables = now.version, now.fingerprints, now.tables
    known = sorted([*previous, *extracts], key=lambda p: (p.released_on, p.number))
    added, changed, removed = (releases.changed_workplaces(previous[-1].fingerprints, fingerprints) if previous
                               else (set(), set(), set()))
    *_, changes = _changes(now, known[-1].fingerprints if known else None, collection_round.snapshot_date)
    progress(55, "Protecting confidential figures")
    release = protect_release(tables, history=[p.knowledge for p in known], changes=changes)
    hold = _hold_reason(release.knowledge, release.failures) if previous else ""
    note = releases.revisions_note(
        number=number, released_on=released_on, previous=[(p.number, p.released_on) for p in previous],
        added=len(added), changed=len(changed), removed=len(removed),
        figures_changed=_figures_changed(previous[-1].knowledge, release.knowledge) if previous else 0)
    progress(80, "Writing the workbook")
    info = ReleaseInfo(number=number, released_on=released_on, revisions_note=note, next_release=next_release,
                       data_version=version)
    content = write_workbook(tables=release.tables, council_name=council.name, round_label=now.label,
                             snapshot_date=collection_round.snapshot_date, release=info)
    return BuiltRelease(content=content, file_name=workbook_filename(council.name, now.label, number),
                        table_count=len(release.tables), data_version=version, knowledge=release.knowledge,
                        fingerprints=fingerprints, revisions_note=note, hold_reason=hold, failures=release.failures)


@dataclass(frozen=True)
class BuiltExtract:
    content: bytes
    file_name: str
    table_count: int
    data_version: str
    knowledge: Knowledge
    fingerprints: dict[str, str]
    refusal: str = ""  # non-empty: not given (the plain reason)


@cycle_collector_on_new_objects()
def build_extract(*, council: Council, collection_round: CollectionRound, keys: Sequence[str], made_on: date,
                  known: Sequence[Previous], number: int, next_release: date | None = None,
                  progress: Progress = _no_progress) -> BuiltExtract:
    """An ad-hoc extract of the chosen fixed tables (`keys`) from the returns as they are on `made_on`, audited
    jointly with everything already given out for the round (`known`: its releases and earlier extracts, oldest
    first) exactly as a release is: the change since the last of them is a table of its own, and no figure
    hidden in any of them, and no hidden figure of the extract, can be narrowed below the rule book's interval.
    Where that needs more hiding, more is hidden; where it cannot be done, the extract is refused."""
    now = _tables_now(council=council, collection_round=collection_round, today=made_on, progress=progress)
    chosen = [t for t in now.tables if t.key in set(keys)]
    *_, changes = _changes(now, known[-1].fingerprints if known else None, collection_round.snapshot_date)
    progress(55, "Protecting confidential figures")
    release = protect_release(chosen, history=[p.knowledge for p in known], changes=changes)
    refusal = ""
    if not chosen:
        refusal = "None of the chosen tables can be made for this round."
    elif release.failures:
        refusal = ("An extract of these tables now would let figures hidden in this round's releases be worked "
                   "out, even with more figures hidden. Choose fewer or other tables, or use the round's next "
                   "release" + (f" on {next_release:%-d %B %Y}." if next_release else "."))
    progress(80, "Writing the workbook")
    info = ReleaseInfo(number=number, released_on=made_on, revisions_note="", next_release=next_release,
                       data_version=now.version, extract=True)
    content = b"" if refusal else write_workbook(
        tables=release.tables, council_name=council.name, round_label=now.label,
        snapshot_date=collection_round.snapshot_date, release=info)
    name = workbook_filename(council.name, now.label).removesuffix(".xlsx") + f"-extract-{number}.xlsx"
    return BuiltExtract(content=content, file_name=name, table_count=len(release.tables), data_version=now.version,
                        knowledge=release.knowledge, fingerprints=now.fingerprints, refusal=refusal)


def make_workbook(*, council: Council, collection_round: CollectionRound, progress: Progress = _no_progress,
                  today: date | None = None) -> BuiltRelease:
    """The workbook a first release of the round made `today` would be, from the data as it is now (for checks
    and tests; analysts are only ever given kept releases, see `exports.services.release_make_due`)."""
    from config import clock

    day = today or clock.today()
    return build_release(council=council, collection_round=collection_round, number=1, released_on=day,
                         next_release=releases.next_point(closes=collection_round.closes, after=day),
                         progress=progress)


def _only(workplaces: pd.DataFrame, inputs: dict[str, pd.DataFrame], ids: set[int]) -> dict[str, pd.DataFrame]:
    keep = {"workplaces": workplaces[workplaces["workplace_id"].isin(ids)]}
    keep.update({name: frame[frame["workplace_id"].isin(ids)] for name, frame in inputs.items()})
    return keep


def _hold_reason(knowledge: Knowledge, failures: list[str]) -> str:
    """Why a revision must wait (the first release is always made: it differs from nothing)."""
    if failures:
        return (f"{len(failures)} hidden figures could still be narrowed below the rule book's interval with the "
                "earlier releases; the release waits until more returns have changed.")
    if HEADLINE in knowledge.ids and knowledge.hidden[knowledge.ids.index(HEADLINE)]:
        return ("The change since the last release is too small: publishing it would mean hiding the council's "
                "total staff. The release waits until more returns have changed.")
    return ""


def _figures_changed(before: Knowledge, after: Knowledge) -> int:
    old = {cid: (lo, hi, h) for cid, lo, hi, h in zip(before.ids, before.low, before.high, before.hidden, strict=True)}
    return sum(1 for cid, lo, hi, h in zip(after.ids, after.low, after.high, after.hidden, strict=True)
               if cid in old and old[cid] != (lo, hi, h))
