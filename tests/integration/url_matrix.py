"""Every tenant URL of the project, generated from the URL configuration, with values for its object kwargs.

A new page is covered as soon as it is added to a URLconf. If it takes a kwarg this table does not know, the
access tests fail and ask for one: add the kwarg to OWN and OTHER below.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Patterns under these prefixes belong to the libraries and are tested by them (or are deliberately public).
SKIPPED_PREFIXES = ("accounts/", "django-admin/", "api/schema", "api/docs", "invitations/", "static/")
PROVIDER_PREFIX = "org/"
COUNCIL_PREFIX = "council/"


def _upload(organisation) -> int:
    from tests.factories.uploads import upload_for

    return upload_for(organisation).pk


def _chase(council, organisation, workplace) -> int:
    from providers.models import Contract
    from tests.factories.compliance import chase_record_for

    return chase_record_for(Contract.objects.get(council=council, organisation=organisation), workplace).pk


# kwarg -> value on side A (the user's own) and on side B (somebody else's)
OWN: dict[str, Callable] = {
    "org": lambda w: w.org_a.slug,
    "workplace": lambda w: w.workplace_a.pk,
    "council": lambda w: w.council_a.slug,
    "invitation": lambda w: w.invitation_a.pk,
    "council_invitation": lambda w: w.council_invitation_a.pk,
    "export": lambda w: _export(w.council_a),
    "upload": lambda w: _upload(w.org_a),
    "campaign": lambda w: _survey_campaign(w.workplace_a),
    "channel_campaign": lambda w: _survey_channel(w.council_a),
    "chase": lambda w: _chase(w.council_a, w.org_a, w.workplace_a),
    "round": lambda w: _collection(w, "a")["round"].slug,
    "record": lambda w: _collection(w, "a")["record"].pk,
    "workforce_return": lambda w: _collection(w, "a")["return"].pk,
    "hold": lambda w: _hold(w.council_a, w.org_a),
    "contract": lambda w: _contract(w.council_a).pk,
    "requirement": lambda w: _contract(w.council_a).requirements.get().pk,
}
OTHER: dict[str, Callable] = {
    "org": lambda w: w.org_b.slug,
    "workplace": lambda w: w.workplace_b.pk,
    "council": lambda w: w.council_b.slug,
    "invitation": lambda w: w.invitation_b.pk,
    "council_invitation": lambda w: w.council_invitation_b.pk,
    "export": lambda w: _export(w.council_b),
    "upload": lambda w: _upload(w.org_b),
    "campaign": lambda w: _survey_campaign(w.workplace_b),
    "channel_campaign": lambda w: _survey_channel(w.council_b),
    "chase": lambda w: _chase(w.council_b, w.org_b, w.workplace_b),
    "round": lambda w: _collection(w, "b")["round"].slug,
    "record": lambda w: _collection(w, "b")["record"].pk,
    "workforce_return": lambda w: _collection(w, "b")["return"].pk,
    "hold": lambda w: _hold(w.council_b, w.org_b),
    "contract": lambda w: _contract(w.council_b).pk,
    "requirement": lambda w: _contract(w.council_b).requirements.get().pk,
}


def _hold(council, organisation) -> int:
    """The council's legal hold on its organisation (made on first use)."""
    from retention.models import LegalHold
    from tests.factories.providers import UserFactory

    found = LegalHold.objects.filter(council=council, organisation=organisation, lifted_at__isnull=True).first()
    return (found or LegalHold.objects.create(council=council, organisation=organisation, reason="Claim",
                                              placed_by=UserFactory(), placed_at=council.created_at)).pk


def _collection(world, side: str) -> dict:
    """A council's own round, a submitted return of that side's workplace, and one staff record (built lazily)."""
    from tests.factories.collection import CollectionRoundFactory, StaffRecordFactory, WorkforceReturnFactory

    council = getattr(world, f"council_{side}")
    round_ = CollectionRoundFactory(slug=f"round-{side}", council=council)
    found = WorkforceReturnFactory(workplace=getattr(world, f"workplace_{side}"), round=round_, state="submitted")
    return {"round": round_, "return": found, "record": StaffRecordFactory(workforce_return=found, local_ref="M1")}


def _contract(council):
    """The council's one contract (the world gives each council one, with an annual-return requirement)."""
    from providers.models import Contract

    return Contract.objects.get(council=council)


def _export(council) -> int:
    from tests.factories.exports import export_for

    return export_for(council).pk


def _survey_campaign(workplace) -> int:
    from tests.factories.surveys import CampaignFactory

    return CampaignFactory(workplace=workplace).pk


def _survey_channel(council) -> int:
    from tests.factories.surveys import ChannelCampaignFactory

    return ChannelCampaignFactory(council=council).pk


# kwargs that are not tenant objects (the same value on both sides)
SHARED: dict[str, Callable] = {
    "step": lambda w: "reminder_30",  # a chase-ladder step key; looked up within the council in the URL
}


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    kwargs: tuple[str, ...]

    @property
    def audience(self) -> str:
        if self.route.startswith(PROVIDER_PREFIX):
            return "provider"
        if self.route.startswith(COUNCIL_PREFIX):
            return "council"
        return "personal"

    def url(self, values: dict) -> str:
        path = self.route
        for key, value in values.items():
            path = _replace_converter(path, key, str(value))
        return "/" + path


def _replace_converter(path: str, key: str, value: str) -> str:
    import re

    return re.sub(r"<(?:\w+:)?" + key + ">", value, path)


def _walk(patterns, prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}{pattern.namespace}:"
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            if route.startswith(SKIPPED_PREFIXES):
                continue
            yield Route(name=f"{namespace}{pattern.name}", route=route, kwargs=tuple(_kwarg_names(route)))


def _kwarg_names(route: str) -> list[str]:
    import re

    return re.findall(r"<(?:\w+:)?(\w+)>", route)


def all_routes() -> list[Route]:
    return sorted(_walk(get_resolver().url_patterns), key=lambda r: r.route)


def tenant_routes() -> list[Route]:
    return [route for route in all_routes() if route.audience in ("provider", "council")]
