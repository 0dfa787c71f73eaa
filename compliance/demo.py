"""Demo data for this app (called by manage.py seed_demo): the default chase ladder for each demo council.

Run `python manage.py chase --date YYYY-MM-DD` for days around the demo round's due date (30 June) to see the
ladder on the officer's desk at /council/demo-county/compliance/.
"""

from compliance.ladders import ensure_default_ladders
from providers.demo import DemoContext


def seed(context: DemoContext) -> None:
    ensure_default_ladders(council.pk for council in context.councils.values())
