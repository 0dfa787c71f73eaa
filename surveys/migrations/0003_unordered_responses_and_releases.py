"""Responses lose everything that gives their order of arrival: the sequential id becomes a random UUID, the
submission date and the default ordering go. Results are published in releases (`Release`); responses already
stored are left unreleased, and the release task publishes them at its next run."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def fill_random_ids(apps, schema_editor):
    Response = apps.get_model("surveys", "Response")
    for pk in list(Response.objects.values_list("pk", flat=True)):
        Response.objects.filter(pk=pk).update(uid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("surveys", "0002_schedule")]

    operations = [
        migrations.AlterModelOptions(name="response", options={}),
        migrations.RemoveField(model_name="response", name="submitted_on"),
        migrations.AddField(model_name="response", name="uid", field=models.UUIDField(null=True)),
        migrations.RunPython(fill_random_ids, migrations.RunPython.noop),
        migrations.RemoveField(model_name="response", name="id"),
        migrations.AlterField(
            model_name="response",
            name="uid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False),
        ),
        migrations.RenameField(model_name="response", old_name="uid", new_name="id"),
        migrations.CreateModel(
            name="Release",
            fields=[
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ("released_on", models.DateField()),
                ("added", models.PositiveIntegerField(help_text="How many responses this release added")),
                (
                    "campaign",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="releases", to="surveys.campaign"
                    ),
                ),
            ],
            options={"ordering": ["campaign", "released_on"]},
        ),
        migrations.AddField(
            model_name="response",
            name="release",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="responses",
                to="surveys.release",
            ),
        ),
    ]
