"""The service's own logging, made safe for the anonymous survey (issue 15).

A record about a `/s/` request (Django's request loggers attach the request; other records may name the path in
their message) keeps only the hour as its time, loses the request object, and has any query string cut from its
message. Nothing in this project logs a client address or user agent; this filter makes sure the time is not exact
either.
"""

from __future__ import annotations

import logging
import re

SURVEY_PREFIX = "/s/"
_QUERY = re.compile(r"(/s/\S*?)\?\S*")


def _about_survey(record: logging.LogRecord) -> bool:
    request = getattr(record, "request", None)
    path = getattr(request, "path", "") or ""
    if path.startswith(SURVEY_PREFIX):
        return True
    try:
        return SURVEY_PREFIX in record.getMessage()
    except Exception:  # a badly formed record: leave it to the handler
        return False


class SurveyPrivacyFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if _about_survey(record):
            record.created = record.created - record.created % 3600
            record.msecs = 0
            record.msg = _QUERY.sub(r"\1", record.getMessage())
            record.args = ()
            if hasattr(record, "request"):
                record.request = None
        return True
