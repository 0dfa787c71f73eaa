"""Pure compliance rules: the status of a requirement and the chase ladder. No Django imports here."""

from compliance.rules.due import DueRule, add_months, anniversary_deadline, requirement_due_date
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
from compliance.rules.status import (
    ROUND_TAIL_DAYS,
    compliance_status,
    effective_due_date,
    meets_completeness,
    met_on,
    shortfall,
    stays_live,
)
from compliance.rules.survey import NO_RESPONSES_AFTER_DAYS, NO_RESPONSES_STEP, no_responses_reminder_due
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
    "NO_RESPONSES_AFTER_DAYS",
    "NO_RESPONSES_STEP",
    "REMINDER_KINDS",
    "ROUND_TAIL_DAYS",
    "SETTLED_STATUSES",
    "Anchor",
    "Audience",
    "Channel",
    "DoneStatus",
    "DueRule",
    "LadderStep",
    "RequirementFacts",
    "RequirementKind",
    "ScheduledStep",
    "Status",
    "StatusResult",
    "StepKind",
    "SweepPlan",
    "add_months",
    "anniversary_deadline",
    "compliance_status",
    "effective_due_date",
    "is_escalated",
    "ladder_problems",
    "meets_completeness",
    "no_responses_reminder_due",
    "met_on",
    "plan_sweep",
    "requirement_due_date",
    "schedule",
    "shortfall",
    "step_date",
    "stays_live",
    "steps_due",
]
