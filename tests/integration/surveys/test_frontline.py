"""Issue 20 through the pages and the API: response rates against headcount (released figures only), the exit
survey offered wherever a leaver is recorded, and the survey requirement's "no answers yet" reminder."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from compliance.models import ChaseRecord
from compliance.rules import NO_RESPONSES_AFTER_DAYS, NO_RESPONSES_STEP
from compliance.services.sweep import chase_sweep
from providers.models import ContractRequirement
from surveys.models import Campaign
from tests.factories.collection import CollectionRoundFactory, StaffRecordFactory, WorkforceReturnFactory
from tests.factories.providers import WorkplaceFactory
from tests.factories.surveys import CampaignFactory, ResponseFactory

pytestmark = pytest.mark.django_db


def _round(world, today):
    return CollectionRoundFactory(slug="r-now", council=world.council_a, window_opens=today - timedelta(days=30),
                                  due_date=today + timedelta(days=20), closes=today + timedelta(days=40),
                                  snapshot_date=today - timedelta(days=60))  # fmt: skip


def _responses(campaign, n, *, released=True):
    for _ in range(n):
        ResponseFactory(campaign=campaign, released=released)


# Response rates --------------------------------------------------------------------------------------------------


def test_a_provider_sees_its_rate_band_from_released_answers_only(client, world, today):
    round_ = _round(world, today)
    WorkforceReturnFactory(workplace=world.workplace_a, round=round_, total_staff=40)
    campaign = CampaignFactory(workplace=world.workplace_a, round=round_)
    _responses(campaign, 9)
    client.force_login(world.users["provider_viewer"])
    url = reverse("surveys:response-rates", kwargs={"org": world.org_a.slug}) + f"?round={round_.slug}"
    page = client.get(url).content.decode()
    assert 'data-rate-band="few">Fewer than 10 responses' in page and "Print the poster" in page
    _responses(campaign, 30, released=False)  # answered, not yet released: nothing moves
    assert 'data-rate-band="few"' in client.get(url).content.decode()
    _responses(campaign, 1)  # 10 released of 40 staff: 25 %
    page = client.get(url).content.decode()
    assert 'data-rate-band="25_49">25–49 %' in page
    assert ">10<" not in page and "40" not in re.sub(r"<[^>]+>", " ", page.split("<main")[1]).split()  # no counts


def test_officers_see_the_distribution_and_the_overall_rate_never_a_small_count(client, world, today):
    round_ = _round(world, today)
    second = WorkplaceFactory(organisation=world.org_a, name="Second Home")
    WorkforceReturnFactory(workplace=world.workplace_a, round=round_, total_staff=40)
    WorkforceReturnFactory(workplace=second, round=round_, total_staff=60)
    _responses(CampaignFactory(workplace=world.workplace_a, round=round_), 7)
    client.force_login(world.users["contract_officer"])
    url = reverse("surveys-council:response-rates", kwargs={"council": world.council_a.slug}) + f"?round={round_.slug}"
    page = client.get(url).content.decode()
    assert 'data-band-count="few">2<' in page
    assert "Not enough answers have been published yet" in page and ">7<" not in page
    _responses(CampaignFactory(workplace=second, round=round_), 30)
    page = client.get(url).content.decode()
    assert 'data-band-count="few">1<' in page and 'data-band-count="50_plus">1<' in page
    assert "data-overall-rate>35%<" in page  # 35 (rounded from 37) of 100 staff
    other = reverse("surveys-council:response-rates", kwargs={"council": world.council_b.slug})
    assert client.get(other).status_code == 404


# The exit survey at the moment someone leaves -----------------------------------------------------------------------


def _rendered_remove_form(page: str) -> dict:
    """What a browser sends from the rendered remove form: its hidden fields and the first leaving reason."""
    form = page.split('<form method="post"')[1].split("</form>")[0]
    data = dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', form))
    data |= dict(re.findall(r'name="([^"]+)" value="([^"]*)"[^>]*type="hidden"', form))
    reasons = re.findall(r'name="leaving_reason"[^>]*value="([^"]+)"', form) or re.findall(
        r'value="([^"]+)"[^>]*name="leaving_reason"', form)
    data["leaving_reason"] = reasons[0]
    return data


def test_removing_a_leaver_on_the_web_offers_the_exit_card(client, world, today):
    round_ = _round(world, today)
    found = WorkforceReturnFactory(workplace=world.workplace_a, round=round_)
    record = StaffRecordFactory(workforce_return=found, local_ref="L1")
    StaffRecordFactory(workforce_return=found, local_ref="L2", left_on=today - timedelta(days=3), leaving_reason="6")
    client.force_login(world.users["provider_editor"])
    kwargs = {"org": world.org_a.slug, "workplace": world.workplace_a.pk, "round": round_.slug, "record": record.pk}
    url = reverse("collection:staff-remove", kwargs=kwargs)
    response = client.post(url, _rendered_remove_form(client.get(url).content.decode()))
    assert response.status_code == 302
    campaign = Campaign.objects.get(workplace=world.workplace_a, round=round_, kind="exit")
    assert campaign.is_open and campaign.code
    page = client.get(response["Location"]).content.decode()
    assert "data-leavers>2<" in page  # the earlier leaver and this one
    assert "data-exit-responses>None published yet<" in page
    card = reverse("surveys:campaign-card", kwargs={"org": world.org_a.slug, "campaign": campaign.pk})
    assert card in page
    card_page = client.get(card).content.decode()
    assert f"/s/{campaign.code}/" in card_page and "<svg" in card_page and "L1" not in card_page
    # the same card for the next leaver: no second campaign, nothing tied to a staff record
    other = StaffRecordFactory(workforce_return=found, local_ref="L3")
    url = reverse("collection:staff-remove", kwargs={**kwargs, "record": other.pk})
    client.post(url, _rendered_remove_form(client.get(url).content.decode()))
    assert Campaign.objects.filter(kind="exit").count() == 1
    assert not {f.name for f in Campaign._meta.get_fields()} & {"staff_record", "staff_records", "local_ref"}


def test_released_exit_answers_show_rounded_once_there_are_ten(client, world, today):
    round_ = _round(world, today)
    found = WorkforceReturnFactory(workplace=world.workplace_a, round=round_)
    StaffRecordFactory(workforce_return=found, left_on=today, leaving_reason="6")
    campaign = CampaignFactory(workplace=world.workplace_a, round=round_, kind="exit")
    _responses(campaign, 12)
    client.force_login(world.users["provider_viewer"])
    page = client.get(reverse("surveys:leavers", kwargs={"org": world.org_a.slug}) + f"?round={round_.slug}")
    assert "data-exit-responses>About 10<" in page.content.decode()


# The "no answers yet" reminder through the real sweep ------------------------------------------------------------


def test_the_sweep_reminds_workplaces_with_nothing_published(world, today):
    round_ = _round(world, today)
    second = WorkplaceFactory(organisation=world.org_a, name="Second Home")
    contract = world.org_a.contracts.get(council=world.council_a)
    ContractRequirement.objects.create(contract=contract, kind="survey_distributed")
    CampaignFactory(workplace=world.workplace_a, round=round_, distributed_on=round_.window_opens)
    _responses(CampaignFactory(workplace=second, round=round_), 5)  # released: nothing to remind
    on = round_.window_opens + timedelta(days=NO_RESPONSES_AFTER_DAYS)
    chase_sweep(today=on)
    reminded = ChaseRecord.objects.filter(step=NO_RESPONSES_STEP.key)
    assert [(r.workplace, r.kind) for r in reminded] == [(world.workplace_a, "reminder")]
    assert "No staff survey answers yet" in reminded[0].subject and "poster" in reminded[0].body
    chase_sweep(today=on)
    chase_sweep(today=on + timedelta(days=1))
    assert ChaseRecord.objects.filter(step=NO_RESPONSES_STEP.key).count() == 1


def test_a_provider_sees_its_own_workplace_across_rounds_only_where_results_show(client, world, today):
    earlier = CollectionRoundFactory(slug="r-before", council=world.council_a, snapshot_date=today - timedelta(days=400),
                                     window_opens=today - timedelta(days=370), due_date=today - timedelta(days=330),
                                     closes=today - timedelta(days=300))  # fmt: skip
    now = _round(world, today)
    _responses(CampaignFactory(workplace=world.workplace_a, round=earlier), 12)
    _responses(CampaignFactory(workplace=world.workplace_a, round=now), 9)
    client.force_login(world.users["provider_viewer"])
    page = client.get(reverse("surveys:insight", kwargs={"org": world.org_a.slug})).content.decode()
    trend = page.split('data-trend="thinking_of_leaving"')[1].split("</table>")[0]
    cells = re.findall(r'numeric">([^<]+)</td>', trend)
    assert len(cells) == 2 and cells[0].endswith("%") and cells[1] == "Not shown"
    assert page.count('role="img"') == 5
