"""Changes to a council's chase ladder, each on the audit trail (collection.audit): a council admin's edit of a
step, and the council's choice when the service's default ladder has changed since it was copied (take the new
default, or keep its own)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from collection.audit import AuditRow, audit_write, council_audit_rows, field_changes
from compliance.ladders import DEFAULT_FIELDS, default_changes, ladders_for, rule_step, signature
from compliance.models import LadderStepSetting
from providers.models import Council, User

EDITABLE = ("offset_days", "needs_approval", "subject", "wording")


def _rows(setting: LadderStepSetting, *, actor: User | None, action: str, changes) -> list[AuditRow]:
    return council_audit_rows(council_id=setting.council_id, subject="ladder_step", subject_id=setting.pk,
                              label=setting.key.replace("_", " "), actor=actor, action=action, changes=changes)  # fmt: skip


@transaction.atomic
def ladder_step_update(*, setting: LadderStepSetting, offset_days: int, needs_approval: bool, subject: str,
                       wording: str, actor: User | None = None) -> LadderStepSetting:  # fmt: skip
    """Change one step of the council's ladder, audited field by field (old -> new)."""
    stored = LadderStepSetting.objects.select_for_update().get(pk=setting.pk)  # `setting` may hold a form's edits
    before = {name: getattr(stored, name) for name in EDITABLE}
    setting.offset_days, setting.subject, setting.wording = offset_days, subject.strip(), wording.strip()
    setting.needs_approval = needs_approval and not setting.for_individual_employers
    try:
        rule_step(setting)
    except ValueError as error:
        raise ValidationError(str(error)) from error
    setting.full_clean()
    changes = field_changes(before=before, after={name: getattr(setting, name) for name in EDITABLE})
    if changes:
        setting.save()
        audit_write(_rows(setting, actor=actor, action="step_changed", changes=changes))
    return setting


@transaction.atomic
def ladder_default_take(*, council: Council, actor: User) -> int:
    """Take the service's new default for every step that changed since the council copied it (and add new
    default steps). Returns how many steps changed."""
    ladder = ladders_for([council.pk])[council.pk]
    rows: list[AuditRow] = []
    changes = default_changes(ladder)
    for change in changes:
        setting = change.setting or LadderStepSetting(council=council, key=change.key, position=change.position)
        before = {name: getattr(setting, name) for name in DEFAULT_FIELDS} if change.setting else {}
        for name in DEFAULT_FIELDS:
            setattr(setting, name, change.values[name])
        setting.default_signature = signature(change.values)
        setting.save()
        rows += _rows(setting, actor=actor, action="ladder_default_taken",
                      changes=field_changes(before=before, after=change.values) or None)  # fmt: skip
    audit_write(rows)
    return len(changes)


@transaction.atomic
def ladder_default_keep(*, council: Council, actor: User) -> int:
    """Keep the council's own steps: the changed defaults are not offered again (until the default changes once
    more). New default steps are not added. Returns how many steps were kept."""
    ladder = ladders_for([council.pk])[council.pk]
    rows: list[AuditRow] = []
    changes = [change for change in default_changes(ladder) if change.setting is not None]
    for change in changes:
        change.setting.default_signature = signature(change.values)
        change.setting.save(update_fields=["default_signature", "updated_at"])
        rows += _rows(change.setting, actor=actor, action="ladder_default_kept", changes=None)
    audit_write(rows)
    return len(changes)
