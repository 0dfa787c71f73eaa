"""python manage.py import_ascwds --workplace W.csv --staff S.csv --organisation ORG --round ROUND [--dry-run] [--json]

Validates an ASC-WDS bulk upload and, unless it fails or --dry-run is given, applies it in one transaction. Staff
held but missing from the staff file are left as they are (the web upload asks what happened to each of them).
Exit status 1 when the upload fails, else 0.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from collection.ascwds import FileProblem
from collection.models import CollectionRound
from providers.models import Organisation
from uploads.services import missing_staff, result_apply, upload_check


class Command(BaseCommand):
    help = "Validate and apply an ASC-WDS bulk upload (workplace and staff files) for an organisation and round."

    def add_arguments(self, parser):
        parser.add_argument("--workplace", required=True, help="The ASC-WDS workplace file (CSV, .xlsx or .zip).")
        parser.add_argument("--staff", required=True, help="The ASC-WDS staff file (CSV, .xlsx or .zip).")
        parser.add_argument("--organisation", required=True, help="The organisation's slug.")
        parser.add_argument("--round", required=True, help="The collection round's slug.")
        parser.add_argument("--dry-run", action="store_true", help="Validate and report, but change nothing.")
        parser.add_argument("--json", action="store_true", help="Print the result as one JSON object.")

    def handle(self, *args, **options):
        organisation = _get(Organisation, options["organisation"], "organisation")
        round = _get(CollectionRound, options["round"], "round")
        files = [(Path(options[name]).name, _read(options[name])) for name in ("workplace", "staff")]
        checked = upload_check(organisation=organisation, round=round, files=files)
        result = checked.result
        applied = False
        if not checked.failed and not options["dry_run"]:
            result_apply(organisation=organisation, round=round, result=result, held=checked.held, actor=None)
            applied = True
        if options["json"]:
            self.stdout.write(json.dumps(result.to_json()))
        else:
            self._report(checked, applied=applied, dry_run=options["dry_run"])
        if checked.failed:
            raise SystemExit(1)

    def _report(self, checked, *, applied: bool, dry_run: bool) -> None:
        result = checked.result
        if isinstance(result, FileProblem):
            self.stdout.write(f"Failed: {result.message}")
            return
        self.stdout.write(f"Status: {result.status}")
        for kind, counts in result.counts.items():
            self.stdout.write(f"{kind}: " + ", ".join(f"{n} {action}" for action, n in counts.items()))
        for problem in result.errors + result.warnings:
            self.stdout.write(
                f"{problem.severity.upper()} {problem.file} line {problem.line} {problem.column}: {problem.message}"
            )
        for est, worker in missing_staff(checked):
            self.stdout.write(f"Not in the staff file, left as it is: {worker} at {est}")
        if applied:
            self.stdout.write("Applied.")
        elif dry_run and not checked.failed:
            self.stdout.write("Dry run: nothing was changed.")
        elif checked.failed:
            self.stdout.write("Nothing was changed: fix the errors and run the command again.")


def _get(model, slug: str, what: str):
    try:
        return model.objects.get(slug=slug)
    except model.DoesNotExist:
        raise CommandError(f"There is no {what} with the slug {slug!r}.") from None


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise CommandError(f"Cannot read {path}: {exc.strerror}.") from None
