"""The contract officer's desk: the dashboard, the default list and the export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from compliance import access
from compliance.export import desk_workbook
from compliance.forms import DeskFilterForm
from compliance.ladders import default_changes, ladders_for
from compliance.rules.outlook import OUTLOOK_LABELS, Outlook
from compliance.selectors import default_list, desk_rows, rounds_for_council
from compliance.selectors.desk import status_counts
from compliance.selectors.outlook import outlook_rows
from compliance.services.outlook import at_risk_remind
from config import clock
from providers.access import council_roles
from providers.models import CouncilMembership, User


def _desk(request, council: str):
    found = access.access_desk(request.user, council)
    rounds = list(rounds_for_council(found))
    officers = User.objects.filter(
        council_memberships__council=found, council_memberships__role=CouncilMembership.Role.CONTRACT_OFFICER
    ).distinct()
    form = DeskFilterForm(request.GET or None, rounds=rounds, districts=found.districts, officers=officers)
    filters = form.cleaned_data if form.is_valid() else {}
    today = clock.today()
    chosen = next((r for r in rounds if r.slug == filters.get("round")), None)
    chosen = chosen or next((r for r in rounds if r.window_opens <= today), rounds[0] if rounds else None)
    rows = desk_rows(council=found, round=chosen, today=today, filters=filters) if chosen else []
    return found, form, chosen, rows


@login_required
def desk(request, council: str):
    found, form, chosen, rows = _desk(request, council)
    counts = status_counts(rows)
    # The page's ids first (an index walk on the stored statuses alone, however deep the page), then its 50 rows with
    # their organisations and requirements: the offset never runs through the joins.
    paginator = Paginator(rows.values_list("pk", flat=True) if chosen else rows, 50)
    paginator.count = sum(count for _, _, count in counts)  # the counts are of these rows: no second COUNT query
    page = paginator.get_page(request.GET.get("page"))
    if chosen:
        ids = list(page.object_list)
        found_rows = rows.in_bulk(ids)
        page.object_list = [found_rows[pk] for pk in ids]
    query = request.GET.copy()
    query.pop("page", None)
    outlook = outlook_rows(council=found, round=chosen, today=clock.today()) if chosen else {}
    ladder_changed = CouncilMembership.Role.COUNCIL_ADMIN in council_roles(request.user) and bool(
        default_changes(ladders_for([found.pk])[found.pk])
    )
    context = {"council": found, "form": form, "round": chosen, "page": page, "query": query.urlencode(),
               "counts": counts, "total": paginator.count, "outlook_any": any(outlook.values()),
               "outlook_groups": [(OUTLOOK_LABELS[kind][0], rows) for kind, rows in outlook.items()],
               "at_risk": outlook.get(Outlook.AT_RISK, []), "ladder_changed": ladder_changed}  # fmt: skip
    return render(request, "compliance/desk.html", context)


@login_required
@require_POST
def at_risk_reminders(request, council: str):
    """Remind the at-risk group of a round (each provider at most once a round)."""
    found = access.access_desk(request.user, council)
    chosen = next((r for r in rounds_for_council(found) if r.slug == request.POST.get("round")), None)
    if chosen is None:
        raise Http404("No such round")
    sent, already = at_risk_remind(council=found, round=chosen, today=clock.today(), actor=request.user)
    if sent:
        messages.success(request, f"Reminder sent to {sent} at-risk provider{'s' if sent != 1 else ''}"
                                  + (f" ({already} already reminded this round)" if already else ""))  # fmt: skip
    else:
        messages.success(request, "Every at-risk provider has already been reminded this round: nothing sent")
    return redirect(reverse("compliance-council:desk", kwargs={"council": found.slug}) + f"?round={chosen.slug}")


@login_required
def desk_export(request, council: str):
    found, _, chosen, rows = _desk(request, council)
    title = f"{found.name}: compliance, {chosen.name if chosen else 'no round'}"
    response = HttpResponse(
        desk_workbook(rows, title=title),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="compliance-{found.slug}.xlsx"'
    return response


@login_required
def defaults(request, council: str):
    found = access.access_desk(request.user, council)
    return render(request, "compliance/defaults.html", {"council": found, "entries": default_list(council=found)})
