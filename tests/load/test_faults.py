"""Faults under load, against a production-like stack (scripts/stack.sh: PostgreSQL, Redis, gunicorn, two django-q2
worker processes, an SMTP server). Each scenario causes a fault, then checks the database directly.

    .venv/bin/python -m pytest -m faults tests/load -v        # about 3½ minutes, starts and stops its own stack

Nothing submitted before a fault may be lost and nothing may be written twice.

A worker SIGKILLed mid-task loses its task: django-q2's Redis broker pops a task before running it and has no
acknowledgement. The schedules `uploads.tasks.requeue_stale` and `exports.tasks.requeue_stale` (every 5 minutes)
queue again the checks and workbooks left unfinished for STALE_TASK_MINUTES; this stack runs with 1 minute instead of
15, and the worker-kill tests make the schedule due as soon as the lost task is stale instead of waiting up to 5
minutes for it.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
import requests

from collection.ascwds.synthetic import synthetic_files
from tests.load.helpers import csrf, form_values
from tests.load.stack import ROOT, Stack, wait_until

pytestmark = pytest.mark.faults
OWN_ERROR_PAGE = "Sorry, there is a problem with the service"
STACK_TRACE = re.compile(r"Traceback|File \"/|psycopg\.|OperationalError|django\.db", re.I)


@pytest.fixture(scope="session")
def stack():
    import shutil

    if shutil.which("runuser") is None or shutil.which("redis-server") is None:
        pytest.skip("needs runuser, redis-server and PostgreSQL's initdb")
    found = Stack(ROOT / "var" / "stack-faults", STACK_STALE_TASK_MINUTES="1")
    found.run("stop", check=False)
    try:
        found.run("start", "--providers", "12")
        found.accounts = json.loads((found.dir / "accounts.json").read_text())
        assert found.wait_healthy(60), (found.dir / "gunicorn.log").read_text()[-4000:]
        yield found
    finally:
        found.run("stop", check=False)


def _editor(stack, n: int) -> tuple[dict, requests.Session]:
    account = stack.accounts["editors"][n]
    return account, stack.client(account["email"], stack.accounts["password"], secret=account["totp"])


def _upload(stack, session, account, files) -> int:
    page = session.get(f"{stack.url}/org/{account['org']}/uploads/", timeout=30)
    rounds = form_values(page.text).radios["round"]
    response = session.post(f"{stack.url}/org/{account['org']}/uploads/", timeout=60, data={
        "csrfmiddlewaretoken": csrf(page.text), "round": rounds[0]}, files=[
        ("files", ("workplace.csv", files[0], "text/csv")), ("files", ("staff.csv", files[1], "text/csv"))])
    return int(re.search(r"/uploads/(\d+)/", response.url).group(1))


def _worker_kill_and_recover(stack, *, in_flight) -> float:
    """Worker 2 is stopped, so worker 1 takes the task; kill worker 1 while `in_flight()` is true, then bring back
    worker 2 (the other worker) and restart worker 1. Returns when the worker was killed (time.monotonic())."""
    assert wait_until(in_flight, timeout=60, every=0.05), "the task never started"
    stack.run("kill-worker", "1")
    killed = time.monotonic()
    stack.run("start-worker", "2")
    stack.run("start-worker", "1")
    return killed


def _requeue_once_stale(stack, *, stale, schedule: str) -> float:
    """Wait until `stale()` (the lost task's row is as old as STALE_TASK_MINUTES asks), then make the requeue
    schedule due now. The scheduler does exactly this on its own within 5 minutes (the schedule's interval); the
    test only saves the wait. It still has to go through the scheduler (every 30 s), the task, and the task it queues.
    Returns when the schedule was made due (time.monotonic())."""
    minutes = int(stack.env["STALE_TASK_MINUTES"])
    assert wait_until(stale, timeout=minutes * 60 + 60, every=1), "the lost task's row never became stale"
    stack.sql("UPDATE django_q_schedule SET next_run = now() WHERE func = %s", (schedule,))
    return time.monotonic()


def test_worker_killed_during_upload_check_finishes_exactly_once(stack):
    account, session = _editor(stack, 0)
    org_id = stack.scalar("SELECT id FROM providers_organisation WHERE slug = %s", (account["org"],))
    before = stack.scalar("SELECT count(*) FROM uploads_upload WHERE organisation_id = %s", (org_id,))
    staff_sql = ("SELECT count(*) FROM collection_staffrecord s "
                 "JOIN collection_workforcereturn r ON r.id = s.workforce_return_id "
                 "JOIN providers_workplace w ON w.id = r.workplace_id WHERE w.organisation_id = %s")
    staff_before = stack.scalar(staff_sql, (org_id,))
    stack.run("kill-worker", "2")
    upload = _upload(stack, session, account, synthetic_files(workplaces=20, staff=8000, seed=11))

    def in_flight():
        return stack.scalar("SELECT state FROM uploads_upload WHERE id = %s", (upload,)) == "validating"

    killed = _worker_kill_and_recover(stack, in_flight=in_flight)

    def stale():  # still "validating": the task was lost, nobody else finished it
        return stack.scalar("SELECT state = 'validating' AND updated_at < now() - make_interval(mins => %s) "
                            "FROM uploads_upload WHERE id = %s", (int(stack.env["STALE_TASK_MINUTES"]), upload))

    due = _requeue_once_stale(stack, stale=stale, schedule="uploads.tasks.requeue_stale")

    def finished():
        status = session.get(f"{stack.url}/org/{account['org']}/uploads/{upload}/status/", timeout=30).json()
        return None if status["checking"] or status["state"] == "crashed" else status

    status = wait_until(finished, timeout=180, every=1)
    done = time.monotonic()
    assert status and status["state"] in ("passed", "warnings", "failed") and status["progress"] == 100, status
    # Checked exactly once: one upload, its two files, its report, one successful check task (the killed one left
    # none), no failed one, and no staff record written (a check writes none; only applying does).
    state, progress, stage, report_status, files = stack.sql(
        "SELECT state, progress, stage, result->>'status', (SELECT count(*) FROM uploads_uploadfile f "
        "WHERE f.upload_id = u.id) FROM uploads_upload u WHERE id = %s", (upload,))[0]
    assert (state, progress, stage, report_status, files) == (status["state"], 100, "Checked", status["state"], 2)
    assert stack.scalar("SELECT count(*) FROM uploads_upload WHERE organisation_id = %s", (org_id,)) == before + 1
    # (No other upload is checked on this stack meanwhile, so every check task since the upload was made is its own.)
    tasks = stack.sql("SELECT success, count(*) FROM django_q_task WHERE func = 'uploads.tasks.upload_validate' "
                      "AND started >= (SELECT created_at FROM uploads_upload WHERE id = %s) GROUP BY success",
                      (upload,))
    assert tasks == [(True, 1)], tasks
    assert stack.scalar(staff_sql, (org_id,)) == staff_before
    # What the editor sees: the result, not "Checking your files".
    page = session.get(f"{stack.url}/org/{account['org']}/uploads/{upload}/", timeout=30)
    heading = {"passed": "Your files are ready to apply", "warnings": "Your files have warnings",
               "failed": "Your files have errors"}[state]
    assert page.status_code == 200 and heading in page.text and "Checking your files" not in page.text
    print(f"\nUpload check lost with its worker: stale {due - killed:.0f} s after the kill, checked once "
          f"{done - due:.0f} s after the schedule was due ({state}, {files} files, 1 successful check task)")


def test_worker_killed_during_export_finishes_exactly_once(stack):
    """A worker killed while it makes a round's release: the release is made exactly once, by the retried task,
    and nothing of the killed attempt is kept (a release is written in one transaction, one per set point).

    The analyst's request for the closed round finds its release due (the test removes the round's releases for
    the council first, as if the round had just closed), so its task makes the release (`release_make_due`, the
    same service the daily `exports.tasks.make_due_releases` calls) before handing it out; the worker is killed
    while the release's figures are being made."""
    analyst = next(a for a in stack.accounts["council"] if a["role"] == "analyst")
    session = stack.client(analyst["email"], stack.accounts["password"], secret=analyst["totp"])
    council = f"{stack.url}/council/{analyst['council']}"
    council_id = stack.scalar("SELECT id FROM providers_council WHERE slug = %s", (analyst["council"],))
    round_id = stack.scalar("SELECT id FROM collection_collectionround WHERE slug = 'demo-previous'")
    releases = "SELECT id FROM exports_exportrelease WHERE council_id = %s AND round_id = %s"
    stack.sql(f"UPDATE exports_exportevent SET export_id = NULL WHERE export_id IN (SELECT id FROM exports_exportfile "
              f"WHERE release_id IN ({releases}))", (council_id, round_id))
    stack.sql(f"DELETE FROM exports_exportfile WHERE release_id IN ({releases})", (council_id, round_id))
    stack.sql("DELETE FROM exports_exportrelease WHERE council_id = %s AND round_id = %s", (council_id, round_id))
    before = stack.scalar("SELECT count(*) FROM exports_exportfile")
    stack.run("kill-worker", "2")
    page = session.get(f"{council}/exports/", timeout=30)
    response = session.post(f"{council}/exports/", timeout=60, data={
        "csrfmiddlewaretoken": csrf(page.text), "round": "demo-previous", "kind": "workforce"})  # closed: due
    export = int(re.search(r"/exports/(\d+)/", response.url).group(1))
    making = ("Reading the submitted returns", "Adding up the figures", "Protecting confidential figures")

    def in_flight():  # the task is making the release (its progress says which step)
        return stack.scalar("SELECT status = 'running' AND progress_message = ANY(%s) FROM exports_exportfile "
                            "WHERE id = %s", (list(making), export))

    killed = _worker_kill_and_recover(stack, in_flight=in_flight)
    assert stack.scalar(f"SELECT count(*) FROM ({releases}) r", (council_id, round_id)) == 0  # nothing half-made

    def stale():  # still "running": the task was lost, nobody else finished it
        return stack.scalar("SELECT status = 'running' AND started_at < now() - make_interval(mins => %s) "
                            "FROM exports_exportfile WHERE id = %s", (int(stack.env["STALE_TASK_MINUTES"]), export))

    due = _requeue_once_stale(stack, stale=stale, schedule="exports.tasks.requeue_stale")

    def finished():
        status = session.get(f"{council}/exports/{export}/status.json", timeout=30).json()
        return status if status["finished"] else None

    status = wait_until(finished, timeout=240, every=1)
    done = time.monotonic()
    assert status and status["status"] == "ready" and status["progress"] == 100 and status["bytes"] > 0, status
    # Exactly one release of the round for the council, released, with its file; the request was given it.
    made = stack.sql("SELECT id, number, status, size, octet_length(content) FROM exports_exportrelease "
                     "WHERE council_id = %s AND round_id = %s", (council_id, round_id))
    assert len(made) == 1, made
    release_id, number, release_status, release_size, stored = made[0]
    assert (number, release_status, release_size, stored) == (1, "released", status["bytes"], status["bytes"])
    assert stack.scalar("SELECT release_id FROM exports_exportfile WHERE id = %s", (export,)) == release_id
    # Made once: one new workbook row, one "requested" event, one successful task (the requeued one).
    assert stack.scalar("SELECT count(*) FROM exports_exportfile") == before + 1
    assert stack.scalar("SELECT count(*) FROM exports_exportevent WHERE export_id = %s AND action = 'requested'",
                        (export,)) == 1
    tasks = stack.sql("SELECT name, success FROM django_q_task WHERE name LIKE %s ORDER BY started",
                      (f"export-{export}%",))
    assert tasks == [(f"export-{export}-again", True)], tasks
    # The daily release task finds nothing more to make for this council and round.
    stack.manage("shell", "-c", "from exports.tasks import make_due_releases; make_due_releases()")
    assert stack.scalar(f"SELECT count(*) FROM ({releases}) r", (council_id, round_id)) == 1
    # What the analyst sees: the workbook is ready, and the download is the release's file.
    page = session.get(f"{council}/exports/{export}/", timeout=30)
    assert page.status_code == 200 and "Your workbook is ready" in page.text
    download = session.get(f"{council}/exports/{export}/download/", timeout=60)
    assert download.status_code == 200 and download.content[:2] == b"PK" and len(download.content) == release_size
    print(f"\nRelease lost with its worker: stale {due - killed:.0f} s after the kill, made once {done - due:.0f} s "
          f"after the schedule was due ({release_size} bytes, {status['tables']} tables, 1 successful task)")


def _survey_once(stack, code: str) -> tuple[str, requests.Response]:
    """Answer and send one survey. Returns ("sent" | "failed", the last response)."""
    session = requests.Session()
    page = session.get(f"{stack.url}/s/{code}/", timeout=30)
    page = session.post(f"{stack.url}/s/{code}/", data={"csrfmiddlewaretoken": csrf(page.text)}, timeout=30)
    for _ in range(60):
        if page.status_code >= 400 or "/check/" in page.url:
            break
        form = form_values(page.text)
        data = {"csrfmiddlewaretoken": csrf(page.text)}
        if form.radios.get("answer"):
            data["answer"] = form.radios["answer"][0]
        page = session.post(page.url, data=data, timeout=30)
    if page.status_code >= 400:
        return "failed", page
    sent = session.post(f"{stack.url}/s/{code}/check/", data={"csrfmiddlewaretoken": csrf(page.text)}, timeout=30)
    return ("sent" if sent.ok and sent.url.rstrip("/").endswith("done") else "failed"), sent


def test_postgres_restart_mid_load_shows_own_error_page_and_recovers(stack):
    code = stack.accounts["survey_codes"][0]
    campaign = stack.scalar("SELECT id FROM surveys_campaign WHERE code = %s", (code,))
    responses_before = stack.scalar("SELECT count(*) FROM surveys_response WHERE campaign_id = %s", (campaign,))
    editors = [_editor(stack, n) for n in range(4, 10)]
    stop = threading.Event()
    outcomes: list[tuple[str, int, str]] = []
    submitted: list[int] = []

    def surveys():
        while not stop.is_set():
            outcome, last = _survey_once(stack, code)
            outcomes.append((outcome, last.status_code, last.text))

    def submit(pair):
        account, session = pair
        base = f"{stack.url}/org/{account['org']}/workplaces/{account['workplace']}/returns/{account['round']}"
        while not stop.is_set():
            page = session.get(f"{base}/check/", timeout=30)
            if page.status_code >= 500:
                outcomes.append(("page", page.status_code, page.text))
                continue
            done = session.post(f"{base}/check/", data={"csrfmiddlewaretoken": csrf(page.text), "declaration": "on"},
                                timeout=30)
            outcomes.append(("page", done.status_code, done.text))
            if done.ok and "confirmation" in done.url:
                submitted.append(account["workplace"])
                return
            time.sleep(0.3)

    with ThreadPoolExecutor(max_workers=6) as pool:
        futures = [pool.submit(surveys) for _ in range(3)] + [pool.submit(submit, pair) for pair in editors[:3]]
        time.sleep(4)
        stack.run("restart-db")
        time.sleep(1)
        futures += [pool.submit(submit, pair) for pair in editors[3:]]
        time.sleep(6)
        stop.set()
        for future in futures:
            future.result(timeout=120)

    problems = []  # every broken promise is listed, not only the first
    failures = [(status, text) for _kind, status, text in outcomes if status >= 500]
    bare = sum(1 for _status, text in failures if OWN_ERROR_PAGE not in text)
    if bare:
        problems.append(f"{bare} of {len(failures)} HTTP 5xx answers were not the service's own error page")
    if any(STACK_TRACE.search(text) for _status, text in failures):
        problems.append("a stack trace reached the user")
    # Recovers without anyone touching it: health, a survey and every remaining submit work now.
    if not stack.wait_healthy(timeout=30):
        problems.append("/healthz did not recover within 30 s")
    outcome, last = _survey_once(stack, code)
    outcomes.append((outcome, last.status_code, last.text))
    if outcome != "sent":
        problems.append(f"a survey could not be sent after the restart (HTTP {last.status_code} at {last.url})")
    sent = sum(1 for kind, *_ in outcomes if kind == "sent")
    failed_sends = sum(1 for kind, *_ in outcomes if kind == "failed")
    failed_statuses = Counter(status for kind, status, _text in outcomes if kind == "failed")
    stored = stack.scalar("SELECT count(*) FROM surveys_response WHERE campaign_id = %s", (campaign,))
    # Nothing confirmed is lost; nothing is stored twice (at most the sends whose answer never reached the person).
    if not sent <= stored - responses_before <= sent + failed_sends:
        problems.append(f"{sent} surveys confirmed and {failed_sends} failed (last HTTP status: "
                        f"{dict(failed_statuses)}), but {stored - responses_before} stored")
    if stack.scalar("SELECT count(*) FROM surveys_response WHERE answers IS NULL OR answers = '{}'::jsonb"):
        problems.append("a survey response without answers")
    # No half-written return: every submitted one has its reference, time and one audit row.
    workplaces = [a["workplace"] for a, _ in editors]
    rows = stack.sql(
        "SELECT r.id, r.state, r.submission_reference, r.submitted_at, "
        "(SELECT count(*) FROM collection_changerecord c WHERE c.workforce_return_id = r.id AND c.action = 'submitted' "
        "AND c.field = 'state') "
        "FROM collection_workforcereturn r JOIN collection_collectionround k ON k.id = r.round_id "
        "WHERE k.slug = 'load' AND r.workplace_id = ANY(%s)", (workplaces,))
    for return_id, state, reference, submitted_at, audits in rows:
        whole = (reference and submitted_at and audits == 1) if state == "submitted" else (not reference and not audits)
        if not whole:
            problems.append(f"return {return_id} is half-written: {state}, {reference}, {submitted_at}, {audits} audits")
    if sum(1 for r in rows if r[1] == "submitted") < len(set(submitted)):
        problems.append("a return confirmed as submitted is not submitted")
    print(f"\nPostgreSQL restart: {len(outcomes)} journeys/pages, {len(failures)} answered HTTP 5xx ({bare} bare), "
          f"{sent} surveys confirmed, {stored - responses_before} stored, {len(set(submitted))} returns submitted")
    assert not problems, problems


def test_smtp_down_during_chase_then_every_message_delivered_once(stack):
    day = (date.today() + timedelta(days=1)).isoformat()  # the load round is due today: overdue notices tomorrow
    last = stack.scalar("SELECT coalesce(max(id), 0) FROM compliance_chaserecord")  # demo data has old failures
    stack.run("stop-smtp")
    mail_before = len(stack.mail())
    stack.manage("chase", "--date", day)
    counts = dict(stack.sql("SELECT status, count(*) FROM compliance_chaserecord "
                            "WHERE id > %s AND channel IN ('email', 'letter') GROUP BY status", (last,)))
    failed = stack.scalar("SELECT count(*) FROM compliance_chaserecord WHERE id > %s AND status = 'failed' "
                          "AND last_error NOT LIKE 'No email address%%'", (last,))  # nobody to write to: not retried
    assert failed > 0, f"nothing failed with the SMTP server down: {counts}"
    assert counts.get("sending", 0) == 0
    assert len(stack.mail()) == mail_before
    stack.run("start-smtp")
    # The first retry is due 5 minutes after the failure: move those times to now instead of waiting.
    stack.sql("UPDATE compliance_chaserecord SET next_attempt_at = now() WHERE id > %s AND status = 'failed'", (last,))
    stack.manage("chase", "--date", day, "--retry")
    stack.manage("chase", "--date", day, "--retry")  # a second run sends nothing again
    stack.manage("chase", "--date", day)  # nor does the day's sweep run again
    sent_ids = [r[0] for r in stack.sql("SELECT id FROM compliance_chaserecord WHERE id > %s AND status = 'sent'",
                                        (last,))]
    undelivered = stack.sql("SELECT id, channel, status, attempts FROM compliance_chaserecord "
                            "WHERE id > %s AND channel IN ('email', 'letter') AND status IN ('failed', 'queued', 'sending') "
                            "AND last_error NOT LIKE 'No email address%%'", (last,))
    assert undelivered == [], "every message is delivered once the SMTP server is back"
    delivered = [m for m in stack.mail()[mail_before:] if "chase-" in m]
    ids = [int(found) for m in delivered for found in re.findall(r"Message-ID: <chase-(\d+)\.", m, re.I)]
    print(f"\nSMTP down: {failed} messages failed, {len(sent_ids)} sent after it came back, {len(ids)} delivered")
    assert sorted(ids) == sorted(sent_ids), "every message exactly once"
    assert len(ids) >= failed
