"""Attack 3: the k-th survey POST in a log is the k-th Response row? The intruder inserts known sequences and reads
them back every way the service and the database offer."""

from __future__ import annotations

import pytest
from django.db import connection

from surveys.models import Response
from surveys.selectors import campaign_answers
from surveys.services import releases_make, response_submit
from tests.attacks.conftest import make_answers
from tests.factories.surveys import CampaignFactory

pytestmark = pytest.mark.django_db

N = 60
LIMIT = 0.6  # |Spearman rho| of a random order exceeds this with probability about 4e-6 at N = 60


def _rho(order: list[int]) -> float:
    n = len(order)
    ranks = {value: rank for rank, value in enumerate(sorted(order))}
    d2 = sum((ranks[value] - position) ** 2 for position, value in enumerate(order))
    return 1 - 6 * d2 / (n * (n * n - 1))


def _arrival(answers) -> int:
    return int(answers["stay_change"].split()[-1])


@pytest.mark.parametrize("sequence", ["ascending", "descending"])
def test_responses_read_back_in_an_order_independent_of_arrival(sequence, today):
    campaign = CampaignFactory()
    order = range(N) if sequence == "ascending" else range(N - 1, -1, -1)
    for k in order:
        response_submit(campaign=campaign, answers=make_answers("satisfaction", seed=k, stay_change=f"arrived {k}"))
    field_types = {f.get_internal_type() for f in Response._meta.concrete_fields}
    assert not field_types & {"AutoField", "BigAutoField", "DateField", "DateTimeField"} and not Response._meta.ordering

    by_pk = [_arrival(r.answers) for r in Response.objects.order_by("pk")]
    assert abs(_rho(by_pk)) < LIMIT

    assert releases_make(today=today) == 1
    reads = [[_arrival(a) for a in campaign_answers(campaign)] for _ in range(3)]
    assert all(abs(_rho(read)) < LIMIT for read in reads)
    assert len({tuple(read) for read in reads}) > 1  # a fresh random order each time
    with connection.cursor() as cursor:  # the table's own order, as a dump would list it
        cursor.execute(f'SELECT answers FROM "{Response._meta.db_table}"')  # noqa: S608
        raw = [row[0] for row in cursor.fetchall()]
    import json

    physical = [_arrival(json.loads(a) if isinstance(a, str) else a) for a in raw]
    assert abs(_rho(physical)) < LIMIT
