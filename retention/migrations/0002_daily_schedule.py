"""Run the retention schedule every day at 04:30: a django-q2 schedule."""

from datetime import datetime, time, timedelta

from django.db import migrations
from django.utils import timezone

NAME = "retention: delete what the schedule says is due"


def create(apps, schema_editor):
    first = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=1), time(4, 30)))
    apps.get_model("django_q", "Schedule").objects.update_or_create(
        name=NAME,
        defaults={"func": "retention.tasks.daily_retention", "schedule_type": "D", "repeats": -1, "next_run": first},
    )


def remove(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("retention", "0001_legal_holds_and_log"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]
    operations = [migrations.RunPython(create, remove)]
