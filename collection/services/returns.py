"""Writes to a workforce return: its sections, its completeness, and its lifecycle (submit, accept, return)."""

from __future__ import annotations

import secrets
from collections.abc import Mapping

from django.db import IntegrityError, transaction

from collection.audit import AuditBatch, audit_changes, field_changes
from collection.conversion import section_data, section_values, workplace_data
from collection.models import ChangeRecord, CollectionRound, JobRoleCount, WorkforceReturn
from collection.rules import validate_workplace, validate_workplace_section
from collection.services.completeness import return_refresh_completeness
from collection.services.errors import EditConflict, InvalidState, check_issues
from collection.services.writes import SectionWrite, return_sections_write
from config import clock
from providers.models import User, Workplace

State = WorkforceReturn.State
EDITABLE = (State.NOT_STARTED, State.IN_PROGRESS, State.RETURNED)
SUBMITTABLE = EDITABLE
WORKPLACE_EDITABLE = (
    "name", "address1", "address2", "town", "postcode", "is_cqc_regulated", "cqc_location_id", "employer_type",
    "main_service", "other_services", "capacity", "utilisation", "service_users",
)  # fmt: skip
PAY_FIELDS = (
    "sick_pay", "pension", "pension_percentage", "holiday_days", "sleep_ins", "sleep_in_pay", "travel_time_pay",
    "travel_time_rate",
)  # fmt: skip
NOT_EDITABLE = "This return has been submitted, so it cannot be changed unless the council returns it for correction."


def return_get_or_create(*, workplace: Workplace, round_: CollectionRound) -> WorkforceReturn:
    """The workplace's return for the round, created (not started) on first visit. Safe under a race."""
    try:
        with transaction.atomic():
            found, created = WorkforceReturn.objects.get_or_create(workplace=workplace, round=round_)
            if created:  # stored completeness is never missing: a new return's is worked out at once
                return_refresh_completeness(workforce_return=found)
    except IntegrityError:
        found = WorkforceReturn.objects.get(workplace=workplace, round=round_)
    return found


def lock_return(workforce_return: WorkforceReturn, *, version: int | None = None, editing: bool = True):
    """Lock the return row for this transaction; refuse stale versions and returns that cannot be changed."""
    locked = WorkforceReturn.objects.select_for_update().select_related("workplace", "round").get(
        pk=workforce_return.pk
    )
    if editing and locked.state not in EDITABLE:
        raise InvalidState(NOT_EDITABLE, state=locked.state)
    if version is not None and int(version) != locked.version:
        raise EditConflict(locked.version)
    return locked


def touch_return(locked: WorkforceReturn, *, update_fields: list[str]) -> None:
    """Save the locked return, bump its version, and move it to 'in progress' on its first change."""
    locked.version += 1
    fields = [*update_fields, "version", "updated_at"]
    if locked.state == State.NOT_STARTED:
        locked.state = State.IN_PROGRESS
        fields.append("state")
    locked.save(update_fields=fields)


@transaction.atomic
def return_workplace_update(
    *,
    workforce_return: WorkforceReturn,
    actor: User | None,
    data: Mapping,
    version: int | None = None,
    confirm_warnings: bool = False,
    source: str = ChangeRecord.Source.WEB,
) -> WorkforceReturn:
    """Confirm or change the workplace's details for this return (they are kept on the workplace)."""
    locked = lock_return(workforce_return, version=version)
    place = Workplace.objects.select_for_update().get(pk=locked.workplace_id)
    before = {name: getattr(place, name) for name in WORKPLACE_EDITABLE}
    after = {**before, **{name: data[name] for name in WORKPLACE_EDITABLE if name in data}}
    check_issues(validate_workplace(workplace_data(after)), confirm_warnings=confirm_warnings)
    changes = field_changes(before=before, after=after)
    for name, value in after.items():
        setattr(place, name, value)
    place.save()
    locked.workplace = place
    locked.workplace_confirmed_at = clock.now()
    touch_return(locked, update_fields=["workplace_confirmed_at"])
    audit_changes(workforce_return=locked, actor=actor, action="workplace_updated", changes=changes, source=source)
    return_refresh_completeness(workforce_return=locked)
    return locked


@transaction.atomic
def return_numbers_update(
    *,
    workforce_return: WorkforceReturn,
    actor: User | None,
    total_staff: int | None,
    starters_declared: str,
    leavers_declared: str,
    vacancies_declared: str,
    job_roles: Mapping[str, Mapping[str, int]],
    leaver_reasons: Mapping[str, int],
    version: int | None = None,
    confirm_warnings: bool = False,
    source: str = ChangeRecord.Source.WEB,
) -> WorkforceReturn:
    """Save the staff total, the starters/leavers/vacancies declarations, counts by job role and leaver reasons.

    `job_roles` maps a job role code to {"starters": n, "leavers": n, "vacancies": n}; zero rows are not kept.
    """
    locked = lock_return(workforce_return, version=version)
    counts = {
        role: {m: int(values.get(m) or 0) for m in ("starters", "leavers", "vacancies")}
        for role, values in job_roles.items()
    }
    counts = {role: values for role, values in counts.items() if any(values.values())}
    reasons = {code: int(n) for code, n in leaver_reasons.items() if n}
    values = {
        "total_staff": total_staff,
        "starters_declared": starters_declared,
        "leavers_declared": leavers_declared,
        "vacancies_declared": vacancies_declared,
    }
    rows = [JobRoleCount(job_role=role, **v) for role, v in sorted(counts.items())]
    section = section_data({**section_values(locked), **values}, job_roles=rows, leaver_reasons=reasons)
    # the staff records are usually added after this page, so the record count is left to completeness
    check_issues(validate_workplace_section(section), confirm_warnings=confirm_warnings)

    audit = AuditBatch(actor=actor, source=source)
    written = return_sections_write(
        [SectionWrite(workforce_return=locked, values=values, job_roles=rows, leaver_reasons=reasons)],
        action="numbers_updated", audit=audit, now=clock.now(),
    )
    if written:
        touch_return(locked, update_fields=[])
        audit.save()
        return_refresh_completeness(workforce_return=locked)
    return locked


