"""The chase ladder: officers read it, council admins change it with every change on the audit trail, each
message previewed as a provider receives it, and a change of the service's default offered, never imposed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from collection.models import ChangeRecord
from compliance import ladders
from compliance.models import LadderStepSetting
from compliance.rules import StepKind
from providers.models import CouncilMembership
from tests.factories.providers import CouncilFactory, CouncilMembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    council = CouncilFactory(slug="ladder-council", name="Ladder Council")
    admin = CouncilMembershipFactory(council=council, role=CouncilMembership.Role.COUNCIL_ADMIN).user
    officer = CouncilMembershipFactory(council=council, role=CouncilMembership.Role.CONTRACT_OFFICER).user
    return council, admin, officer


def test_officers_read_the_ladder_and_its_previews_but_cannot_change_it(people, client):
    council, _, officer = people
    client.force_login(officer)
    page = client.get(reverse("compliance-council:ladder", kwargs={"council": council.slug})).content.decode()
    assert "Reminder: your workforce return is due by" in page  # the subject as sent, {due} filled in
    assert "Dear Example Care Ltd," in page and "{due}" not in page.partition("Dear Example")[2]
    assert "/compliance/ladder/reminder_30/" not in page
    step = reverse("compliance-council:ladder-step", kwargs={"council": council.slug, "step": "reminder_30"})
    assert client.get(step).status_code == 404
    assert client.post(reverse("compliance-council:ladder-default", kwargs={"council": council.slug}),
                       {"choice": "take"}).status_code == 404


def test_a_change_is_audited_old_to_new_and_a_preview_saves_nothing(people, client):
    council, admin, officer = people
    client.force_login(admin)
    url = reverse("compliance-council:ladder-step", kwargs={"council": council.slug, "step": "reminder_30"})
    client.get(url)
    form = {"offset_days": "-28", "subject": "Please send your return by {due}", "wording": "Due by {due}."}
    preview = client.post(url, {**form, "preview": "1"}).content.decode()
    assert "Preview: not saved yet" in preview and "Please send your return by " in preview
    assert LadderStepSetting.objects.get(council=council, key="reminder_30").offset_days == -30
    assert not ChangeRecord.objects.filter(council=council).exists()

    assert client.post(url, form).status_code == 302
    rows = {r.field: (r.old_value, r.new_value, r.actor_id, r.action)
            for r in ChangeRecord.objects.filter(council=council, subject="ladder_step")}
    assert rows["offset_days"] == ("-30", "-28", admin.pk, "step_changed")
    assert rows["subject"][1] == "Please send your return by {due}"
    assert "needs_approval" not in rows  # unchanged: not on the trail
    client.force_login(officer)
    page = client.get(reverse("compliance-council:ladder", kwargs={"council": council.slug})).content.decode()
    trail = page.partition("Changes to the ladder")[2]
    assert "reminder 30: step changed – offset days" in trail and "-28" in trail


def test_a_new_default_is_offered_and_the_council_chooses(people, client, monkeypatch):
    council, admin, _ = people
    client.force_login(admin)
    ladder_url = reverse("compliance-council:ladder", kwargs={"council": council.slug})
    assert "has changed since your council copied it" not in client.get(ladder_url).content.decode()
    wording = dict(ladders.DEFAULT_WORDING)
    wording[StepKind.FINAL_REMINDER] = ("Last day: your workforce return is due today", "Submit it today, {due}.")
    monkeypatch.setattr(ladders, "DEFAULT_WORDING", wording)  # the service's default changes (a new release)

    page = client.get(ladder_url).content.decode()
    assert "has changed since your council copied it" in page and "Last day: your workforce return" in page
    default_url = reverse("compliance-council:ladder-default", kwargs={"council": council.slug})
    client.post(default_url, {"choice": "keep"})
    step = LadderStepSetting.objects.get(council=council, key="final_reminder")
    assert step.subject == "Your workforce return is due today"  # kept
    assert "has changed since your council copied it" not in client.get(ladder_url).content.decode()
    assert ChangeRecord.objects.filter(council=council, action="ladder_default_kept", subject_id=step.pk).exists()

    wording[StepKind.FINAL_REMINDER] = ("Final day for your workforce return", "Today, {due}, is the day.")
    assert "Final day for your workforce return" in client.get(ladder_url).content.decode()
    client.post(default_url, {"choice": "take"})
    step.refresh_from_db()
    assert (step.subject, step.wording) == ("Final day for your workforce return", "Today, {due}, is the day.")
    taken = ChangeRecord.objects.get(council=council, action="ladder_default_taken", field="subject")
    assert (taken.old_value, taken.new_value) == ("Your workforce return is due today",
                                                  "Final day for your workforce return")


def test_the_admins_desk_says_when_the_default_has_changed(people, client, monkeypatch):
    council, admin, officer = people
    desk = reverse("compliance-council:desk", kwargs={"council": council.slug})
    client.force_login(admin)
    assert "standard chase ladder has changed" not in client.get(desk).content.decode()
    wording = dict(ladders.DEFAULT_WORDING)
    wording[StepKind.REMINDER] = ("Your return is due by {due}", "Due by {due}.")
    monkeypatch.setattr(ladders, "DEFAULT_WORDING", wording)
    assert "standard chase ladder has changed" in client.get(desk).content.decode()
    client.force_login(officer)  # the choice is the admins'
    assert "standard chase ladder has changed" not in client.get(desk).content.decode()
