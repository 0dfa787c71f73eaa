from django.db import migrations, models


def _stamp_existing(apps, schema_editor):
    """Steps stored before versions were recorded are taken as copies of today's default, so that a later change
    of the default is offered to their councils."""
    from compliance.ladders import default_ladder, signature

    setting = apps.get_model("compliance", "LadderStepSetting")
    for key, (_, values) in default_ladder().items():
        setting.objects.filter(key=key, default_signature="").update(default_signature=signature(values))


class Migration(migrations.Migration):

    dependencies = [
        ("compliance", "0004_notify_delivery_statuses"),
    ]

    operations = [
        migrations.AddField(
            model_name="ladderstepsetting",
            name="default_signature",
            field=models.CharField(
                blank=True, max_length=64,
                help_text="Which version of the service's default step this was copied from (or last compared "
                "with): when the default changes, the council is told and chooses whether to take it.",
            ),
        ),
        migrations.RunPython(_stamp_existing, migrations.RunPython.noop),
    ]
