"""Requests and what they do: legal holds, erasure through the retention engine, rectification
with the audit trail, the person's own statement, objections."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from audit.models import LogEntry
from contacts.models import ContactMoment, Person
from retention import services as retention
from retention.models import ErasureLog, LegalHold, RetentionRule
from rights import services
from rights.models import DataSubjectRequest, Objection, PersonStatement, Rectification
from tests.factories import (
    ContactMomentFactory,
    LegalHoldFactory,
    PersonFactory,
    PhoneNumberFactory,
    TenancyFactory,
    UnitFactory,
    data_subject_request,
    statutory_tenancy_rule,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_run_lock():
    from retention import locks

    locks.force_release()
    yield
    locks.force_release()


@pytest.fixture
def officer(make_user, reference_codes):
    return make_user("avg", roles=[roles.PRIVACY_OFFICER])


def test_an_open_request_holds_the_file_and_closing_releases_it(officer):
    person = PersonFactory()
    request = data_subject_request(officer, person, verified=True, kind="objection")
    hold = request.legal_hold
    assert hold.reason_kind == LegalHold.Reason.DATA_SUBJECT_REQUEST
    assert hold.person == person and request.reference in hold.reason
    assert retention.holds_for_person(person) == [hold]
    assert hold.ends_on > request.deadline
    services.record_objection(person, officer, purpose="surveys", request=request)
    services.complete(request, officer, outcome="granted", reply="Verwerkt.")
    hold.refresh_from_db()
    assert hold.released_at is not None and hold.released_by == officer
    assert retention.holds_for_person(person) == []


def test_withdrawing_also_releases_the_hold(officer):
    person = PersonFactory()
    request = data_subject_request(officer, person)
    services.withdraw(request, officer, note="Per e-mail ingetrokken op 3 maart.")
    assert retention.holds_for_person(person) == []
    assert DataSubjectRequest.objects.get().status == "withdrawn"


def test_the_hold_of_an_open_request_stops_retention_erasure(officer):
    person = PersonFactory()
    data_subject_request(officer, person)
    with pytest.raises(retention.ErasureRefused):
        retention.erase_person(person, requested_by=officer, reason="Nachtelijke run")
    assert Person.objects.filter(pk=person.pk).exists()


def test_renewal_keeps_the_hold_of_a_long_open_request(officer):
    request = data_subject_request(officer, PersonFactory())
    later = request.legal_hold.ends_on - datetime.timedelta(days=3)
    assert services.renew_request_holds(today=later) == 1
    request.legal_hold.refresh_from_db()
    assert request.legal_hold.ends_on > later + datetime.timedelta(days=30)


def test_representative_needs_a_valid_mandate_for_this_person(officer):
    from tests.factories import MandateFactory, channel

    person = PersonFactory()
    other = MandateFactory(scope="all")
    with pytest.raises(ValidationError) as exc:
        services.register_request(
            officer,
            kind="access",
            person=person,
            received_at=timezone.now(),
            channel=channel("EMA", "E-mail"),
            requester_kind="representative",
            mandate=other,
        )
    assert "mandate" in exc.value.message_dict
    assert not DataSubjectRequest.objects.exists() and not LegalHold.objects.exists()
    mandate = MandateFactory(represented=person, scope="all")
    request = services.register_request(
        officer,
        kind="access",
        person=person,
        received_at=timezone.now(),
        channel=channel("EMA", "E-mail"),
        requester_kind="representative",
        mandate=mandate,
    )
    assert request.mandate == mandate


# --- Erasure -------------------------------------------------------------------------------------


@pytest.fixture
def statutory_rule(db):
    RetentionRule.objects.all().delete()
    return statutory_tenancy_rule()


def test_erasure_through_the_engine_is_not_blocked_by_the_requests_own_hold(
    officer, statutory_rule
):
    person = PersonFactory()
    PhoneNumberFactory(person=person)
    contact = ContactMomentFactory(person=person, summary="Lekkage in de badkamer.")
    request = data_subject_request(officer, person, kind="erasure", verified=True)
    assert services.erasure_obstacles(request) == []
    log = services.erase_for_request(request, officer)
    assert log.outcome == ErasureLog.Outcome.COMPLETE and log.person_deleted
    assert not Person.objects.filter(pk=person.pk).exists()
    contact = ContactMoment.objects.get(pk=contact.pk)
    assert contact.person_id is None
    assert "Gegevens verwijderd op verzoek van betrokkene" in contact.summary
    request.refresh_from_db()
    assert request.person_id is None and request.events.filter(kind="erased").exists()
    services.complete(request, officer, outcome="granted", reply="Uw gegevens zijn verwijderd.")
    assert DataSubjectRequest.objects.get().status == "completed"


def test_erasure_keeps_what_a_statutory_duty_requires_and_says_so(officer, statutory_rule):
    person = PersonFactory()
    TenancyFactory(person=person, end_date=timezone.localdate() - datetime.timedelta(days=30))
    request = data_subject_request(officer, person, kind="erasure", verified=True)
    log = services.erase_for_request(request, officer)
    assert log.outcome == ErasureLog.Outcome.PARTIAL and not log.person_deleted
    assert Person.objects.filter(pk=person.pk).exists()
    assert "huurovereenkomsten (1)" in request.events.get(kind="erased").note
    services.complete(
        request,
        officer,
        outcome="partly",
        refusal_reason="statutory_duty",
        reply="De huuradministratie bewaren wij zeven jaar (fiscale bewaarplicht).",
    )


def test_another_legal_hold_refuses_the_erasure_and_changes_nothing(officer, statutory_rule):
    person = PersonFactory()
    LegalHoldFactory(person=person, reason="Procedure bij de kantonrechter C/19/1.")
    request = data_subject_request(officer, person, kind="erasure", verified=True)
    obstacles = services.erasure_obstacles(request)
    assert len(obstacles) == 1 and "kantonrechter" in obstacles[0]
    with pytest.raises(ValidationError):
        services.erase_for_request(request, officer)
    assert Person.objects.filter(pk=person.pk).exists()
    request.legal_hold.refresh_from_db()
    assert request.legal_hold.released_at is None  # its own hold stays while open
    with pytest.raises(ValidationError) as exc:
        services.complete(request, officer, outcome="granted", reply="Verwijderd.")
    assert "outcome" in exc.value.message_dict


def test_erasure_needs_a_verified_identity(officer):
    request = data_subject_request(officer, PersonFactory(), kind="erasure")
    with pytest.raises(ValidationError):
        services.erase_for_request(request, officer)


# --- Rectification and completion ----------------------------------------------------------------


def test_rectification_is_logged_in_the_audit_trail_and_linked_to_the_request(officer):
    from auditlog.context import set_actor

    person = PersonFactory(initials="J.", surname="Jansen")
    request = data_subject_request(officer, person, kind="rectification", verified=True)
    with set_actor(officer):
        services.rectify(request, officer, person, {"initials": "J.P.", "surname": "Janssen"})
    person.refresh_from_db()
    assert (person.initials, person.surname) == ("J.P.", "Janssen")
    rectification = Rectification.objects.get()
    assert rectification.request == request and set(rectification.fields.split(", ")) == {
        "initials",
        "surname",
    }
    entry = LogEntry.objects.get_for_object(person).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == officer and entry.changes_dict["surname"] == ["Jansen", "Janssen"]
    with pytest.raises(ValidationError):
        services.rectify(request, officer, person, {"relation_number": "R1"})
    with pytest.raises(ValidationError):
        services.rectify(request, officer, PersonFactory(), {"surname": "X"})


def test_the_persons_statement_is_attached_and_shown_on_the_card(
    officer, client, make_user, team_noord
):
    person = TenancyFactory(unit=UnitFactory(team=team_noord)).person
    contact = ContactMomentFactory(person=person)
    request = data_subject_request(officer, person, kind="rectification", verified=True)
    statement = services.add_statement(
        person,
        officer,
        statement="De melding over overlast klopt niet.",
        record_kind="contact_moment",
        object_id=contact.pk,
        request=request,
    )
    assert statement.request == request and statement.object_id == contact.pk
    with pytest.raises(ValidationError):
        services.add_statement(
            person,
            officer,
            statement="x",
            record_kind="contact_moment",
            object_id=ContactMomentFactory().pk,
        )
    employee = make_user("mw", roles=[roles.EMPLOYEE], teams=[team_noord])
    client.force_login(employee)
    html = client.get(reverse("contacts:card", args=[person.pk])).content.decode()
    assert f'data-statement="{statement.pk}"' in html
    assert "De melding over overlast klopt niet." in html
    assert PersonStatement.objects.count() == 1


def test_objection_per_purpose_is_recorded_once(officer):
    person = PersonFactory()
    request = data_subject_request(officer, person, kind="objection", verified=True)
    services.record_objection(person, officer, purpose="information_evenings", request=request)
    services.record_objection(person, officer, purpose="information_evenings", request=request)
    assert Objection.objects.filter(person=person).count() == 1
    assert services.objects_to(person, "information_evenings")
    assert not services.objects_to(person, "surveys")
    with pytest.raises(ValidationError):
        services.record_objection(person, officer, purpose="everything")


def test_an_action_on_an_erased_person_is_refused_with_one_message(reference_codes, make_user):
    rights_services = services
    officer = make_user("avg-erased", roles=[roles.PRIVACY_OFFICER])
    request = data_subject_request(officer, PersonFactory(), kind="restriction", verified=True)
    assert rights_services.person_of(request) == request.person
    DataSubjectRequest.objects.filter(pk=request.pk).update(person=None)
    request.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        rights_services.person_of(request)
    assert refused.value.messages == ["De gegevens van deze persoon zijn verwijderd."]
