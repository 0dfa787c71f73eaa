"""Drop three single-column indexes that a composite index already starts with (every query that could use one
uses the composite), and keep the council-settings index of the audit table only for rows about a council (every
query of it names one; an upload's audit rows have none), so each of an upload's staff records and audit rows fills
fewer indexes.

Only the indexes are dropped (the foreign keys stay as they are): plain DROP INDEX on both databases, not the
drop-and-re-add of the constraint that AlterField would do, which would re-check every row of a national table.
"""

import django.db.models.deletion
from django.db import migrations, models

INDEXES = [
    # (index, table, column)
    ("collection_changerecord_council_id_bb6bdb51", "collection_changerecord", "council_id"),
    ("collection_changerecord_workforce_return_id_93b54102", "collection_changerecord", "workforce_return_id"),
    ("collection_staffrecord_workforce_return_id_db691556", "collection_staffrecord", "workforce_return_id"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("collection", "0008_round_opening"),
        ("providers", "0006_anniversary_due_dates"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    sql=f'DROP INDEX IF EXISTS "{name}"',
                    reverse_sql=f'CREATE INDEX "{name}" ON "{table}" ("{column}")',
                )
                for name, table, column in INDEXES
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="changerecord",
                    name="council",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        help_text="The council whose settings changed (rows about a council's contracts, rounds or ladder).",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="providers.council",
                    ),
                ),
                migrations.AlterField(
                    model_name="changerecord",
                    name="workforce_return",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="changes",
                        to="collection.workforcereturn",
                    ),
                ),
                migrations.AlterField(
                    model_name="staffrecord",
                    name="workforce_return",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="staff_records",
                        to="collection.workforcereturn",
                    ),
                ),
            ],
        ),
        migrations.RemoveIndex(model_name="changerecord", name="changerecord_council_subject"),
        migrations.AddIndex(
            model_name="changerecord",
            index=models.Index(
                condition=models.Q(("council__isnull", False)),
                fields=["council", "subject", "subject_id", "-at"],
                name="changerecord_council_subject",
            ),
        ),
    ]
