"""Helpers for the survey pages: walk a respondent through a campaign with the Django test client."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.factories.surveys import make_answers


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters and submit guards live in the cache; each test starts clean."""
    cache.clear()
    yield
    cache.clear()


def post_answer(client, url: str, value, **extra) -> object:
    data = {"answer": [str(v) for v in value] if isinstance(value, list) else ("" if value is None else str(value))}
    return client.post(url, data, **extra)


def walk(client, first_url: str, answers: dict, *, stop_at: str | None = None, **extra) -> str:
    """Answer each question page the service sends us to, until it sends us elsewhere (or to the `stop_at`
    question); returns that URL."""
    url = first_url
    while "/q/" in url:
        key = url.split("?")[0].rstrip("/").split("/")[-1]
        if key == stop_at:
            break
        response = post_answer(client, url, answers.get(key), **extra)
        assert response.status_code == 302, (key, response.content.decode()[:800])
        url = response["Location"]
    return url


def answer_everything(client, campaign, *, seed: int = 0, start_data: dict | None = None, **overrides) -> str:
    """Start and answer every shown question; returns where the service sent us at the end (the check page)."""
    answers = {**make_answers(campaign.kind, seed=seed, **overrides), **overrides}
    response = client.post(f"/s/{campaign.code}/", start_data or {})
    assert response.status_code == 302, response.content.decode()[:800]
    return walk(client, response["Location"], answers)
