"""Roles and teams from the identity provider's groups claim, through the admin's mapping.

At every sign-in through the identity provider (``accounts.oidc``) the employee's roles and team
memberships are set to exactly what the mapped groups of the claim give
(``accounts.models.ProviderGroupMapping``): what the claim no longer carries is taken away.
"""

from dataclasses import dataclass, field

from django.db import transaction

from . import roles, services
from .models import ProviderGroupMapping, Team, User


@dataclass
class Entitlements:
    """What the mapped groups give: role names, and per team whether the user leads it."""

    roles: set[str] = field(default_factory=set)
    teams: dict[int, bool] = field(default_factory=dict)

    @property
    def any(self) -> bool:
        return bool(self.roles or self.teams)


def groups_from_claims(claims: dict, claim_name: str) -> list[str]:
    """The provider's group ids: a list of strings, or one string (some providers send that)."""
    value = claims.get(claim_name) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        return []
    return [str(group) for group in value if str(group)]


def entitlements_for(groups: list[str]) -> Entitlements:
    wanted = Entitlements()
    for mapping in ProviderGroupMapping.objects.filter(provider_group__in=groups):
        if mapping.role:
            wanted.roles.add(mapping.role)
        elif mapping.team_id is not None:
            wanted.teams[mapping.team_id] = wanted.teams.get(mapping.team_id, False) or (
                mapping.team_leader
            )
    return wanted


def _sync_roles(user: User, wanted: set[str]) -> None:
    held = set(user.groups.filter(name__in=roles.ALL_ROLES).values_list("name", flat=True))
    for role in sorted(wanted - held):
        services.assign_role(user, role)
    gone = held - wanted
    if gone:
        user.groups.remove(*[roles.role_group(role) for role in gone])
    staff = user.is_superuser or bool(wanted & roles.STAFF_ROLES)
    if user.is_staff != staff:
        user.is_staff = staff
        user.save(update_fields=["is_staff"])
    user.__dict__.pop("_klantcontact_roles", None)


def _sync_teams(user: User, wanted: dict[int, bool]) -> None:
    group_ids = set(user.groups.values_list("pk", flat=True))
    for team in Team.objects.all():
        member = team.member_group_id in group_ids
        leader = team.leader_group_id in group_ids
        if team.pk not in wanted:
            if member or leader:
                services.remove_team_member(team, user)
            continue
        if member and leader == wanted[team.pk]:
            continue
        if leader:  # no longer leads: remove, then add back as a member
            services.remove_team_member(team, user)
        services.add_team_member(team, user, leader=wanted[team.pk])


@transaction.atomic
def sync_memberships(user: User, groups: list[str]) -> Entitlements:
    """Give ``user`` exactly the roles and teams that ``groups`` map to; returns them."""
    wanted = entitlements_for(groups)
    _sync_roles(user, wanted.roles)
    _sync_teams(user, wanted.teams)
    return wanted
