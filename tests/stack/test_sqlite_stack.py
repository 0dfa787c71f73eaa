"""The embedded default holds a busy team: scripts/run-dev.sh (runserver + the django-q2 worker) on a fresh SQLite
file takes 20 simultaneous saves by several editors, 10 simultaneous submits of one return and an upload at once,
with no server error, exactly one submission and every save stored."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from tests.load.helpers import csrf, form_values

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "demo-password-2026"
SAVES = 20
SUBMITS = 10

# Gives Oak House (the demo care group's return in progress) enough staff records for one save each.
EXTRA_RECORDS = """
from collection.models import StaffRecord, WorkforceReturn
found = WorkforceReturn.objects.get(round__slug="demo", workplace__organisation__slug="demo-care-group",
                                    state="in_progress")
model = found.staff_records.order_by("local_ref").first()
for n in range(max(0, {wanted} - found.staff_records.count())):
    model.pk, model.local_ref = None, f"LOAD{{n:03d}}"
    model.save()
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(db: Path, port: int, mail: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "CWR_FROZEN_AT", "REDIS_URL")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", DATABASE_URL=f"sqlite:///{db}", DEMO_MODE="1", DEBUG="1",
               PORT=str(port), EMAIL_URL=f"filemail://{mail}", Q_WORKERS="2")
    return env


def _manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True,
                   timeout=120)


