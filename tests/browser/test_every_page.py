"""Every page every demo role can reach: words not codes, no sideways scrolling at 320 px, and axe finds nothing.

On the demo data (`manage.py seed_demo`, demo mode), for each demo sign-in in `providers.demo.USERS` and for a
person with no account (the survey links and the API documentation), the crawler starts at the home page and
follows every same-site link it finds, breadth first. Each distinct page (its URL pattern and query keys) is
visited a bounded number of times per role, so the run stays at a few minutes however much demo data there is.

On every page it visits:
- **words, not codes**: no `snake_case` token, no code value of a choice list with its underscores dropped
  ("formalletter"), no "10 → 8" change between bare numbers and no ASC-WDS column name in visible text
  (text a screen reader reads counts; text inside `<code>`, `<pre>`, `<kbd>` and `<samp>` does not);
- **reflow** (WCAG 1.4.10): at 320 px wide, `document.documentElement.scrollWidth <= clientWidth`;
- **axe-core**: zero violations of any impact, WCAG 2.2 AA rules and best practice (the "region" rule included).

A failure lists every problem as "role · page · problem", then every page visited, so one run shows all of it.
"""

from __future__ import annotations

import io
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urldefrag, urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import Resolver404, resolve, reverse

from providers.demo import DEMO_PASSWORD, USERS

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 800}
VISITS_PER_PATTERN = 2  # per role: the same page of two different records shows most of what varies
AXE_PER_PATTERN = 2  # in the whole run: axe is the slow part, and a page's markup rarely varies by role
MAX_PAGES_PER_ROLE = 120
# Pages that are the same whoever asks: checked in the first role that reaches them, not in every role.
SAME_FOR_EVERYONE = {"/api/docs/", "/accessibility/", "/privacy/"}
MIN_PAGES_SIGNED_IN = 8  # fewer means the crawl did not get in, and would pass without having looked

# Links the crawler never follows: signing out ends the crawl, the Django admin is Django's own, the API itself
# answers JSON (its documentation is crawled), and files are downloads, not pages.
SKIP = re.compile(
    r"/accounts/logout/|/sign-out|/still-here/|/django-admin/|/api/v1/|/api/schema/|/static/|/media/"
    r"|\.(png|svg|xlsx|csv|zip|pdf|json|txt)$|/download/?$"
)

# Real identifiers people read and type that look like codes. Keep this short: each entry is a word on screen that
# is not a code a person would have to decode.
ALLOWED_TOKENS: set[str] = set()

# A placeholder a person types into a message template ("{response_days}") is a real identifier: not a code.
SNAKE = re.compile(r"(?<![\w.@/{-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@/}-])")
NUMBER_CHANGE = re.compile(r"(?<![\w.,£])\d+\s*(?:→|->)\s*\d+(?![\w.,%])")

# The visible text of the page: every rendered text node (visually hidden text included, since a screen reader
# reads it), the options of every select, alt text and the labels of buttons, less code samples.
VISIBLE_TEXT_JS = """() => {
  const skip = 'code, pre, kbd, samp, script, style, noscript, template';
  const parts = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest(skip) || !node.textContent.trim()) continue;
    if (!el.getClientRects().length) continue;
    parts.push(node.textContent);
  }
  for (const el of document.querySelectorAll('option, [alt], [aria-label], input[type=submit], input[type=button]')) {
    if (el.closest(skip)) continue;
    parts.push(el.tagName === 'OPTION' ? el.textContent : (el.getAttribute('alt') || el.getAttribute('aria-label') || el.value || ''));
  }
  return parts.join('\\n');
}"""

LINKS_JS = """() => Array.from(document.querySelectorAll('a[href]'))
  .filter(a => !a.hasAttribute('download'))
  .map(a => a.href)"""


@dataclass
class Crawl:
    problems: list[str] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)
    axe_runs: Counter = field(default_factory=Counter)
    shared_seen: set = field(default_factory=set)
    flavour: str = ""  # "no script" while crawling with JavaScript off: its pages get their own axe runs
    axe_page: object = None  # with JavaScript off axe cannot run in the page: it runs on a copy of its markup here

    def report(self) -> str:
        return (f"{len(self.problems)} problem(s):\n" + "\n".join(self.problems)
                + f"\n\nPages visited ({len(self.visited)}):\n" + "\n".join(self.visited))


def _choice_codes() -> set[str]:
    """Every stored code of every choice list in the project whose words are joined ("formal_letter"), written with
    the underscores dropped: the way a code leaks through `|cut` or a slug."""
    codes = set()
    for model in apps.get_models():
        if model.__module__.split(".")[0] not in {"providers", "collection", "uploads", "surveys", "compliance",
                                                   "exports", "api"}:
            continue
        for model_field in model._meta.get_fields():
            for value, _label in getattr(model_field, "flatchoices", None) or []:
                if isinstance(value, str) and "_" in value:
                    codes.add(value.replace("_", ""))
    return codes


