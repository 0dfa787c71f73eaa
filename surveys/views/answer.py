"""The public survey pages behind a short link: no sign-in, one question per page, check answers, confirmation.

Nothing here logs answers or the client's address, and nothing stores who answered.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from config import clock
from providers.views.pages import too_many_requests
from surveys import answering, throttle
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
from surveys.services import CODE_REFUSED, SubmitRefused, response_submit, single_use_code_is_usable


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
    bound = request.POST if request.method == "POST" else None
    form = StartForm(bound) if campaign.uses_single_use_codes else None
    if request.method == "POST":
        if throttle.over_limit(request, "answer"):
            return too_many(request)
        if form is not None and form.is_valid() and not single_use_code_is_usable(
            campaign=campaign, code=form.cleaned_data["single_use_code"]
        ):
            form.add_error("single_use_code", CODE_REFUSED)
            if throttle.over_limit(request, "code"):
                return too_many(request)
        if form is None or form.is_valid():
            code_given = form.cleaned_data["single_use_code"].strip().upper() if form is not None else ""
            current = answering.start(request, campaign, single_use_code=code_given)
            return redirect(_resume_url(campaign, current))
    current = answering.state(request, campaign)
    context = {
        "campaign": campaign, "form": form, "current": current,
        "resume_url": _resume_url(campaign, current) if current else None,
        "minutes": max(1, round(estimated_minutes(campaign_questionnaire(campaign), {}))),
        "questionnaire": campaign_questionnaire(campaign),
    }
    return render(request, "surveys/answer/start.html", context)


@never_cache
def survey_question(request, code: str, question: str):
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
            return _store_and_move_on(request, campaign, current, asked, value)
    value = request.POST.get("answer") if error else current["answers"].get(question)
    if asked.type == "multiple_choice" and error:
        value = request.POST.getlist("answer")
    context = question_context(questionnaire, current, asked, value=value, error=error, change=_changing(request))
    help_pending = current.pop("help", False)
    context |= help_context(show=help_pending or shows_help(asked, value))
    context["back_url"] = _back_url(campaign, questionnaire, current, asked, change=_changing(request))
    if help_pending:  # the help panel is shown once: remember that it has been (otherwise reading writes nothing)
        answering.save(request, campaign, current)
    return render(request, "surveys/answer/question.html", context, status=200)


def _changing(request) -> bool:
    return request.GET.get("change") == "1"


def _back_url(campaign, questionnaire, current, asked, *, change: bool) -> str:
    if change:
        return survey_url("check", campaign)
    before = previous_question(questionnaire, current["answers"], asked.key)
    return survey_url("question", campaign, question=before.key) if before else survey_url("start", campaign)


def _store_and_move_on(request, campaign, current: dict, asked, value):
    answers = current["answers"]
    if value is None:
        answers.pop(asked.key, None)
    else:
        answers[asked.key] = value
    current["help"] = shows_help(asked, value)
    answering.save(request, campaign, current)
    questionnaire = campaign_questionnaire(campaign)
    if _changing(request) and is_complete(questionnaire, answers):
        return redirect(survey_url("check", campaign))
    following = next_question(questionnaire, answers, asked.key)
    return redirect(survey_url("question", campaign, question=following.key) if following else survey_url("check", campaign))


@never_cache
def survey_check(request, code: str):
    campaign = campaign_or_404(request, code)
    current = answering.state(request, campaign)
    if current is None:
        return redirect(survey_url("done" if answering.finished(request, campaign) else "start", campaign))
    questionnaire = campaign_questionnaire(campaign)
    if not is_complete(questionnaire, current["answers"]):
        return redirect(_resume_url(campaign, current))
    error = None
    if request.method == "POST":
        if throttle.over_limit(request, "submit"):
            return too_many(request)
        try:
            response_submit(campaign=campaign, answers=current["answers"], today=clock.today(),
                            single_use_code=current.get("code", ""), nonce=current["nonce"])
        except SubmitRefused as refused:
            error = str(refused)
        else:
            answering.finish(request, campaign, showed_help=answers_show_help(questionnaire, current["answers"]))
            return redirect(survey_url("done", campaign))
    context = {"campaign": campaign, "sections": check_rows(questionnaire, current["answers"], campaign), "error": error}
    help_pending = current.pop("help", False)
    context |= help_context(show=help_pending or answers_show_help(questionnaire, current["answers"]))
    if help_pending:
        answering.save(request, campaign, current)
    return render(request, "surveys/answer/check.html", context)


@never_cache
def survey_done(request, code: str):
    sent = answering.sent_from_token(request.GET.get("sent", ""), code)
    if sent is not None:  # straight from the one-page survey: the signed link vouches for the code, no query needed
        return render(request, "surveys/answer/done.html", {"code": code} | help_context(show=sent["help"]))
    campaign = campaign_or_404(request, code)
    done = answering.finished(request, campaign)
    if done is None:
        return redirect(survey_url("start", campaign))
    context = {"code": campaign.code} | help_context(show=done.get("help", False))
    return render(request, "surveys/answer/done.html", context)
