"""Create the database cache table (used for rate limits when no Redis is configured), so `migrate` is enough."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("providers", "0002_load_reference_codes")]
    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
