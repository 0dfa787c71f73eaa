"""Helpers shared by the locustfile and the fault tests (no locust import: gevent must not patch pytest)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import struct
import time
from html.parser import HTMLParser

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def totp(secret: str, at: float | None = None) -> str:
    """RFC 6238 code (SHA-1, 30 s, 6 digits), as an authenticator app shows it."""
    counter = int((at or time.time()) // 30)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


class FormValues(HTMLParser):
    """The values a browser would send for the first form holding a `name` field: inputs, checked boxes, selects."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self.radios: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox"):
                self.radios.setdefault(name, []).append(a.get("value", "on"))
                if "checked" in a:
                    self.values.setdefault(name, []).append(a.get("value", "on"))
            elif kind not in ("submit", "button", "file"):
                self.values[name] = [a.get("value", "")]
        elif tag == "select" and name:
            self._select = name
            self.values.setdefault(name, [""])
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = [a.get("value", "")]
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] = [self.values[self._textarea][0] + data]


def form_values(html: str) -> FormValues:
    parser = FormValues()
    parser.feed(html)
    return parser


def csrf(html: str) -> str:
    found = CSRF.search(html)
    return found.group(1) if found else ""
