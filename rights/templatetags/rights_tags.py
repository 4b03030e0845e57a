"""Template tags of rights: what the customer card shows about the person's rights.

{% load rights_tags %}{% rights_card_banner person %} ... {% rights_card_panel person %}
"""

from django import template

from klantcontact.db import person_has_rows

from .. import services
from ..models import Objection, PersonStatement, ProcessingRestriction, SurveyOptOut

# Asked once per page for the banner and the panel together (one query; see person_has_rows).
CARD_MODELS = (ProcessingRestriction, PersonStatement, Objection, SurveyOptOut)

register = template.Library()


@register.inclusion_tag("rights/card_banner.html", takes_context=True)
def rights_card_banner(context, person):
    """At the top of the card: the restriction (plainly) and the person's own statements."""
    present = person_has_rows(person, *CARD_MODELS, remember=context.render_context)
    return {
        "restriction": (
            services.active_restriction(person) if present[ProcessingRestriction] else None
        ),
        "statements": services.statements_for(person) if present[PersonStatement] else [],
    }


@register.inclusion_tag("rights/card_panel.html", takes_context=True)
def rights_card_panel(context, person):
    """Objections and the survey preference, with the button to record an opt-out."""
    present = person_has_rows(person, *CARD_MODELS, remember=context.render_context)
    return {
        "person": person,
        "objections": (list(Objection.objects.filter(person=person)) if present[Objection] else []),
        "opted_out": (
            SurveyOptOut.objects.filter(person=person).order_by("-at").first()
            if present[SurveyOptOut]
            else None
        ),
        "csrf_token": context.get("csrf_token"),
    }
