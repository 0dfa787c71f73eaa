"""When a provider's return is due. A round has its own due date, but a council's contract can set another for its
providers (a number of days after the window opens, or some months after the contract's start anniversary) and a
council can grant an extension. Those rules belong to compliance, an app above this one: compliance registers the
function that knows them when it starts (`compliance.apps`), and collection's pages ask here, so a provider reads
the same date on its returns as on its compliance page and in its reminders."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Deadline:
    due: date  # the date the return must be sent by, after any extension
    council: str  # the council whose contract sets it
    extended: bool  # the council granted an extension to this date


# (organisation, rounds, workplace ids) -> {(workplace id, round id): [Deadline, ...]}
Source = Callable[..., dict[tuple[int, int], list[Deadline]]]
_source: Source | None = None


def register(source: Source) -> None:
    global _source
    _source = source


def deadlines(*, organisation, rounds: Sequence, workplace_ids: Sequence[int]) -> dict[tuple[int, int], list[Deadline]]:
    """(workplace id, round id) -> the due dates councils' contracts set for that return, earliest first; a return
    no contract sets a date for is left out (its round's due date applies)."""
    if _source is None or not rounds or not workplace_ids:
        return {}
    return _source(organisation=organisation, rounds=list(rounds), workplace_ids=list(workplace_ids))


def shown(round_, found: list[Deadline] | None) -> dict:
    """What a page says about when one return is due: the date, whether an extension moved it, and the councils
    when their contracts set different dates."""
    if not found:
        return {"due": round_.due_date, "extended": False, "by_council": []}
    dates = {d.due for d in found}
    return {"due": min(dates), "extended": any(d.extended and d.due == min(dates) for d in found),
            "by_council": sorted(found, key=lambda d: (d.due, d.council)) if len(dates) > 1 else []}  # fmt: skip
