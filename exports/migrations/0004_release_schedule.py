"""Every day, make the releases that have fallen due (the round's close, then its scheduled revisions)."""

from django.db import migrations
from django.utils import timezone

NAME = "exports: make the round workbook releases that have fallen due"


def create(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.update_or_create(
        name=NAME,
        defaults={"func": "exports.tasks.make_due_releases", "schedule_type": "D", "repeats": -1,
                  "next_run": timezone.now()},
    )


def remove(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("exports", "0003_releases"), ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more")]
    operations = [migrations.RunPython(create, remove)]
