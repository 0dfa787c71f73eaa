"""The survey on one page: every question in one form, sent with one request.

With JavaScript (static/js/survey.js) the page shows one question at a time, keeps the answers on the phone until
they are sent, and checks them before sending; without it, it is one long form. Either way the answers reach the
server once, in one POST, so a care worker on a weak phone signal needs no round trip per question. The
one-question-per-page flow in `answer.py` stays for anyone who starts without JavaScript or with a single-use code.

After sending, everyone goes to the same confirmation address with no query, and gets the same page: the help
contacts appear on this page as soon as an answer calls for them (with JavaScript), or always (without), never after.
"""

from __future__ import annotations

import hashlib
import secrets

from django.core.cache import cache
from django.db import transaction
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.html import strip_spaces_between_tags
from django.views.decorators.cache import never_cache

from surveys import kept_pages, throttle
from surveys.presentation import help_context, one_page_steps
from surveys.questionnaires import validate_answers
from surveys.selectors import campaign_questionnaire
from surveys.services import SubmitRefused, response_submit
from surveys.views.answer import campaign_or_404, survey_url, too_many

FORM_CACHE_SECONDS = 60 * 60


_rendered: dict[str, str] = {}  # this process's copies of the forms, by the same content-derived key as the cache
RENDERED_MAX = 256


def _form_key(questionnaire) -> str:
    fingerprint = hashlib.sha256(repr(questionnaire.local_questions).encode()).hexdigest()[:16]
    return f"surveys:one-page:{questionnaire.kind}:{questionnaire.version}:{fingerprint}"


def _steps_html(questionnaire) -> str:
    """The questions of the blank form, rendered once per questionnaire (they are the same for every respondent).

    The key is derived from the questions themselves (kind, version and the local questions' fingerprint), so a
    copy can never be out of date: this process keeps the ones it has used, and asks the shared cache only the first
    time it meets a form (no cache round trip per page view)."""
    key = _form_key(questionnaire)
    html = _rendered.get(key)
    if html is not None:
        return html
    html = cache.get(key)
    if html is None:
        html = render_to_string("surveys/includes/one_page_steps.html", {"steps": one_page_steps(questionnaire)})
        html = strip_spaces_between_tags(html)  # a fifth smaller, for phones on a weak signal
        cache.set(key, html, throttle.bucketed_timeout(FORM_CACHE_SECONDS))
    if len(_rendered) >= RENDERED_MAX:
        _rendered.clear()
    _rendered[key] = html
    return html


def _raw_answers(questionnaire, post) -> dict[str, object]:
    return {
        q.key: post.getlist(f"q-{q.key}") if q.type == "multiple_choice" else post.get(f"q-{q.key}")
        for q in questionnaire.questions
    }


@transaction.non_atomic_requests  # reads, then one write that is atomic on its own (response_submit)
@never_cache
def survey_answers(request, code: str):
    campaign = campaign_or_404(request, code)
    if campaign.uses_single_use_codes:  # the code is checked before the first question, on the start page
        return redirect(survey_url("start", campaign))
    questionnaire = campaign_questionnaire(campaign)
    context = {"campaign": campaign, "questionnaire": questionnaire, "errors": None}
    if request.method == "POST":
        if throttle.over_limit(request, "submit"):
            return too_many(request)
        raw = _raw_answers(questionnaire, request.POST)
        answers, errors = validate_answers(questionnaire, raw)
        if not errors:
            try:
                response_submit(campaign=campaign, answers=answers, nonce=request.POST.get("nonce", "")[:64])
            except SubmitRefused as refused:
                errors = {"": str(refused)}
            else:
                return redirect(survey_url("done", campaign))
        steps = one_page_steps(questionnaire, raw=raw, errors=errors)
        context |= {
            "steps_html": render_to_string("surveys/includes/one_page_steps.html", {"steps": steps}),
            "errors": [{"key": key, "text": text} for key, text in errors.items()],
            "nonce": request.POST.get("nonce", "")[:64] or secrets.token_urlsafe(16),
        }
        context |= help_context(show=True)  # hidden until an answer calls for it
        return render(request, "surveys/answer/one_page.html", context)
    nonce = secrets.token_urlsafe(16)

    def blank(campaign=campaign) -> dict:
        parts = {"campaign": campaign, "steps_html": _steps_html(questionnaire), "nonce": nonce}
        return context | parts | help_context(show=True)

    if not kept_pages.servable(request):
        return render(request, "surveys/answer/one_page.html", blank())
    # the blank form is the same for everyone but its tokens and campaign: rendered once per questions, then kept
    return kept_pages.kept_page(request, ("one-page", _form_key(questionnaire)), "surveys/answer/one_page.html",
                                lambda: blank(kept_pages.MarkedCampaign), campaign=campaign, nonce=nonce)  # fmt: skip

