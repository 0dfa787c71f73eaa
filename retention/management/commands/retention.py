import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from retention.rules import LABELS
from retention.services import retention_run


class Command(BaseCommand):
    help = "Delete what the retention schedule says is due (as the daily task does), as if today were --date."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="YYYY-MM-DD (default: today)")
        parser.add_argument("--dry-run", action="store_true", help="Show what would be deleted; delete nothing.")
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args, **options):
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError:
            raise CommandError(f"--date must be a date written YYYY-MM-DD, not {options['date']!r}") from None
        result = retention_run(today=today, dry_run=options["dry_run"])
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json()))
            return
        verb = "Would delete" if options["dry_run"] else "Deleted"
        if not result.removed and not result.held:
            self.stdout.write(f"Nothing is due on {result.run_on:%-d %B %Y}")
        for dataset, count in sorted(result.removed.items()):
            self.stdout.write(f"{verb} {count}: {LABELS[dataset]}")
        for dataset, count in sorted(result.held.items()):
            self.stdout.write(f"Kept under a legal hold {count}: {LABELS[dataset]}")
