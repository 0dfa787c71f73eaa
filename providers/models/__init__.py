from providers.models.accounts import SignInCode, User
from providers.models.contracts import Contract, ContractRequirement
from providers.models.organisations import (
    Council,
    CouncilMembership,
    Invitation,
    Membership,
    Organisation,
    Workplace,
)
from providers.models.reference import ReferenceCode

__all__ = [
    "Contract",
    "ContractRequirement",
    "Council",
    "CouncilMembership",
    "Invitation",
    "Membership",
    "Organisation",
    "ReferenceCode",
    "SignInCode",
    "User",
    "Workplace",
]
