import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts import roles, services
from accounts.roles import sync_role_groups
from klantcontact.navigation import items_for

pytestmark = pytest.mark.django_db


def test_role_groups_exist_with_exactly_their_permissions():
    sync_role_groups()
    for role, perms in roles.ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert granted == set(perms), role


def test_sync_is_idempotent_and_repairs_drift():
    sync_role_groups()
    officer = Group.objects.get(name=roles.PRIVACY_OFFICER)
    officer.permissions.clear()
    sync_role_groups()
    sync_role_groups()
    assert officer.permissions.count() == len(roles.ROLE_PERMISSIONS[roles.PRIVACY_OFFICER])
    assert Group.objects.filter(name__in=roles.ALL_ROLES).count() == len(roles.ALL_ROLES)


def test_admin_roles_get_staff_status(make_user):
    officer = make_user("fg", roles=[roles.PRIVACY_OFFICER])
    employee = make_user("mw", roles=[roles.EMPLOYEE])
    assert officer.is_staff and not employee.is_staff
    assert officer.has_perm("audit.view_logentry")
    assert not employee.has_perm("audit.view_logentry")


def test_team_membership_and_leadership(team_noord, team_zuid, make_user):
    leader = make_user("tl", roles=[roles.TEAM_LEADER], leads=[team_noord])
    member = make_user("mw", roles=[roles.EMPLOYEE], teams=[team_noord, team_zuid])
    assert list(services.teams_led_by(leader)) == [team_noord]
    assert list(services.teams_of(member)) == [team_noord, team_zuid]
    assert set(services.members_of(team_noord)) == {leader, member}
    services.remove_team_member(team_zuid, member)
    assert list(services.teams_of(member)) == [team_noord]


def test_provisioning_a_team_twice_keeps_one_set_of_groups(team_noord):
    member_group = team_noord.member_group
    services.provision_team(team_noord)
    team_noord.refresh_from_db()
    assert team_noord.member_group == member_group
    assert Group.objects.filter(name__startswith="team:noord:").count() == 2


NAV_BY_ROLE = {
    # "retention": how long what is kept, for every role (seed 000).
    roles.EMPLOYEE: {"home", "customers", "tasks", "knowledgebase", "retention"},
    roles.TEAM_LEADER: {
        "home",
        "customers",
        "tasks",
        "knowledgebase",
        "retention",
        "dashboard",
        "team",
    },
    roles.FUNCTIONAL_ADMINISTRATOR: {"home", "knowledgebase", "retention", "admin"},
    roles.PRIVACY_OFFICER: {
        "home",
        "access",
        "rights",
        "disclosures",
        "register",
        "retention",
        "audit",
        "admin",
    },
}


@pytest.mark.parametrize(("role", "expected"), NAV_BY_ROLE.items())
def test_navigation_per_role(make_user, role, expected):
    user = make_user("u", roles=[role])
    assert {item["key"] for item in items_for(user)} == expected


def test_team_page_only_for_team_leaders(client, team_noord, make_user):
    leader = make_user("tl", roles=[roles.TEAM_LEADER], leads=[team_noord])
    make_user("mw", roles=[roles.EMPLOYEE], teams=[team_noord])
    client.force_login(leader)
    response = client.get(reverse("team_overview"))
    assert response.status_code == 200
    assert "Team Noord" in response.content.decode()
    assert "Mw" in response.content.decode()

    employee = make_user("other", roles=[roles.EMPLOYEE], teams=[team_noord])
    client.force_login(employee)
    assert client.get(reverse("team_overview")).status_code == 403


def test_pages_are_dutch_and_load_only_local_assets(client, make_user):
    client.force_login(make_user("mw", roles=[roles.EMPLOYEE]))
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "Uitloggen" in html
    assert "http://" not in html and "https://" not in html
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
