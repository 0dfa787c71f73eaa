"""Writes for surveys: campaigns, single-use codes, local questions and anonymous responses."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping, Sequence
from datetime import date

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max

from collection.models import CollectionRound
from providers import access
from providers.models import Council, User, Workplace
from surveys.answering import RESUME_SECONDS
from surveys.local import check_local_set
from surveys.models import Campaign, LocalQuestionSet, Release, Response, SingleUseCode
from surveys.questionnaires import CURRENT_VERSIONS, clean_answers, is_complete
from surveys.rules.release import release_due
from surveys.selectors import campaign_questionnaire
from surveys.throttle import bucketed_timeout

MAX_CODES_PER_BATCH = 500
CODE_REFUSED = "This code has already been used or is not right. Check the code you were given, or ask for a new one."
NOT_COMPLETE = "Answer every question before you send your answers"
SUBMIT_GUARD_SECONDS = RESUME_SECONDS + 24 * 60 * 60  # longer than any cookie that could be replayed


class SubmitRefused(Exception):
    """A response that cannot be accepted; the message is safe to show to the respondent."""


def _council_for_workplace(workplace: Workplace, round: CollectionRound) -> Council | None:
    """The council whose local questions a workplace campaign carries: the round's council, or the only council
    contracting the workplace (none when several do: core questions only)."""
    if round.council_id is not None:
        return round.council
    councils = Council.objects.filter(contracts__organisation=workplace.organisation).distinct()
    contracting = [c for c in councils if access.contracted_workplaces(c).filter(pk=workplace.pk).exists()]
    return contracting[0] if len(contracting) == 1 else None


@transaction.atomic
def campaign_create(
    *, workplace: Workplace, round: CollectionRound, kind: str, created_by: User | None, council: Council | None = None
) -> Campaign:
    """A workplace's campaign for one round and questionnaire kind; refuses a second one."""
    if Campaign.objects.filter(workplace=workplace, round=round, kind=kind).exists():
        raise ValidationError({"workplace": "This workplace already has a link for this survey and round"})
    campaign = Campaign(
        workplace=workplace,
        round=round,
        kind=kind,
        questionnaire_version=CURRENT_VERSIONS[kind],
        council=council or _council_for_workplace(workplace, round),
        created_by=created_by,
    )
    campaign.full_clean()
    try:
        with transaction.atomic():
            campaign.save()
    except IntegrityError:  # a double submit raced us
        raise ValidationError({"workplace": "This workplace already has a link for this survey and round"}) from None
    return campaign


@transaction.atomic
def campaigns_create_for_contracted(
    *, council: Council, round: CollectionRound, created_by: User | None, kind: str = "satisfaction"
) -> int:
    """A campaign for every contracted workplace that has none for this round and kind; returns how many."""
    have = set(Campaign.objects.filter(round=round, kind=kind, workplace__isnull=False).values_list("workplace", flat=True))
    created = 0
    for workplace in access.contracted_workplaces(council).filter(is_active=True).exclude(pk__in=have):
        campaign_create(workplace=workplace, round=round, kind=kind, created_by=created_by, council=council)
        created += 1
    return created


@transaction.atomic
def channel_campaign_create(
    *, council: Council, round: CollectionRound, kind: str, channel: str, created_by: User | None
) -> Campaign:
    """A council-wide campaign for Personal Assistants through one channel (payroll, support service...)."""
    if Campaign.objects.filter(council=council, round=round, kind=kind, channel=channel, workplace=None).exists():
        raise ValidationError({"channel": "There is already a link for this channel, survey and round"})
    campaign = Campaign(
        council=council,
        round=round,
        kind=kind,
        channel=channel,
        questionnaire_version=CURRENT_VERSIONS[kind],
        created_by=created_by,
    )
    campaign.full_clean()
    campaign.save()
    return campaign


@transaction.atomic
def campaign_distribution_update(*, campaign: Campaign, invited_count: int | None, distributed_on: date | None) -> None:
    """Record how many people were invited and when the links were handed out (read by compliance)."""
    campaign.invited_count = invited_count
    campaign.distributed_on = distributed_on
    campaign.full_clean()
    campaign.save(update_fields=["invited_count", "distributed_on", "updated_at"])


@transaction.atomic
def single_use_codes_create(*, campaign: Campaign, count: int) -> list[SingleUseCode]:
    """A batch of single-use codes. From then on the link works only with an unused code."""
    if not 1 <= count <= MAX_CODES_PER_BATCH:
        raise ValidationError({"count": f"Enter a number from 1 to {MAX_CODES_PER_BATCH}"})
    codes = []
    for _ in range(count):
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    codes.append(SingleUseCode.objects.create(campaign=campaign))
                break
            except IntegrityError:  # pragma: no cover - a collision in 32^8 codes
                continue
    if not campaign.uses_single_use_codes:
        campaign.uses_single_use_codes = True
        campaign.save(update_fields=["uses_single_use_codes", "updated_at"])
    return codes


@transaction.atomic
def single_use_code_spend(*, campaign: Campaign, code: str) -> bool:
    """Check a single-use code and spend it at once (the start of the survey). True if it was usable.

    What the respondent gets in exchange is only "a code was spent" inside their own encrypted cookie
    (`surveys.answering`): nothing names the code from then on, and the code's row records only `used`."""
    return SingleUseCode.objects.filter(campaign=campaign, code=code.strip().upper(), used=False).update(used=True) == 1


