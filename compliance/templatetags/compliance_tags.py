from django import template

from compliance.selectors import organisation_compliance
from config import clock

register = template.Library()


@register.inclusion_tag("compliance/includes/banner.html")
def compliance_banner(organisation):
    """The compliance banner on an organisation's page: requirements still to meet, and a link to the details."""
    found = organisation_compliance(organisation=organisation, today=clock.today(), with_messages=False)
    return {"organisation": organisation, **found}


@register.filter
def words(value) -> str:
    """A code as words: "contract_added" -> "contract added"."""
    return str(value or "").replace("_", " ")
