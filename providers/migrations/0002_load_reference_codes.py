"""Load version 2026_1 of the ASC-WDS code lists from the project's reference data file."""

import json
from pathlib import Path

from django.db import migrations

VERSION = "2026_1"
DATA_FILE = Path(__file__).resolve().parent.parent / "reference_data" / f"ascwds_codes_{VERSION}.json"


def load(apps, schema_editor):
    ReferenceCode = apps.get_model("providers", "ReferenceCode")
    lists = json.loads(DATA_FILE.read_text(encoding="utf-8"))["lists"]
    rows = []
    for list_name, codes in lists.items():
        for row in codes:
            extra = {k: v for k, v in row.items() if k not in ("code", "label", "group") and v}
            rows.append(
                ReferenceCode(
                    list_name=list_name,
                    version=VERSION,
                    code=row["code"][:40],
                    label=row["label"][:300],
                    group=row.get("group", "")[:120],
                    extra=extra,
                )
            )
    ReferenceCode.objects.bulk_create(rows, ignore_conflicts=True)


def unload(apps, schema_editor):
    apps.get_model("providers", "ReferenceCode").objects.filter(version=VERSION).delete()


class Migration(migrations.Migration):
    dependencies = [("providers", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
