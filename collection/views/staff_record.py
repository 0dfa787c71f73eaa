"""One staff record, a few questions at a time: the person and their job; pay and hours; qualifications and
training; then a check-answers page with a Change link to each answer.

Every question page saves its own answers through the staff record services (the one write path, audited field by
field), so a record half-way through is kept, and shown as missing answers until it is finished: "Save and come
back later" on every page. The version on each page catches someone else's save in between. A carried-forward
record is confirmed on its check-answers page, once the person has seen every answer.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from collection.access import access_staff_record
from collection.conversion import staff_values
from collection.forms import (
    STAFF_PAGES,
    StaffPageForm,
    next_page,
    previous_page,
    staff_answers,
    staff_page,
)
from collection.forms.staff import PAGE_OF_FIELD, shown_value
from collection.services import (
    EditConflict,
    InvalidState,
    staff_record_confirm,
    staff_record_create,
    staff_record_update,
)
from collection.views.common import ReturnPage, return_page, save_with


@login_required
def staff_add(request, org: str, workplace: int, round: str):
    """The first question page for a new record: saving it adds the record."""
    page = return_page(request, org=org, workplace=workplace, round=round)
    return _question(request, page, STAFF_PAGES[0], record=None)


@login_required
def staff_job(request, org: str, workplace: int, round: str, record: int):
    return _record_question(request, "job", org=org, workplace=workplace, round=round, record=record)


@login_required
def staff_pay(request, org: str, workplace: int, round: str, record: int):
    return _record_question(request, "pay", org=org, workplace=workplace, round=round, record=record)


@login_required
def staff_qualifications(request, org: str, workplace: int, round: str, record: int):
    return _record_question(request, "qualifications", org=org, workplace=workplace, round=round, record=record)


def _record_question(request, slug: str, *, org, workplace, round, record):
    page = return_page(request, org=org, workplace=workplace, round=round)
    found = access_staff_record(page.workforce_return, record)
    return _question(request, page, staff_page(slug), record=found)


def _question(request, page: ReturnPage, form_class: type[StaffPageForm], *, record):
    if request.method == "POST" and not page.editable:
        raise Http404("Not editable")
    initial = {**staff_values(record), "version": record.version} if record else None
    form = form_class(request.POST if request.method == "POST" else None, initial=initial)
    changing = (request.POST if request.method == "POST" else request.GET).get("change") == "1"
    saved = {}

    def save(answers, *, version, confirm_warnings):
        if record is None:
            saved["record"] = staff_record_create(workforce_return=page.workforce_return, actor=request.user,
                                                  data=answers, confirm_warnings=confirm_warnings)
        else:  # a page of several: the record is confirmed on its check-answers page
            saved["record"] = staff_record_update(record=record, actor=request.user, data=answers, version=version,
                                                  confirm_warnings=confirm_warnings, confirm=False)

    if request.method == "POST" and save_with(request, form, save):
        found = saved["record"]
        if "later" in request.POST:
            messages.success(request, f"Staff record {found.local_ref} saved. You can come back to it at any time "
                                      "from this list.")
            return redirect("collection:staff-list", **page.kwargs)
        following = None if changing else next_page(form_class)
        if following is None:
            return redirect("collection:staff-edit", record=found.pk, **page.kwargs)
        return redirect(following.route, record=found.pk, **page.kwargs)
    return render(request, "collection/staff/question.html", page.context(
        form=form, record=record, changing=changing, number=STAFF_PAGES.index(form_class) + 1,
        pages=len(STAFF_PAGES), back_url=_back_url(page, form_class, record, changing=changing),
        record_summary=_conflict_summary(record, form) if form.conflict else [],
    ))


def _back_url(page: ReturnPage, form_class, record, *, changing: bool) -> str:
    before = previous_page(form_class)
    if record is not None and changing:
        return reverse("collection:staff-edit", kwargs={**page.kwargs, "record": record.pk})
    if record is not None and before is not None:
        return reverse(before.route, kwargs={**page.kwargs, "record": record.pk})
    return reverse("collection:staff-list", kwargs=page.kwargs)


def _conflict_summary(record, form) -> list[tuple[str, str]]:
    """The answers on this page that the other person saved and that differ from what this person typed (the form
    was valid: a conflict is found only when saving)."""
    record.refresh_from_db()
    differ = []
    for bound in form.visible_answer_fields():
        saved, typed = getattr(record, bound.name), form.cleaned_data.get(bound.name)
        if (saved if saved not in ("", None) else None) != (typed if typed not in ("", None) else None):
            differ.append((str(bound.label), shown_value(bound.field, saved, name=bound.name)))
    return differ


@login_required
def staff_check(request, org: str, workplace: int, round: str, record: int):
    """Check answers: every answer, page by page, each with a Change link. Saving here confirms the record (a
    carried-forward one is then checked); the answers themselves were saved page by page."""
    page = return_page(request, org=org, workplace=workplace, round=round)
    found = access_staff_record(page.workforce_return, record)
    problems: list[tuple[str, str]] = []
    if request.method == "POST":
        if not page.editable:
            raise Http404("Not editable")
        try:
            staff_record_confirm(record=found, actor=request.user, version=request.POST.get("version") or None)
        except (EditConflict, InvalidState) as error:
            messages.error(request, error.messages[0])
            return redirect("collection:staff-edit", record=found.pk, **page.kwargs)
        except ValidationError as error:
            problems = _problems(page, found, error)
        else:
            messages.success(request, f"Staff record {found.local_ref} saved")
            if "add_another" in request.POST:
                return redirect("collection:staff-add", **page.kwargs)
            return redirect("collection:staff-list", **page.kwargs)
    answers = []
    for form_class, rows in staff_answers(staff_values(found)):
        url = reverse(form_class.route, kwargs={**page.kwargs, "record": found.pk}) + "?change=1"
        answers.append((form_class.title, [(row, f"{url}#{_anchor(form_class, row.name)}") for row in rows]))
    return render(request, "collection/staff/check.html", page.context(
        record=found, answers=answers, problems=problems,
    ))


def _anchor(form_class, name: str) -> str:
    bound = form_class()[name]
    if bound.widget_type == "govukdaymonthyear":
        return f"id_{name}_day"
    return f"id_{name}_0" if bound.widget_type == "radioselect" else f"id_{name}"


def _problems(page: ReturnPage, record, error: ValidationError) -> list[tuple[str, str]]:
    """Each error that stops the record being saved, linked to the question it is about."""
    pairs = error.message_dict.items() if hasattr(error, "error_dict") else [("", error.messages)]
    found = []
    for name, messages_ in pairs:
        form_class = PAGE_OF_FIELD.get(name)
        href = "#main-content"
        if form_class is not None:
            href = reverse(form_class.route, kwargs={**page.kwargs, "record": record.pk})
            href += f"?change=1#{_anchor(form_class, name)}"
        found.extend((href, message) for message in messages_)
    return found
