"""When a campaign's results may change (issue 15). Pure, no Django.

Results are released, not live: a reader who looks before and after one person answers must see no change. So the
responses of a campaign are published in releases, and a release is made only when

- at least `MIN_NEW_RESPONSES` (5) responses have arrived since the last one, so any two releases differ by at
  least 5 people; and
- it is a release point: the first release, the first run after the round's window has closed, or at least
  `RELEASE_INTERVAL_DAYS` (7) after the last release.

Responses that never make up a batch of 5 stay stored but unpublished.
"""

from __future__ import annotations

from datetime import date, timedelta

MIN_NEW_RESPONSES = 5
RELEASE_INTERVAL_DAYS = 7


def release_due(*, today: date, pending: int, last_released_on: date | None, window_closes: date | None) -> bool:
    """Whether a campaign with `pending` unreleased responses gets a release today."""
    if pending < MIN_NEW_RESPONSES:
        return False
    if last_released_on is None or last_released_on >= today:
        return last_released_on is None
    if window_closes is not None and last_released_on <= window_closes < today:
        return True  # the release at the close of the window
    return today >= last_released_on + timedelta(days=RELEASE_INTERVAL_DAYS)
