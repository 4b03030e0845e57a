"""The policy's models are declared by contacts (access.subjects), not imported by access."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from access import subjects
from contacts.models import Person, PersonUserObjectPermission, Task, Tenancy, Unit


def test_contacts_declared_its_models_to_the_policy():
    declared = subjects.get()
    assert (declared.person, declared.involvement, declared.task) == (
        Person,
        PersonUserObjectPermission,
        Task,
    )
    assert declared.table("tenancy") == Tenancy._meta.db_table
    assert declared.table("unit") == Unit._meta.db_table


def test_the_same_declaration_again_is_harmless_and_a_different_one_refused():
    declared = subjects.get()
    subjects.declare(**declared.__dict__)
    with pytest.raises(ImproperlyConfigured):
        subjects.declare(**{**declared.__dict__, "task": Tenancy})
    assert subjects.get() == declared


def test_without_a_declaration_the_policy_says_what_is_missing(monkeypatch):
    monkeypatch.setattr(subjects, "_declared", None)
    with pytest.raises(ImproperlyConfigured, match="contacts"):
        subjects.get()
