"""The groups claim -> roles and teams sync (accounts.group_sync), the local password login
switch (LOCAL_LOGIN), the MFA claims (accounts.oidc.mfa_asserted) and the leavers."""

from datetime import timedelta

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from accounts import group_sync, oidc, roles
from accounts.models import ExternalIdentity, ProviderGroupMapping, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def mapped(team_noord, team_zuid):
    ProviderGroupMapping.objects.create(provider_group="g-emp", role=roles.EMPLOYEE)
    ProviderGroupMapping.objects.create(provider_group="g-avg", role=roles.PRIVACY_OFFICER)
    ProviderGroupMapping.objects.create(provider_group="g-noord", team=team_noord)
    ProviderGroupMapping.objects.create(
        provider_group="g-zuid-lead", team=team_zuid, team_leader=True
    )


def in_group(user, group_id):
    return user.groups.filter(pk=group_id).exists()


def test_mapped_groups_give_roles_and_teams(make_user, mapped, team_noord, team_zuid):
    user = make_user("u")
    wanted = group_sync.sync_memberships(user, ["g-emp", "g-noord", "g-zuid-lead", "other"])
    assert wanted.any
    assert roles.user_roles(user) == {roles.EMPLOYEE}
    assert in_group(user, team_noord.member_group_id)
    assert not in_group(user, team_noord.leader_group_id)
    assert in_group(user, team_zuid.member_group_id) and in_group(user, team_zuid.leader_group_id)


def test_what_the_claim_no_longer_carries_is_removed(make_user, mapped, team_noord, team_zuid):
    user = make_user("u", roles=[roles.EMPLOYEE, roles.TEAM_LEADER], teams=[team_noord])
    group_sync.sync_memberships(user, ["g-avg", "g-zuid-lead"])
    assert roles.user_roles(user) == {roles.PRIVACY_OFFICER}
    user.refresh_from_db()
    assert user.is_staff  # an admin-page role
    assert not in_group(user, team_noord.member_group_id)
    group_sync.sync_memberships(user, ["g-emp"])
    user.refresh_from_db()
    assert roles.user_roles(user) == {roles.EMPLOYEE} and not user.is_staff
    assert not in_group(user, team_zuid.member_group_id)
    assert not in_group(user, team_zuid.leader_group_id)


def test_a_leader_who_no_longer_leads_stays_a_member(make_user, team_zuid):
    ProviderGroupMapping.objects.create(provider_group="g-zuid", team=team_zuid)
    user = make_user("u", leads=[team_zuid])
    group_sync.sync_memberships(user, ["g-zuid"])
    assert in_group(user, team_zuid.member_group_id)
    assert not in_group(user, team_zuid.leader_group_id)


def test_no_mapped_group_gives_nothing(make_user, mapped, team_noord):
    user = make_user("u", roles=[roles.EMPLOYEE], teams=[team_noord])
    assert not group_sync.sync_memberships(user, ["unknown"]).any
    assert roles.user_roles(user) == set()
    assert not in_group(user, team_noord.member_group_id)


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ({"groups": ["a", "b"]}, ["a", "b"]),
        ({"groups": "a"}, ["a"]),
        ({"groups": {"a": 1}}, []),
        ({}, []),
    ],
)
def test_groups_claim_shapes(claims, expected):
    assert group_sync.groups_from_claims(claims, "groups") == expected


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ({"amr": ["pwd", "mfa"]}, True),
        ({"amr": ["hwk"]}, True),
        ({"amr": "otp"}, True),
        ({"amr": ["pwd"]}, False),
        ({"acr": "urn:loa:high"}, True),
        ({"acr": "urn:loa:low"}, False),
        ({}, False),
    ],
)
def test_mfa_claims(settings, claims, expected):
    settings.OIDC_MFA_ACR = ["urn:loa:high"]
    assert oidc.mfa_asserted(claims) is expected


def test_local_login_off_keeps_only_the_superusers_password(settings, make_user):
    settings.LOCAL_LOGIN = False
    make_user("medewerker", roles=[roles.EMPLOYEE], password="een-lang-wachtwoord")
    make_user("noodaccount", superuser=True, password="een-lang-wachtwoord")
    request = RequestFactory().post("/login/")
    assert authenticate(request, username="medewerker", password="een-lang-wachtwoord") is None
    admin = authenticate(request, username="noodaccount", password="een-lang-wachtwoord")
    assert admin is not None and admin.is_superuser
    settings.LOCAL_LOGIN = True
    assert authenticate(request, username="medewerker", password="een-lang-wachtwoord")


def test_the_provider_pages_are_off_unless_enabled(client):
    assert client.get("/oidc/inloggen/").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404
    assert "Inloggen via" not in client.get("/login/").content.decode()


def test_leavers_not_seen_at_the_provider_are_deactivated(settings, make_user):
    settings.OIDC_ENABLED = True
    now = timezone.now()
    for name, days, superuser in [("gone", 31, False), ("here", 29, False), ("nood", 90, True)]:
        user = make_user(name, superuser=superuser)
        ExternalIdentity.objects.create(user=user, subject=name, last_seen=now - timedelta(days))
    local = make_user("local")
    call_command("deactivate_leavers")
    active = dict(User.objects.values_list("username", "is_active"))
    assert active == {"gone": False, "here": True, "nood": True, "local": True}
    assert local.is_active
