"""Restriction of processing (art. 18) is one rule (``persondata.restriction``), read by every
path: the write guard on each declared model, search and caller lookup, exports and retention."""

import pytest
from django.db import transaction
from django.urls import reverse

from accounts import roles
from contacts import selectors as contact_selectors
from contacts.models import PhoneNumber, Task
from persondata import registry, restriction
from rights import services as rights
from tests.factories import (
    PersonFactory,
    PhoneNumberFactory,
    RetentionTaskFactory,
    TenancyFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(team_noord, make_user):
    person = TenancyFactory(unit=UnitFactory(team=team_noord)).person
    phone = PhoneNumberFactory(person=person, number="+31612340001")
    other = TenancyFactory(unit=UnitFactory(team=team_noord)).person
    PhoneNumberFactory(person=other, number="+31612340001")
    task = RetentionTaskFactory(
        contact_moment__person=person, contact_moment__team=team_noord, assigned_team=team_noord
    )
    employee = make_user("mw", roles=[roles.EMPLOYEE], teams=[team_noord])
    officer = make_user("avg", roles=[roles.PRIVACY_OFFICER], teams=[team_noord])
    rights.restrict(person, officer, reason="Juistheid van een contactmoment betwist.")
    return {
        "person": person,
        "other": other,
        "phone": phone,
        "task": task,
        "employee": employee,
        "officer": officer,
    }


def test_the_guard_stops_a_write_by_staff_on_any_path_to_the_person(world):
    phone, task = world["phone"], world["task"]
    with restriction.acting_as(world["employee"]):
        # Straight to the person.
        phone.number = "+31612340002"
        with pytest.raises(restriction.ProcessingRestricted):
            phone.save()
        with pytest.raises(restriction.ProcessingRestricted):
            PhoneNumber(person=world["person"], number="+31612340003").save()
        # Through another record (a task's contact moment), and deleting.
        with pytest.raises(restriction.ProcessingRestricted), transaction.atomic():
            Task.objects.get(pk=task.pk).delete()
        # The person's own row.
        person = world["person"]
        person.given_name = "Anders"
        with pytest.raises(restriction.ProcessingRestricted):
            person.save()
        # Someone else's data is not touched by it.
        other_phone = world["other"].phone_numbers.get()
        other_phone.is_preferred = True
        other_phone.save()
    assert PhoneNumber.objects.get(pk=phone.pk).number == "+31612340001"
    assert Task.objects.filter(pk=task.pk).exists()


def test_the_privacy_officer_and_jobs_pass_the_guard(world):
    phone = world["phone"]
    with restriction.acting_as(world["officer"]):
        phone.is_preferred = True
        phone.save()
    # No acting user: a job or command, which filters restricted persons itself.
    phone.kind = PhoneNumber.Kind.WORK
    phone.save()
    assert PhoneNumber.objects.get(pk=phone.pk).kind == PhoneNumber.Kind.WORK


def test_what_the_registry_declares_not_restricted_is_still_written(world):
    """Logs and the rights bookkeeping say ``restricted=False``: viewing the card is logged."""
    assert not registry.entry_for("audit.AccessLogEntry").holds.restricted
    assert registry.entry_for("contacts.PhoneNumber").holds.restricted
    from audit.models import AccessLogEntry

    with restriction.acting_as(world["employee"]):
        AccessLogEntry.objects.create(
            actor=world["employee"],
            person_id=world["person"].pk,
            what=AccessLogEntry.What.CARD,
            grant=AccessLogEntry.Grant.TEAM,
        )


def test_a_web_request_binds_the_user_for_the_guard(world, client):
    """The form path: the guard answers even where no service checked first."""
    client.force_login(world["employee"])
    response = client.get(reverse("contacts:card", args=[world["person"].pk]))
    assert response.status_code == 200
    assert restriction.current_actor() is None  # unbound after the request


def test_search_and_caller_lookup_mark_the_restricted_person(world, client):
    _query, found = contact_selectors.search_persons(world["employee"], world["person"].surname)
    marks = {p.pk: p.processing_restricted for p in found}
    assert marks[world["person"].pk] is True
    _number, _error, callers = contact_selectors.lookup_caller(world["employee"], "06-12340001")
    assert {p.pk: p.processing_restricted for p in callers} == {
        world["person"].pk: True,
        world["other"].pk: False,
    }
    client.force_login(world["employee"])
    html = client.get(reverse("contacts:search"), {"q": world["person"].surname}).content
    assert b"data-restricted" in html
    body = client.get(reverse("contacts:lookup_json"), {"phone": "0612340001"}).json()
    assert {m["id"]: m["processing_restricted"] for m in body["matches"]} == {
        world["person"].pk: True,
        world["other"].pk: False,
    }


def test_exclude_leaves_restricted_persons_out(world):
    from contacts.models import Person

    kept = set(restriction.exclude(Person.objects.all()).values_list("pk", flat=True))
    assert world["person"].pk not in kept
    assert world["other"].pk in kept
    rights.lift_restriction(world["person"], world["officer"])
    assert restriction.restricted_person_ids([world["person"].pk]) == set()
    assert PersonFactory().pk in set(
        restriction.exclude(Person.objects.all()).values_list("pk", flat=True)
    )
