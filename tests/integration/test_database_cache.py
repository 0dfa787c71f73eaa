"""The database cache's one-statement `get` and `add` (config.cache) answer as Django's own, and `add_and_insert`
writes a guard and a row together or not at all, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from config.cache import DatabaseCache
from surveys.models import Response
from surveys.services import response_submit
from tests.factories.surveys import CampaignFactory, make_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def table(settings):
    settings.CACHES = {"default": {"BACKEND": "config.cache.DatabaseCache", "LOCATION": "cache_table"}}
    call_command("createcachetable", verbosity=0)  # the test database was made under the locmem test cache
    return "cache_table"


def _steps(cache) -> list:
    """add: absent, present, expired (then replaced), with no timeout; and what each leaves stored."""
    return [
        cache.add("guard", "first", 3600),
        cache.add("guard", "second", 3600),
        cache.get("guard"),
        cache.add("old", "stale", -10),  # stored already expired
        cache.add("old", "fresh", 3600),
        cache.get("old"),
        cache.add("forever", 1, None),
        cache.add("forever", 2, None),
        cache.get("forever"),
        cache.get("never", "absent"),
        cache.set("gone", "stale", -10),
        cache.get("gone", "absent"),
        cache.get_many(["gone", "guard"]),  # the expired entry was deleted by `get`
        cache.set("kept", {"a": [1, 2]}, 60),
        cache.get("kept"),
    ]


def test_add_answers_as_djangos_own(table):
    ours = DatabaseCache(table, {})
    theirs = DjangoDatabaseCache(table, {})
    first = _steps(ours)
    ours.clear()
    assert first == _steps(theirs) == [True, False, "first", True, True, "fresh", True, False, 1, "absent", None,
                                       "absent", {"guard": "first"}, None, {"a": [1, 2]}]


def test_add_is_one_statement_with_no_savepoint(table, django_assert_num_queries):
    cache = DatabaseCache(table, {})
    with django_assert_num_queries(1) as queries:
        assert cache.add("guard", 1, 60)
    assert "SAVEPOINT" not in queries.captured_queries[0]["sql"].upper()
    assert connection.vendor in ("sqlite", "postgresql")


def test_get_is_one_statement(table, django_assert_num_queries):
    cache = DatabaseCache(table, {})
    cache.set("link", "campaign", 60)
    with django_assert_num_queries(1):
        assert cache.get("link") == "campaign"


def _response(campaign, pk=None) -> Response:
    made = Response(campaign=campaign, kind=campaign.kind, questionnaire_version=campaign.questionnaire_version,
                    answers={"q": "a"})  # fmt: skip
    if pk is not None:
        made.id = pk
    return made


def test_add_and_insert_writes_the_row_only_with_a_new_key(table):
    cache = DatabaseCache(table, {})
    campaign = CampaignFactory()
    first = _response(campaign)
    assert cache.add_and_insert("guard", 1, 60, first)
    assert not first._state.adding
    assert not cache.add_and_insert("guard", 1, 60, _response(campaign))
    assert list(Response.objects.values_list("id", "answers")) == [(first.id, {"q": "a"})]
    assert not cache.add("guard", 2, 60) and cache.get("guard") == 1


def test_add_and_insert_replaces_an_expired_key(table):
    cache = DatabaseCache(table, {})
    campaign = CampaignFactory()
    assert cache.add("guard", 1, -10)
    assert cache.add_and_insert("guard", 1, 60, _response(campaign))
    assert Response.objects.count() == 1


def test_a_row_that_cannot_be_written_leaves_no_key(table):
    cache = DatabaseCache(table, {})
    campaign = CampaignFactory()
    stored = _response(campaign)
    assert cache.add_and_insert("first", 1, 60, stored)
    with pytest.raises(IntegrityError), transaction.atomic():
        cache.add_and_insert("second", 1, 60, _response(campaign, pk=stored.id))  # the same primary key
    assert cache.get("second") is None and cache.add("second", 1, 60)
    assert Response.objects.count() == 1


def test_a_survey_sent_twice_with_one_nonce_is_stored_once(table, django_assert_max_num_queries):
    """The guard against a second send and the response: one statement on PostgreSQL."""
    campaign = CampaignFactory()
    answers = make_answers("satisfaction", seed=4)
    response_submit(campaign=campaign, answers=answers, nonce="warm-up")  # the questionnaire is read once
    with django_assert_max_num_queries(1 if connection.vendor == "postgresql" else 4):
        stored = response_submit(campaign=campaign, answers=answers, nonce="nonce-1")
    assert stored is not None and not stored._state.adding
    assert response_submit(campaign=campaign, answers=answers, nonce="nonce-1") is None
    assert Response.objects.filter(campaign=campaign).count() == 2
    assert Response.objects.get(pk=stored.pk).answers == stored.answers