def _sign_in(base: str, email: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/accounts/login/", timeout=30)
    done = session.post(f"{base}/accounts/login/", timeout=30,
                        data={"csrfmiddlewaretoken": csrf(page.text), "login": email, "password": PASSWORD})
    assert "/accounts/" not in done.url, f"{email} could not sign in"
    return session


def _form(session: requests.Session, url: str) -> dict[str, list[str]]:
    page = session.get(url, timeout=30)
    assert page.status_code == 200, f"GET {url} gave {page.status_code}"
    return dict(form_values(page.text).values)


def _clone(session: requests.Session) -> requests.Session:
    copy = requests.Session()
    copy.cookies.update(session.cookies)
    return copy


def _rows(db: Path, query: str, params: tuple = ()) -> list[tuple]:
    with sqlite3.connect(db, timeout=30) as conn:
        return conn.execute(query, params).fetchall()


RETURN_SQL = """
SELECT r.id, w.id FROM collection_workforcereturn r JOIN providers_workplace w ON w.id = r.workplace_id
JOIN providers_organisation o ON o.id = w.organisation_id JOIN collection_collectionround c ON c.id = r.round_id
WHERE c.slug = 'demo' AND o.slug = ? AND r.state = ? ORDER BY r.id LIMIT 1
"""


@pytest.mark.stack
def test_the_embedded_stack_holds_a_busy_team(tmp_path):
    started = time.monotonic()
    db, port, mail = tmp_path / "db.sqlite3", _free_port(), tmp_path / "mail"
    env = _env(db, port, mail)
    _manage(env, "migrate", "--no-input")
    _manage(env, "seed_demo")
    _manage(env, "shell", "-c", EXTRA_RECORDS.format(wanted=SAVES - 1))
    base = f"http://127.0.0.1:{port}"
    log = (tmp_path / "stack.log").open("w")
    stack = subprocess.Popen([str(ROOT / "scripts" / "run-dev.sh")], cwd=ROOT, env=env, stdout=log,
                             stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_healthy(base)
        _busy_moment(db, base)
    finally:
        os.killpg(stack.pid, signal.SIGTERM)
        try:
            stack.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(stack.pid, signal.SIGKILL)
            stack.wait()
        log.close()
    server_log = (tmp_path / "stack.log").read_text(errors="replace")
    assert "database is locked" not in server_log
    assert " 500 " not in server_log, server_log[-3000:]
    assert time.monotonic() - started < 150  # about 60 s on an idle 2-core machine, seeding included


def _wait_healthy(base: str) -> None:
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base}/healthz", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise AssertionError("the dev stack did not answer /healthz")


def _busy_moment(db: Path, base: str) -> None:
    oak, oak_place = _rows(db, RETURN_SQL, ("demo-care-group", "in_progress"))[0]
    ash, ash_place = _rows(db, RETURN_SQL, ("demo-care-group", "returned"))[0]
    micro, micro_place = _rows(db, RETURN_SQL, ("demo-micro", "not_started"))[0]
    records = [r[0] for r in _rows(db, "SELECT id FROM collection_staffrecord WHERE workforce_return_id = ? "
                                       "AND left_on IS NULL ORDER BY id", (oak,))][: SAVES - 1]
    assert len(records) == SAVES - 1
    editors = [_sign_in(base, e) for e in ("care.editor@example.com", "care.admin@example.com")]
    micro_admin = _sign_in(base, "micro.admin@example.com")

    # What each person's browser would send, read from the pages they opened (one changed answer each).
    posts: list[tuple[requests.Session, str, dict, dict | None]] = []
    wanted: dict[int, str] = {}
    for n, record in enumerate(records):
        who = editors[n % 2]
        url = f"{base}/org/demo-care-group/workplaces/{oak_place}/returns/demo/staff/{record}/pay/"
        data = _form(who, url)
        wanted[record] = str(40 + n)
        data.update(sickness_days=[wanted[record]], confirm_warnings=["on"], save=["1"])
        posts.append((who, url, data, None))
    pay_url = f"{base}/org/demo-micro/workplaces/{micro_place}/returns/demo/pay/"
    pay = _form(micro_admin, pay_url)
    pay.update(holiday_days=["33"], confirm_warnings=["on"])
    posts.append((micro_admin, pay_url, pay, None))
    check_url = f"{base}/org/demo-care-group/workplaces/{ash_place}/returns/demo/check/"
    tokens = [csrf(editor.get(check_url, timeout=30).text) for editor in editors]
    for n in range(SUBMITS):
        posts.append((editors[n % 2], check_url, {"csrfmiddlewaretoken": [tokens[n % 2]], "declaration": ["on"]}, None))
    upload_page = micro_admin.get(f"{base}/org/demo-micro/uploads/", timeout=30).text
    fixtures = ROOT / "tests" / "fixtures" / "ascwds" / "clean"
    rounds = form_values(upload_page).radios.get("round") or form_values(upload_page).values.get("round") or [""]
    posts.append((micro_admin, f"{base}/org/demo-micro/uploads/",
                  {"csrfmiddlewaretoken": [csrf(upload_page)], "round": [rounds[0]]},
                  {"files": [("workplace.csv", (fixtures / "workplace.csv").read_bytes()),
                             ("staff.csv", (fixtures / "staff.csv").read_bytes())]}))
    submitted_before = _rows(db, "SELECT count(*) FROM collection_changerecord WHERE workforce_return_id = ? "
                                 "AND action = 'submitted' AND field = 'state'", (ash,))[0][0]

    # Everyone presses their button at the same moment.
    gate = threading.Barrier(len(posts))

    def press(post):
        who, url, data, files = post
        session = _clone(who)
        attached = [(name, (fname, content, "text/csv")) for name, pairs in (files or {}).items()
                    for fname, content in pairs]
        gate.wait()
        return url, session.post(url, data=data, files=attached or None, timeout=60, headers={"Referer": url})

    with ThreadPoolExecutor(max_workers=len(posts)) as pool:
        answers = list(pool.map(press, posts))

    errors = [f"{r.status_code} {url}" for url, r in answers
              if r.status_code >= 500 or "database is locked" in r.text]
    assert not errors, errors
    assert all(r.status_code == 200 for _, r in answers), [(u, r.status_code) for u, r in answers if r.status_code != 200]

    stored = dict(_rows(db, f"SELECT id, sickness_days FROM collection_staffrecord WHERE id IN "
                            f"({','.join('?' * len(records))})", tuple(records)))
    assert {k: str(int(float(v))) for k, v in stored.items()} == wanted, "a save was not stored"
    assert _rows(db, "SELECT holiday_days FROM collection_workforcereturn WHERE id = ?", (micro,))[0][0] == 33
    assert _rows(db, "SELECT state FROM collection_workforcereturn WHERE id = ?", (ash,))[0][0] == "submitted"
    submitted_after = _rows(db, "SELECT count(*) FROM collection_changerecord WHERE workforce_return_id = ? "
                                "AND action = 'submitted' AND field = 'state'", (ash,))[0][0]
    assert submitted_after - submitted_before == 1, ("the return was submitted more than once", _rows(
        db, "SELECT id, action, field, old_value, new_value, at FROM collection_changerecord "
            "WHERE workforce_return_id = ? AND action = 'submitted'", (ash,)))

    # The worker checks the upload while the web server is busy: it finishes, on the same database file.
    upload = _rows(db, "SELECT id FROM uploads_upload ORDER BY id DESC LIMIT 1")
    assert upload, "the upload was not stored"
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline:
        state = micro_admin.get(f"{base}/org/demo-micro/uploads/{upload[0][0]}/status/", timeout=30).json()
        if not state.get("checking"):
            break
        time.sleep(0.5)
    assert not state.get("checking") and state.get("state") != "crashed", state
