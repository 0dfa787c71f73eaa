"""What a provider sees about its own compliance: each requirement's status, due date and what is missing, and
the chase messages it was sent."""

from __future__ import annotations

from datetime import date

from compliance.models import ChaseRecord
from compliance.rules import Status
from compliance.selectors.desk import DeskRow
from compliance.selectors.units import chase_units
from providers.models import Organisation

NEEDS_ACTION = {Status.DUE, Status.OVERDUE, Status.ESCALATED, Status.EXTENDED, Status.NOT_RECEIVED}


def live_and_history(units: list, today: date) -> tuple[list[DeskRow], list[DeskRow]]:
    """Rows for the requirements live on `today` (owed or in a recent round) and for the settled ones of old rounds,
    newest round first, then council, place and requirement."""
    live, history = [], []
    for unit in units:
        (live if unit.is_live(today) else history).append(DeskRow(unit=unit, result=unit.status(today), last_step=""))
    for rows in (live, history):
        rows.sort(key=lambda r: (r.unit.council.name, -r.unit.round.window_opens.toordinal(), r.unit.place_name,
                                 r.unit.requirement.kind))  # fmt: skip
    return live, history


def organisation_compliance(*, organisation: Organisation, today: date, with_messages: bool = True) -> dict:
    """The organisation's live requirements (`rows`), the settled ones of old rounds (`history`), what needs action
    and, for the page, the chase messages it was sent (`chase_messages`)."""
    rows, history = live_and_history(chase_units(today=today, organisation=organisation, settled_history=True), today)
    action = [r for r in rows if r.result and r.result.status in NEEDS_ACTION]
    chase_messages = []
    if with_messages:
        chase_messages = list(
            ChaseRecord.objects.filter(organisation=organisation, status=ChaseRecord.Status.SENT)
            .exclude(channel="task")
            .select_related("council", "workplace")
            .order_by("-sent_at", "-pk")
        )
    return {
        "rows": rows,
        "history": history,
        "needing_action": action,
        "next_due": min((r.due_date for r in action), default=None),
        "chase_messages": chase_messages,
    }
