import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from compliance.services import chase_sweep, messages_deliver


class Command(BaseCommand):
    help = "Run the chase sweep as if today were --date. Safe to run twice: nothing is sent twice."

    def add_arguments(self, parser):
        parser.add_argument("--date", required=True, help="YYYY-MM-DD")
        parser.add_argument("--dry-run", action="store_true", help="Show what would be done; change nothing.")
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")
        parser.add_argument("--retry", action="store_true", help="Only resend failed messages whose retry is due.")

    def handle(self, *args, **options):
        try:
            today = date.fromisoformat(options["date"])
        except ValueError:
            raise CommandError(f"--date must be a date written YYYY-MM-DD, not {options['date']!r}") from None
        if options["retry"]:
            results = messages_deliver()
            self.stdout.write(f"Retried {len(results)} messages: {sum(s == 'sent' for s in results.values())} sent")
            return
        actions = chase_sweep(today=today, dry_run=options["dry_run"])
        if options["json"]:
            self.stdout.write(json.dumps({"date": today.isoformat(), "actions": [a.as_json() for a in actions]}))
            return
        verb = "Would do" if options["dry_run"] else "Did"
        self.stdout.write(f"{verb} {len(actions)} chase actions for {today:%-d %B %Y}")
        for action in actions:
            self.stdout.write(f"  {action.status:18} {action.kind:15} {action.organisation} / {action.workplace}")
