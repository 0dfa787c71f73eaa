"""A throw-away database for one benchmark run: a temporary SQLite file, or a new PostgreSQL database."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def fresh_database(prefix: str) -> Iterator[str]:
    """Set Django up on an empty, migrated database and yield its name ("SQLite" or "PostgreSQL"); drop it after."""
    import django

    django.setup()
    from django.db import connection

    temp = None
    if connection.vendor == "sqlite":
        temp = tempfile.NamedTemporaryFile(suffix=".sqlite3", delete=False)
        connection.settings_dict["TEST"]["NAME"] = temp.name
    else:
        connection.settings_dict["TEST"]["NAME"] = f"{prefix}_{os.getpid()}"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        yield "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    finally:
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)
        if temp is not None:
            Path(temp.name).unlink(missing_ok=True)
