"""Template tags of retention: the legal-hold banner for wherever a person's data is shown.

{% load retention_tags %}{% retention_holds_banner person %}
"""

from django import template

from klantcontact.db import person_has_rows

from .. import selectors
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
