"""Attack 5: differencing by linear programming. The council analyst reads every table served for a campaign set
(the API's headline and its service-type, district and channel breakdowns, the same figures as the web page) and
knows which campaign sits in which group of each table. For every hidden cell they minimise and maximise its size,
and every hidden indicator's sum, subject to everything published: sizes to within their rounding to 5, values to
within their rounding, each person adding 0..1 to a share, 0..10 to a score and -1..+1 to a net score. No interval
may come out narrower than the threshold (for indicators: the threshold's worth of people)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import linprog

from providers.reference import labels
from surveys.rules.suppression import MIN_RESPONSES
from tests.api.conftest import api_client  # noqa: F401 - the fixture
from tests.factories.providers import WorkplaceFactory
from tests.factories.surveys import CampaignFactory, ChannelCampaignFactory, ResponseFactory, RoundFactory, make_answers

pytestmark = pytest.mark.django_db

SCORES = {"Engagement index (0 to 10)": (0.0, 10.0, 0.1)}
NETS = ("net promoter",)


def _scale(measure: str) -> tuple[float, float, float]:
    if measure in SCORES:
        return SCORES[measure]
    if any(word in measure for word in NETS):
        return -100.0, 100.0, 1.0
    return 0.0, 100.0, 1.0


def _number(text: str) -> float | None:
    if text == "Not shown":
        return None
    return float(text.rstrip("%").replace("+", "").replace("−", "-"))


def _setup(world):
    """A campaign set built to tempt differencing: a small PA channel (3, the issue's example), small districts,
    a service type that is one workplace."""
    round_ = RoundFactory()
    plan = [  # (workplace or channel, responses)
        (dict(district="North", main_service="2"), 24),
        (dict(district="South", main_service="2"), 7),
        (dict(district="North", main_service="1"), 13),
        (dict(district="East", main_service="1"), 11),
        ("payroll", 20),
        ("pa_register", 12),
        ("poster", 3),
    ]
    atoms = []
    service_labels = labels("main_services")
    seed = 0
    for where, n in plan:
        if isinstance(where, dict):
            campaign = CampaignFactory(workplace=WorkplaceFactory(organisation=world.org_a, **where), round=round_)
            groups = {"Service type": service_labels[where["main_service"]], "District": where["district"],
                      "Channel": "Workplace links"}
        else:
            campaign = ChannelCampaignFactory(council=world.council_a, round=round_, kind="satisfaction", channel=where)
            groups = {"Service type": "Personal Assistants (council channels)", "District": "Council-wide (PA channels)",
                      "Channel": campaign.get_channel_display()}
        for _ in range(n):
            ResponseFactory(campaign=campaign, answers=make_answers(
                "satisfaction", seed=seed, employer_type="pa" if not isinstance(where, dict) else "care_home"))
            seed += 1
        atoms.append(groups)
    return round_, atoms


def _attack(body: dict, atoms: list[dict]) -> list[tuple[str, str, float]]:
    """(table/group, measure, provable width) for every hidden cell."""
    n = len(atoms)
    cells = {("Total", "All"): list(range(n))}
    for b in body["breakdowns"]:
        for g in b["groups"]:
            cells[(b["title"], g["name"])] = [i for i, atom in enumerate(atoms) if atom[b["title"]] == g["name"]]
    sizes = {("Total", "All"): body["responses"]}
    sizes |= {(b["title"], g["name"]): g["responses"] for b in body["breakdowns"] for g in b["groups"]}
    measures = {row["label"]: {("Total", "All"): (_number(row["value"]), row["base"])} for row in body["headline"]}
    for b in body["breakdowns"]:
        for row in b["rows"]:
            for g, value in zip(b["groups"], row["values"], strict=True):
                measures.setdefault(row["measure"], {})[(b["title"], g["name"])] = (_number(value), None)
    results = []

    def mask(members, offset, total):
        row = np.zeros(total)
        for i in members:
            row[offset + i] = 1.0
        return row

    # sizes alone, then each measure with sizes: variables N (n), b (n), s (n)
    for measure, shown in [(None, {})] + list(measures.items()):
        total = 3 * n
        a, rhs = [], []
        for cell, size in sizes.items():
            if size is not None:
                row = mask(cells[cell], 0, total)
                a += [row, -row]
                rhs += [size + 2, -(size - 2)]
        low, high, step = _scale(measure or "")
        for i in range(n):
            r = np.zeros(total)
            r[n + i], r[i] = 1, -1
            a.append(r)
            rhs.append(0)  # b <= N
            r = np.zeros(total)
            r[2 * n + i], r[n + i] = 1, -high
            a.append(r)
            rhs.append(0)  # s <= high b
            r = np.zeros(total)
            r[2 * n + i], r[n + i] = -1, low
            a.append(r)
            rhs.append(0)  # s >= low b
        for cell, (value, base) in shown.items():
            if value is None:
                continue
            s, b = mask(cells[cell], 2 * n, total), mask(cells[cell], n, total)
            a += [s - (value + step / 2) * b, (value - step / 2) * b - s]
            rhs += [0, 0]
            if base is not None:
                a += [b, -b]
                rhs += [base + 2, -(base - 2)]
        bounds = [(0, None)] * (2 * n) + [(None, None)] * n
        targets = ([(cell, mask(cells[cell], 0, total)) for cell, size in sizes.items() if size is None]
                   if measure is None else
                   [(cell, mask(cells[cell], 2 * n, total)) for cell, (value, _) in shown.items() if value is None])
        for cell, target in targets:
            lo = linprog(target, A_ub=np.array(a), b_ub=np.array(rhs), bounds=bounds, method="highs")
            hi = linprog(-target, A_ub=np.array(a), b_ub=np.array(rhs), bounds=bounds, method="highs")
            width = (-hi.fun if hi.status == 0 else np.inf) - (lo.fun if lo.status == 0 else -np.inf)
            results.append((cell, measure or "responses", width / (high - low if measure else 1)))
    return results


def test_no_hidden_cell_can_be_bounded_narrower_than_the_threshold(world, api_client):  # noqa: F811
    round_, atoms = _setup(world)
    body = api_client(world.users["analyst"]).get(
        f"/api/v1/councils/council-a/rounds/{round_.slug}/surveys/results/?kind=satisfaction").json()
    assert body["shown"]
    widths = _attack(body, atoms)
    hidden_sizes = [w for w in widths if w[1] == "responses"]
    assert any(cell == ("Channel", "Posters and cards") for cell, _, _ in hidden_sizes)  # the attack has targets
    narrow = [w for w in widths if not w[2] >= MIN_RESPONSES - 1e-6]
    assert narrow == []

