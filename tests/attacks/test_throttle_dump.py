"""Attack 6: the intruder has a full copy of the database, with the cache in it (DatabaseCache, as when the service
runs without Redis), and a list of candidate addresses that includes the real ones. Can any throttle key be tied to
an address, or its counter to an exact second? (The throttle's counters are in process memory, so none is in the
dump at all; the digests are still tried against every secret-looking string in it.)"""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from surveys import throttle
from tests.attacks.conftest import dump_tables, walk
from tests.factories.surveys import CampaignFactory, make_answers

pytestmark = pytest.mark.django_db

SENDERS = ["203.0.113.41", "198.51.100.17", "192.0.2.200"]
CANDIDATES = SENDERS + [f"10.0.0.{n}" for n in range(1, 50)]


@pytest.fixture
def database_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "config.cache.DatabaseCache", "LOCATION": "cache_table"}}
    call_command("createcachetable", verbosity=0)
    cache.clear()
    yield
    cache.clear()


def _secrets_in(text: str) -> set[bytes]:
    """Anything in the dump that could be a key: hex strings of 32+ characters and their bytes."""
    found = set()
    for token in re.findall(r"[0-9a-f]{32,}", text):
        found.add(token.encode())
        if len(token) % 2 == 0:
            found.add(bytes.fromhex(token))
    return found


def test_no_throttle_key_in_a_database_and_cache_dump_can_be_linked_to_an_address(database_cache):
    campaign = CampaignFactory()
    for n, address in enumerate(SENDERS):
        client = Client(REMOTE_ADDR=address)
        check = walk(client, client.post(f"/s/{campaign.code}/")["Location"], make_answers("satisfaction", seed=n))
        assert client.post(check).status_code == 302
        Client(REMOTE_ADDR=address).get("/s/wrongcode1/")  # a guessed link counts too

    tables = dump_tables()
    text = repr(tables)
    cache_rows = tables["cache_table"]
    assert not [row[0] for row in cache_rows if "surveys:throttle:" in row[0]], "the counters live in memory only"
    counted = [key for key in throttle._counts if key.startswith("surveys:throttle:")]
    assert counted, "the throttle counted the senders (in this process's memory)"
    assert not any(address in text for address in SENDERS)
    assert not any("secret" in row[0] for row in cache_rows)

    digests = {key.rsplit(":", 1)[1] for key in counted}
    for secret in _secrets_in(text):
        for address in CANDIDATES:
            assert hmac.new(secret, address.encode(), hashlib.sha256).hexdigest()[:32] not in digests

    # Every survey entry (guards, the link, local questions, the rendered form) expires on the hour: no stored
    # expiry tells the second a link was opened or an answer arrived. Keys are stored as ":<version>:<key>".
    checked = []
    for row in cache_rows:
        if row[0].split(":", 2)[-1].startswith("surveys:"):
            expires = row[2] if hasattr(row[2], "minute") else datetime.fromisoformat(str(row[2]))
            assert (expires.minute, expires.second) == (0, 0), row
            checked.append(row[0].split(":", 2)[-1])
    assert f"surveys:link:{campaign.code.lower()}" in checked, checked

    # Only this process's memory can tie them, and only today
    mine = throttle.client_key(type("R", (), {"META": {"REMOTE_ADDR": SENDERS[0]}})(), "submit")
    assert mine in counted
