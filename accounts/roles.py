"""The roles of the product, as Django groups, with their model-level permissions.

Object-level (per team) permissions are not here: they are granted to each team's own member
and leader groups by ``accounts.services.provision_team``.
"""

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

EMPLOYEE = "woonservice-medewerker"
TEAM_LEADER = "teamleider"
FUNCTIONAL_ADMINISTRATOR = "functioneel-beheerder"
PRIVACY_OFFICER = "avg-functionaris"

ROLE_LABELS = {
    EMPLOYEE: _("Woonservice employee"),
    TEAM_LEADER: _("Team leader"),
    FUNCTIONAL_ADMINISTRATOR: _("Functional administrator"),
    PRIVACY_OFFICER: _("Privacy officer"),
}
ALL_ROLES = tuple(ROLE_LABELS)
# Roles that work in the admin pages (is_staff).
STAFF_ROLES = frozenset({FUNCTIONAL_ADMINISTRATOR, PRIVACY_OFFICER})

# Model-level permissions per role ("app_label.codename"). Later features add theirs here.
ROLE_PERMISSIONS = {
    EMPLOYEE: [],
    TEAM_LEADER: [],
    FUNCTIONAL_ADMINISTRATOR: [
        "accounts.view_team",
        "accounts.add_team",
        "accounts.change_team",
        "referencedata.view_referencecode",
        "referencedata.change_referencecode",
        "contacts.view_unit",
        "contacts.add_unit",
        "contacts.change_unit",
    ],
    PRIVACY_OFFICER: [
        "accounts.view_team",
        "referencedata.view_referencecode",
        "audit.view_logentry",
    ],
}

# Per-team object permissions (on accounts.Team) of a team's member group and leader group.
TEAM_MEMBER_PERMISSIONS = ["view_team_persons", "register_team_contacts"]
TEAM_LEADER_PERMISSIONS = [*TEAM_MEMBER_PERMISSIONS, "lead_team"]


def role_group(role: str) -> Group:
    if role not in ROLE_LABELS:
        raise ValueError(f"Unknown role {role!r}")
    group, _created = Group.objects.get_or_create(name=role)
    return group


def user_roles(user) -> set[str]:
    """The role names of a user (cached on the user object for the request)."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_klantcontact_roles", None)
    if cached is None:
        cached = set(user.groups.filter(name__in=ALL_ROLES).values_list("name", flat=True))
        user._klantcontact_roles = cached
    return cached


def has_role(user, role: str) -> bool:
    return role in user_roles(user)


def sync_role_groups(sender=None, using="default", **kwargs):
    """Create the role groups and set their model permissions exactly (post_migrate, idempotent).

    Runs after each app's migrations, so the last call sees every app's permissions.
    """
    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.using(using).get_or_create(name=role)
        wanted = []
        for dotted in perms:
            app_label, codename = dotted.split(".")
            permission = (
                Permission.objects.using(using)
                .filter(content_type__app_label=app_label, codename=codename)
                .first()
            )
            if permission is not None:  # apps migrated later add theirs on their own post_migrate
                wanted.append(permission)
        group.permissions.set(wanted)
