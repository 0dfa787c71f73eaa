"""Writes for analyst workbooks: request a round's workbook (its current release) or an ad-hoc extract of chosen
fixed tables (queues the task on commit), generate (the task's work), record a download.

Every request and download is logged in `ExportEvent` (EXPORTS.md rule 16).
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django_q.tasks import async_task

from collection.models import CollectionRound
from config import clock
from exports import releases
from exports.disclosure import Knowledge
from exports.models import ExportEvent, ExportFile, ExportRelease
from exports.pipeline import BuiltRelease, Previous, build_extract, build_release
from providers.models import Council, User

logger = logging.getLogger(__name__)
IN_FLIGHT = (ExportFile.Status.QUEUED, ExportFile.Status.RUNNING)


@transaction.atomic
def export_request(
    *, user: User, council: Council, collection_round: CollectionRound, kind: str = ExportFile.Kind.WORKFORCE
) -> tuple[ExportFile, bool]:
    """Ask for a workbook. Returns (export, created): the same user's identical request that is still being made
    is returned instead of a second one (double submits). The task is queued once the transaction commits."""
    Council.objects.select_for_update().filter(pk=council.pk).first()  # one request at a time per council
    existing = ExportFile.objects.filter(council=council, round=collection_round, kind=kind, requested_by=user,
                                         status__in=IN_FLIGHT).defer("content").first()
    if existing is not None:
        return existing, False
    current = release_current(council=council, collection_round=collection_round)
    version = current.data_version if current else ""  # never a live hash: it would show when data change
    export = ExportFile.objects.create(council=council, round=collection_round, kind=kind, requested_by=user,
                                       progress_message="Waiting to start")
    ExportEvent.objects.create(export=export, council=council, round=collection_round, kind=kind, user=user,
                               action=ExportEvent.Action.REQUESTED, data_version=version,
                               detail=f"{export.get_kind_display()}, round {collection_round.slug}")
    transaction.on_commit(lambda: async_task("exports.tasks.export_run", export.pk, hook="exports.tasks.export_hook",
                                             task_name=f"export-{export.pk}"))
    return export, True


def _progress(export_id: int):
    def report(percent: int, message: str) -> None:
        ExportFile.objects.filter(pk=export_id).update(progress=percent, progress_message=message)
    return report


def release_current(*, council: Council, collection_round: CollectionRound) -> ExportRelease | None:
    """The latest release of the council's workbook for the round (the file every analyst is given)."""
    return (ExportRelease.objects.filter(council=council, round=collection_round, status=ExportRelease.Status.RELEASED)
            .defer("knowledge", "fingerprints").order_by("-number").first())


def release_make_due(*, council: Council, collection_round: CollectionRound, today: date | None = None,
                     progress=None) -> ExportRelease | None:
    """Make the release whose set point (the round's close, then each scheduled revision) has passed and has not
    been attempted yet, audited jointly with the round's earlier releases. Returns the new release (RELEASED, or
    HELD when it would let a hidden figure or a small change be worked out: it then waits for the next point), or
    None when nothing is due. Safe to call from several workers: one release per point."""
    today = today or clock.today()
    attempted = ExportRelease.objects.filter(council=council, round=collection_round).values_list("point", flat=True)
    point = releases.due_point(closes=collection_round.closes, today=today, attempted=list(attempted))
    if point is None:
        return None
    previous = _released(council=council, collection_round=collection_round)
    number = len(previous) + 1
    built = build_release(council=council, collection_round=collection_round, number=number, released_on=today,
                          previous=previous, next_release=releases.next_point(closes=collection_round.closes,
                                                                              after=today),
                          extracts=_extracts_given(council=council, collection_round=collection_round),
                          **({"progress": progress} if progress else {}))
    release, created = _keep_release(council=council, collection_round=collection_round, point=point, number=number,
                                     today=today, built=built)
    if created and release.status == ExportRelease.Status.HELD:
        logger.warning("Release %s of %s / %s held: %s", number, council.slug, collection_round.slug,
                       built.hold_reason)
    return release


def _released(*, council: Council, collection_round: CollectionRound) -> list[Previous]:
    """The round's releases so far, oldest first, as the audit of the next release or extract needs them."""
    earlier = ExportRelease.objects.filter(council=council, round=collection_round,
                                           status=ExportRelease.Status.RELEASED).order_by("number")
    return [Previous(number=r.number, released_on=r.released_on, knowledge=Knowledge.from_json(r.knowledge),
                     fingerprints=r.fingerprints or {}) for r in earlier]


