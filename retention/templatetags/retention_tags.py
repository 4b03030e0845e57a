"""Template tags of retention: the legal-hold banner for wherever a person's data is shown.

{% load retention_tags %}{% retention_holds_banner person %}
"""

from django import template

from klantcontact.db import person_has_rows

from .. import services
from ..models import ErasureLog, LegalHold

register = template.Library()


@register.inclusion_tag("retention/holds_banner.html")
def retention_holds_banner(person):
    if person is None or person.pk is None:
        return {"holds": [], "erasures": []}
    present = person_has_rows(person, LegalHold, ErasureLog)
    return {
        "holds": services.holds_for_person(person) if present[LegalHold] else [],
        "erasures": services.erasures_for_person(person) if present[ErasureLog] else [],
    }
