"""Attack 2: the employer who handed out code ESXUZ6ZV holds the database. Can they find that code next to an
answer anywhere, during or after a no-script survey? And does a /s/ page ever create a session?"""

from __future__ import annotations

import pytest
from django.test import Client

from surveys.models import Response, SingleUseCode
from surveys.services import single_use_codes_create
from tests.attacks.conftest import dump_cache, dump_tables, make_answers, walk
from tests.factories.surveys import CampaignFactory

pytestmark = pytest.mark.django_db

FREE_TEXT = "Quokka marker answer 9182"


def _rows_with(tables: dict, needle: str) -> list[tuple[str, tuple]]:
    return [(table, row) for table, rows in tables.items() for row in rows if needle.lower() in repr(row).lower()]


def _session_rows(tables: dict) -> list:
    return tables.get("django_session", [])


def test_a_single_use_code_is_never_stored_beside_an_answer_and_no_session_is_made():
    campaign = CampaignFactory()
    single_use_codes_create(campaign=campaign, count=3)
    campaign.refresh_from_db()
    code = SingleUseCode.objects.filter(campaign=campaign).first().code
    answers = make_answers("satisfaction", seed=5, stay_change=FREE_TEXT)
    client = Client(REMOTE_ADDR="203.0.113.9")

    started = client.post(f"/s/{campaign.code}/", {"single_use_code": code})
    assert started.status_code == 302
    assert SingleUseCode.objects.get(code=code).used  # spent at the start
    check = walk(client, started["Location"], answers, stop_at="stay_change")
    moments = [(dump_tables(), dump_cache())]  # the intruder looks half-way through
    check = walk(client, check, answers)
    moments.append((dump_tables(), dump_cache()))  # ... on the check page
    assert client.post(check)["Location"].endswith("/done/")
    moments.append((dump_tables(), dump_cache()))  # ... and after sending

    assert Response.objects.get().answers["stay_change"] == FREE_TEXT
    for tables, cached in moments:
        assert _session_rows(tables) == []
        for table, row in _rows_with(tables, code):
            assert table == SingleUseCode._meta.db_table, (table, row)  # the code's own row, holding no answer
            assert FREE_TEXT not in repr(row) and "care_home" not in repr(row)
        for table, row in _rows_with(tables, FREE_TEXT):
            assert code not in repr(row), (table, row)
        assert not any(code.lower() in repr(entry).lower() for entry in cached.items())
        assert not any(FREE_TEXT in repr(value) for value in cached.values())  # unfinished answers: device only

    # The cookie the respondent holds is encrypted: neither the code nor an answer can be read in it
    for morsel in client.cookies.values():
        assert code not in morsel.value and "care_home" not in morsel.value


def test_no_survey_page_creates_a_session_even_for_a_signed_in_visitor(world):
    campaign = CampaignFactory()
    client = Client()
    check = walk(client, client.post(f"/s/{campaign.code}/")["Location"], make_answers("satisfaction", seed=1))
    client.post(check)
    client.get(f"/s/{campaign.code}/done/")
    assert _session_rows(dump_tables()) == []
    assert "sessionid" not in client.cookies


def test_a_copied_cookie_cannot_send_a_second_response_with_one_code():
    campaign = CampaignFactory()
    single_use_codes_create(campaign=campaign, count=1)
    campaign.refresh_from_db()
    code = SingleUseCode.objects.get(campaign=campaign).code
    client = Client()
    check = walk(client, client.post(f"/s/{campaign.code}/", {"single_use_code": code})["Location"],
                 make_answers("satisfaction", seed=3))
    saved = client.cookies.__class__(client.cookies)  # the intruder keeps a copy of the cookie
    assert client.post(check)["Location"].endswith("/done/")
    copy = Client()
    copy.cookies = saved.__class__(saved)
    assert copy.post(check)["Location"].endswith("/done/")  # looks sent, stores nothing
    copy.cookies = saved.__class__(saved)
    restarted = copy.post(f"/s/{campaign.code}/")  # "start again" keeps the spent code's nonce
    assert restarted.status_code == 302
    walk(copy, restarted["Location"], make_answers("satisfaction", seed=4))
    copy.post(check)
    assert Response.objects.count() == 1