def _extracts_given(*, council: Council, collection_round: CollectionRound, exclude: int | None = None
                    ) -> list[Previous]:
    """The ad-hoc extracts given out for the round, oldest first: what their readers know is audited with every
    later release and extract."""
    given = (ExportFile.objects.filter(council=council, round=collection_round, kind=ExportFile.Kind.EXTRACT,
                                       status=ExportFile.Status.READY).exclude(pk=exclude)
             .exclude(knowledge=None).order_by("finished_at", "pk"))
    return [Previous(number=e.pk, released_on=e.finished_at.date(), knowledge=Knowledge.from_json(e.knowledge),
                     fingerprints=e.fingerprints or {}) for e in given.defer("content")]


@transaction.atomic
def extract_request(*, user: User, council: Council, collection_round: CollectionRound, tables: list[str]
                    ) -> tuple[ExportFile, bool]:
    """Ask for an ad-hoc extract of chosen fixed tables (keys of `exports.extracts.table_choices`; the caller's
    form or serializer checks them). Like a workbook request: logged, queued on commit, and the same user's
    identical request still being made is returned instead of a second one."""
    Council.objects.select_for_update().filter(pk=council.pk).first()
    existing = ExportFile.objects.filter(council=council, round=collection_round, kind=ExportFile.Kind.EXTRACT,
                                         requested_by=user, status__in=IN_FLIGHT, tables=tables).defer("content").first()
    if existing is not None:
        return existing, False
    export = ExportFile.objects.create(council=council, round=collection_round, kind=ExportFile.Kind.EXTRACT,
                                       requested_by=user, tables=tables, progress_message="Waiting to start")
    ExportEvent.objects.create(export=export, council=council, round=collection_round, kind=ExportFile.Kind.EXTRACT,
                               user=user, action=ExportEvent.Action.REQUESTED,
                               detail=f"Extract of {len(tables)} tables, round {collection_round.slug}: "
                                      f"{', '.join(tables)}"[:200])
    transaction.on_commit(lambda: async_task("exports.tasks.export_run", export.pk, hook="exports.tasks.export_hook",
                                             task_name=f"export-{export.pk}"))
    return export, True


def _extract_generate(export: ExportFile) -> None:
    """Make an extract, audited jointly with every release and earlier extract of the round. Extracts of one
    council are made one at a time (the council row is locked while one is audited and kept), so each is
    audited with all the others."""
    today = clock.today()
    release_make_due(council=export.council, collection_round=export.round)  # a release that fell due comes first
    with transaction.atomic():
        Council.objects.select_for_update().filter(pk=export.council_id).first()
        if ExportFile.objects.filter(pk=export.pk, status__in=IN_FLIGHT).count() == 0:
            return  # finished by another worker meanwhile
        known = _released(council=export.council, collection_round=export.round)
        if not known:
            _refuse(export.pk, f"There is no release of {export.round.name} yet. Extracts can be asked for once the "
                               f"round's first release is made, when it closes on {export.round.closes:%-d %B %Y}.")
            return
        known = sorted([*known, *_extracts_given(council=export.council, collection_round=export.round,
                                                 exclude=export.pk)], key=lambda p: (p.released_on, p.number))
        number = ExportFile.objects.filter(council=export.council, round=export.round, kind=ExportFile.Kind.EXTRACT,
                                           status=ExportFile.Status.READY).count() + 1
        built = build_extract(council=export.council, collection_round=export.round, keys=export.tables,
                              made_on=today, known=known, number=number, progress=_progress(export.pk),
                              next_release=releases.next_point(closes=export.round.closes, after=today))
        if built.refusal:
            _refuse(export.pk, built.refusal)
            return
        ExportFile.objects.filter(pk=export.pk).update(
            status=ExportFile.Status.READY, progress=100, progress_message="Ready", content=built.content,
            size=len(built.content), file_name=built.file_name, table_count=built.table_count,
            data_version=built.data_version, knowledge=built.knowledge.to_json(), fingerprints=built.fingerprints,
            finished_at=clock.now())
        ExportEvent.objects.filter(export_id=export.pk, action=ExportEvent.Action.REQUESTED).update(
            data_version=built.data_version)


def _refuse(export_id: int, reason: str) -> None:
    ExportFile.objects.filter(pk=export_id).update(status=ExportFile.Status.REFUSED, progress=100,
                                                   progress_message="Not made", error=reason,
                                                   finished_at=clock.now())


@transaction.atomic
def _keep_release(*, council: Council, collection_round: CollectionRound, point, number: int, today,
                  built: BuiltRelease) -> tuple[ExportRelease, bool]:
    held = bool(built.hold_reason)
    return ExportRelease.objects.get_or_create(
        council=council, round=collection_round, point=point,
        defaults={
            "number": number, "released_on": today,
            "kind": ExportRelease.Kind.CLOSE if number == 1 else ExportRelease.Kind.REVISION,
            "status": ExportRelease.Status.HELD if held else ExportRelease.Status.RELEASED,
            "revisions_note": built.revisions_note, "hold_reason": built.hold_reason,
            "file_name": "" if held else built.file_name, "content": None if held else built.content,
            "size": 0 if held else len(built.content), "table_count": built.table_count,
            "data_version": built.data_version, "knowledge": None if held else built.knowledge.to_json(),
            "fingerprints": None if held else built.fingerprints,
        })


