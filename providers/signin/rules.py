"""Pure rules for failed sign-ins on one account (no Django imports).

An "episode" is a run of failed sign-ins on one account that ends an hour after the last failure. The first few
failures cost nothing. After that the account is guarded:

- an account with an authenticator app must give the security code with the password, and the password is only
  checked once the code is right, so guessing passwords is pointless and the real person signs in as usual;
- an account without one (an individual employer who uses emailed codes) waits a delay that doubles with each
  failure, up to a minute: slowed, never locked out.

The account holder is emailed once per episode, when it becomes guarded.
"""

from __future__ import annotations

from dataclasses import dataclass

FREE_FAILURES = 5
EPISODE_SECONDS = 60 * 60
MAX_DELAY_SECONDS = 60


@dataclass(frozen=True)
class Episode:
    failures: int = 0
    last_failure_at: float = 0.0  # seconds since the epoch
    notified: bool = False


def is_guarded(episode: Episode) -> bool:
    return episode.failures >= FREE_FAILURES


def delay_seconds(failures: int) -> int:
    """The wait after `failures` failures for an account without an authenticator app: 0, then 2, 4, 8 … 60 s."""
    if failures < FREE_FAILURES:
        return 0
    return min(MAX_DELAY_SECONDS, 2 ** (failures - FREE_FAILURES + 1))


def wait_remaining(episode: Episode, now: float) -> int:
    """Whole seconds still to wait before the next attempt counts (0: go ahead)."""
    left = episode.last_failure_at + delay_seconds(episode.failures) - now
    return max(0, int(left + 0.999))


def after_failure(episode: Episode, now: float) -> Episode:
    """The episode after one more failure (a new episode if the last one had ended)."""
    if now - episode.last_failure_at > EPISODE_SECONDS:
        episode = Episode()
    return Episode(failures=episode.failures + 1, last_failure_at=now, notified=episode.notified)


def should_notify(episode: Episode) -> bool:
    return is_guarded(episode) and not episode.notified
