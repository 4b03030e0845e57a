"""Template tags of rights: what the customer card shows about the person's rights.

{% load rights_tags %}{% rights_card_banner person %} ... {% rights_card_panel person %}
"""

from django import template

from .. import services
from ..models import Objection, SurveyOptOut

register = template.Library()


@register.inclusion_tag("rights/card_banner.html")
def rights_card_banner(person):
    """At the top of the card: the restriction (plainly) and the person's own statements."""
    return {
        "restriction": services.active_restriction(person),
        "statements": services.statements_for(person),
    }


@register.inclusion_tag("rights/card_panel.html", takes_context=True)
def rights_card_panel(context, person):
    """Objections and the survey preference, with the button to record an opt-out."""
    return {
        "person": person,
        "objections": list(Objection.objects.filter(person=person)),
        "opted_out": SurveyOptOut.objects.filter(person=person).order_by("-at").first(),
        "csrf_token": context.get("csrf_token"),
    }
