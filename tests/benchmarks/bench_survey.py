"""Benchmark: server CPU per completed survey, through the real views and middleware (DEBUG=0).

One completed survey is what a phone with the page script does: GET the one-page form, POST every answer once,
GET the confirmation. Django's test client drives the whole stack in this process (URL routing, middleware,
views, templates, the database and the cache), so this process's CPU time per survey is the server's cost of one
survey (no network or HTTP parsing). Target (issue 18): 5 ms of CPU per completed survey.

The cache is the one the settings give: the database's cache table without REDIS_URL (the guard against a second
send and the response are then one statement on PostgreSQL), Redis with it, as in production (docker-compose.yml).
The line says which. Every survey answers the same campaign, so the confirmation after a send always lands in the
process that took the answers (which then needs no link read: `surveys.access.campaign_for_confirmation`); behind
several gunicorn workers it does only when the same worker takes the redirect.

    python -m tests.benchmarks.run --only bench_survey [--surveys 300]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from urllib.parse import urlencode

from tests.benchmarks.figures import Figure, Result, status_and_figures
from tests.benchmarks.fresh_db import fresh_database

TARGET_MS = 5.0
PER_SECOND = 250  # the "the machine could serve 250 surveys a second"
NONCE = re.compile(r'name="nonce" value="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HOST = "localhost"  # one of the benchmark's ALLOWED_HOSTS (tests.benchmarks.run)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench_survey")
    parser.add_argument("--surveys", type=int, default=300)
    args, _unknown = parser.parse_known_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    with fresh_database("bench_survey") as database:
        from django.conf import settings

        cache = "redis" if "redis" in settings.CACHES["default"]["BACKEND"] else "db"
        figures = _measure(args.surveys)
    per = figures["cpu"] / args.surveys * 1000
    wall = figures["wall"] / args.surveys * 1000
    per_second = (os.cpu_count() or 1) * 1000 / per
    met = "met" if per <= TARGET_MS else "MISSED"
    print(f"{database}, {cache} cache: {args.surveys} completed surveys (form, answers, confirmation): "
          f"{per:.1f} ms CPU and {wall:.1f} ms wall per survey; {figures['stored']} stored; "
          f"{met} (<= {TARGET_MS:g} ms CPU); {per_second:.0f} surveys/s on {os.cpu_count()} cores by CPU; "
          f"load {os.getloadavg()[0]:.1f}")  # fmt: skip
    where = f"{database}, {cache} cache"
    return Result(0 if figures["stored"] == args.surveys else 1, [
        Figure(f"CPU per completed survey ({args.surveys} surveys)", per, "ms", TARGET_MS, cpu=figures["cpu"],
               wall=figures["wall"], note=where),
        Figure(f"surveys a second on {os.cpu_count()} cores, by CPU", per_second, "/s", PER_SECOND, at_least=True,
               cpu=figures["cpu"], wall=figures["wall"], note=where),
    ])  # fmt: skip


def _measure(surveys: int) -> dict:
    from django.conf import settings
    from django.test import Client, override_settings

    # Static files as named on disk: production's manifest needs `collectstatic`, and a manifest lookup is one dict
    # read per asset, the same cost either way.
    plain = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    with override_settings(STORAGES=plain):
        return _surveys(surveys, Client)


def _surveys(surveys: int, Client) -> dict:  # noqa: N803 (the class)

    from surveys.models import Response
    from tests.factories.surveys import CampaignFactory, make_answers

    campaign = CampaignFactory()
    url = f"/s/{campaign.code}/answers/"
    answers = make_answers("satisfaction", seed=3)
    data = {f"q-{k}": [str(x) for x in v] if isinstance(v, list) else str(v) for k, v in answers.items()}

    def one(client: Client) -> None:
        page = client.get(url)
        assert page.status_code == 200, page.status_code
        text = page.content.decode()
        form = {**data, "nonce": NONCE.search(text).group(1)}
        if token := CSRF.search(text):
            form["csrfmiddlewaretoken"] = token.group(1)
        # as a browser sends a form (not the test client's default multipart encoding)
        sent = client.post(url, urlencode(form, doseq=True), content_type="application/x-www-form-urlencoded")
        assert sent.status_code == 302, sent.status_code
        done = client.get(sent["Location"])
        assert done.status_code == 200

    def client(address: str) -> Client:
        # Every client shares one handler, as every request of a gunicorn worker does: its middleware is loaded once
        # (a client of its own would load it on its first request, and WhiteNoise would scan STATIC_ROOT again for
        # each survey: 300 ms of CPU a survey once `collectstatic` has filled it).
        made = Client(enforce_csrf_checks=True, REMOTE_ADDR=address, HTTP_HOST=HOST)
        made.handler = handler
        return made

    handler = Client(enforce_csrf_checks=True).handler
    for n in range(5):  # warm up: middleware loaded, templates compiled, the form's HTML cached
        one(client(f"10.9.0.{n}"))
    Response.objects.all().delete()
    # one address each, as phones on their own connections (and under the per-address limit)
    clients = [client(f"10.{n // 250}.{n % 250}.1") for n in range(surveys)]
    wall, cpu = time.perf_counter(), time.process_time()
    for client in clients:
        one(client)
    return {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu, "stored": Response.objects.count()}


if __name__ == "__main__":
    sys.exit(status_and_figures(main(sys.argv[1:]))[0])
