"""The accounts app's models: employees, district teams and their object-permission tables."""

from django.contrib.auth.models import AbstractUser, Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from . import roles


class User(AbstractUser):
    """An employee of the corporation who logs in (Woonservice staff, team leader, ...).

    Roles are Django groups (see ``accounts.roles``); team membership is membership of the
    team's member group, so object permissions are granted to groups on teams.
    """

    class Meta(AbstractUser.Meta):
        verbose_name = _("employee")
        verbose_name_plural = _("employees")

    def __str__(self):
        # No personal data in representations (they end up in logs and audit entries).
        return _("Employee #%(id)s") % {"id": self.pk}


class Team(models.Model):
    """A district (wijk) team: the coarse unit that object permissions are granted on."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.SlugField(
        _("code"), max_length=30, unique=True, help_text=_("Short code, e.g. 'noord'.")
    )
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    member_group = models.OneToOneField(
        Group,
        on_delete=models.PROTECT,
        related_name="team_of_members",
        null=True,
        editable=False,
        verbose_name=_("member group"),
        help_text=_("Employees of this team; created with the team."),
    )
    leader_group = models.OneToOneField(
        Group,
        on_delete=models.PROTECT,
        related_name="team_of_leaders",
        null=True,
        editable=False,
        verbose_name=_("leader group"),
        help_text=_("Team leaders of this team; created with the team."),
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]
        permissions = [
            ("view_team_persons", _("View the persons of this team's units")),
            ("register_team_contacts", _("Register contacts for this team")),
            ("lead_team", _("Lead this team: see its work and dashboards")),
        ]

    def __str__(self):
        return self.name


class TeamUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Team, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("team permission of an employee")


class TeamGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Team, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("team permission of a group")


class ExternalIdentity(models.Model):
    """The employee's account at the identity provider (OpenID Connect, ``accounts.oidc``).

    Matched on the provider's stable subject claim (``OIDC_USER_CLAIM``: ``sub``, or ``oid`` for
    Entra ID), never on the e-mail address, which can be reused or changed.
    """

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="external_identity", verbose_name=_("employee")
    )
    subject = models.CharField(_("subject at the identity provider"), max_length=255, unique=True)
    last_seen = models.DateTimeField(_("last sign-in through the identity provider"))

    class Meta:
        verbose_name = _("identity at the identity provider")
        verbose_name_plural = _("identities at the identity provider")

    def __str__(self):
        return _("Identity of employee #%(id)s") % {"id": self.user_id}


class ProviderGroupMapping(models.Model):
    """A group at the identity provider and what it gives in Klantcontact: a role or a team.

    Kept by the superuser in the admin; synced at every sign-in (``accounts.group_sync``).
    """

    provider_group = models.CharField(
        _("group at the identity provider"),
        max_length=255,
        help_text=_("The group's id as the provider sends it in the groups claim."),
    )
    role = models.CharField(
        _("role"),
        max_length=50,
        blank=True,
        choices=list(roles.ROLE_LABELS.items()),
    )
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("team")
    )
    team_leader = models.BooleanField(
        _("leads the team"), default=False, help_text=_("Members of the group lead the team.")
    )

    class Meta:
        verbose_name = _("mapping of a provider group")
        verbose_name_plural = _("mappings of provider groups")
        ordering = ["provider_group"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(role="") & models.Q(team__isnull=False))
                | (~models.Q(role="") & models.Q(team__isnull=True)),
                name="accounts_group_mapping_role_xor_team",
            ),
        ]

    def __str__(self):
        return self.provider_group
