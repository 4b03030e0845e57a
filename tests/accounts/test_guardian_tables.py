"""Object permissions live in direct foreign-key tables, never in guardian's generic ones."""

import pytest
from django.core import checks
from guardian.models import GroupObjectPermission, UserObjectPermission
from guardian.shortcuts import assign_perm, get_objects_for_user
from guardian.utils import get_group_obj_perms_model, get_user_obj_perms_model

from accounts.models import Team, TeamGroupObjectPermission
from accounts.permissions import GUARDED_MODELS, guarded_models


@pytest.mark.django_db
@pytest.mark.parametrize("label", GUARDED_MODELS)
def test_guarded_model_resolves_to_direct_tables(label):
    model = next(m for m in guarded_models() if m._meta.label == label)
    user_model = get_user_obj_perms_model(model)
    group_model = get_group_obj_perms_model(model)
    assert user_model is not UserObjectPermission
    assert group_model is not GroupObjectPermission
    assert user_model._meta.get_field("content_object").remote_field.model is model
    assert group_model._meta.get_field("content_object").remote_field.model is model


def test_system_check_flags_a_guarded_model_without_direct_tables(monkeypatch):
    from accounts import permissions

    assert permissions.check_direct_permission_tables() == []
    monkeypatch.setattr(
        permissions, "GUARDED_MODELS", (*GUARDED_MODELS, "referencedata.ReferenceCode")
    )
    errors = permissions.check_direct_permission_tables()
    assert {e.id for e in errors} == {"klantcontact.E001"}
    assert len(errors) == 2
    assert all(isinstance(e, checks.Error) for e in errors)


@pytest.mark.django_db
def test_team_grants_go_to_groups_in_the_direct_table(team_noord, team_zuid, make_user):
    employee = make_user("anna", teams=[team_noord])
    assert TeamGroupObjectPermission.objects.filter(content_object=team_noord).count() == 5
    assert not GroupObjectPermission.objects.exists()
    assert not UserObjectPermission.objects.exists()

    assert employee.has_perm("accounts.view_team_persons", team_noord)
    assert not employee.has_perm("accounts.view_team_persons", team_zuid)
    assert not employee.has_perm("accounts.lead_team", team_noord)
    visible = get_objects_for_user(employee, "accounts.view_team_persons", klass=Team)
    assert list(visible) == [team_noord]


@pytest.mark.django_db
def test_person_grants_use_the_direct_table(make_user):
    from contacts.models import Person, PersonUserObjectPermission

    person = Person.objects.create(surname="Jansen")
    user = make_user("bert")
    assign_perm("contacts.view_person", user, person)
    assert PersonUserObjectPermission.objects.filter(content_object=person, user=user).exists()
    assert not UserObjectPermission.objects.exists()
    # Deleting the person takes its permission rows along (foreign key cascade).
    person.delete()
    assert not PersonUserObjectPermission.objects.exists()
