"""Test settings: the real settings with a fast password hasher, tasks run in-process and mail kept in memory.

DATABASE_URL still decides the database, so the same suite runs on SQLite and on PostgreSQL.
"""

from config.settings import *  # noqa: F403
from config.settings import Q_CLUSTER

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEMO_MODE = False
WHITENOISE_AUTOREFRESH = True
MFA_TOTP_TOLERANCE = 1  # lets the browser journey use the next code instead of waiting for a new period
