"""Deadline-day load mix for the stack started by scripts/stack.sh (run it with tests/load/run.py).

Providers' editors sign in, open their returns, edit staff records and submit; some upload 1,000-row ASC-WDS files
and wait for the check; staff answer the survey on phones through /s/<code>/; contract officers and analysts sign
in with their authenticator code, load their dashboards and ask for workbooks. Accounts come from
$STACK_DIR/accounts.json (written by tests/load/seed.py). Requests are named by page, not by URL.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
from pathlib import Path

from locust import FastHttpUser, HttpUser, between, constant_pacing, task

from collection.ascwds.synthetic import synthetic_files
from tests.load.helpers import csrf, form_values, totp

ROOT = Path(__file__).resolve().parents[2]
STACK_DIR = Path(os.environ.get("STACK_DIR", ROOT / "var" / "stack"))
ACCOUNTS = json.loads((STACK_DIR / "accounts.json").read_text())
PHONE = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
         "Chrome/126.0 Mobile Safari/537.36")
UPLOAD_FILES = synthetic_files(workplaces=10, staff=1000, seed=7)  # 1,000 staff rows
_next = {kind: itertools.count() for kind in ("editor", "council")}
_officers = [a for a in ACCOUNTS["council"] if a["role"] == "contract_officer"]
_analysts = [a for a in ACCOUNTS["council"] if a["role"] != "contract_officer"]
COUNCIL = [a for pair in zip(_officers, _analysts, strict=False) for a in pair]  # officers and analysts alternate


class SignedIn(HttpUser):
    abstract = True

    def sign_in(self, email: str, *, secret: str | None = None) -> None:
        page = self.client.get("/accounts/login/", name="sign in (form)")
        response = self.client.post("/accounts/login/", name="sign in (password)", data={
            "csrfmiddlewaretoken": csrf(page.text), "login": email, "password": ACCOUNTS["password"]})
        for _attempt in range(3):  # a code that ran out while the page was on its way is typed again, as people do
            if not secret or "/2fa/authenticate" not in response.url:
                break
            response = self.client.post("/accounts/2fa/authenticate/", name="sign in (authenticator code)", data={
                "csrfmiddlewaretoken": csrf(response.text), "code": totp(secret)})


class ProviderEditor(SignedIn):
    """An editor on deadline day: opens the return, corrects staff records, submits once, keeps checking."""

    weight = 5
    wait_time = between(3, 10)  # reading a page or filling in a form; a person is slower still

    def on_start(self):
        self.account = ACCOUNTS["editors"][next(_next["editor"]) % len(ACCOUNTS["editors"])]
        a = self.account
        self.base = f"/org/{a['org']}/workplaces/{a['workplace']}/returns/{a['round']}"
        self.edits = 0
        self.sign_in(a["email"], secret=a["totp"])
        # On a stack kept from an earlier run this return may be in already: then the editor only checks on it.
        task_list = self.client.get(f"{self.base}/", name="provider: task list")
        self.submitted = "You submitted this return on" in task_list.text

    @task(3)
    def open_return(self):
        self.client.get(f"/org/{self.account['org']}/returns/", name="provider: returns")
        self.client.get(f"{self.base}/", name="provider: task list")
        self.client.get(f"{self.base}/staff/", name="provider: staff list")

    @task(4)
    def edit_staff_record(self):
        if self.submitted:
            return self.open_return()
        record = self.account["records"][self.edits % len(self.account["records"])]
        url = f"{self.base}/staff/{record}/pay/"  # one question page of the record: pay and hours
        page = self.client.get(url, name="provider: staff record (form)")
        form = form_values(page.text)
        data = {**form.values, "csrfmiddlewaretoken": [csrf(page.text)]}
        with self.client.post(url, data=data, name="provider: staff record (save)", catch_response=True) as r:
            if r.ok and r.url.rstrip("/").endswith("qualifications"):  # saved: on to the next page
                r.success()
            else:
                r.failure(f"staff record not saved ({r.status_code}, {r.url})")
        self.edits += 1

    @task(1)
    def submit_return(self):
        if self.submitted or self.edits < 2:
            return
        page = self.client.get(f"{self.base}/check/", name="provider: check answers")
        with self.client.post(f"{self.base}/check/", name="provider: submit return", catch_response=True, data={
                "csrfmiddlewaretoken": csrf(page.text), "declaration": "on"}) as r:
            if r.ok and "confirmation" in r.url:
                r.success()
                self.submitted = True
            else:
                r.failure(f"return not submitted ({r.status_code}, {r.url})")


class ProviderUploader(SignedIn):
    """An editor uploading the two ASC-WDS files (1,000 staff rows) and watching the check."""

    weight = 1
    wait_time = between(60, 120)  # reads the report and corrects the files before sending them again

    def on_start(self):
        self.account = ACCOUNTS["editors"][next(_next["editor"]) % len(ACCOUNTS["editors"])]
        self.sign_in(self.account["email"], secret=self.account["totp"])

    @task
    def upload(self):
        org = self.account["org"]
        page = self.client.get(f"/org/{org}/uploads/", name="upload: page")
        rounds = form_values(page.text).radios.get("round", [])
        workplace_csv, staff_csv = UPLOAD_FILES
        with self.client.post(f"/org/{org}/uploads/", name="upload: send files (1,000 rows)", catch_response=True,
                              data={"csrfmiddlewaretoken": csrf(page.text), "round": rounds[0] if rounds else ""},
                              files=[("files", ("workplace.csv", workplace_csv, "text/csv")),
                                     ("files", ("staff.csv", staff_csv, "text/csv"))]) as r:
            found = re.search(r"/uploads/(\d+)/", r.url or "")
            if not (r.ok and found):
                r.failure(f"upload not created ({r.status_code})")
                return
        started = time.monotonic()
        while time.monotonic() - started < 120:
            status = self.client.get(f"/org/{org}/uploads/{found.group(1)}/status/", name="upload: progress (JSON)")
            if status.ok and not status.json().get("checking"):
                self.environment.events.request.fire(
                    request_type="TASK", name="upload: checked (end to end)", response_time=(time.monotonic() - started) * 1000,
                    response_length=0, exception=None if status.json()["state"] != "crashed" else Exception("crashed"))
                break
            time.sleep(2)
        self.client.get(f"/org/{org}/uploads/{found.group(1)}/", name="upload: report")


ONE_PAGE_OPTION = re.compile(r'name="(q-[a-z0-9_]+)" type="(?:radio|checkbox)" value="([^"]*)"')
ONE_PAGE_TEXT = re.compile(r'<textarea[^>]* name="(q-[a-z0-9_]+)"')
NONCE = re.compile(r'name="nonce" value="([^"]+)"')
_choices: dict[str, tuple[dict[str, list[str]], list[str]]] = {}


def _one_page_answers(code: str, html: str) -> dict[str, str]:
    """An answer to every question of the one-page form, as the page script sends it (a random option each;
    answers to questions that turn out not to apply are dropped by the server). The options are read once per link."""
    if code not in _choices:
        options: dict[str, list[str]] = {}
        for name, value in ONE_PAGE_OPTION.findall(html):
            options.setdefault(name, []).append(value)
        _choices[code] = (options, ONE_PAGE_TEXT.findall(html))
    options, texts = _choices[code]
    answers = {name: random.choice(values) for name, values in options.items()}
    return answers | {name: "More time with the people I support." for name in texts}


class SurveyRespondent(FastHttpUser):
    """Care workers answering the staff survey on phones. Each simulated respondent stands for many phones: it sends
    a survey every LOAD_SURVEY_PACE seconds (1 by default; a person takes about 5 minutes, so 100 surveys a second is
    some 30,000 people answering at once).

    Almost every phone runs the page script: the questions are steps of one page and the answers go in one request
    (GET the form, POST the answers, GET the confirmation). One survey in 50 goes one question per page, as a phone
    does when the script does not load."""

    weight = 11
    wait_time = constant_pacing(float(os.environ.get("LOAD_SURVEY_PACE", "1")))
    default_headers = {"User-Agent": PHONE}

    @task(49)
    def answer_survey_on_one_page(self):
        self.client.cookiejar.clear()
        code = random.choice(ACCOUNTS["survey_codes"])
        page = self.client.get(f"/s/{code}/answers/", name="survey (one page): form")
        if not page.ok:
            return
        data = _one_page_answers(code, page.text) | {
            "csrfmiddlewaretoken": csrf(page.text), "nonce": NONCE.search(page.text).group(1)}
        with self.client.post(f"/s/{code}/answers/", data=data, name="survey: send answers",
                              catch_response=True) as r:
            if r.ok and "/done/" in (r.url or ""):
                r.success()
            else:
                r.failure(f"survey not sent ({r.status_code}, {r.url})")

    @task(1)
    def answer_survey_page_by_page(self):
        self.client.cookiejar.clear()
        code = random.choice(ACCOUNTS["survey_codes"])
        page = self.client.get(f"/s/{code}/", name="survey (page by page): start")
        page = self.client.post(f"/s/{code}/", name="survey (page by page): start (post)",
                                data={"csrfmiddlewaretoken": csrf(page.text)})
        for _ in range(60):
            if "/check/" in (page.url or "") or not page.ok:
                break
            form = form_values(page.text)
            data = {"csrfmiddlewaretoken": csrf(page.text)}
            if form.radios.get("answer"):
                data["answer"] = form.radios["answer"][0]
            page = self.client.post(page.url, name="survey (page by page): question", data=data)
        with self.client.post(f"/s/{code}/check/", name="survey: send answers", catch_response=True,
                              data={"csrfmiddlewaretoken": csrf(page.text)}) as r:
            if r.ok and (r.url or "").rstrip("/").endswith("done"):
                r.success()
            else:
                r.failure(f"survey not sent ({r.status_code}, {r.url})")


class CouncilStaff(SignedIn):
    """Contract officers and analysts watching deadline day; analysts ask for workbooks now and then."""

    weight = 2
    wait_time = between(5, 15)

    def on_start(self):
        self.account = COUNCIL[next(_next["council"]) % len(COUNCIL)]
        self.council = f"/council/{self.account['council']}"
        self.sign_in(self.account["email"], secret=self.account["totp"])

    @task(10)
    def dashboards(self):
        if self.account["role"] == "contract_officer":
            self.client.get(f"{self.council}/", name="council: home")
            self.client.get(f"{self.council}/returns/", name="officer: returns")
            self.client.get(f"{self.council}/compliance/", name="officer: compliance desk")
        else:
            self.client.get(f"{self.council}/surveys/results/", name="analyst: survey results")
            self.client.get(f"{self.council}/exports/", name="analyst: exports")

    @task(1)
    def request_workbook(self):
        if self.account["role"] != "analyst":
            return
        page = self.client.get(f"{self.council}/exports/", name="analyst: exports")
        with self.client.post(f"{self.council}/exports/", name="analyst: request workbook", catch_response=True, data={
                "csrfmiddlewaretoken": csrf(page.text), "round": "demo-previous", "kind": "workforce"}) as r:
            found = re.search(r"/exports/(\d+)/", r.url or "")
            if not (r.ok and found):
                r.failure(f"workbook not requested ({r.status_code}, {r.url})")
                return
        started = time.monotonic()
        while time.monotonic() - started < 120:
            status = self.client.get(f"{self.council}/exports/{found.group(1)}/status.json", name="analyst: workbook status (JSON)")
            if not status.ok:
                break
            body = status.json()
            if body.get("finished") or body.get("status") in ("ready", "failed"):
                self.environment.events.request.fire(
                    request_type="TASK", name="analyst: workbook ready (end to end)",
                    response_time=(time.monotonic() - started) * 1000, response_length=0,
                    exception=None if body.get("status") == "ready" else Exception(str(body)))
                break
            time.sleep(2)
