"""Test settings: the real settings with a fast password hasher, tasks run in-process and mail kept in memory.

DATABASE_URL still decides the database, so the same suite runs on SQLite and on PostgreSQL.
"""

import os
from datetime import datetime
from pathlib import Path

from config.settings import *  # noqa: F403
from config.settings import BASE_DIR, DATABASES, Q_CLUSTER, env

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tasks run in-process unless a test starts a real worker (the `task_worker` fixture sets Q_SYNC=0 for it).
Q_CLUSTER = {**Q_CLUSTER, "sync": env.bool("Q_SYNC", default=True), "retry": 20, "timeout": 15, "poll": 0.2}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so a real task worker process can share the test database.
    # Named after the database, so runs against different DATABASE_URLs never share a test file.
    _name = Path(str(DATABASES["default"]["NAME"]))
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / f"test-{_name.stem}.sqlite3")}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEMO_MODE = False
DEMO_SYNTHETIC_STAFF = 0  # seed_demo without the synthetic council (tests of it ask for a small one)
WHITENOISE_AUTOREFRESH = True
MFA_TOTP_TOLERANCE = 1  # lets the browser journey use the next code instead of waiting for a new period

# Tests must never read the machine's date: config.clock raises unless the test has frozen time (root conftest).
# (A benchmark that borrows these settings outside pytest sets CLOCK_MUST_BE_FROZEN=0.)
CLOCK_MUST_BE_FROZEN = env.bool("CLOCK_MUST_BE_FROZEN", default=True)
if os.environ.get("CWR_FROZEN_AT"):
    # A process started by a test (the task worker) lives at the test's frozen moment, time still ticking.
    import time_machine

    time_machine.travel(datetime.fromisoformat(os.environ["CWR_FROZEN_AT"]), tick=True).start()
    CLOCK_MUST_BE_FROZEN = False
