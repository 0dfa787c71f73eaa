"""Demo data for this app (called by manage.py seed_demo)."""

from providers.demo import DemoContext


def seed(context: DemoContext) -> None:
    return None
