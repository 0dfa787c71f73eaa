"""How a collection round is named in a workbook."""

from __future__ import annotations

from collection.models import CollectionRound


def round_label(collection_round: CollectionRound) -> str:
    """The financial year the round is collected in, from the day its window opens: a window opening on
    1 April 2026 gives "2026-27" (the file name then reads `...-workforce-2026-27.xlsx`)."""
    opens = collection_round.window_opens
    start = opens.year if opens.month >= 4 else opens.year - 1
    return f"{start}-{(start + 1) % 100:02d}"
