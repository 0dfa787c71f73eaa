"""Plain-English pieces for the reasons the rules give (GOV.UK style: "3 July", never "03/07")."""

from __future__ import annotations

from datetime import date

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def day_month(day: date, *, relative_to: date | None = None) -> str:
    """Write a date as "3 July", adding the year when it differs from the year of `relative_to`."""
    text = f"{day.day} {_MONTHS[day.month - 1]}"
    if relative_to is not None and relative_to.year != day.year:
        text = f"{text} {day.year}"
    return text


def days(count: int) -> str:
    """Write a number of days: "1 day", "3 days"."""
    return f"{count} day" if count == 1 else f"{count} days"
