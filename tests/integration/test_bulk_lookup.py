"""`__any` (config.bulk.AnyOf): one array parameter on PostgreSQL, an IN list elsewhere; the same rows either way."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.bulk import Ids
from providers.models import Workplace
from tests.factories.providers import OrganisationFactory, WorkplaceFactory

pytestmark = pytest.mark.django_db


def test_any_matches_in_for_plain_and_related_fields_and_an_empty_list():
    org = OrganisationFactory()
    places = [WorkplaceFactory(organisation=org, name=f"Home {n}") for n in range(3)]
    wanted = [places[0].pk, places[2].pk, 10**9]
    assert set(Workplace.objects.filter(pk__any=wanted)) == set(Workplace.objects.filter(pk__in=wanted))
    assert Workplace.objects.filter(organisation__any=[org.pk]).count() == 3
    assert Workplace.objects.filter(organisation_id__any=[org.pk]).count() == 3
    assert not Workplace.objects.filter(pk__any=[]).exists()
    assert set(Workplace.objects.filter(pk__any=Ids(wanted))) == set(Workplace.objects.filter(pk__in=wanted))
    assert Workplace.objects.filter(organisation_id__any=Ids([org.pk])).count() == 3
    assert not Workplace.objects.filter(pk__any=Ids([])).exists()


def test_ids_are_not_walked_when_the_filter_is_built():
    class Counted(list):
        walked = 0

        def __iter__(self):
            Counted.walked += 1
            return super().__iter__()

    ids = Counted(range(1, 100))
    query = Workplace.objects.filter(organisation_id__any=Ids(ids))
    assert Counted.walked == 0  # (a list given as it is is walked twice here)
    assert list(query) == [] and Counted.walked == 1  # once, as the SQL is made


def test_any_sends_one_parameter_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with CaptureQueriesContext(connection) as queries:
        list(Workplace.objects.filter(pk__any=list(range(1, 5001))).values_list("pk"))
    assert "= ANY(" in queries.captured_queries[0]["sql"]
    assert queries.captured_queries[0]["sql"].count(", ") < 6000  # (the list is one literal, not 5,000 placeholders)
