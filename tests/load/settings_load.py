"""Settings for the load and fault stack (scripts/stack.sh): production settings, plus higher rate limits.

A load test sends every simulated person from the one address 127.0.0.1, so the per-address limits that protect the
live service (survey throttle, sign-in rate limits, API throttles) would turn most of the load into HTTP 429s.
With STACK_RELAX_LIMITS=1 (what scripts/stack.sh sets) they are raised far above anything the run sends. Never use
this module for a live service.
"""

import os

from config.settings import *  # noqa: F403
from config.settings import ACCOUNT_RATE_LIMITS, REST_FRAMEWORK

if os.environ.get("STACK_RELAX_LIMITS", "1") == "1":
    SURVEY_RATE_LIMITS = {"submit": (10**9, 3600), "answer": (10**9, 3600), "code": (10**9, 3600)}
    ACCOUNT_RATE_LIMITS = {**ACCOUNT_RATE_LIMITS, "login": "100000/m/ip", "login_failed": "100000/m/ip"}
    REST_FRAMEWORK = {
        **REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api_token": "100000/minute", "api_session": "100000/minute"},
    }

# The stack serves plain HTTP on 127.0.0.1 (no TLS terminator in front), so cookies cannot be "Secure" there.
if os.environ.get("STACK_PLAIN_HTTP", "1") == "1":
    SESSION_COOKIE_SECURE = False
    CSRF_COOKIE_SECURE = False