def releases_make_due(*, today: date | None = None) -> list[int]:
    """Scheduled daily: make every release that has fallen due, for every council and round it takes part in."""
    from exports.access import rounds_for

    made = []
    for council in Council.objects.order_by("pk"):
        for collection_round in rounds_for(council).filter(closes__lte=today or clock.today()).order_by("pk"):
            release = release_make_due(council=council, collection_round=collection_round, today=today)
            if release is not None:
                made.append(release.pk)
    return made


def export_generate(*, export_id: int) -> ExportFile:
    """Give a request the current release of its round's workbook (making the release first when one has
    fallen due), so every analyst asking between two releases gets the identical file. Before the round's
    close there is no release: the request ends WAITING. Running it again for a finished export does nothing."""
    export = ExportFile.objects.select_related("council", "round").defer("content").get(pk=export_id)
    if export.is_finished:
        return export
    ExportFile.objects.filter(pk=export_id).update(status=ExportFile.Status.RUNNING, started_at=clock.now(),
                                                   progress=5, progress_message="Starting", error="")
    if export.kind == ExportFile.Kind.EXTRACT:
        _extract_generate(export)
        return ExportFile.objects.defer("content").get(pk=export_id)
    release_make_due(council=export.council, collection_round=export.round, progress=_progress(export_id))
    release = release_current(council=export.council, collection_round=export.round)
    if release is None:
        ExportFile.objects.filter(pk=export_id).update(
            status=ExportFile.Status.WAITING, progress=100, finished_at=clock.now(),
            progress_message=f"No release yet: the first is made when the round closes on "
                             f"{export.round.closes:%-d %B %Y}"[:120])
    else:
        content = ExportRelease.objects.values_list("content", flat=True).get(pk=release.pk)
        ExportFile.objects.filter(pk=export_id).update(
            status=ExportFile.Status.READY, progress=100, progress_message=f"Ready: release {release.number}",
            content=content, size=release.size, file_name=release.file_name, table_count=release.table_count,
            data_version=release.data_version, release=release, finished_at=clock.now(),
        )
        # the log records the release the request was given (never a live hash of the data)
        ExportEvent.objects.filter(export_id=export_id, action=ExportEvent.Action.REQUESTED).update(
            data_version=release.data_version)
    return ExportFile.objects.defer("content").get(pk=export_id)


def exports_requeue_stale(*, now: datetime | None = None) -> list[int]:
    """Queue again the workbooks a dead worker left unfinished (not finished STALE_TASK_MINUTES after starting).

    Making a workbook twice gives the same bytes, and a ready one is never remade, so this is always safe.
    """
    now = now or clock.now()
    cutoff = now - timedelta(minutes=settings.STALE_TASK_MINUTES)
    stale = list(
        ExportFile.objects.filter(status__in=[ExportFile.Status.QUEUED, ExportFile.Status.RUNNING])
        .filter(Q(started_at__lt=cutoff) | Q(started_at=None, created_at__lt=cutoff))
        .values_list("pk", flat=True)
    )
    for export_id in stale:
        ExportFile.objects.filter(pk=export_id).update(started_at=now, progress_message="Starting again")
        async_task("exports.tasks.export_run", export_id, hook="exports.tasks.export_hook",
                   task_name=f"export-{export_id}-again")
    return stale


def export_fail(*, export_id: int, error: str) -> None:
    """Record that making the workbook failed (the task hook calls this)."""
    logger.error("Export %s failed: %s", export_id, error)
    ExportFile.objects.filter(pk=export_id).exclude(status=ExportFile.Status.READY).update(
        status=ExportFile.Status.FAILED, progress_message="Failed", error=error[:5000], finished_at=clock.now())


@transaction.atomic
def export_download(*, user: User, export: ExportFile) -> ExportFile:
    """Log a download of a ready workbook and return it with its bytes."""
    ExportEvent.objects.create(export=export, council=export.council, round=export.round, kind=export.kind, user=user,
                               action=ExportEvent.Action.DOWNLOADED, data_version=export.data_version,
                               detail=export.file_name)
    return ExportFile.objects.get(pk=export.pk)


@transaction.atomic
def export_command_record(*, council: Council, collection_round: CollectionRound, release: ExportRelease, out: str
                          ) -> None:
    """Log a workbook made with `manage.py export_workbook` (no user: whoever runs commands on the server)."""
    ExportEvent.objects.create(council=council, round=collection_round, kind=ExportFile.Kind.WORKFORCE,
                               action=ExportEvent.Action.COMMAND, data_version=release.data_version,
                               detail=f"release {release.number}: {release.file_name} -> {out}"[:200])
