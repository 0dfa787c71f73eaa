"""Create each contracted workplace's survey link when a round opens: a daily django-q2 schedule at 05:30."""

from datetime import datetime, time, timedelta

from django.db import migrations
from django.utils import timezone

NAME = "surveys: links for contracted workplaces in open rounds"


def create(apps, schema_editor):
    first = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=1), time(5, 30)))
    apps.get_model("django_q", "Schedule").objects.update_or_create(
        name=NAME,
        defaults={"func": "surveys.tasks.open_round_campaigns", "schedule_type": "D", "repeats": -1, "next_run": first},
    )


def remove(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]
    operations = [migrations.RunPython(create, remove)]
