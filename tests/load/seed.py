"""Load data for the deadline-day load and fault runs (never used by the normal test suite).

python -m tests.load.seed --providers 250 --officers 20 --analysts 20 --out var/stack/accounts.json

Creates (idempotently) a round `load` that is due today, N provider organisations (`load-org-<i>`), each with one
care home and 20 staff records loaded through the ASC-WDS upload services, a contract with Demo County Council and
an editor and an admin; contract officers and analysts of Demo County with a known TOTP secret; and a survey link per the demo
seed. Writes the accounts the locustfile needs as JSON. Run `seed_demo` first.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
from datetime import timedelta
from pathlib import Path

PASSWORD = "load-password-2026"
ROUND = "load"


def totp_secret(email: str) -> str:
    """A fixed base32 secret per load account, so the load test can work out the current code."""
    return base64.b32encode(hashlib.sha256(f"load-totp:{email}".encode()).digest()[:20]).decode()


def _user(email: str, *, mfa: bool):
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    from providers.models import User

    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=PASSWORD, full_name=email.split("@")[0])
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    if mfa and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, totp_secret(email))
    return user


def seed(*, providers: int, officers: int, analysts: int, staff: int = 20) -> dict:
    from django.db import transaction
    from django.utils import timezone

    from collection.ascwds.synthetic import synthetic_files
    from collection.models import CollectionRound, StaffRecord, WorkforceReturn
    from providers.models import (
        Contract,
        ContractRequirement,
        Council,
        CouncilMembership,
        Membership,
        Organisation,
    )
    from surveys.models import Campaign
    from uploads.services import result_apply, upload_check

    today = timezone.localdate()
    council = Council.objects.get(slug="demo-county")
    round_, _ = CollectionRound.objects.update_or_create(
        slug=ROUND,
        defaults={"name": "Deadline-day load round", "snapshot_date": today - timedelta(days=60),
                  "window_opens": today - timedelta(days=30), "due_date": today, "closes": today + timedelta(days=30)},
    )
    editors = []
    for i in range(1, providers + 1):
        slug = f"load-org-{i}"
        with transaction.atomic():
            org, created = Organisation.objects.get_or_create(
                slug=slug, defaults={"name": f"Load Care {i} Ltd", "kind": Organisation.Kind.PROVIDER})
            if created or not WorkforceReturn.objects.filter(workplace__organisation=org, round=round_).exists():
                workplace_csv, staff_csv = synthetic_files(workplaces=1, staff=staff, seed=1000 + i)
                checked = upload_check(organisation=org, round=round_,
                                       files=[("workplace.csv", workplace_csv), ("staff.csv", staff_csv)])
                assert not checked.failed, f"synthetic upload for {slug} failed"
                result_apply(organisation=org, round=round_, result=checked.result, held=checked.held, actor=None)
            contract, _ = Contract.objects.get_or_create(
                council=council, organisation=org, defaults={"reference": f"LOAD-{i:05d}", "starts_on": today.replace(month=1, day=1)})
            ContractRequirement.objects.get_or_create(contract=contract, kind=ContractRequirement.Kind.ANNUAL_RETURN)
            email = f"load.editor{i}@example.com"
            user = _user(email, mfa=True)  # everyone who can read staff data has an authenticator app (issue 16)
            Membership.objects.get_or_create(user=user, organisation=org, defaults={"role": Membership.Role.EDITOR})
            admin = _user(f"load.admin{i}@example.com", mfa=True)  # chase messages go to the organisation's admins
            Membership.objects.get_or_create(user=admin, organisation=org, defaults={"role": Membership.Role.ADMIN})
        workforce_return = WorkforceReturn.objects.filter(workplace__organisation=org, round=round_).first()
        records = list(StaffRecord.objects.filter(workforce_return=workforce_return).values_list("pk", flat=True)[:5])
        editors.append({"email": email, "org": slug, "workplace": workforce_return.workplace_id,
                        "round": ROUND, "records": records, "totp": totp_secret(email)})
    council_users = []
    for role, count in ((CouncilMembership.Role.CONTRACT_OFFICER, officers), (CouncilMembership.Role.ANALYST, analysts)):
        for i in range(1, count + 1):
            email = f"load.{role}{i}@example.com".replace("_", "-")
            user = _user(email, mfa=True)
            CouncilMembership.objects.get_or_create(user=user, council=council, defaults={"role": role})
            council_users.append({"email": email, "role": role, "council": council.slug, "totp": totp_secret(email)})
    codes = list(Campaign.objects.filter(code__in=["oakhouse26", "elmlodge26"]).values_list("code", flat=True))
    return {"password": PASSWORD, "round": ROUND, "editors": editors, "council": council_users, "survey_codes": codes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--providers", type=int, default=250)
    parser.add_argument("--officers", type=int, default=20)
    parser.add_argument("--analysts", type=int, default=20)
    parser.add_argument("--out", default="var/stack/accounts.json")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    accounts = seed(providers=args.providers, officers=args.officers, analysts=args.analysts)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(accounts, indent=1))
    print(f"Load data: {len(accounts['editors'])} providers, {len(accounts['council'])} council staff -> {args.out}")


if __name__ == "__main__":
    main()
