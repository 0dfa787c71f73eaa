"""Pure compliance rules: the status of a requirement and the chase ladder. No Django imports here."""

from compliance.rules.facts import SETTLED_STATUSES, RequirementFacts, RequirementKind, Status, StatusResult
from compliance.rules.ladder import (
    DEFAULT_LADDER,
    REMINDER_KINDS,
    Anchor,
    Audience,
    Channel,
    LadderStep,
    StepKind,
    ladder_problems,
    step_date,
)
from compliance.rules.status import compliance_status, effective_due_date, meets_completeness, met_on, shortfall
from compliance.rules.sweep import (
    ESCALATING_STATUSES,
    DoneStatus,
    ScheduledStep,
    SweepPlan,
    is_escalated,
    plan_sweep,
    schedule,
    steps_due,
)

__all__ = [
    "DEFAULT_LADDER",
    "ESCALATING_STATUSES",
    "REMINDER_KINDS",
    "SETTLED_STATUSES",
    "Anchor",
    "Audience",
    "Channel",
    "DoneStatus",
    "LadderStep",
    "RequirementFacts",
    "RequirementKind",
    "ScheduledStep",
    "Status",
    "StatusResult",
    "StepKind",
    "SweepPlan",
    "compliance_status",
    "effective_due_date",
    "is_escalated",
    "ladder_problems",
    "meets_completeness",
    "met_on",
    "plan_sweep",
    "schedule",
    "shortfall",
    "step_date",
    "steps_due",
]
