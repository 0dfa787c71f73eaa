"""A one-click reminder to every provider at risk of missing its own due date, through the chase records: each
unit gets the step AT_RISK_STEP at most once a round (the records' unique constraint), so a second click, or two
officers clicking at once, sends nothing twice."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction

from collection.models import CollectionRound
from compliance.messages import recipients, render
from compliance.models import ChaseRecord, LadderStepSetting
from compliance.rules import Audience, Channel, StepKind
from compliance.rules.outlook import Outlook
from compliance.selectors.outlook import outlook_rows
from compliance.selectors.units import chase_units
from compliance.services.delivery import messages_deliver
from config import clock
from providers.models import Council, Membership, User

AT_RISK_STEP = "at_risk_reminder"
AT_RISK_WORDING = (
    "Your workforce return is due by {due}: are you on track?",
    "Your contract asks you to submit your workforce return by {due}. Your return is not far enough along yet to "
    "be sure of meeting that date. Please finish and submit it, or tell your contract officer now if you need help.",
)


def _step() -> LadderStepSetting:
    """The reminder as a step (not stored: it is not a rung of the council's ladder, it is sent on request)."""
    subject, wording = AT_RISK_WORDING
    return LadderStepSetting(
        key=AT_RISK_STEP, kind=StepKind.REMINDER, channel=Channel.EMAIL, position=0, offset_days=0,
        anchor="due_date", audience=[Audience.ORGANISATION_ADMINS.value], subject=subject, wording=wording,
    )  # fmt: skip


def at_risk_remind(*, council: Council, round: CollectionRound, today: date, actor: User) -> tuple[int, int]:
    """Remind every at-risk provider of the round now: (reminders sent or queued, providers already reminded)."""
    at_risk = outlook_rows(council=council, round=round, today=today)[Outlook.AT_RISK]
    if not at_risk:
        return 0, 0
    keys = {(r.row.requirement_id, r.row.workplace_id, round.pk) for r in at_risk}
    units = [u for u in chase_units(today=today, councils=[council], rounds=[round],
                                    organisation_ids=sorted({r.row.organisation_id for r in at_risk}))
             if u.key in keys and u.facts is not None]  # fmt: skip
    admins: dict[int, list[str]] = {}
    for org_id, email in Membership.objects.filter(
        organisation_id__in={u.organisation.pk for u in units}, role=Membership.Role.ADMIN, user__is_active=True
    ).values_list("organisation_id", "user__email"):
        admins.setdefault(org_id, []).append(email)
    step, now = _step(), clock.now()
    created, already = [], 0
    for unit in units:
        if AT_RISK_STEP in unit.done:
            already += 1
            continue
        status = unit.status(today)
        subject, body = render(unit, step, status, today=today)
        to, cc = recipients(unit, step, admins)
        record = ChaseRecord(
            council=council, organisation=unit.organisation, requirement=unit.requirement, workplace=unit.workplace,
            round=round, step=AT_RISK_STEP, kind=step.kind, channel=step.channel, status=ChaseRecord.Status.QUEUED,
            sweep_date=today, compliance_status=status.status, completeness_percent=unit.facts.completeness_percent,
            subject=subject, body=body, recipients={"to": to, "cc": cc}, next_attempt_at=now, decided_by=actor,
            decided_at=now,
        )  # fmt: skip
        try:
            with transaction.atomic():
                record.save()
        except IntegrityError:  # another click got there first
            already += 1
            continue
        created.append(record.pk)
    if created:
        messages_deliver(ids=created)
    return len(created), already
