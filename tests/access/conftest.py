"""Fixtures of the access-control tests: two district teams with employees, a team leader, the
privacy officer, a tenant in team Noord's scope and one outside it."""

import pytest

from accounts import roles
from referencedata.models import CodeList, ReferenceCode
from tests.factories import PersonFactory, TenancyFactory, UnitFactory, contact_catalogue


@pytest.fixture
def world(reference_codes, team_noord, team_zuid, make_user):
    contact_catalogue()
    huu = ReferenceCode.objects.get(code_list=CodeList.RELATION_ROLE, code="HUU")
    return {
        "employee": make_user("mw", roles=[roles.EMPLOYEE], teams=[team_noord]),
        "colleague": make_user("mw2", roles=[roles.EMPLOYEE], teams=[team_noord]),
        "leader": make_user("tl", roles=[roles.EMPLOYEE, roles.TEAM_LEADER], leads=[team_noord]),
        "zuid_leader": make_user("tlz", roles=[roles.TEAM_LEADER], leads=[team_zuid]),
        "officer": make_user("fg", roles=[roles.PRIVACY_OFFICER]),
        "tenant": TenancyFactory(
            unit=UnitFactory(team=team_noord), person=PersonFactory(), role=huu
        ).person,
        "outsider": TenancyFactory(
            unit=UnitFactory(team=team_zuid), person=PersonFactory(), role=huu
        ).person,
    }
