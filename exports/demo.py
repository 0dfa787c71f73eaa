"""Demo data for this app (called by manage.py seed_demo): the synthetic council and its workbook release.

"Synthetic Shire Council (synthetic data)" - about 600 workplaces and 16,000 staff records drawn by the project's
own generator (`exports.synthetic`), every name saying it is synthetic - has returns for last year's round
`demo-previous`, which is closed, so its workbook has a release to download and real-looking figures and charts.
It is built once (about half a minute); later runs find it and only check the sign-in and the release.
Its size is the setting DEMO_SYNTHETIC_STAFF (16,000 in demo mode, which `make run` sets; 0 leaves it out).
"""

from __future__ import annotations

from allauth.account.models import EmailAddress

from collection.models import CollectionRound
from exports.synthetic_council import NAME, SYNTHETIC_ANALYST, seed_synthetic_council
from providers.demo import DEMO_PASSWORD, DemoContext
from providers.models import User


def seed(context: DemoContext) -> None:
    from django.conf import settings

    from exports.services import release_current, release_make_due

    staff = settings.DEMO_SYNTHETIC_STAFF
    if not staff:
        return

    user = User.objects.filter(email=SYNTHETIC_ANALYST).first()
    if user is None:
        user = User.objects.create_user(email=SYNTHETIC_ANALYST, password=DEMO_PASSWORD, full_name="Robin Vale",
                                        is_demo=True)
    EmailAddress.objects.get_or_create(user=user, email=SYNTHETIC_ANALYST,
                                       defaults={"verified": True, "primary": True})
    collection_round = CollectionRound.objects.get(slug="demo-previous")
    council = seed_synthetic_council(collection_round=collection_round, staff=staff,
                                     workplaces=max(12, round(staff * 600 / 16_000)))
    if release_current(council=council, collection_round=collection_round) is None:
        release_make_due(council=council, collection_round=collection_round, today=context.today)
    context.users[SYNTHETIC_ANALYST] = user
    context.sign_ins.append((SYNTHETIC_ANALYST, f"analyst – {council.slug} ({NAME}, round demo-previous)"))
