"""Template tags of retention: the legal-hold banner for wherever a person's data is shown, and
the card's "Kept: ..." lines.

{% load retention_tags %}{% retention_holds_banner person %}{% card_retention as retention %}
"""

from django import template

from klantcontact.db import person_has_rows

from .. import explain, selectors
from ..models import ErasureLog, LegalHold

register = template.Library()


@register.inclusion_tag("retention/holds_banner.html")
def retention_holds_banner(person):
    if person is None or person.pk is None:
        return {"holds": [], "erasures": []}
    present = person_has_rows(person, LegalHold, ErasureLog)
    return {
        "holds": selectors.holds_for_person(person) if present[LegalHold] else [],
        "erasures": selectors.erasures_for_person(person) if present[ErasureLog] else [],
    }


# The card's sections and the retention targets whose "Kept: ..." line each shows.
CARD_RETENTION = {
    "file": ("person",),
    "tenancies": ("tenancy",),
    "contact_details": ("phone_number", "email_address"),
    "mandates": ("mandate",),
    "tasks": ("task",),
    "timeline": ("contact_moment",),
    "signals": ("signal",),
}


@register.simple_tag
def card_retention() -> dict[str, str]:
    """{section: "verwijderd 2 jaar na einde huur"}: the active rules in one query, no data of
    the person (the same policy for every card)."""
    keys = [key for section in CARD_RETENTION.values() for key in section]
    phrases = explain.retention_phrases(keys)
    return {
        section: explain.combined_line(section_keys, phrases)
        for section, section_keys in CARD_RETENTION.items()
    }
