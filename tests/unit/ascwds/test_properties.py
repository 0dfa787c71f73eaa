"""Property tests: random bytes and random mutations of valid files never crash the reader or validator,
and an invalid file never gives a "passed" plan."""

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collection.ascwds import ExistingData, FileProblem, UploadResult, read_upload, validate_upload
from collection.ascwds.rulemap import no_rules
from tests.unit.ascwds.helpers import SNAPSHOT, rows_of, to_csv, valid_files

WP, ST = valid_files()
JUNK = ["", " ", "0", "-1", "999", "1e9", "abc", "37.25", "1;2;3", ";", "£12.5", "31/02/2020", "NaN", "é", '"', "=1+1"]


def _run(files, rules=None):
    outcome = read_upload(files)
    if isinstance(outcome, FileProblem):
        return outcome
    result = validate_upload(outcome, existing=ExistingData(), snapshot_date=SNAPSHOT, rules=rules)
    assert isinstance(result, UploadResult)
    result.to_json()
    return result


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.sampled_from(["a.csv", "b.xlsx", "c.zip", "d"]))
def test_random_bytes_never_crash(data, name):
    outcome = _run([(name, data), ("s.csv", ST)])
    assert isinstance(outcome, FileProblem | UploadResult)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300), st.integers(min_value=0, max_value=len(ST)))
def test_random_splices_into_a_valid_file_never_crash(data, at):
    outcome = _run([("w.csv", WP), ("s.csv", ST[:at] + data + ST[at:])])
    assert isinstance(outcome, FileProblem | UploadResult)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=2**32), st.integers(min_value=1, max_value=6))
def test_cell_mutations_never_crash_and_invalid_never_passes(seed, how_many):
    rng = random.Random(seed)
    wp, staff = rows_of(WP), rows_of(ST)
    for _ in range(how_many):
        rows = rng.choice([wp, staff])
        row = rng.randrange(1, len(rows))
        col = rng.randrange(len(rows[0]))
        rows[row][col] = rng.choice(JUNK)
    result = _run([("w.csv", to_csv(wp)), ("s.csv", to_csv(staff))], rules=no_rules())
    assert isinstance(result, UploadResult | FileProblem)
    if isinstance(result, UploadResult) and result.status == "passed":
        assert not result.errors and not result.warnings


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["GENDER", "EMPLSTATUS", "MAINJOBROLE", "SALARYINT", "ETHNICITY"]),
    st.sampled_from(["abc", "77", "-1", "1.5"]),
)
def test_known_bad_codes_never_pass(column, value):
    staff = rows_of(ST)
    staff[1][staff[0].index(column)] = value
    result = _run([("w.csv", WP), ("s.csv", to_csv(staff))])
    assert result.status == "failed"