@transaction.atomic
def local_questions_save(*, council: Council, kind: str, questions: Sequence[Mapping[str, object]]) -> LocalQuestionSet:
    """Replace a council's local questions for one kind, after checking them against the core questionnaire."""
    problems = check_local_set(kind, questions)
    if problems:
        raise ValidationError(problems)
    local_set, _ = LocalQuestionSet.objects.update_or_create(
        council=council, kind=kind, defaults={"questions": [dict(q) for q in questions]}
    )
    return local_set


def _guard_key(nonce: str) -> str:
    return "surveys:submitted:" + hashlib.sha256(nonce.encode()).hexdigest()[:32]


def response_submit(
    *, campaign: Campaign, answers: Mapping[str, object], nonce: str = "", ticket: bool = False
) -> Response | None:
    """Store one anonymous response. Returns None for a repeat of a submission already made (same `nonce`).

    Stored: a random id, the campaign, kind, questionnaire version and the cleaned answers; no date, nothing about
    who sent it. A campaign with single-use codes needs `ticket` (a code was spent at the start, vouched for by the
    respondent's encrypted cookie) and a nonce; the nonce is then refused for as long as such a cookie lives, so a
    copy of the cookie cannot send a second response. The guard's expiry is rounded up to the hour.

    With the database cache the guard is a row of the same database, written with the response by one statement
    (`config.cache.DatabaseCache.add_and_insert`; a transaction where that is not possible), so the two are committed
    together or not at all. With Redis the guard is outside any transaction (it is taken back if the write fails)
    and the response is one INSERT, atomic on its own: no transaction is opened for it.
    """
    if campaign.uses_single_use_codes and not (ticket and nonce):
        raise SubmitRefused(CODE_REFUSED)
    response = _new_response(campaign=campaign, answers=answers)
    if not nonce:
        response.save(force_insert=True)
        return response
    key, timeout = _guard_key(nonce), bucketed_timeout(SUBMIT_GUARD_SECONDS)
    together = getattr(cache, "add_and_insert", None)
    if together is not None:
        return response if together(key, 1, timeout, response) else None
    if not cache.add(key, 1, timeout):
        return None
    try:
        response.save(force_insert=True)
    except Exception:
        cache.delete(key)
        raise
    return response


def _new_response(*, campaign: Campaign, answers: Mapping[str, object]) -> Response:
    """The response to store (not saved yet), or SubmitRefused when the answers are not complete."""
    questionnaire = campaign_questionnaire(campaign)
    cleaned = clean_answers(questionnaire, answers)
    if not is_complete(questionnaire, cleaned):
        raise SubmitRefused(NOT_COMPLETE)
    return Response(
        campaign=campaign, kind=campaign.kind, questionnaire_version=campaign.questionnaire_version, answers=cleaned
    )


def _rewrite_in_random_order(responses, release: Release) -> None:
    """Attach `responses` to `release`, writing them again in a random order in one transaction: afterwards
    neither the table's physical order (PostgreSQL's heap, SQLite's rowid) nor PostgreSQL's per-row transaction
    ids say in which order they arrived."""
    rows = list(responses)
    secrets.SystemRandom().shuffle(rows)
    responses.model.objects.filter(pk__in=[row.pk for row in rows]).delete()
    for row in rows:
        row.release = release
    responses.model.objects.bulk_create(rows)


@transaction.atomic
def releases_make(*, today: date) -> int:
    """Publish the responses of every campaign whose release is due today (`surveys.rules.release.release_due`).
    Returns how many releases were made."""
    made = 0
    pending = dict(
        Response.objects.filter(release__isnull=True).values_list("campaign").annotate(n=Count("pk")).values_list(
            "campaign", "n")
    )
    last = dict(Release.objects.values_list("campaign").annotate(on=Max("released_on")).values_list("campaign", "on"))
    for campaign in Campaign.objects.filter(pk__in=pending).select_related("round"):
        if not release_due(today=today, pending=pending[campaign.pk], last_released_on=last.get(campaign.pk),
                           window_closes=campaign.round.closes):  # fmt: skip
            continue
        release = Release.objects.create(campaign=campaign, released_on=today, added=pending[campaign.pk])
        _rewrite_in_random_order(Response.objects.filter(campaign=campaign, release__isnull=True), release)
        made += 1
    return made


@transaction.atomic
def responses_erase(*, campaign_id: int) -> int:
    """Delete a campaign's responses at the end of their retention period (`retention.services`). Its releases
    (dates and counts) stay, and so do the round's released workbooks."""
    deleted, _ = Response.objects.filter(campaign_id=campaign_id).delete()
    return deleted


@transaction.atomic
def exit_campaigns_for_leavers(*, return_ids, created_by: User | None) -> list[Campaign]:
    """The exit-survey campaign of each workplace and round of these returns, made on the spot where there is none,
    and opened again if it was closed (issue 20: every leaver recorded is offered the exit survey). The same link
    serves every leaver of that workplace and round: nothing ties it to a staff record."""
    from collection.selectors.comparison import workplace_rounds

    found = []
    for workplace, round_ in workplace_rounds(return_ids):
        campaign = Campaign.objects.filter(workplace=workplace, round=round_, kind="exit").first()
        if campaign is None:
            try:
                with transaction.atomic():
                    campaign = campaign_create(workplace=workplace, round=round_, kind="exit",
                                               created_by=created_by)  # fmt: skip
            except ValidationError:  # made meanwhile by another request
                campaign = Campaign.objects.get(workplace=workplace, round=round_, kind="exit")
        if not campaign.is_open:
            campaign.is_open = True
            campaign.save(update_fields=["is_open", "updated_at"])
        found.append(campaign)
    return found
