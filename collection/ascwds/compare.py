"""Deciding whether uploaded data differs from what is held, ignoring differences that carry no meaning.

Rules: the order of services, service users, job roles and leaver reasons does not matter; a job role row whose
starters, leavers and vacancies are all 0 says nothing; "with jobs" whose counts are all 0 is the same as "none"; a
section with nothing answered is the same as no section; answers the file cannot carry for the workplace's main
service are not compared (`collection.ascwds.workplace_section.as_the_file_carries`).
"""

from __future__ import annotations

from dataclasses import replace

from collection.ascwds.workplace_section import as_the_file_carries
from collection.rules.records import StaffRecordData, WorkplaceData, WorkplaceSectionData


def _sorted_codes(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(values, key=lambda v: (len(v), v)))


def canonical_workplace(workplace: WorkplaceData) -> WorkplaceData:
    return replace(
        workplace,
        other_services=_sorted_codes(workplace.other_services),
        service_users=_sorted_codes(workplace.service_users),
    )


def canonical_section(section: WorkplaceSectionData | None) -> WorkplaceSectionData | None:
    """The section with meaningless differences removed; a section with nothing answered is the same as none (a
    workplace with no return in the round downloads as blank section cells)."""
    if section is None or section == WorkplaceSectionData():
        return None
    roles = tuple(
        sorted(
            (r for r in section.job_roles if r.starters or r.leavers or r.vacancies),
            key=lambda r: (len(r.job_role), r.job_role),
        )
    )

    def declared(value: str | None, attribute: str) -> str | None:
        if value == "with_jobs" and not any(getattr(r, attribute) for r in roles):
            return "none"
        return value

    return replace(
        section,
        job_roles=roles,
        starters_declared=declared(section.starters_declared, "starters"),
        leavers_declared=declared(section.leavers_declared, "leavers"),
        vacancies_declared=declared(section.vacancies_declared, "vacancies"),
        leaver_reasons={k: v for k, v in section.leaver_reasons.items() if v},
    )


def workplace_differs(
    new: WorkplaceData,
    new_section: WorkplaceSectionData | None,
    old: WorkplaceData,
    old_section: WorkplaceSectionData | None,
) -> bool:
    """Whether the file's workplace (and section) say something other than what is held, comparing only what the
    file can carry (`as_the_file_carries`)."""
    new_section = as_the_file_carries(new_section, main=new.main_service)
    old_section = as_the_file_carries(old_section, main=old.main_service)
    return canonical_workplace(new) != canonical_workplace(old) or canonical_section(new_section) != canonical_section(
        old_section
    )


def staff_differs(new: StaffRecordData, old: StaffRecordData) -> bool:
    return new != old
