"""`manage.py import_ascwds`: the sample files give exactly the outcomes in their expected.json."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from collection.models import ChangeRecord, StaffRecord, WorkforceReturn
from providers.models import Workplace
from tests.factories.providers import OrganisationFactory
from tests.integration.uploads.conftest import FIXTURES

pytestmark = pytest.mark.django_db


def run(name: str, *extra: str, organisation: str = "sample-org", round: str = "upload-2026") -> tuple[int, dict]:
    out = StringIO()
    folder = FIXTURES / name
    args = [
        "--workplace",
        str(folder / "workplace.csv"),
        "--staff",
        str(folder / "staff.csv"),
        "--organisation",
        organisation,
        "--round",
        round,
        "--json",
        *extra,
    ]
    try:
        call_command("import_ascwds", *args, stdout=out)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, json.loads(out.getvalue())


@pytest.fixture
def organisation(upload_round):
    return OrganisationFactory(slug="sample-org")


def expected(name: str) -> dict:
    return json.loads((FIXTURES / name / "expected.json").read_text())


def test_clean_sample_is_applied_with_the_counts_of_its_rows(organisation):
    code, payload = run("clean")
    wanted = expected("clean")
    assert code == 0
    assert set(payload) == {"status", "workplaces", "staff", "errors", "warnings"}
    assert payload["status"] in ("passed", "warnings") and payload["errors"] == []
    assert payload["workplaces"] == {"new": wanted["workplaces"], "updated": 0, "unchanged": 0, "deleted": 0}
    assert payload["staff"] == {"new": wanted["staff"], "updated": 0, "unchanged": 0, "deleted": 0}
    assert Workplace.objects.filter(organisation=organisation).count() == wanted["workplaces"]
    assert StaffRecord.objects.filter(workforce_return__workplace__organisation=organisation).count() == wanted["staff"]
    returns = WorkforceReturn.objects.filter(workplace__organisation=organisation)
    assert {r.state for r in returns} == {"in_progress"}
    assert all(r.progress_percent is not None for r in returns)
    created = ChangeRecord.objects.filter(source="upload", action="created")  # one row per answered field
    assert created.values("staff_ref").distinct().count() == wanted["staff"]


def test_sample_with_errors_reports_every_error_at_its_file_line_and_column_and_applies_nothing(organisation):
    code, payload = run("with-errors")
    wanted = expected("with-errors")
    assert code == 1
    assert payload["status"] == "failed"
    for error in wanted["errors"]:
        hits = [
            p
            for p in payload["errors"]
            if p["file"] == error["file"] and p["line"] == error["line"] and p["column"] in error["columns"]
        ]
        assert hits, error
    assert {(p["file"], p["line"]) for p in payload["errors"]} == {(e["file"], e["line"]) for e in wanted["errors"]}
    for problem in payload["errors"] + payload["warnings"]:
        assert {"file", "line", "column", "code", "message", "local_est_id", "worker_id"} <= set(problem)
    assert sum(payload["workplaces"].values()) == wanted["workplaces"]
    assert sum(payload["staff"].values()) == wanted["staff"]
    assert not Workplace.objects.filter(organisation=organisation).exists()
    assert not StaffRecord.objects.exists() and not ChangeRecord.objects.exists()


def test_dry_run_reports_the_same_counts_and_changes_nothing(organisation):
    code, payload = run("clean", "--dry-run")
    assert code == 0 and payload["staff"]["new"] == expected("clean")["staff"]
    assert not Workplace.objects.filter(organisation=organisation).exists()
    assert not WorkforceReturn.objects.exists()


def test_running_the_same_files_twice_fails_the_second_time_because_they_exist(organisation):
    assert run("clean")[0] == 0
    code, payload = run("clean")
    assert code == 1
    assert {p["code"] for p in payload["errors"]} == {"status_new_exists"}
    assert StaffRecord.objects.count() == expected("clean")["staff"]


def test_unreadable_file_gives_one_error_and_exit_status_1(organisation, tmp_path):
    pdf = tmp_path / "workplace.csv"
    pdf.write_bytes(b"%PDF-1.4 not a csv")
    out = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command(
            "import_ascwds",
            "--workplace",
            str(pdf),
            "--staff",
            str(FIXTURES / "clean" / "staff.csv"),
            "--organisation",
            "sample-org",
            "--round",
            "upload-2026",
            "--json",
            stdout=out,
        )
    assert exit_.value.code == 1
    payload = json.loads(out.getvalue())
    assert payload["status"] == "failed" and len(payload["errors"]) == 1
    assert "PDF" in payload["errors"][0]["message"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"organisation": "nobody"}, "no organisation with the slug 'nobody'"),
        ({"round": "no-round"}, "no round with the slug 'no-round'"),
    ],
)
def test_unknown_organisation_or_round_is_refused(organisation, options, message):
    with pytest.raises(CommandError, match=message):
        run("clean", **options)


def test_plain_output_says_what_happened(organisation):
    out = StringIO()
    folder = FIXTURES / "clean"
    call_command(
        "import_ascwds",
        "--workplace",
        str(folder / "workplace.csv"),
        "--staff",
        str(folder / "staff.csv"),
        "--organisation",
        "sample-org",
        "--round",
        "upload-2026",
        "--dry-run",
        stdout=out,
    )
    assert "Dry run: nothing was changed." in out.getvalue()
