"""Django's session, sign-in and messages middleware, kept out of anonymous survey requests.

A care worker answering a survey (`/s/...`) with no session or messages cookie has nothing of the signed-in world:
the anonymity rules forbid a session on survey pages (progress lives in the respondent's own encrypted cookie,
`surveys.answering`), so there is no session to load, no user to look up and no message to show. These subclasses
pass such a request straight on (a survey answered on a phone is the service's busiest request), leaving
`request.user` anonymous and no `request.session` at all, so nothing on a survey page can start a session; anyone
else (council staff trying a link, a respondent with a message waiting) goes through the middleware as before.
The CSRF, security, clickjacking and CSP middleware run for every request.
"""

from __future__ import annotations

from django.contrib.auth import middleware as auth
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import middleware as messages
from django.contrib.sessions import middleware as sessions
from django.utils.cache import patch_vary_headers

from surveys import kept_pages

SURVEY_PREFIX = "/s/"  # the public short links (surveys.urls, mounted at the site root)


def anonymous_survey_request(request) -> bool:
    """A survey page requested with no session or messages cookie."""
    return request.path_info.startswith(SURVEY_PREFIX) and kept_pages.servable(request)


class _PassesAnonymousSurveys:
    """For an anonymous survey request, `passed(request)` instead of the middleware's own work (sync only: under
    ASGI every request goes through the middleware as Django wrote it)."""

    def __call__(self, request):
        if not self.async_mode and anonymous_survey_request(request):
            return self.passed(request)
        return super().__call__(request)

    def passed(self, request):
        return self.get_response(request)


class SessionMiddleware(_PassesAnonymousSurveys, sessions.SessionMiddleware):
    def passed(self, request):
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))  # as before: the page depends on whether a session cookie is sent
        return response


class AuthenticationMiddleware(_PassesAnonymousSurveys, auth.AuthenticationMiddleware):
    def passed(self, request):
        request.user = AnonymousUser()
        return self.get_response(request)


class MessageMiddleware(_PassesAnonymousSurveys, messages.MessageMiddleware):
    pass
