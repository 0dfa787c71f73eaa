"""manage.py export_workbook: the same workbook as the web page, a JSON summary, clear errors, and the demo."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from exports.models import ExportEvent
from exports.pipeline import make_workbook
from tests.unit.exports.readback import read_tables

pytestmark = pytest.mark.django_db


def test_the_command_writes_the_workbook_and_prints_json(synthetic, tmp_path, capsys):
    out = tmp_path / "book.xlsx"
    call_command("export_workbook", "--council", "synthetic-county", "--round", "round-2026", "--out", str(out),
                 "--json")
    summary = json.loads(capsys.readouterr().out)
    built = make_workbook(council=synthetic.council, collection_round=synthetic.rounds[-1])
    assert summary == {"file": str(out), "tables": built.table_count, "data_version": built.data_version,
                       "bytes": len(built.content)}
    assert out.read_bytes() == built.content  # byte-identical to what the web page makes
    event = ExportEvent.objects.get()
    assert event.action == "command" and event.data_version == built.data_version and event.user is None


@pytest.mark.parametrize(("council", "round_slug", "message"), [
    ("no-such-council", "round-2026", "No council with the slug 'no-such-council'"),
    ("synthetic-county", "no-such-round", "No collection round 'no-such-round' for Synthetic County Council"),
])
def test_bad_arguments_give_clear_errors(synthetic, tmp_path, council, round_slug, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_workbook", "--council", council, "--round", round_slug, "--out",
                     str(tmp_path / "x.xlsx"))
    assert not (tmp_path / "x.xlsx").exists()


def test_the_demo_workbook(tmp_path, capsys):
    """`export_workbook --council demo-county --round demo` works on the demo data."""
    call_command("seed_demo")
    capsys.readouterr()
    out = tmp_path / "demo.xlsx"
    # The open round has no release yet (the first comes at its close): the demo exports last year's closed round.
    call_command("export_workbook", "--council", "demo-county", "--round", "demo-previous", "--out", str(out), "--json")
    summary = json.loads(capsys.readouterr().out)
    assert summary["tables"] >= 25 and summary["bytes"] == out.stat().st_size
    book, tables = read_tables(out.read_bytes())
    assert book.properties.title.startswith("Demo County Council adult social care workforce")
