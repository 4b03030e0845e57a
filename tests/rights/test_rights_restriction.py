"""Restriction of processing (art. 18): writes refused in services, views and admin, except for
the privacy officer; the card shows it plainly."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from contacts import services as contacts
from contacts.models import ContactMoment, Mandate, Signal, SignalType
from referencedata.models import CodeList, ReferenceCode
from rights import services
from rights.models import PersonStatement, ProcessingRestriction
from tests.factories import (
    PersonFactory,
    RetentionTaskFactory,
    TenancyFactory,
    UnitFactory,
    contact_catalogue,
    default_subject,
)
from tests.support import contacts as support

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(reference_codes, team_noord, make_user):
    contact_catalogue()
    huu = ReferenceCode.objects.get(code_list=CodeList.RELATION_ROLE, code="HUU")
    person = TenancyFactory(unit=UnitFactory(team=team_noord), role=huu).person
    employee = make_user("mw", roles=[roles.EMPLOYEE], teams=[team_noord])
    officer = make_user("avg", roles=[roles.PRIVACY_OFFICER], teams=[team_noord])
    task = RetentionTaskFactory(
        contact_moment__person=person,
        contact_moment__team=team_noord,
        assigned_team=team_noord,
    )
    restriction = services.restrict(person, officer, reason="Juistheid van een signaal betwist.")
    return {
        "person": person,
        "employee": employee,
        "officer": officer,
        "team": team_noord,
        "task": task,
        "restriction": restriction,
    }


def contact_input(world, **overrides):
    return support.contact_input(
        {"tenant": world["person"], "team": world["team"]},
        **{"summary": "Vraag over de huur.", **overrides},
    )


def mandate_data():
    return {
        "representative_surname": "Bewind & Co",
        "role": ReferenceCode.objects.get(code_list=CodeList.RELATION_ROLE, code="BWI"),
        "scope": "finances",
        "valid_from": datetime.date(2025, 1, 1),
        "verified_how": "court_order",
        "verified_at": datetime.date(2025, 1, 2),
    }


def signal_kwargs():
    return {
        "signal_type": SignalType.objects.filter(sensitivity="ordinary").first(),
        "description": "Geluidsoverlast gemeld.",
    }


def test_every_write_service_refuses_for_a_restricted_person(world):
    employee, person, task = world["employee"], world["person"], world["task"]
    writes = [
        lambda: contacts.register_contact(employee, contact_input(world)),
        lambda: contacts.register_mandate(employee, person, mandate_data()),
        lambda: contacts.register_signal(employee, person, **signal_kwargs()),
        lambda: contacts.take_task(employee, task),
        lambda: contacts.reassign_task(employee, task, team=world["team"]),
        lambda: contacts.close_task(employee, task, note="Gedaan."),
        lambda: services.add_statement(person, employee, statement="Klopt niet."),
    ]
    contacts_before = ContactMoment.objects.count()
    for write in writes:
        with pytest.raises(services.ProcessingRestricted) as exc:
            write()
        assert "beperkt" in str(exc.value)
    assert ContactMoment.objects.count() == contacts_before
    assert not Mandate.objects.exists() and not Signal.objects.exists()
    task.refresh_from_db()
    assert task.status == "open"


def test_the_privacy_officer_may_still_write_and_lifting_reopens(world):
    officer, person = world["officer"], world["person"]
    contact = contacts.register_contact(officer, contact_input(world))
    assert contact.person == person
    services.lift_restriction(person, officer)
    assert not services.is_restricted(person)
    contacts.register_contact(world["employee"], contact_input(world))
    assert ProcessingRestriction.objects.get().ended_by == officer


def test_views_refuse_with_a_clear_message_and_the_card_shows_it(world, client):
    client.force_login(world["employee"])
    person = world["person"]
    card = client.get(reverse("contacts:card", args=[person.pk])).content.decode()
    assert 'data-banner="restricted"' in card
    assert "Juistheid van een signaal betwist." in card
    response = client.post(
        reverse("contacts:register", args=[person.pk]),
        {
            "caller_kind": "self",
            "channel": ReferenceCode.objects.get(code_list=CodeList.CHANNEL, code="TEL").pk,
            "direction": "in",
            "subject": default_subject().pk,
            "summary": "Vraag over de huur.",
            "outcome": "answered",
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "team": world["team"].pk,
        },
    )
    assert response.status_code == 200
    assert "beperkt" in " ".join(response.context["form"].non_field_errors())
    response = client.post(
        reverse("contacts:signal_register", args=[person.pk]),
        {"signal_type": signal_kwargs()["signal_type"].pk, "description": "Overlast."},
    )
    assert response.status_code == 200 and not Signal.objects.exists()
    response = client.post(reverse("contacts:task_take", args=[world["task"].pk]), follow=True)
    assert "beperkt" in response.content.decode()
    world["task"].refresh_from_db()
    assert world["task"].assigned_to is None
    assert ContactMoment.objects.filter(person=person).count() == 1  # only the task's contact


def test_the_admin_refuses_saves_for_a_restricted_person_except_the_officer(
    world, client, make_user
):
    admin_user = make_user("beheer", superuser=True)
    url = reverse("admin:rights_personstatement_add")
    data = {
        "person": world["person"].pk,
        "record_kind": "person",
        "statement": "Mijn geboortedatum klopt niet.",
        "received_on": timezone.localdate().isoformat(),
    }
    client.force_login(admin_user)
    response = client.post(url, data)
    assert response.status_code == 200
    assert "beperkt" in response.content.decode()
    assert not PersonStatement.objects.exists()
    client.force_login(world["officer"])
    response = client.post(url, data)
    assert response.status_code == 302
    assert PersonStatement.objects.get().recorded_by == world["officer"]


def test_only_one_active_restriction_and_a_reason_is_required(world):
    with pytest.raises(Exception):  # noqa: B017
        services.restrict(world["person"], world["officer"], reason="Nog een keer.")
    with pytest.raises(Exception):  # noqa: B017
        services.restrict(PersonFactory(), world["officer"], reason=" ")
