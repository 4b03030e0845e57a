"""Template tags of the disclosure log for the pages of apps below it.

{% load disclosure_tags %}{% recipient_notices dsr %} on the request page (rights): the art. 19
notices of a rectification, erasure or restriction request. Rights does not import this app;
its template loads the tag, as the customer card loads ``rights_tags``.
"""

from django import template

from .. import exports
from ..models import RecipientNotice

register = template.Library()

# The request kinds whose change must be passed on to the recipients (art. 19 AVG).
NOTICE_KINDS = ("rectification", "erasure", "restriction")


@register.inclusion_tag("disclosures/_notices.html", takes_context=True)
def recipient_notices(context, dsr):
    """Every recipient to notify, its state, the form to mark it and the letter to send."""
    notices = list(
        RecipientNotice.objects.filter(request=dsr)
        .select_related("recipient", "done_by")
        .order_by("recipient__name", "pk")
    )
    rows = []
    for notice in notices:
        notice.request = dsr  # the letter reads the request; no query per notice
        rows.append(
            {
                "notice": notice,
                "open": notice.state == RecipientNotice.State.OPEN,
                "letter": exports.notice_letter(notice),
            }
        )
    return {
        "dsr": dsr,
        "rows": rows,
        "applies": bool(rows) or dsr.kind in NOTICE_KINDS,
        "may_mark": dsr.is_open,
        "states": [
            (RecipientNotice.State.NOTIFIED.value, RecipientNotice.State.NOTIFIED.label),
            (RecipientNotice.State.EXPLAINED.value, RecipientNotice.State.EXPLAINED.label),
        ],
        "recipient_names": [row["notice"].recipient.name for row in rows],
        "csrf_token": context.get("csrf_token"),
    }
