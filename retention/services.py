"""The retention task and legal holds: the only code that deletes data because of its age.

`retention_run` asks `retention.rules` which items are due today, skips organisations under a legal hold, deletes
each due item in its own transaction (rows gone; uploaded files are rows too), writes one `RetentionLog` row per
dataset and organisation and logs the same. Released aggregates are never touched: a round's released workbooks
are stored bytes (`exports.ExportRelease`), and survey releases keep their counts.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string

from collection.services.erase import staff_records_erase
from compliance.services.erase import contract_evidence_erase, officer_records_erase
from config import clock
from providers.models import Council, Organisation, User
from providers.services import invitation_delete, user_deactivate
from retention import rules, selectors
from retention.models import AccountWarning, LegalHold, RetentionLog
from surveys.services import responses_erase
from uploads.services import upload_files_delete

logger = logging.getLogger(__name__)


@dataclass
class RunResult:
    run_on: date
    dry_run: bool
    removed: dict[str, int] = field(default_factory=dict)  # dataset -> rows
    held: dict[str, int] = field(default_factory=dict)  # dataset -> rows paused by a legal hold
    items: list[dict] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"date": self.run_on.isoformat(), "dry_run": self.dry_run, "removed": self.removed,
                "held": self.held, "items": self.items}  # fmt: skip


def _warn_account(user_id: int, today: date) -> int:
    user = User.objects.get(pk=user_id)
    AccountWarning.objects.update_or_create(user=user, defaults={"warned_on": today})
    days = selectors.periods().account_warning_days
    context = {"user": user, "days": days, "years": selectors.periods().inactive_account_years, "link": settings.SITE_URL.rstrip("/") + "/accounts/login/",
               "service_name": settings.SERVICE_NAME}  # fmt: skip
    body = render_to_string("retention/email/inactive_warning.txt", context)
    subject = f"Sign in within {days} days to keep your {settings.SERVICE_NAME} account"
    transaction.on_commit(lambda: _send_warning(user.email, subject, body))
    return 1


def _send_warning(to: str, subject: str, body: str) -> None:
    from providers.messaging import send_message

    send_message(kind="inactive_account", subject=subject, body=body, to=[to])


def _delete(item: selectors.Item, today: date) -> int:
    """Hand one due item to the service of the app that owns it."""
    kind, *ids = item.key
    match item.dataset, kind:
        case rules.UPLOAD_FILES, "upload":
            return upload_files_delete(upload_ids=ids)
        case rules.STAFF_RECORDS, "return":
            return staff_records_erase(workforce_return_id=ids[0])
        case rules.SURVEY_RESPONSES, "campaign":
            return responses_erase(campaign_id=ids[0])
        case rules.CHASE_EVIDENCE, "contract":
            return contract_evidence_erase(contract_id=ids[0])
        case rules.CHASE_EVIDENCE, "pair":
            return officer_records_erase(council_id=ids[0], organisation_id=ids[1])
        case rules.ACCOUNT_WARNING, "user":
            return _warn_account(ids[0], today)
        case rules.ACCOUNT_DEACTIVATION, "user":
            return user_deactivate(user_id=ids[0])
        case rules.INVITATIONS, "invitation":
            return invitation_delete(invitation_id=ids[0])
    raise ValueError(f"Nothing deletes {item.dataset} {item.key}")


def _forget_stale_warnings() -> None:
    """A warned account that signed in since is no longer inactive: its warning goes, so the clock starts again."""
    stale = AccountWarning.objects.filter(user__last_login__isnull=False, user__last_login__date__gt=F("warned_on"))
    stale.delete()


def retention_run(*, today: date | None = None, dry_run: bool = False) -> RunResult:
    """Delete everything due on `today` (default: the clock's today), except what a legal hold pauses."""
    today = today or clock.today()
    periods = selectors.periods()
    if not dry_run:
        _forget_stale_warnings()
    held = selectors.held_organisation_ids()
    result = RunResult(run_on=today, dry_run=dry_run)
    logs: dict[tuple[str, int | None], list] = defaultdict(list)
    for item in selectors.items():
        if not rules.is_due(item.dataset, item.dates, today=today, periods=periods):
            continue
        if item.organisation_ids & held:
            result.held[item.dataset] = result.held.get(item.dataset, 0) + item.count
            continue
        count = item.count
        if not dry_run:
            with transaction.atomic():
                count = _delete(item, today)
        result.removed[item.dataset] = result.removed.get(item.dataset, 0) + count
        result.items.append({"dataset": item.dataset, "what": item.label, "rows": count})
        organisation_id = min(item.organisation_ids) if len(item.organisation_ids) == 1 else None
        logs[(item.dataset, organisation_id)].append((item, count))
    if not dry_run:
        RetentionLog.objects.bulk_create(
            RetentionLog(run_on=today, dataset=dataset, organisation_id=organisation_id,
                         count=sum(n for _, n in done), detail="; ".join(f"{i.label}: {n}" for i, n in done)[:5000])
            for (dataset, organisation_id), done in logs.items()
        )  # fmt: skip
    for dataset, count in sorted(result.removed.items()):
        logger.info("retention %s: %s %s rows%s", today, dataset, count, " (dry run)" if dry_run else "")
    for dataset, count in sorted(result.held.items()):
        logger.info("retention %s: %s %s rows kept under a legal hold", today, dataset, count)
    return result


HOLD_EXISTS = "This organisation is already under a legal hold placed by your council."
REASON_NEEDED = "Enter why the data must be kept"


def legal_hold_place(*, council: Council, organisation: Organisation, reason: str, by: User) -> LegalHold:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": REASON_NEEDED})
    with transaction.atomic():
        if LegalHold.objects.select_for_update().filter(council=council, organisation=organisation,
                                                        lifted_at__isnull=True).exists():  # fmt: skip
            raise ValidationError(HOLD_EXISTS)
        hold = LegalHold.objects.create(council=council, organisation=organisation, reason=reason[:2000], placed_by=by,
                                        placed_at=clock.now())  # fmt: skip
    logger.info("legal hold %s placed on organisation %s by user %s", hold.pk, organisation.pk, by.pk)
    return hold


def legal_hold_lift(*, hold: LegalHold, reason: str, by: User) -> LegalHold:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the hold can be lifted"})
    with transaction.atomic():
        locked = LegalHold.objects.select_for_update().get(pk=hold.pk)
        if locked.lifted_at is None:
            locked.lifted_at, locked.lifted_by, locked.lift_reason = clock.now(), by, reason[:2000]
            locked.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    logger.info("legal hold %s lifted by user %s", hold.pk, by.pk)
    return locked
