"""The facts the compliance rules read, and the status they produce.

One `RequirementFacts` describes one contract requirement for one workplace (or organisation) in one collection
round, as the database knows it. The rules never see a model: a selector builds these from the rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class RequirementKind(StrEnum):
    """What a contract requirement asks the organisation to do."""

    ANNUAL_RETURN = "annual_return"  # the annual workforce return, submitted and complete by the due date
    SURVEY_DISTRIBUTED = "survey_distributed"  # the staff survey links recorded as sent by the due date


class Status(StrEnum):
    """Where one requirement stands on one day."""

    NOT_DUE = "not_due"  # the window has not opened yet
    DUE = "due"  # the window is open and the due date has not passed
    OVERDUE = "overdue"  # the due date has passed and the requirement is not met
    ESCALATED = "escalated"  # overdue, and a step that needs an officer's approval has been reached
    COMPLIED = "complied"  # met by the due date (or by the extended due date)
    COMPLIED_LATE = "complied_late"  # met, but after the due date
    EXTENDED = "extended"  # not met yet, and an extension is in force
    EXEMPT = "exempt"  # the council has excused the organisation from this requirement this round
    NOT_RECEIVED = "not_received"  # individual employers only: past the due date, not received (optional; reminders only)


# Statuses after which the chase ladder sends nothing more.
SETTLED_STATUSES = frozenset({Status.COMPLIED, Status.COMPLIED_LATE, Status.EXEMPT})


@dataclass(frozen=True, kw_only=True)
class RequirementFacts:
    """Everything the rules need to know about one requirement in one round.

    `submitted_on` is the date of the latest submission (a resubmission after a return for correction replaces
    it). `is_complete` is the completeness rule's structural verdict (workplace section answered, a staff
    record for every declared member of staff); `completeness_percent` is the share of staff records complete
    on the key fields, compared here with the contract's `threshold_percent`. `None` means no percentage applies
    (for example a short return with no staff records). `accepted` means a council officer has accepted the
    latest submission, which counts as meeting the requirement whatever the percentage. `distributed_on` is the
    date the provider recorded that survey links were sent (survey requirements only); `responses_released` says
    whether any of the workplace's staff survey answers have been published (released) in the round.
    """

    kind: RequirementKind
    window_opens: date
    due_date: date
    closes: date
    submitted_on: date | None = None
    completeness_percent: int | None = None
    is_complete: bool = False
    threshold_percent: int = 90
    accepted: bool = False
    returned_for_correction: bool = False
    extension_until: date | None = None
    exempt_reason: str | None = None
    is_individual_employer: bool = False
    distributed_on: date | None = None
    responses_released: bool = False  # survey requirements: some staff survey answers have been published

    def __post_init__(self) -> None:
        if not self.window_opens <= self.due_date <= self.closes:
            raise ValueError(
                f"Round dates out of order: window opens {self.window_opens}, due {self.due_date}, "
                f"closes {self.closes}."
            )
        if not 0 <= self.threshold_percent <= 100:
            raise ValueError(f"Threshold must be between 0 and 100, not {self.threshold_percent}.")
        if self.completeness_percent is not None and not 0 <= self.completeness_percent <= 100:
            raise ValueError(f"Completeness must be between 0 and 100, not {self.completeness_percent}.")


@dataclass(frozen=True)
class StatusResult:
    """A status, the reason for it in plain English, and the due date that applied."""

    status: Status
    reason: str
    effective_due_date: date
