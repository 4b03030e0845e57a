"""Rules about employees, roles and teams."""

from django.contrib.auth.models import Group
from django.db import connection, transaction
from guardian.shortcuts import assign_perm, get_objects_for_user

from . import roles
from .models import Team, TeamGroupObjectPermission, TeamUserObjectPermission, User


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


def _db_table(model) -> str:
    return model._meta.db_table


# The user's teams: guardian object permissions ``accounts.view_team_persons`` on a team, given
# to the user directly or to one of their groups (guardian's ``get_objects_for_user`` without
# model-wide permissions, as it was asked before; tests/access/test_access_scope_sql.py holds
# the SQL to its answers). Parameters: user id, user id.
TEAMS_SQL = f"""
    SELECT kc_uo.content_object_id FROM {_db_table(TeamUserObjectPermission)} kc_uo
    JOIN auth_permission kc_up ON kc_up.id = kc_uo.permission_id
    JOIN django_content_type kc_uct ON kc_uct.id = kc_up.content_type_id
    WHERE kc_uo.user_id = %s AND kc_up.codename = 'view_team_persons'
      AND kc_uct.app_label = 'accounts' AND kc_uct.model = 'team'
    UNION
    SELECT kc_go.content_object_id FROM {_db_table(TeamGroupObjectPermission)} kc_go
    JOIN {_db_table(User.groups.through)} kc_ug ON kc_ug.group_id = kc_go.group_id
    JOIN auth_permission kc_gp ON kc_gp.id = kc_go.permission_id
    JOIN django_content_type kc_gct ON kc_gct.id = kc_gp.content_type_id
    WHERE kc_ug.user_id = %s AND kc_gp.codename = 'view_team_persons'
      AND kc_gct.app_label = 'accounts' AND kc_gct.model = 'team'
"""  # noqa: S608 (table names from the models, values are parameters)


def team_ids(user) -> list[int]:
    """Ids of the user's teams (a handful), cached on the user object for the request."""
    cached = getattr(user, "_klantcontact_team_ids", None)
    if cached is None:
        with connection.cursor() as cursor:
            cursor.execute(TEAMS_SQL, [user.pk, user.pk])
            cached = sorted(row[0] for row in cursor.fetchall())
        user._klantcontact_team_ids = cached
    return cached


def teams_of(user: User):
    """Teams the user works in (member or leader)."""
    return Team.objects.filter(pk__in=team_ids(user)).order_by("name")


def teams_led_by(user: User):
    return get_objects_for_user(user, "accounts.lead_team", klass=Team, with_superuser=False)


def members_of(team: Team):
    return User.objects.filter(groups=team.member_group, is_active=True).order_by(
        "last_name", "first_name"
    )
