"""Anonymity by construction: after a real submission through the pages, nothing stored or logged identifies the
respondent — no IP address, no user agent, no user, no date or time, no sequential id."""

from __future__ import annotations

import logging

import pytest
from django.core.cache import cache
from django.db import connection

from surveys.models import Response
from surveys.questionnaires import SATISFACTION_V1
from tests.factories.providers import MembershipFactory
from tests.factories.surveys import CampaignFactory, ChannelCampaignFactory
from tests.integration.surveys.conftest import answer_everything

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.77"
AGENT = "DistinctiveAgent/9.9 (ZX-Spectrum; Marker-UA-5151)"
FREE_TEXT = "Zebra crossing answer 4242"
RESPONSE_COLUMNS = {"id", "campaign_id", "kind", "questionnaire_version", "answers", "release_id"}


def _submit(client, campaign, **overrides):
    client.defaults.update({"REMOTE_ADDR": ADDRESS, "HTTP_USER_AGENT": AGENT, "HTTP_X_FORWARDED_FOR": ADDRESS})
    check = answer_everything(client, campaign, **overrides)
    done = client.post(check)
    assert done.status_code == 302 and done["Location"].endswith("/done/")
    return Response.objects.get()


def _all_rows_text() -> str:
    """Every value in every table of the database, as one string (tables are small in a test)."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names come from introspection
            chunks.append(repr(cursor.fetchall()))
    return "\n".join(chunks)


def test_the_response_table_has_only_the_anonymous_columns():
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor, Response._meta.db_table)
    assert {column.name for column in description} == RESPONSE_COLUMNS
    field_types = {field.get_internal_type() for field in Response._meta.concrete_fields}
    assert not field_types & {"DateTimeField", "DateField", "GenericIPAddressField", "AutoField", "BigAutoField"}
    assert Response._meta.pk.get_internal_type() == "UUIDField" and not Response._meta.ordering


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in user"])
def test_a_submission_stores_and_logs_nothing_identifying(client, caplog, signed_in):
    user = None
    if signed_in:
        user = MembershipFactory(user__email="someone.identifiable@example.com").user
        client.force_login(user)
    campaign = ChannelCampaignFactory(kind="exit")
    caplog.set_level(logging.DEBUG)

    response = _submit(client, campaign, employer_type="pa", anything_else=FREE_TEXT)

    # The row: exactly the anonymous columns, and the date only
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT * FROM "{Response._meta.db_table}"')  # noqa: S608
        names = [column[0] for column in cursor.description]
        (row,) = cursor.fetchall()
    stored = dict(zip(names, row, strict=True))
    assert set(stored) == RESPONSE_COLUMNS
    assert stored["campaign_id"] == campaign.pk and stored["kind"] == "exit" and stored["release_id"] is None
    text = repr(stored)
    for marker in (ADDRESS, AGENT, "Marker-UA-5151", "someone.identifiable"):
        assert marker not in text

    # Nowhere in the whole database: not in sessions, caches or any other table
    everything = _all_rows_text()
    assert ADDRESS not in everything
    assert "Marker-UA-5151" not in everything

    # Nothing in the rate-limit cache either: keys are HMACs of the address with a secret that rotates daily
    local_cache = getattr(cache, "_cache", {})
    assert all(ADDRESS not in str(key) and ADDRESS not in str(value) for key, value in local_cache.items())

    # The logs: no address, no user agent, no answers, and so never an address beside a response id
    for record in caplog.records:
        line = record.getMessage() + repr(record.args)
        assert ADDRESS not in line, line
        assert "Marker-UA-5151" not in line, line
        assert FREE_TEXT not in line, line
        assert not (str(response.pk) in line and ("answers" in line or "REMOTE_ADDR" in line)), line
    if user is not None:
        assert everything.count(user.email) == 1  # only in the user's own row


def test_free_text_is_kept_only_as_the_respondent_wrote_it_under_its_question(client):
    campaign = CampaignFactory()
    response = _submit(client, campaign, stay_change=FREE_TEXT)
    assert response.answers["stay_change"] == FREE_TEXT
    assert set(response.answers) <= set(SATISFACTION_V1.keys)
