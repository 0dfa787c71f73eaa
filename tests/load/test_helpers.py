"""The load test's own helpers: the authenticator code must be the one allauth accepts, and forms re-post as sent."""

from __future__ import annotations

import time

import pytest
from allauth.mfa.totp.internal.auth import hotp_value

from tests.load.helpers import form_values, totp
from tests.load.seed import totp_secret

FORM = """
<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="abc">
<input name="local_ref" value="ST-1"><input type="radio" name="gender" value="1">
<input type="radio" name="gender" value="2" checked><input type="checkbox" name="confirm" value="yes">
<select name="job_role"><option value="">Choose</option><option value="8" selected>Care worker</option></select>
<textarea name="notes">hello</textarea><button type="submit" name="save">Save</button></form>
"""


@pytest.mark.parametrize("email", ["load.editor1@example.com", "load.analyst3@example.com"])
def test_totp_matches_allauth(email):
    secret = totp_secret(email)
    now = time.time()
    assert totp(secret, now) == f"{hotp_value(secret, int(now // 30)):06d}"


def test_form_values_are_what_a_browser_sends():
    form = form_values(FORM)
    assert form.values == {"csrfmiddlewaretoken": ["abc"], "local_ref": ["ST-1"], "gender": ["2"],
                           "job_role": ["8"], "notes": ["hello"]}
    assert form.radios == {"gender": ["1", "2"], "confirm": ["yes"]}
