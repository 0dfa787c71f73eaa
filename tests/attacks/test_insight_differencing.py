"""Attack 5 run over the insight page (issue 20): the analyst also reads `/council/<council>/surveys/insight/` for
every breakdown. Its heatmap and trend must publish nothing but figures the API already serves (which the
linear-programming attack of `test_lp_differencing` cannot narrow), and its driver view only council-level shares
of two groups of at least the threshold; so the attack over everything served still finds no narrow interval."""

from __future__ import annotations

import re

import pytest

from surveys.rules.insight import LEAVING_VALUES, REST_VALUES
from surveys.rules.suppression import MIN_RESPONSES
from surveys.selectors import council_responses
from tests.api.conftest import api_client  # noqa: F401 - the fixture
from tests.attacks.test_lp_differencing import _attack, _setup

pytestmark = pytest.mark.django_db


def _cells(table_html: str) -> list[list[str]]:
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table_html, flags=re.S)
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)]
            for row in rows]  # fmt: skip


def test_the_insight_page_adds_nothing_an_attacker_can_use(world, api_client, client):  # noqa: F811
    round_, atoms = _setup(world)
    body = api_client(world.users["analyst"]).get(
        f"/api/v1/councils/council-a/rounds/{round_.slug}/surveys/results/?kind=satisfaction").json()
    served = {(b["title"], g["name"]): g for b in body["breakdowns"] for g in b["groups"]}
    values = {(b["title"], row["measure"], g["name"]): value for b in body["breakdowns"] for row in b["rows"]
              for g, value in zip(b["groups"], row["values"], strict=True)}  # fmt: skip
    client.force_login(world.users["analyst"])
    for title in ("Service type", "District", "Channel"):
        page = client.get(f"/council/council-a/surveys/insight/?round={round_.slug}&by={title}").content.decode()
        heatmap = page.split("data-heatmap>")[1].split("</table>")[0]
        rows = _cells(heatmap)
        groups = rows[0][1:]
        assert all((title, group) in served for group in groups)
        for row in rows[2:]:
            for group, value in zip(groups, row[1:], strict=True):
                assert values[(title, row[0], group)] == value, (title, row[0], group)  # the API's figure, exactly
    headline = {row["label"]: row["value"] for row in body["headline"]}
    trend = page.split('data-trend="thinking_of_leaving"')[1].split("</table>")[0]
    assert _cells(trend)[-1][-1] == headline["Often or always think about leaving"]
    # the driver view: two council-level groups, both at least the threshold, or nothing
    answers = [row["answers"] for row in council_responses(council=world.council_a, round=round_, kind="satisfaction")]
    leaving = sum(a.get("think_about_leaving") in LEAVING_VALUES for a in answers)
    rest = sum(a.get("think_about_leaving") in REST_VALUES for a in answers)
    assert ("data-drivers>" in page) == (leaving >= MIN_RESPONSES and rest >= MIN_RESPONSES)
    # and the attack over everything the API serves (the heatmap's source) finds no narrow interval
    assert [w for w in _attack(body, atoms) if not w[2] >= MIN_RESPONSES - 1e-6] == []
