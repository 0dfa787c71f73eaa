"""Emails about returns, sent after the transaction commits: the receipt, and the council's review outcome."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from collection.models import WorkforceReturn
from providers.messaging import send_message
from providers.models import Membership


def _recipients(workforce_return: WorkforceReturn) -> list[str]:
    admins = Membership.objects.filter(
        organisation_id=workforce_return.workplace.organisation_id, role=Membership.Role.ADMIN, user__is_active=True
    ).values_list("user__email", flat=True)
    emails = list(dict.fromkeys([*([workforce_return.submitted_by.email] if workforce_return.submitted_by else []),
                                 *admins]))
    return emails


def _link(workforce_return: WorkforceReturn) -> str:
    path = reverse(
        "collection:return",
        kwargs={
            "org": workforce_return.workplace.organisation.slug,
            "workplace": workforce_return.workplace_id,
            "round": workforce_return.round.slug,
        },
    )
    return settings.SITE_URL.rstrip("/") + path


def _load(workforce_return_id: int) -> WorkforceReturn:
    return WorkforceReturn.objects.select_related("workplace__organisation", "round", "submitted_by").get(
        pk=workforce_return_id
    )


def send_receipt(*, workforce_return_id: int) -> None:
    """The receipt: reference number and completeness, to the submitter and the organisation's admins."""
    found = _load(workforce_return_id)
    context = {"return": found, "link": _link(found), "service_name": settings.SERVICE_NAME}
    send_message(
        kind="receipt",
        subject=f"Workforce return submitted: {found.workplace.name} (reference {found.submission_reference})",
        body=render_to_string("collection/email/receipt.txt", context),
        to=_recipients(found),
        reference=f"receipt-{found.pk}-{found.submission_reference}",
    )


def send_review_outcome(*, workforce_return_id: int) -> None:
    """Tell the provider the council accepted their return, or returned it for correction (with the comment)."""
    found = _load(workforce_return_id)
    context = {"return": found, "link": _link(found), "service_name": settings.SERVICE_NAME}
    accepted = found.state == WorkforceReturn.State.ACCEPTED
    subject = "accepted" if accepted else "returned for correction"
    send_message(
        kind="review_outcome",
        subject=f"Workforce return {subject}: {found.workplace.name}",
        body=render_to_string("collection/email/review.txt", context),
        to=_recipients(found),
    )
