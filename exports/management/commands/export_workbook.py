"""python manage.py export_workbook --council C --round R --out FILE.xlsx [--json]"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from exports.access import access_round
from exports.services import export_command_record, release_current, release_make_due
from providers.models import Council


class Command(BaseCommand):
    help = ("Write the current release of a council's analyst workbook for a collection round (the same file the "
            "web page gives; a release that has fallen due is made first).")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--council", required=True, help="Council slug, e.g. demo-county")
        parser.add_argument("--round", required=True, help="Collection round slug, e.g. demo")
        parser.add_argument("--out", required=True, help="Where to write the .xlsx file")
        parser.add_argument("--json", action="store_true", help="Print a JSON summary instead of a sentence")

    def handle(self, *args, **options) -> None:
        council = Council.objects.filter(slug=options["council"]).first()
        if council is None:
            raise CommandError(f"No council with the slug {options['council']!r}")
        try:
            collection_round = access_round(council, options["round"])
        except Http404:
            raise CommandError(f"No collection round {options['round']!r} for {council.name}") from None
        release_make_due(council=council, collection_round=collection_round)
        built = release_current(council=council, collection_round=collection_round)
        if built is None:
            raise CommandError(f"No release of {collection_round.slug!r} yet: the first is made when the round closes "
                               f"on {collection_round.closes.isoformat()}")
        content = bytes(built.content)
        out = Path(options["out"])
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(content)
        export_command_record(council=council, collection_round=collection_round, release=built, out=str(out))
        summary = {"file": str(out), "tables": built.table_count, "data_version": built.data_version,
                   "bytes": len(content)}
        if options["json"]:
            self.stdout.write(json.dumps(summary))
        else:
            self.stdout.write(f"Wrote {out} (release {built.number}, {built.table_count} tables, {len(content):,} "
                              f"bytes, data version {built.data_version})")
