"""What a provider sees about its own compliance: each requirement's status, due date and what is missing, and
the chase messages it was sent."""

from __future__ import annotations

from datetime import date

from compliance.models import ChaseRecord
from compliance.rules import Status
from compliance.selectors.desk import DeskRow
from compliance.selectors.units import chase_units
from providers.models import Organisation

NEEDS_ACTION = {Status.DUE, Status.OVERDUE, Status.ESCALATED, Status.EXTENDED}


def organisation_compliance(*, organisation: Organisation, today: date, with_messages: bool = True) -> dict:
    units = chase_units(today=today, organisation=organisation)
    rows = [DeskRow(unit=u, result=u.status(today), last_step="") for u in units]
    rows.sort(key=lambda r: (r.unit.council.name, r.unit.place_name, r.unit.requirement.kind))
    action = [r for r in rows if r.result and r.result.status in NEEDS_ACTION]
    messages = []
    if with_messages:
        messages = list(
            ChaseRecord.objects.filter(organisation=organisation, status=ChaseRecord.Status.SENT)
            .exclude(channel="task")
            .select_related("council", "workplace")
            .order_by("-sent_at", "-pk")
        )
    return {
        "rows": rows,
        "needing_action": action,
        "next_due": min((r.due_date for r in action), default=None),
        "messages": messages,
    }
