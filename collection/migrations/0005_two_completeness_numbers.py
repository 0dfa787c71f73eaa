"""`completeness_percent` meant task progress here but "share of complete staff records" in compliance: the two
numbers now have their own names. Run `manage.py refresh_completeness` after migrating to fill the new one."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("collection", "0004_pa_return"),
    ]

    operations = [
        migrations.RenameField(
            model_name="workforcereturn",
            old_name="completeness_percent",
            new_name="progress_percent",
        ),
        migrations.AlterField(
            model_name="workforcereturn",
            name="progress_percent",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True,
                help_text="Task progress: 100 exactly when the return meets the completeness rule.",
            ),
        ),
        migrations.AddField(
            model_name="workforcereturn",
            name="records_complete_percent",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True,
                help_text="Share of staff records complete on the key fields (rounded down); what the threshold is about.",
            ),
        ),
    ]
