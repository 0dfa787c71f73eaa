"""Helpers the return pages share: fetching a return through the access rules, and saving a form via a service."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from collection import access
from collection.models import CollectionRound, WorkforceReturn
from collection.selectors import EDITABLE_STATES
from collection.services import EditConflict, InvalidState, WarningsNotConfirmed, return_get_or_create
from providers.access import can_edit, is_org_admin
from providers.models import Membership, Organisation, Workplace


@dataclass
class ReturnPage:
    organisation: Organisation
    workplace: Workplace
    round: CollectionRound
    workforce_return: WorkforceReturn
    can_edit: bool
    is_admin: bool

    @property
    def kwargs(self) -> dict:
        return {"org": self.organisation.slug, "workplace": self.workplace.pk, "round": self.round.slug}

    @property
    def editable(self) -> bool:
        return self.can_edit and self.workforce_return.state in EDITABLE_STATES

    def context(self, **extra) -> dict:
        return {
            "organisation": self.organisation,
            "workplace": self.workplace,
            "round": self.round,
            "return": self.workforce_return,
            "can_edit": self.editable,
            "is_admin": self.is_admin,
            "url_kwargs": self.kwargs,
            **extra,
        }

    def to_task_list(self):
        return redirect("collection:return", **self.kwargs)


def return_page(request, *, org: str, workplace: int, round: str, min_role: str | None = None) -> ReturnPage:
    """Fetch the page's objects through the access rules (404 if out of reach); a POST needs an editor.

    The return is created, not started, on first visit.
    """
    role = min_role or (Membership.Role.EDITOR if request.method == "POST" else Membership.Role.VIEWER)
    organisation, place, found = access.access_workplace_round(
        request.user, org=org, workplace=workplace, round_slug=round, min_role=role
    )
    workforce_return = return_get_or_create(workplace=place, round_=found)
    workforce_return.workplace = place
    workforce_return.round = found
    return ReturnPage(
        organisation=organisation,
        workplace=place,
        round=found,
        workforce_return=workforce_return,
        can_edit=can_edit(request.user, organisation),
        is_admin=is_org_admin(request.user, organisation),
    )


def save_with(request, form, save: Callable[..., object]) -> bool:
    """Validate the form and save through the service. On failure the form keeps the input and shows why."""
    if not form.is_valid():
        return False
    try:
        save(
            form.answers(),
            version=form.cleaned_data.get("version"),
            confirm_warnings=bool(form.cleaned_data.get("confirm_warnings")),
        )
    except WarningsNotConfirmed as error:
        form.show_warnings(error)
        return False
    except EditConflict as error:
        form.keep_input_after_conflict(error.current_version)
        form.add_error(None, error.messages[0])
        return False
    except InvalidState as error:
        messages.error(request, error.messages[0])
        form.add_error(None, error.messages[0])
        return False
    except ValidationError as error:
        form.add_service_errors(error)
        return False
    return True
