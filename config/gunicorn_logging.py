"""gunicorn's access log, made safe for the anonymous survey (issue 15).

For a request under `/s/` (the public survey pages) the access log gets only: the method, the path without any
query, the status and the hour. No client address, no user agent, no referrer, no exact time, no size, no timing,
no headers or environment: whatever `access_log_format` asks for, every other atom is "-". Other pages are logged
as gunicorn does by default. Used by the Dockerfile, docker-compose.yml and scripts/stack.sh through
`config/gunicorn.conf.py`.
"""

from __future__ import annotations

import time

from gunicorn.glogging import Logger

SURVEY_PREFIX = "/s/"


def survey_atoms(atoms: dict, environ: dict) -> dict:
    """The atoms of a survey request's log line: everything about the client or the moment is dropped."""
    method = environ.get("REQUEST_METHOD", "-")
    path = environ.get("PATH_INFO", "-")
    kept = {
        "m": method,
        "U": path,
        "r": f"{method} {path} {environ.get('SERVER_PROTOCOL', '-')}",
        "s": atoms.get("s", "-"),
        "H": environ.get("SERVER_PROTOCOL", "-"),
        "t": time.strftime("[%d/%b/%Y:%H:00 %z]"),  # the hour only
    }
    return {key: kept.get(key, "-") for key in atoms} | kept


class SurveyPrivateLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        if (environ.get("PATH_INFO") or "").startswith(SURVEY_PREFIX):
            return survey_atoms(atoms, environ)
        return atoms
