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
# Creates, widens and approves API clients (four eyes: never their own request).
API_ADMINISTRATOR = "api-beheerder"

ROLE_LABELS = {
    EMPLOYEE: _("Woonservice employee"),
    TEAM_LEADER: _("Team leader"),
    FUNCTIONAL_ADMINISTRATOR: _("Functional administrator"),
    PRIVACY_OFFICER: _("Privacy officer"),
    API_ADMINISTRATOR: _("API administrator"),
}
ALL_ROLES = tuple(ROLE_LABELS)
# Roles that handle customers: they register persons, contacts, mandates and signals, and they
# may break the glass to open a file outside their scope (access.policy). The privacy officer
# and the functional administrator do neither.
CUSTOMER_ROLES = frozenset({EMPLOYEE, TEAM_LEADER})
# Roles that work in the admin pages (is_staff).
STAFF_ROLES = frozenset({FUNCTIONAL_ADMINISTRATOR, PRIVACY_OFFICER, API_ADMINISTRATOR})

# Model-level permissions per role ("app_label.codename"). Later features add theirs here.
ROLE_PERMISSIONS = {
    EMPLOYEE: ["contacts.view_signal_content_ordinary", "knowledgebase.view_article"],
    TEAM_LEADER: [
        "contacts.view_signal_content_ordinary",
        "contacts.view_signal_content_special",
        "contacts.view_signal_content_criminal",
        "knowledgebase.view_article",
    ],
    FUNCTIONAL_ADMINISTRATOR: [
        "accounts.view_team",
        "accounts.add_team",
        "accounts.change_team",
        "referencedata.view_referencecode",
        "referencedata.change_referencecode",
        "contacts.view_unit",
        "contacts.add_unit",
        "contacts.change_unit",
        "contacts.view_contactsubject",
        "contacts.add_contactsubject",
        "contacts.change_contactsubject",
        "contacts.view_taskkind",
        "contacts.change_taskkind",
        # Knowledge base: keeps the articles, the category tree and the synonym list, handles
        # the knowledge gaps. Articles are archived, not deleted.
        "knowledgebase.view_article",
        "knowledgebase.add_article",
        "knowledgebase.change_article",
        "knowledgebase.publish_article",
        "knowledgebase.view_category",
        "knowledgebase.add_category",
        "knowledgebase.change_category",
        "knowledgebase.delete_category",
        "knowledgebase.view_synonymgroup",
        "knowledgebase.add_synonymgroup",
        "knowledgebase.change_synonymgroup",
        "knowledgebase.delete_synonymgroup",
        "knowledgebase.view_searchgap",
        "knowledgebase.change_searchgap",
        # API clients (integrations): created, rotated and revoked by the administrator, the
        # AVG officer checks them against the register.
        "api.view_apiclient",
        "api.add_apiclient",
        "api.change_apiclient",
        "api.rotate_apiclient",
    ],
    PRIVACY_OFFICER: [
        # The ERP import runs: who loaded what, when, and which rows were refused.
        "erpimport.view_importrun",
        "accounts.view_team",
        # API clients (integrations): created, rotated and revoked by the administrator, the
        # AVG officer checks them against the register.
        "api.view_apiclient",
        "api.add_apiclient",
        "api.change_apiclient",
        "api.rotate_apiclient",
        "referencedata.view_referencecode",
        "audit.view_logentry",
        # Login security (django-axes), read-only: failure counts and lock-outs, every failed
        # login, every successful login.
        "axes.view_accessattempt",
        "axes.view_accessfailurelog",
        "axes.view_accesslog",
        # Processing register: register, agreements, data breaches (nothing is deleted there;
        # only transfers and sub-processors, which are lines of an activity or agreement).
        "processingregister.view_processingactivity",
        "processingregister.add_processingactivity",
        "processingregister.change_processingactivity",
        "processingregister.approve_processingactivity",
        "processingregister.bind_records",
        "processingregister.view_activityevent",
        "processingregister.view_registerversion",
        "processingregister.view_transfer",
        "processingregister.add_transfer",
        "processingregister.change_transfer",
        "processingregister.delete_transfer",
        "processingregister.view_controller",
        "processingregister.add_controller",
        "processingregister.change_controller",
        "processingregister.view_department",
        "processingregister.add_department",
        "processingregister.change_department",
        "processingregister.view_datasubjectcategory",
        "processingregister.add_datasubjectcategory",
        "processingregister.change_datasubjectcategory",
        "processingregister.view_personaldatacategory",
        "processingregister.add_personaldatacategory",
        "processingregister.change_personaldatacategory",
        "processingregister.view_informationsystem",
        "processingregister.add_informationsystem",
        "processingregister.change_informationsystem",
        "processingregister.view_party",
        "processingregister.add_party",
        "processingregister.change_party",
        "processingregister.view_agreement",
        "processingregister.add_agreement",
        "processingregister.change_agreement",
        "processingregister.view_subprocessor",
        "processingregister.add_subprocessor",
        "processingregister.change_subprocessor",
        "processingregister.delete_subprocessor",
        "processingregister.view_databreach",
        "processingregister.add_databreach",
        "processingregister.change_databreach",
        "processingregister.view_breachupdate",
        "processingregister.add_breachupdate",
        "processingregister.change_breachupdate",
        # Retention: rules (ended, never deleted), legal holds (released, never deleted),
        # review decisions; runs, due dates and the erasure log are read-only.
        "retention.view_retentionrule",
        "retention.add_retentionrule",
        "retention.change_retentionrule",
        "retention.view_legalhold",
        "retention.add_legalhold",
        "retention.change_legalhold",
        "retention.view_retentionreview",
        "retention.change_retentionreview",
        "retention.decide_retentionreview",
        "retention.view_retentionrun",
        "retention.view_retentionrunrule",
        "retention.view_retentionschedule",
        "retention.view_erasurelog",
        "dataminimisation.view_guardoverride",
        "dataminimisation.view_sensitiveterm",
        "dataminimisation.add_sensitiveterm",
        "dataminimisation.change_sensitiveterm",
    ],
    # API clients: only this role (or a superuser) creates, widens and approves them; the
    # functional administrator and the AVG officer alone cannot (api.grants.may_manage).
    API_ADMINISTRATOR: [
        "api.view_apiclient",
        "api.add_apiclient",
        "api.change_apiclient",
        "api.rotate_apiclient",
        "api.approve_apiclient",
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
