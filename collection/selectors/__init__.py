"""Collection's reads: for its own pages (`returns`) and for the apps above it, the analyst workbooks' extraction
(`extraction`) included. Upper apps read collection through these functions, never its models."""

from collection.selectors.extraction import (
    chunks,
    count_rows,
    in_post,
    return_rows,
    return_versions,
    returns_in,
    rounds_before,
    rounds_for_council,
    source_totals,
    staff_counts,
    staff_csv,
    staff_rows,
)
from collection.selectors.returns import (
    CANNOT_START,
    COMPLETED,
    EDITABLE_STATES,
    IN_PROGRESS,
    NOT_STARTED,
    PAGE_SIZE,
    SORTS,
    StaffListing,
    StaffRow,
    Task,
    active_staff,
    change_history,
    completeness_for,
    council_missing,
    council_return_list,
    headcounts,
    leavers_recorded,
    organisation_returns,
    previous_return,
    staff_listing,
    staff_record_counts_by_return,
    task_list,
)

__all__ = [
    "CANNOT_START", "COMPLETED", "EDITABLE_STATES", "IN_PROGRESS", "NOT_STARTED", "PAGE_SIZE", "SORTS", "StaffListing", "StaffRow",
    "Task", "active_staff", "change_history", "chunks", "completeness_for", "council_missing", "council_return_list",
    "count_rows", "headcounts", "in_post", "leavers_recorded", "organisation_returns", "previous_return",
    "return_rows", "return_versions", "returns_in", "rounds_before", "rounds_for_council", "source_totals",
    "staff_counts", "staff_csv", "staff_listing", "staff_record_counts_by_return", "staff_rows", "task_list",
]
