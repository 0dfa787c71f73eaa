"""django-csp's middleware with each policy header worked out once per process instead of twice per response.

The policy comes from settings only (no view of this service changes it with django-csp's decorators), so its
header text is the same for every response but for the nonce: it is built once with a marker where the nonce goes,
and each response gets that text with its own request's nonce in the marker's place (or the text built without one
when the request made no nonce). A response that carries a decorator's override or exemption, and every response
under DEBUG (django-csp leaves its debug error pages alone), goes through django-csp's own code. The texts are
dropped when a CSP setting changes.
"""

from __future__ import annotations

from csp import middleware as csp
from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed

_NONCE_MARK = "cwr-csp-nonce-mark"
# what django-csp's decorators leave on a response: such a response is built by django-csp itself
_PER_RESPONSE = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt", "_csp_config_ro", "_csp_update_ro",
                 "_csp_replace_ro", "_csp_exempt_ro")  # fmt: skip
# (report only, with a nonce) -> (header text, excluded URL prefixes)
_built: dict[tuple[bool, bool], tuple[str, tuple[str, ...]]] = {}


def _policy(report_only: bool, nonce: str | None) -> tuple[str, tuple[str, ...]]:
    key = (report_only, nonce is not None)
    found = _built.get(key)
    if found is None:
        text = build_policy(nonce=_NONCE_MARK if nonce is not None else None, report_only=report_only)
        name = "CONTENT_SECURITY_POLICY_REPORT_ONLY" if report_only else "CONTENT_SECURITY_POLICY"
        prefixes = tuple((getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES", None) or ())
        found = _built[key] = (text, prefixes)
    text, prefixes = found
    return (text.replace(_NONCE_MARK, nonce) if nonce is not None else text), prefixes


class CSPMiddleware(csp.CSPMiddleware):
    def process_response(self, request, response):
        if settings.DEBUG or any(hasattr(response, name) for name in _PER_RESPONSE):
            return super().process_response(request, response)
        nonce = getattr(request, "_csp_nonce", None)
        for header, report_only in ((HEADER, False), (HEADER_REPORT_ONLY, True)):
            text, excluded = _policy(report_only, nonce)
            if text and header not in response and not request.path_info.startswith(excluded):
                response[header] = text
        if nonce is None:  # as django-csp: a nonce asked for after the header is written is an error, not a silent gap
            request.csp_nonce = csp.CheckableLazyObject(self._csp_nonce_post_response)
        return response


def _forget(*, setting, **_kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _built.clear()


setting_changed.connect(_forget, dispatch_uid="config-csp-policies")
