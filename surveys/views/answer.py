"""The public survey pages behind a short link: no sign-in, one question per page, check answers, confirmation.

Nothing here logs answers or the client's address, and nothing stores who answered. Progress lives in the
respondent's encrypted cookie (`surveys.answering`), never in a session. The confirmation page is the same bytes for
every respondent of a campaign, at an address with no query: the help contacts are shown before sending (on the
question that calls for them and on the check page), never chosen after.
"""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from providers.views.pages import too_many_requests
from surveys import answering, kept_pages, throttle
from surveys.access import campaign_for_link
from surveys.forms import StartForm
from surveys.presentation import check_rows, help_context, question_context
from surveys.questionnaires import (
    answers_show_help,
    estimated_minutes,
    first_unanswered,
    is_complete,
    next_question,
    previous_question,
    shows_help,
    validate_answer,
    visible_questions,
)
from surveys.selectors import campaign_questionnaire
from surveys.services import CODE_REFUSED, SubmitRefused, response_submit, single_use_code_spend


def too_many(request):
    """The page for a respondent (or a flood) over one of the survey limits (each counts per hour at most)."""
    return too_many_requests(request, retry_after=throttle.longest_window(), template="surveys/answer/too_many.html")


def campaign_or_404(request, code: str):
    """The campaign behind a short link; an unknown code counts towards the guessing limit, then 404."""
    try:
        return campaign_for_link(code)
    except Http404:
        throttle.over_limit(request, "code")  # counts guesses; the 404 is the answer either way
        raise


def survey_url(name: str, campaign, **kwargs) -> str:
    return reverse(f"survey-{name}", kwargs={"code": campaign.code, **kwargs})


def _resume_url(campaign, current: dict) -> str:
    questionnaire = campaign_questionnaire(campaign)
    question = first_unanswered(questionnaire, current["answers"])
    return survey_url("check", campaign) if question is None else survey_url("question", campaign, question=question.key)


@never_cache
def survey_start(request, code: str):
    campaign = campaign_or_404(request, code)
    current = answering.state(request, campaign)
    needs_code = campaign.uses_single_use_codes and not (current and current.get("ticket"))
    form = StartForm(request.POST if request.method == "POST" else None) if needs_code else None
    if request.method == "POST":
        if throttle.over_limit(request, "answer"):
            return too_many(request)
        if form is not None and form.is_valid() and not single_use_code_spend(
            campaign=campaign, code=form.cleaned_data["single_use_code"]
        ):
            form.add_error("single_use_code", CODE_REFUSED)
            if throttle.over_limit(request, "code"):
                return too_many(request)
        if form is None or form.is_valid():  # the code, if any, is spent now; the cookie says only that it was
            ticket = form is not None or bool(current and current.get("ticket"))
            fresh = answering.start(campaign, ticket=ticket, nonce=current["nonce"] if current else "")
            return answering.keep(request, redirect(_resume_url(campaign, fresh)), campaign, fresh)
    context = {
        "campaign": campaign, "form": form, "current": current,
        "resume_url": _resume_url(campaign, current) if current else None,
        "minutes": max(1, round(estimated_minutes(campaign_questionnaire(campaign), {}))),
        "questionnaire": campaign_questionnaire(campaign),
    }
    return render(request, "surveys/answer/start.html", context)


@never_cache
def survey_question(request, code: str, question: str, change: bool = False):
    campaign = campaign_or_404(request, code)
    current = answering.state(request, campaign)
    if current is None:
        return redirect(survey_url("start", campaign))
    questionnaire = campaign_questionnaire(campaign)
    shown = {q.key: q for q in visible_questions(questionnaire, current["answers"])}
    if question not in shown:
        return redirect(_resume_url(campaign, current))
    asked = shown[question]
    error = None
    if request.method == "POST":
        if throttle.over_limit(request, "answer"):
            return too_many(request)
        raw = request.POST.getlist("answer") if asked.type == "multiple_choice" else request.POST.get("answer")
        value, error = validate_answer(asked, raw)
        if error is None:
            return _store_and_move_on(request, campaign, current, asked, value, change=change)
    value = request.POST.get("answer") if error else current["answers"].get(question)
    if asked.type == "multiple_choice" and error:
        value = request.POST.getlist("answer")
    context = question_context(questionnaire, current, asked, value=value, error=error, change=change)
    help_pending = current.pop("help", False)
    context |= help_context(show=help_pending or shows_help(asked, value))
    context["back_url"] = _back_url(campaign, questionnaire, current, asked, change=change)
    page = render(request, "surveys/answer/question.html", context, status=200)
    if help_pending:  # the help panel is shown once: remember that it has been (otherwise reading writes nothing)
        answering.keep(request, page, campaign, current)
    return page


def _back_url(campaign, questionnaire, current, asked, *, change: bool) -> str:
    if change:
        return survey_url("check", campaign)
    before = previous_question(questionnaire, current["answers"], asked.key)
    return survey_url("question", campaign, question=before.key) if before else survey_url("start", campaign)


def _store_and_move_on(request, campaign, current: dict, asked, value, *, change: bool):
    answers = current["answers"]
    if value is None:
        answers.pop(asked.key, None)
    else:
        answers[asked.key] = value
    current["help"] = shows_help(asked, value)
    questionnaire = campaign_questionnaire(campaign)
    if change and is_complete(questionnaire, answers):
        target = survey_url("check", campaign)
    else:
        following = next_question(questionnaire, answers, asked.key)
        target = survey_url("question", campaign, question=following.key) if following else survey_url("check", campaign)
    return answering.keep(request, redirect(target), campaign, current)


@never_cache
def survey_check(request, code: str):
    campaign = campaign_or_404(request, code)
    current = answering.state(request, campaign)
    if current is None:
        return redirect(survey_url("start", campaign))
    questionnaire = campaign_questionnaire(campaign)
    if not is_complete(questionnaire, current["answers"]):
        return redirect(_resume_url(campaign, current))
    error = None
    if request.method == "POST":
        if throttle.over_limit(request, "submit"):
            return too_many(request)
        try:
            response_submit(campaign=campaign, answers=current["answers"], nonce=current["nonce"],
                            ticket=bool(current.get("ticket")))  # fmt: skip
        except SubmitRefused as refused:
            error = str(refused)
        else:
            return answering.forget(request, redirect(survey_url("done", campaign)), campaign)
    context = {"campaign": campaign, "sections": check_rows(questionnaire, current["answers"], campaign), "error": error}
    current.pop("help", False)
    context |= help_context(show=answers_show_help(questionnaire, current["answers"]))
    return render(request, "surveys/answer/check.html", context)


@transaction.non_atomic_requests  # reads only: no transaction to open and commit
@never_cache
def survey_done(request, code: str):
    """The confirmation: the same bytes for everyone who answered this campaign, whatever they answered."""
    campaign = campaign_or_404(request, code)
    if not kept_pages.servable(request):
        return render(request, "surveys/answer/done.html", {"code": campaign.code})
    marked = {"code": kept_pages.MarkedCampaign.code}  # one kept confirmation for every campaign
    return kept_pages.kept_page(request, ("done",), "surveys/answer/done.html", lambda: marked, campaign=campaign)