def _ascwds_columns() -> set[str]:
    """The ASC-WDS bulk-upload column names (EMPLSTATUS, OTHERTYPE, …): spec text, never a label."""
    from collection.ascwds import columns

    names = set()
    for value in vars(columns).values():
        if isinstance(value, (list, tuple)) and value and all(isinstance(v, str) for v in value):
            names.update(v for v in value if v.isupper() and len(v) > 3)
    return names


def _pattern(url: str) -> str:
    """What makes two addresses the same page: the URL pattern that serves it and the names of its query keys."""
    parts = urlsplit(url)
    try:
        route = "/" + resolve(parts.path).route
    except Resolver404:
        route = parts.path
    keys = sorted({key for key, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return route + ("?" + "&".join(keys) if keys else "")


def _codes_in(text: str, mashed: set[str], columns: set[str]) -> list[str]:
    """The codes in a page's visible text. (`columns` is empty on upload pages, where a column name is what the
    person finds in their own file.)"""
    found = [f"snake_case {token!r}" for token in SNAKE.findall(text) if token not in ALLOWED_TOKENS]
    found += [f"bare code change {m.group(0)!r}" for m in NUMBER_CHANGE.finditer(text)]
    words = set(re.findall(r"[A-Za-z0-9]+", text))
    found += [f"code {word!r}" for word in sorted(words & mashed) if word not in ALLOWED_TOKENS]
    found += [f"ASC-WDS column name {word!r}" for word in sorted(words & columns)]
    return sorted(set(found))


def _axe(page, axe) -> list[str]:
    results = axe.run(page)  # every rule axe ships, WCAG and best practice alike
    return [f"axe {v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(n["target"]) for n in v["nodes"][:4]) for v in results.response["violations"]]


def _check_page(page, crawl: Crawl, where: str, url: str, axe, mashed, columns) -> None:
    in_file = "/uploads/" in url
    for problem in _codes_in(page.evaluate(VISIBLE_TEXT_JS), mashed, set() if in_file else columns):
        crawl.problems.append(f"{where} · {problem}")
    pattern = (crawl.flavour, _pattern(url))
    if crawl.axe_runs[pattern] < AXE_PER_PATTERN:
        crawl.axe_runs[pattern] += 1
        checked = page
        if crawl.axe_page is not None:  # the page as a browser without script built it, scripts left out
            html = re.sub(r"<script\b.*?</script>", "", page.content(), flags=re.S)
            html = html.replace("<head>", f'<head><base href="{page.url}">', 1)
            crawl.axe_page.set_content(html)
            checked = crawl.axe_page
        crawl.problems.extend(f"{where} · {problem}" for problem in _axe(checked, axe))
    page.set_viewport_size(NARROW)
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    if widths[0] > widths[1]:
        wide = page.evaluate("""() => Array.from(document.querySelectorAll('body *'))
          .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                        && el.getClientRects().length)
          .slice(0, 3).map(el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : ''))""")
        crawl.problems.append(f"{where} · scrolls sideways at 320 px (scrollWidth {widths[0]} > {widths[1]}; "
                              f"widest: {', '.join(wide)})")
    page.set_viewport_size(DESKTOP)


def _crawl(page, base: str, who: str, starts: list[str], crawl: Crawl, axe, mashed, columns) -> None:
    console: list[str] = []
    page.on("console", lambda message: message.type == "error" and console.append(message.text))
    page.on("pageerror", lambda error: console.append(str(error)))
    queue = deque(base + start for start in starts)
    seen: set[str] = set(queue)
    per_pattern: Counter = Counter()
    pages = 0
    while queue and pages < MAX_PAGES_PER_ROLE:
        url = queue.popleft()
        pattern = _pattern(url)
        if per_pattern[pattern] >= VISITS_PER_PATTERN:
            continue
        if pattern in SAME_FOR_EVERYONE:
            if pattern in crawl.shared_seen:
                continue
            crawl.shared_seen.add(pattern)
        per_pattern[pattern] += 1
        console.clear()
        response = page.goto(url)
        path = url[len(base):]
        where = f"{who} · {path}"
        if response is None or response.status >= 400:
            crawl.problems.append(f"{where} · answered {response and response.status} (a link leads nowhere)")
            continue
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        pages += 1
        crawl.visited.append(where + (f" (now {page.url[len(base):]})" if page.url != url else ""))
        _check_page(page, crawl, where, page.url, axe, mashed, columns)
        crawl.problems.extend(f"{where} · console error: {text}" for text in console)
        for link in page.evaluate(LINKS_JS):
            link = urldefrag(link)[0]
            if not link.startswith(base + "/") or SKIP.search(urlsplit(link).path) or link in seen:
                continue
            seen.add(link)
            queue.append(link)


@pytest.fixture
def demo(settings):
    """The demo data in demo mode, plus one change made the way a person makes it (a job role, a start date, then
    a leaver), so the history pages have coded values and dates to show in words."""
    from datetime import timedelta

    from collection.models import StaffRecord
    from collection.services import staff_record_remove, staff_record_update
    from config import clock
    from providers.models import User

    settings.DEMO_MODE = True
    call_command("seed_demo", stdout=io.StringIO())
    admin = User.objects.get(email=USERS[0][0])
    records = StaffRecord.objects.filter(workforce_return__workplace__organisation__memberships__user=admin,
                                         workforce_return__state="in_progress", left_on__isnull=True).order_by("pk")
    changed, leaver = records[0], records[1]
    role = "8" if changed.job_role != "8" else "10"
    staff_record_update(record=changed, actor=admin, version=changed.version, confirm_warnings=True,
                        data={"job_role": role, "start_date": clock.today() - timedelta(400)})
    staff_record_remove(record=leaver, actor=admin, leaving_reason="6", left_on=clock.today() - timedelta(3))
    changed_return = changed.workforce_return
    history = reverse("collection:return-history", kwargs={
        "org": changed_return.workplace.organisation.slug, "workplace": changed_return.workplace_id,
        "round": changed_return.round.slug})
    upload = _upload_with_problems(changed_return.workplace.organisation, changed_return.round, admin)
    report = reverse("uploads:detail", kwargs={"org": changed_return.workplace.organisation.slug, "upload": upload.pk})
    return {admin.email: [history, report]}  # pages a role's crawl starts from besides the home page


def _upload_with_problems(organisation, round_, user):
    """The organisation's own return downloaded as ASC-WDS files and uploaded again with a date of birth no
    calendar has, checked (the task runs in process): its report page lists the problem in words."""
    from uploads.models import Upload
    from uploads.services.download import return_files
    from uploads.services.uploads import upload_create, upload_validate

    workplaces, staff = return_files(organisation=organisation, round=round_)
    lines = staff.decode().splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("DOB")] = "31/02/1990"
    lines[1] = ",".join(cells)
    upload = upload_create(organisation=organisation, round=round_, user=user,
                           files=[("workplaces.csv", workplaces), ("staff.csv", ("\n".join(lines) + "\n").encode())])  # fmt: skip
    upload_validate(upload_id=upload.pk)
    upload.refresh_from_db()
    assert upload.state in (Upload.State.FAILED, Upload.State.WARNINGS), (upload.state, upload.stage)
    return upload


def _survey_starts() -> list[str]:
    """The survey links a care worker is given: one of each kind the demo has, and its one-page form."""
    from surveys.models import Campaign

    starts, kinds = [], set()
    for campaign in Campaign.objects.order_by("pk"):
        key = (campaign.kind, getattr(campaign, "channel", ""))
        if key in kinds:
            continue
        kinds.add(key)
        starts += [f"/s/{campaign.code}/", f"/s/{campaign.code}/answers/"]
    return starts


def test_every_page_of_every_demo_role_is_plain_fits_a_phone_and_passes_axe(demo, live_server, browser):
    from axe_playwright_python.sync_playwright import Axe

    from providers.models import User
    from tests.browser.conftest import sign_in

    axe, crawl = Axe(), Crawl()
    mashed, columns = _choice_codes(), _ascwds_columns()
    base = live_server.url
    roles = [("no account", None), ("no account, no script", None)] + [(email.split("@")[0], email)
                                                                      for email, *_ in USERS]
    for who, email in roles:
        # a care worker's phone may run no script: the survey must be whole without it
        context = browser.new_context(viewport=DESKTOP, java_script_enabled="no script" not in who)
        page = context.new_page()
        crawl.flavour = "no script" if "no script" in who else ""
        crawl.axe_page = browser.new_context(viewport=DESKTOP).new_page() if crawl.flavour else None
        if "no script" in who:
            starts = _survey_starts()
        elif email is None:
            starts = ["/", "/api/docs/", *_survey_starts()]
        else:
            sign_in(page, base, User.objects.get(email=email), DEMO_PASSWORD)
            starts = ["/", *demo.get(email, [])]
        before = len(crawl.visited)
        _crawl(page, base, who, starts, crawl, axe, mashed, columns)
        if email and len(crawl.visited) - before < MIN_PAGES_SIGNED_IN:
            crawl.problems.append(f"{who} · reached only {len(crawl.visited) - before} pages: did signing in work?")
        context.close()
        if crawl.axe_page is not None:
            crawl.axe_page.context.close()
    assert not crawl.problems, crawl.report()