@transaction.atomic
def return_pay_update(
    *,
    workforce_return: WorkforceReturn,
    actor: User | None,
    data: Mapping,
    version: int | None = None,
    confirm_warnings: bool = False,
    source: str = ChangeRecord.Source.WEB,
) -> WorkforceReturn:
    """Save pay and conditions: sick pay, pension, holiday, sleep-ins and travel time."""
    locked = lock_return(workforce_return, version=version)
    before = section_values(locked)
    after = {**before, **{name: data[name] for name in PAY_FIELDS if name in data}}
    section = section_data(after, job_roles=locked.job_role_counts.all(), leaver_reasons=locked.leaver_reasons.all())
    issues = [i for i in validate_workplace_section(section) if i.field in PAY_FIELDS]
    check_issues(issues, confirm_warnings=confirm_warnings)
    audit = AuditBatch(actor=actor, source=source)
    stamps = {} if locked.pay_confirmed_at else {"pay_confirmed_at": clock.now()}
    written = return_sections_write(
        [SectionWrite(workforce_return=locked, values={name: after[name] for name in PAY_FIELDS}, stamps=stamps)],
        action="pay_updated", audit=audit, now=clock.now(),
    )
    if written:
        touch_return(locked, update_fields=[])
        audit.save()
        return_refresh_completeness(workforce_return=locked)
    return locked


@transaction.atomic
def return_submit(
    *, workforce_return: WorkforceReturn, actor: User | None, source: str = ChangeRecord.Source.WEB
) -> WorkforceReturn:
    """Submit the return. The row is locked and its state checked, so a double-clicked submit submits once.

    Raises InvalidState if it was already submitted. The receipt email goes out after the commit.
    """
    from collection.services.notifications import send_receipt

    locked = lock_return(workforce_return, editing=False)
    if locked.state not in SUBMITTABLE:
        raise InvalidState("This return has already been submitted.", state=locked.state)
    completeness = return_refresh_completeness(workforce_return=locked)
    locked.state = State.SUBMITTED
    locked.submitted_at = clock.now()
    locked.submitted_by = actor
    locked.submission_reference = locked.submission_reference or _reference()
    locked.version += 1
    locked.save(update_fields=["state", "submitted_at", "submitted_by", "submission_reference", "version",
                               "updated_at"])
    audit_changes(workforce_return=locked, actor=actor, action="submitted", source=source,
                  changes={"state": (State.IN_PROGRESS, State.SUBMITTED),
                           "progress_percent": (None, completeness.progress_percent),
                           "records_complete_percent": (None, completeness.records_complete_percent)})
    transaction.on_commit(lambda: send_receipt(workforce_return_id=locked.pk))
    return locked


def _reference() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    code = "".join(secrets.choice(alphabet) for _ in range(8))
    return f"WR-{code[:4]}-{code[4:]}"


@transaction.atomic
def return_review(
    *, workforce_return: WorkforceReturn, actor: User, decision: str, comment: str = ""
) -> WorkforceReturn:
    """A council accepts a submitted return, or returns it for correction with a comment. The provider is emailed."""
    from collection.services.notifications import send_review_outcome

    locked = lock_return(workforce_return, editing=False)
    if locked.state != State.SUBMITTED:
        raise InvalidState("Only a submitted return can be accepted or returned.", state=locked.state)
    if decision not in (State.ACCEPTED, State.RETURNED):
        raise InvalidState("Choose whether to accept the return or return it for correction.", state=locked.state)
    if decision == State.RETURNED and not comment.strip():
        from django.core.exceptions import ValidationError

        raise ValidationError(
            {"comment": ValidationError("Say what the provider needs to correct", code="comment_required")}
        )
    old_state = locked.state
    locked.state = decision
    locked.reviewed_at = clock.now()
    locked.reviewed_by = actor
    locked.review_comment = comment.strip()
    locked.version += 1
    locked.save(update_fields=["state", "reviewed_at", "reviewed_by", "review_comment", "version", "updated_at"])
    changes = {"state": (old_state, decision)}
    if comment.strip():
        changes["review_comment"] = ("", comment.strip())
    audit_changes(workforce_return=locked, actor=actor, action=decision, changes=changes,
                  source=ChangeRecord.Source.WEB)
    transaction.on_commit(lambda: send_review_outcome(workforce_return_id=locked.pk))
    return locked
