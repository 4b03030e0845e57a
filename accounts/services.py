"""Rules about employees, roles and teams."""

from django.contrib.auth.models import Group
from django.db import transaction
from guardian.shortcuts import assign_perm, get_objects_for_user

from . import roles
from .models import Team, User


@transaction.atomic
def provision_team(team: Team) -> Team:
    """Save a team with its member and leader groups and their object permissions (idempotent)."""
    if team.member_group_id is None:
        team.member_group, _ = Group.objects.get_or_create(name=f"team:{team.code}:leden")
    if team.leader_group_id is None:
        team.leader_group, _ = Group.objects.get_or_create(name=f"team:{team.code}:leiding")
    team.save()
    for codename in roles.TEAM_MEMBER_PERMISSIONS:
        assign_perm(f"accounts.{codename}", team.member_group, team)
    for codename in roles.TEAM_LEADER_PERMISSIONS:
        assign_perm(f"accounts.{codename}", team.leader_group, team)
    return team


def create_team(*, name: str, code: str, description: str = "") -> Team:
    return provision_team(Team(name=name, code=code, description=description))


@transaction.atomic
def add_team_member(team: Team, user: User, *, leader: bool = False) -> None:
    user.groups.add(team.member_group)
    if leader:
        user.groups.add(team.leader_group)
    user.__dict__.pop("_klantcontact_team_ids", None)


@transaction.atomic
def remove_team_member(team: Team, user: User) -> None:
    user.groups.remove(team.member_group, team.leader_group)
    user.__dict__.pop("_klantcontact_team_ids", None)


@transaction.atomic
def assign_role(user: User, role: str) -> None:
    """Give a user a role; admin-page roles also get staff status."""
    user.groups.add(roles.role_group(role))
    if role in roles.STAFF_ROLES and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user.__dict__.pop("_klantcontact_roles", None)


def teams_of(user: User):
    """Teams the user works in (member or leader)."""
    return get_objects_for_user(
        user, "accounts.view_team_persons", klass=Team, with_superuser=False
    ).order_by("name")


def teams_led_by(user: User):
    return get_objects_for_user(user, "accounts.lead_team", klass=Team, with_superuser=False)


def members_of(team: Team):
    return User.objects.filter(groups=team.member_group, is_active=True).order_by(
        "last_name", "first_name"
    )
