"""The apply works completeness out from what it has just written instead of reading the records back: after any
mix of NEW, UPDATE, rename, DELETE, NOCHANGE and leavers the stored completeness is what reading everything back
gives, and a return someone else changed meanwhile (its version moved) is read back."""

from __future__ import annotations

import pytest

import collection.services.completeness as completeness
from collection.models import WorkforceReturn
from collection.services.completeness import StoredReturn, returns_completeness, returns_store_completeness
from tests.factories.providers import OrganisationFactory
from tests.integration.uploads.conftest import rows_of, sample, to_csv, unchecked, with_cells
from uploads.services import missing_staff, result_apply, return_files, upload_check

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(upload_round):
    return OrganisationFactory(slug="kept-org")


@pytest.fixture
def read_back(monkeypatch):
    """The return ids read back from the database by `returns_store_completeness`."""
    seen: list[int] = []
    original = completeness.returns_refresh_completeness

    def spy(ids):
        ids = list(ids)
        seen.extend(ids)
        return original(ids)

    monkeypatch.setattr(completeness, "returns_refresh_completeness", spy)
    return seen


def _apply(organisation, round, workplace: bytes, staff: bytes, leavers=None):
    checked = upload_check(organisation=organisation, round=round, files=[("w.csv", workplace), ("s.csv", staff)])
    assert not checked.failed, getattr(checked.result, "errors", checked.result)
    if leavers is not None:
        leavers = {pair: "6" for pair in missing_staff(checked) if pair[1] in leavers}
    result_apply(organisation=organisation, round=round, result=checked.result, held=checked.held, actor=None,
                 leavers=leavers)


def _with_column(data: bytes, name: str) -> bytes:
    """The staff file with a blank column after UNIQUEWORKERID (where ASC-WDS puts CHGUNIQUEWRKID)."""
    return to_csv([[*row[:2], name if number == 0 else "", *row[2:]] for number, row in enumerate(rows_of(data))])


def _assert_stored_is_read_back(organisation) -> None:
    returns = list(WorkforceReturn.objects.filter(workplace__organisation=organisation).select_related("workplace"))
    assert returns
    truth = returns_completeness(returns)
    for found in returns:
        now = truth[found.pk]
        assert completeness.stored_completeness(found) == (now.progress_percent, now.records_complete_percent,
                                                           now.is_complete), found.workplace.local_ref


def test_completeness_kept_from_the_upload_equals_reading_it_back(organisation, upload_round, read_back):
    workplace, staff = sample("clean")
    _apply(organisation, upload_round, workplace, staff)
    _assert_stored_is_read_back(organisation)
    rows = rows_of(staff)
    header = rows[0]
    # blank a key field, rename one, delete one, leave one out (a leaver) and keep one unchanged
    changed = with_cells(_with_column(unchecked(staff), "CHGUNIQUEWRKID"), 2, STATUS="UPDATE", GENDER="")
    changed = with_cells(changed, 3, STATUS="UPDATE", CHGUNIQUEWRKID=rows[2][1] + "-R")
    changed = with_cells(changed, 4, STATUS="DELETE")
    changed = with_cells(changed, 5, STATUS="NOCHANGE")
    left_out = rows[6][1]
    changed = to_csv([row for row in rows_of(changed) if row[1] != left_out])
    places = with_cells(unchecked(workplace), 2, STATUS="UPDATE", TOTALPERMTEMP="3")
    _apply(organisation, upload_round, places, changed, leavers={left_out})
    _assert_stored_is_read_back(organisation)
    # a record marked as having left comes back with an UPDATE (reactivated), another is added with NEW
    back = rows_of(_with_column(staff, "CHGUNIQUEWRKID"))[6]
    header = rows_of(changed)[0]
    back[header.index("STATUS")] = "UPDATE"
    new = list(back)
    new[header.index("UNIQUEWORKERID")], new[header.index("STATUS")] = "BRAND-NEW", "NEW"
    downloaded_places, downloaded_staff = return_files(organisation=organisation, round=upload_round)
    again = rows_of(_with_column(unchecked(downloaded_staff), "CHGUNIQUEWRKID"))
    assert back[header.index("UNIQUEWORKERID")] == left_out
    _apply(organisation, upload_round, unchecked(downloaded_places), to_csv([*again, back, new]))
    _assert_stored_is_read_back(organisation)
    assert read_back == []  # nobody else wrote: nothing was read back


def test_a_return_changed_meanwhile_is_read_back(organisation, upload_round, read_back):
    _apply(organisation, upload_round, *sample("clean"))
    returns = list(WorkforceReturn.objects.filter(workplace__organisation=organisation).select_related("workplace"))
    first, second = returns[0], returns[1]
    # what the writer thinks it left: no staff anywhere, and the first return at an older version
    known = [StoredReturn(r, r.workplace) for r in returns]
    versions = {r.pk: r.version for r in returns}
    versions[first.pk] -= 1
    found = returns_store_completeness(known, versions=versions)
    truth = returns_completeness(returns)
    assert sorted(read_back) == sorted(r.pk for r in returns if r.pk == first.pk or truth[r.pk].total_records)
    assert found[first.pk] == truth[first.pk] and found[second.pk] == truth[second.pk]
    _assert_stored_is_read_back(organisation)
