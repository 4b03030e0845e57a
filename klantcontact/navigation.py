"""The main navigation, per role. One list; the base template renders what a user may use."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from access.services import unread_count
from accounts import roles
from knowledgebase.apps import NAV_LABEL as KNOWLEDGE_BASE_LABEL  # in the app's own catalogue

EVERYONE = "*"
SUPERUSER = "superuser"


@dataclass(frozen=True)
class NavItem:
    key: str
    label: Promise
    url_name: str
    audience: frozenset


NAV_ITEMS = (
    NavItem("home", _("Start"), "home", frozenset({EVERYONE})),
    NavItem(
        "customers",
        _("Customers"),
        "contacts:search",
        frozenset({roles.EMPLOYEE, roles.TEAM_LEADER}),
    ),
    NavItem("tasks", _("Tasks"), "contacts:tasks", frozenset({roles.EMPLOYEE, roles.TEAM_LEADER})),
    NavItem(
        "knowledgebase",
        KNOWLEDGE_BASE_LABEL,
        "knowledgebase:search",
        frozenset({roles.EMPLOYEE, roles.TEAM_LEADER, roles.FUNCTIONAL_ADMINISTRATOR}),
    ),
    # How long what is kept, in plain words: for everyone at the desk (seed 000).
    NavItem("retention", _("Retention periods"), "retention:rules", frozenset(roles.ALL_ROLES)),
    NavItem("dashboard", _("Dashboard"), "contacts:dashboard", frozenset({roles.TEAM_LEADER})),
    NavItem("team", _("My team"), "team_overview", frozenset({roles.TEAM_LEADER})),
    NavItem("access", _("Access review"), "access:review", frozenset({roles.PRIVACY_OFFICER})),
    NavItem(
        "rights",
        _("Data-subject requests"),
        "rights:list",
        frozenset({roles.PRIVACY_OFFICER}),
    ),
    NavItem(
        "disclosures",
        _("Disclosures"),
        "disclosures:overview",
        frozenset({roles.PRIVACY_OFFICER}),
    ),
    NavItem(
        "register",
        _("Processing register"),
        "processingregister:dashboard",
        frozenset({roles.PRIVACY_OFFICER}),
    ),
    NavItem(
        "audit",
        _("Audit trail"),
        "admin:audit_logentry_changelist",
        frozenset({roles.PRIVACY_OFFICER, SUPERUSER}),
    ),
    NavItem(
        "admin",
        _("Administration"),
        "admin:index",
        frozenset({roles.FUNCTIONAL_ADMINISTRATOR, roles.PRIVACY_OFFICER, SUPERUSER}),
    ),
)


def items_for(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    audience = set(roles.user_roles(user)) | {EVERYONE}
    if user.is_superuser:
        audience.add(SUPERUSER)
    return [
        {"key": item.key, "label": item.label, "url": reverse(item.url_name)}
        for item in NAV_ITEMS
        if item.audience & audience
    ]


def navigation(request):
    """Template context processor."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "user_role_labels": [], "unread_notifications": 0}
    items = items_for(user)
    for item in items:
        item["active"] = item["url"] == request.path
    labels = [str(roles.ROLE_LABELS[r]) for r in roles.ALL_ROLES if r in roles.user_roles(user)]
    return {
        "nav_items": items,
        "user_role_labels": labels,
        "unread_notifications": unread_count(user),
    }
