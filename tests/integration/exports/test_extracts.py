"""Ad-hoc extracts of chosen fixed tables (issue 17 item 4): asked for on the web page or the API, made through
the same service, audited with the round's releases; refused with a plain reason when there is nothing to audit
against yet; bad choices get a clear message and nothing is saved."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from exports.extracts import table_choices
from exports.models import ExportEvent, ExportFile, ExportRelease
from tests.factories.exports import submitted_return
from tests.factories.providers import WorkplaceFactory
from tests.unit.exports.readback import read_tables

pytestmark = pytest.mark.django_db
CHOSEN = ("workforce_district_role", "vacancies_district")


@pytest.fixture
def scene(world, rounds):
    """Council A contracts with org A; org A's workplaces have returns in the latest round (closes 31 July 2026)."""
    for n in range(4):
        submitted_return(workplace=WorkplaceFactory(organisation=world.org_a), collection_round=rounds[-1],
                         staff=12 + 4 * n, state="accepted")
    return world, rounds[-1]


def _release(world, collection_round):
    """The round's first release, made as the daily task would (kept out of the request's task, whose time limit
    is short in tests)."""
    from exports.services import release_make_due

    release = release_make_due(council=world.council_a, collection_round=collection_round)
    assert release is not None and release.status == "released"
    return release


def _new(world) -> str:
    return reverse("exports-council:extract-new", kwargs={"council": world.council_a.slug})


def _rendered_choices(html: str, name: str) -> dict[str, str]:
    """value -> label of the checkboxes or radios the page rendered for `name`."""
    found = {}
    for match in re.finditer(rf'<input[^>]*name="{name}"[^>]*value="([^"]+)"[^>]*>\s*<label[^>]*>([^<]+)</label>',
                             html):
        found[match.group(1)] = match.group(2).strip()
    return found


@pytest.mark.today("2026-08-10")
def test_an_analyst_asks_for_an_extract_of_chosen_tables_on_the_page(scene, client,
                                                                    django_capture_on_commit_callbacks):
    world, collection_round = scene
    analyst = world.users["analyst"]
    _release(world, collection_round)
    client.force_login(analyst)
    page = client.get(_new(world)).content.decode()
    tables = _rendered_choices(page, "tables")
    assert tables == dict(table_choices()) and len(tables) >= 20  # the fixed catalogue, nothing else
    assert collection_round.slug in _rendered_choices(page, "round")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_new(world), {"round": collection_round.slug, "tables": list(reversed(CHOSEN))})
    extract = ExportFile.objects.get(kind="extract")
    assert response.status_code == 302 and response["Location"].endswith(f"/exports/{extract.pk}/")
    extract.refresh_from_db()
    assert extract.status == "ready", (extract.status, extract.error)
    assert extract.tables == list(CHOSEN)  # in catalogue order
    assert ExportRelease.objects.filter(council=world.council_a, status="released").count() == 1  # audited with it
    book, found = read_tables(bytes(extract.content))
    titles = dict(table_choices())
    shown = [re.sub(r"^Table \d+: | \[note \d+\]", "", t.title) for t in found if t.title.startswith("Table ")]
    assert shown == [titles[k] for k in CHOSEN]
    cover = " ".join(str(c.value) for row in book.worksheets[0].iter_rows() for c in row if c.value)
    assert "ad-hoc extract" in cover.lower() and "not a release" in cover
    detail = client.get(response["Location"]).content.decode()
    assert "Your workbook is ready" in detail and titles[CHOSEN[0]] in detail
    download = client.get(reverse("exports-council:download", kwargs={"council": world.council_a.slug,
                                                                      "export": extract.pk}))
    assert download.content == bytes(extract.content)
    actions = list(ExportEvent.objects.filter(export=extract).order_by("at", "id").values_list("action", "kind"))
    assert actions == [("requested", "extract"), ("downloaded", "extract")]
    assert extract.knowledge is not None  # kept to audit every later release and extract


@pytest.mark.today("2026-06-01")
def test_before_the_first_release_an_extract_is_refused_in_plain_words(scene, client,
                                                                       django_capture_on_commit_callbacks):
    world, collection_round = scene
    client.force_login(world.users["analyst"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_new(world), {"round": collection_round.slug, "tables": [CHOSEN[0]]})
    extract = ExportFile.objects.get(kind="extract")
    assert extract.status == "refused" and not extract.content and extract.is_finished
    assert "no release" in extract.error and "31 July 2026" in extract.error
    page = client.get(response["Location"]).content.decode()
    assert "This extract was not made" in page and "31 July 2026" in page


@pytest.mark.today("2026-08-10")
@pytest.mark.parametrize(("tables", "message"), [
    ([], "Select at least one table"),
    (["staff_by_provider"], "Select tables from the list"),  # not a fixed table: no free-form extracts
])
def test_bad_choices_get_a_clear_message_and_nothing_is_saved(scene, client, tables, message):
    world, collection_round = scene
    client.force_login(world.users["analyst"])
    response = client.post(_new(world), {"round": collection_round.slug, "tables": tables})
    assert response.status_code == 200 and message in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert not ExportFile.objects.exists() and not ExportEvent.objects.exists()


@pytest.mark.today("2026-08-10")
def test_the_api_asks_for_an_extract_through_the_same_service(scene, client, django_capture_on_commit_callbacks):
    world, collection_round = scene
    _release(world, collection_round)
    client.force_login(world.users["analyst"])
    url = reverse("api:extract-create", kwargs={"council": world.council_a.slug, "round": collection_round.slug})
    bad = client.post(url, {"tables": ["staff_by_provider"]}, content_type="application/json")
    assert bad.status_code == 400 and not ExportFile.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        made = client.post(url, {"tables": list(CHOSEN)}, content_type="application/json")
    assert made.status_code == 202 and made.json()["tables"] == list(CHOSEN)
    detail = client.get(reverse("api:export-detail", kwargs={"council": world.council_a.slug,
                                                             "export": made.json()["id"]})).json()
    assert detail["status"] == "ready" and detail["kind"] == "extract" and detail["reason"] == ""
    other = reverse("api:extract-create", kwargs={"council": world.council_b.slug, "round": collection_round.slug})
    assert client.post(other, {"tables": list(CHOSEN)}, content_type="application/json").status_code == 404


@pytest.mark.django_db
def test_a_release_after_an_extract_is_audited_with_it(scene, move_clock_to, django_capture_on_commit_callbacks,
                                                       client):
    """What an extract's reader knows is history for the round's next release (and the next extract)."""
    from exports import services

    world, collection_round = scene
    move_clock_to(date(2026, 8, 10))
    _release(world, collection_round)
    client.force_login(world.users["analyst"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_new(world), {"round": collection_round.slug, "tables": list(CHOSEN)})
    extract = ExportFile.objects.get(kind="extract")
    given = services._extracts_given(council=world.council_a, collection_round=collection_round)
    assert [p.number for p in given] == [extract.pk] and given[0].knowledge.ids
