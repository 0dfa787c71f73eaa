"""The daily chase sweep (06:00) and the retry safety net (every 15 minutes) as django-q2 schedules."""

from datetime import datetime, time, timedelta

from django.db import migrations
from django.utils import timezone

SCHEDULES = [
    ("compliance: daily chase sweep", "compliance.tasks.daily_sweep", "D", None),
    ("compliance: retry failed chase messages", "compliance.tasks.retry_failed_messages", "I", 15),
]


def create(apps, schema_editor):
    schedule = apps.get_model("django_q", "Schedule")
    first = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=1), time(6, 0)))
    for name, func, kind, minutes in SCHEDULES:
        schedule.objects.update_or_create(
            name=name,
            defaults={"func": func, "schedule_type": kind, "minutes": minutes, "repeats": -1, "next_run": first},
        )


def remove(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name__in=[s[0] for s in SCHEDULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("compliance", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]
    operations = [migrations.RunPython(create, remove)]
