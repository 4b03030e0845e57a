"""Staff pages of retention: the active rules in plain words, readable by every staff role.

The rules themselves are kept by the privacy officer in the admin; this page only explains
them (``retention.explain``), so anyone at the desk can tell a tenant how long what is kept.
It shows policy, no personal data.
"""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from access.policy import role_view
from accounts import roles

from . import explain, holdings


@role_view(*roles.ALL_ROLES)
@require_GET
def rules(request):
    day = timezone.localdate()
    return render(
        request,
        "retention/rules.html",
        {
            "overview": explain.retention_overview(day=day),
            "day": day,
            "statutory_text": explain.statutory_explanation(),
            "no_rule_text": explain.no_rule_text(),
            "may_see_holdings": roles.has_role(request.user, roles.PRIVACY_OFFICER)
            or roles.has_role(request.user, roles.FUNCTIONAL_ADMINISTRATOR),
        },
    )


@role_view(roles.PRIVACY_OFFICER, roles.FUNCTIONAL_ADMINISTRATOR)
@require_GET
def person_data(request):
    """Who holds what: every kind of data about a person, from the person-data registry."""
    return render(
        request,
        "retention/person_data.html",
        {"rows": holdings.holdings(), "mentions": holdings.mentions()},
    )
