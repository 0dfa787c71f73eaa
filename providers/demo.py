"""Demo data for `manage.py seed_demo`: fixed slugs and sign-ins that commands, checks and people can name.

Every write is an update-or-create keyed on a slug or an email address, so running it twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from allauth.account.models import EmailAddress

from providers.models import (
    Contract,
    ContractRequirement,
    Council,
    CouncilMembership,
    Membership,
    Organisation,
    User,
    Workplace,
)
from providers.services import council_admin_site_grant

DEMO_PASSWORD = "demo-password-2026"


@dataclass
class DemoContext:
    today: date
    councils: dict[str, Council] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    workplaces: dict[str, Workplace] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    sign_ins: list[tuple[str, str]] = field(default_factory=list)
    redated: bool = False  # this run gave the demo rounds new dates (collection.demo)


COUNCILS = [
    ("demo-county", "Demo County Council", "900", ["North Vale", "South Vale", "Riverside"]),
    ("demo-city", "Demo City Council", "901", ["City Centre", "Eastside"]),
]

ORGANISATIONS = [
    ("demo-care-group", "Demo Care Group Ltd", Organisation.Kind.PROVIDER, "1-101000001"),
    ("demo-home-care", "Demo Home Care", Organisation.Kind.PROVIDER, "1-101000002"),
    ("demo-micro", "Demo Micro Care", Organisation.Kind.MICRO_EMPLOYER, ""),
    ("demo-individual", "Demo Individual Employer", Organisation.Kind.INDIVIDUAL_EMPLOYER, ""),
]

# key, organisation, name, local ref, main service, capacity, district, CQC location, service users
WORKPLACES = [
    ("oak", "demo-care-group", "Oak House Care Home", "OAK", "2", 40, "North Vale", "1-1000000001", ["1", "3"]),
    ("elm", "demo-care-group", "Elm Lodge Nursing Home", "ELM", "1", 55, "South Vale", "1-1000000002", ["1", "2"]),
    ("ash", "demo-care-group", "Ash Court", "ASH", "2", 28, "Riverside", "1-1000000003", ["3"]),
    ("homecare", "demo-home-care", "Demo Home Care – City branch", "HC1", "8", None, "City Centre", "1-1000000004",
     ["1", "5"]),
    ("micro", "demo-micro", "Demo Micro Care", "MICRO", "8", None, "Eastside", "", ["1"]),
]

# email, name, where, role
USERS = [
    ("care.admin@example.com", "Priya Shah", "org:demo-care-group", Membership.Role.ADMIN),
    ("care.editor@example.com", "Tom Evans", "org:demo-care-group", Membership.Role.EDITOR),
    ("care.viewer@example.com", "Ana Costa", "org:demo-care-group", Membership.Role.VIEWER),
    ("homecare.admin@example.com", "Grace Obi", "org:demo-home-care", Membership.Role.ADMIN),
    ("micro.admin@example.com", "Sam Hill", "org:demo-micro", Membership.Role.ADMIN),
    ("individual.employer@example.com", "Jo Reid", "org:demo-individual", Membership.Role.ADMIN),
    ("officer@example.com", "Chris Lane", "council:demo-county", CouncilMembership.Role.CONTRACT_OFFICER),
    ("analyst@example.com", "Dana Kerr", "council:demo-county", CouncilMembership.Role.ANALYST),
    ("council.admin@example.com", "Lee Park", "council:demo-county", CouncilMembership.Role.COUNCIL_ADMIN),
    ("city.officer@example.com", "Morgan Fry", "council:demo-city", CouncilMembership.Role.CONTRACT_OFFICER),
]

# council, reference, organisation, workplace keys (empty = all)
CONTRACTS = [
    ("demo-county", "DCC-2026-001", "demo-care-group", []),
    ("demo-county", "DCC-2026-002", "demo-home-care", []),
    ("demo-county", "DCC-2026-003", "demo-micro", []),
    ("demo-county", "DCC-DP-0001", "demo-individual", []),
    ("demo-city", "CITY-2026-017", "demo-home-care", ["homecare"]),
]


def seed(context: DemoContext) -> None:
    _councils(context)
    _organisations(context)
    _users(context)
    _contracts(context)


def _councils(context: DemoContext) -> None:
    for slug, name, code, districts in COUNCILS:
        council, _ = Council.objects.update_or_create(
            slug=slug, defaults={"name": name, "cssr_code": code, "districts": districts}
        )
        context.councils[slug] = council


def _organisations(context: DemoContext) -> None:
    for slug, name, kind, provider_id in ORGANISATIONS:
        organisation, _ = Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "cqc_provider_id": provider_id,
                "senior_accountable_email": f"director@{slug}.example.com",
            },
        )
        context.organisations[slug] = organisation
    for key, org, name, ref, service, capacity, district, location, users in WORKPLACES:
        workplace, _ = Workplace.objects.update_or_create(
            organisation=context.organisations[org],
            local_ref=ref,
            defaults={
                "name": name,
                "address1": f"{len(name)} High Street",
                "town": district,
                "postcode": "DE1 1AA",
                "district": district,
                "is_cqc_regulated": bool(location),
                "cqc_location_id": location,
                "employer_type": "6",
                "main_service": service,
                "capacity": capacity,
                "utilisation": capacity - 3 if capacity else None,
                "service_users": users,
            },
        )
        context.workplaces[key] = workplace


def _users(context: DemoContext) -> None:
    for email, name, where, role in USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=name, is_demo=True)
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        kind, slug = where.split(":")
        if kind == "org":
            Membership.objects.update_or_create(
                user=user, organisation=context.organisations[slug], defaults={"role": role}
            )
        else:
            CouncilMembership.objects.get_or_create(user=user, council=context.councils[slug], role=role)
            if role == CouncilMembership.Role.COUNCIL_ADMIN:
                council_admin_site_grant(user=user)
        context.users[email] = user
        context.sign_ins.append((email, f"{role.replace('_', ' ')} – {slug}"))


def _contract_start(today: date) -> date:
    """Contracts began well before last year's demo round opened (two years before the seed's first run)."""
    return today - timedelta(days=2 * 365)


def _contracts(context: DemoContext) -> None:
    officers = {"demo-county": "officer@example.com", "demo-city": "city.officer@example.com"}
    for council, reference, org, workplace_keys in CONTRACTS:
        contract = Contract.objects.filter(council=context.councils[council], reference=reference).first()
        contract, _ = Contract.objects.update_or_create(
            council=context.councils[council],
            reference=reference,
            defaults={
                "organisation": context.organisations[org],
                "starts_on": min(contract.starts_on, _contract_start(context.today)) if contract else
                _contract_start(context.today),
                "contract_officer": context.users[officers[council]],
            },
        )
        contract.workplaces.set([context.workplaces[key] for key in workplace_keys])
        ContractRequirement.objects.get_or_create(
            contract=contract,
            kind=ContractRequirement.Kind.ANNUAL_RETURN,
            defaults={"completeness_threshold": 90},
        )
