"""What a browser sends for a GOV.UK date input: three fields, `<name>_day`, `<name>_month` and `<name>_year`."""

from __future__ import annotations

from datetime import date


def date_input(name: str, value: date | str | tuple[str, str, str]) -> dict[str, str]:
    """The POST data for a date typed into the field `name`: a date, an ISO string, or the three boxes as typed."""
    if isinstance(value, tuple):
        day, month, year = value
    else:
        chosen = date.fromisoformat(value) if isinstance(value, str) else value
        day, month, year = str(chosen.day), str(chosen.month), str(chosen.year)
    return {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}


def dates_input(**values) -> dict[str, str]:
    data: dict[str, str] = {}
    for name, value in values.items():
        data.update(date_input(name, value))
    return data
