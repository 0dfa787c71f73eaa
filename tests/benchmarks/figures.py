"""What a benchmark module may hand back to `tests.benchmarks.run` for its closing summary table.

A module's `main(argv)` returns, as before, its exit status (an int, or None for 0); or, to join the summary, a
`Result`: its status and its `Figure`s. Modules that return an int keep working; they are listed in the summary as
"(no figures returned)", and their own printed lines are the record.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Figure:
    """One measured figure against its target. `target` is the most allowed (lower is better) unless
    `at_least` is set; None means shown for information. `cpu` and `wall` are seconds of the work measured (for
    per-item figures, the whole run that the figure was taken from)."""

    what: str
    value: float
    unit: str
    target: float | None = None
    at_least: bool = False
    cpu: float | None = None
    wall: float | None = None
    note: str = ""

    @property
    def verdict(self) -> str:
        if self.target is None:
            return ""
        met = self.value >= self.target if self.at_least else self.value <= self.target
        return "met" if met else "MISSED"

    @property
    def target_text(self) -> str:
        if self.target is None:
            return ""
        return f"{'>=' if self.at_least else '<='} {self.target:g} {self.unit}"


@dataclass
class Result:
    """A module's exit status and figures."""

    status: int = 0
    figures: list[Figure] = field(default_factory=list)


def status_and_figures(returned) -> tuple[int, list[Figure]]:
    """A module's return value, whichever form it takes (int, None, Result)."""
    if isinstance(returned, Result):
        return returned.status, list(returned.figures)
    return int(returned or 0), []
