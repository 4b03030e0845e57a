"""The access scope written as SQL (access.policy) answers exactly what guardian and the ORM
subqueries it replaced answer: the same teams per user, the same persons, the same grant flags,
also when the scope is a subquery of another query."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone
from guardian.shortcuts import assign_perm, get_objects_for_user

from access import policy
from access.models import BreakGlassGrant
from accounts import roles
from accounts.models import Team
from accounts.services import create_team
from contacts.models import ContactMoment, Person
from tests.factories import (
    ContactMomentFactory,
    PersonFactory,
    TenancyFactory,
    UnitFactory,
    contact_catalogue,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def teams(team_noord, team_zuid):
    return {"noord": team_noord, "zuid": team_zuid, "west": create_team(name="West", code="west")}


@pytest.fixture
def staff(make_user, teams):
    direct = make_user("direct", roles=[roles.EMPLOYEE])
    # A grant to the user directly (not through the team's group), as an administrator might.
    assign_perm("accounts.view_team_persons", direct, teams["west"])
    # A model-wide permission: guardian's teams_of ignores it, so must the SQL.
    model_wide = make_user("modelwide", roles=[roles.EMPLOYEE])
    model_wide.user_permissions.add(Permission.objects.get(codename="view_team_persons"))
    # Another object permission on a team is not the scope permission.
    leader_only = make_user("leaderonly", roles=[roles.EMPLOYEE])
    assign_perm("accounts.lead_team", leader_only, teams["zuid"])
    return {
        "member": make_user("member", roles=[roles.EMPLOYEE], teams=[teams["noord"]]),
        "two_teams": make_user(
            "twee", roles=[roles.EMPLOYEE], teams=[teams["noord"], teams["zuid"]]
        ),
        "leader": make_user("leider", roles=[roles.TEAM_LEADER], leads=[teams["zuid"]]),
        "direct": direct,
        "model_wide": model_wide,
        "leader_only": leader_only,
        "nobody": make_user("geen", roles=[roles.EMPLOYEE]),
    }


def fresh(user):
    """The same user without the per-request cache of team ids."""
    return type(user).objects.get(pk=user.pk)


def guardians_teams(user) -> set[int]:
    """What guardian answers (and what the scope asked it before it was written as SQL)."""
    return set(
        get_objects_for_user(
            fresh(user), "accounts.view_team_persons", klass=Team, with_superuser=False
        ).values_list("pk", flat=True)
    )


def test_team_ids_are_guardians_teams(staff):
    for name, user in staff.items():
        assert policy.team_ids(fresh(user)) == sorted(guardians_teams(user)), name
    # Not vacuous: the cases differ.
    assert len(policy.team_ids(fresh(staff["two_teams"]))) == 2
    assert policy.team_ids(fresh(staff["direct"])) != []
    assert policy.team_ids(fresh(staff["model_wide"])) == []
    assert policy.team_ids(fresh(staff["leader_only"])) == []


@pytest.fixture
def persons(teams, reference_codes, staff):
    contact_catalogue()
    found = {}
    for code, team in teams.items():
        found[code] = TenancyFactory(unit=UnitFactory(team=team), person=PersonFactory()).person
    ended = TenancyFactory(
        unit=UnitFactory(team=teams["zuid"]),
        person=PersonFactory(),
        end_date=datetime.date(2020, 1, 1),
    )
    found["ended_zuid"] = ended.person
    found["no_tenancy"] = PersonFactory()
    # Involvement: the member handled a contact for the west tenant.
    policy.record_involvement(staff["member"], found["west"])
    ContactMomentFactory(person=found["west"], handled_by=staff["member"])
    # Break-the-glass: the member broke the glass for the person without a tenancy (valid), and
    # for the zuid tenant long ago (expired).
    now = timezone.now()
    for person, granted in (
        (found["no_tenancy"], now - datetime.timedelta(hours=1)),
        (found["zuid"], now - datetime.timedelta(hours=10)),
    ):
        BreakGlassGrant.objects.create(
            granted_at=granted,
            expires_at=granted + datetime.timedelta(hours=8),
            employee=staff["member"],
            person=person,
            reason=BreakGlassGrant.Reason.CALLER_ON_LINE,
            explanation="Beller aan de lijn, dossier nodig",
        )
    return found


def expected_grants(user, persons):
    """The rule, stated plainly: team scope (any tenancy, also ended, in a unit of one of the
    user's teams), involvement (a direct grant), break-the-glass (unexpired)."""
    teams = guardians_teams(user)
    involved = {p.pk for p in persons.values() if user.has_perm("contacts.view_person", p)}
    glass = set(
        BreakGlassGrant.objects.filter(employee=user, expires_at__gt=timezone.now()).values_list(
            "person_id", flat=True
        )
    )
    result = {}
    for person in persons.values():
        in_team = person.tenancies.filter(unit__team_id__in=teams).exists()
        result[person.pk] = (in_team, person.pk in involved, person.pk in glass)
    return result


@pytest.mark.parametrize("cached_teams", [False, True])
def test_persons_and_grant_flags_follow_the_rule(staff, persons, cached_teams):
    member = fresh(staff["member"])
    if cached_teams:
        policy.team_ids(member)
    expected = expected_grants(member, persons)
    listed = {
        p.pk: (p.in_team_scope, p.involved)
        for p in policy.persons_visible_to(member).filter(pk__in=expected)
    }
    assert listed == {pk: flags[:2] for pk, flags in expected.items() if flags[0] or flags[1]}
    assert set(listed) == {persons["noord"].pk, persons["west"].pk}
    assert listed[persons["west"].pk] == (False, True)
    # One person, break-the-glass included, teams as a subquery (the card's path).
    for person in persons.values():
        grant = policy.grant_for(fresh(member) if not cached_teams else member, person)
        in_team, involved, glass = expected[person.pk]
        Grant = policy.Grant
        assert grant == (
            Grant.TEAM
            if in_team
            else Grant.INVOLVEMENT
            if involved
            else Grant.BREAK_THE_GLASS
            if glass
            else None
        ), person
    assert policy.grant_for(member, persons["no_tenancy"]) == policy.Grant.BREAK_THE_GLASS
    assert policy.grant_for(member, persons["zuid"]) is None  # expired glass, other team


def test_the_scope_works_as_a_subquery_of_another_query(staff, persons):
    member = fresh(staff["two_teams"])
    visible = policy.persons_visible_to(member)
    contacts = ContactMoment.objects.filter(person__in=visible)
    for person in persons.values():
        ContactMomentFactory(person=person)
    seen = set(contacts.values_list("person_id", flat=True))
    assert seen == {persons["noord"].pk, persons["zuid"].pk, persons["ended_zuid"].pk}
    # Excluding works as well (NOT of the same conditions).
    others = set(Person.objects.exclude(pk__in=visible).values_list("pk", flat=True))
    assert others == {persons["west"].pk, persons["no_tenancy"].pk}


def test_nobody_and_anonymous_see_no_one(staff, persons):
    from django.contrib.auth.models import AnonymousUser

    assert not policy.persons_visible_to(fresh(staff["nobody"])).exists()
    assert not policy.persons_visible_to(fresh(staff["model_wide"])).exists()
    assert not policy.persons_visible_to(AnonymousUser()).exists()
