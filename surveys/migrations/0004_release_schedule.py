"""Publish survey results in releases: a daily django-q2 schedule at 06:00 (after the 05:30 link task). The rule
for when a campaign's results may change is `surveys.rules.release.release_due`."""

from datetime import datetime, time, timedelta

from django.db import migrations
from django.utils import timezone

NAME = "surveys: release results"


def create(apps, schema_editor):
    first = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=1), time(6, 0)))
    apps.get_model("django_q", "Schedule").objects.update_or_create(
        name=NAME,
        defaults={"func": "surveys.tasks.release_results", "schedule_type": "D", "repeats": -1, "next_run": first},
    )


def remove(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("surveys", "0003_unordered_responses_and_releases"), ("surveys", "0002_schedule")]
    operations = [migrations.RunPython(create, remove)]
