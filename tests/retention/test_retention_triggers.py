"""Retention: every trigger kind, travelled through time with ``retention_run --as-of``, and due
dates that follow the data when the trigger changes."""

import datetime

import pytest
from django.utils import timezone

from audit.models import AccessLogEntry
from contacts.models import ContactMoment, EmailAddress, Mandate, PhoneNumber, Signal, Task
from referencedata.models import CodeList
from retention import targets
from retention.models import RetentionReview, RetentionRun, RetentionSchedule
from tests.factories import (
    ContactMomentFactory,
    MandateFactory,
    PersonFactory,
    PhoneNumberFactory,
    ReferenceCodeFactory,
    RetentionRuleFactory,
    RetentionTaskFactory,
    TenancyFactory,
    mandate_review_rule,
    personal_data_category,
)
from tests.support.retention import (  # noqa: F401  (fixtures)
    at,
    fresh_run_lock,
    only_the_tests_rules,
    run,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def schedule_of(rule, record):
    return RetentionSchedule.objects.get(rule=rule, object_id=record.pk)


def test_record_created_counts_from_the_records_own_date():
    rule = RetentionRuleFactory(
        code="inzagelog", target="access_log", trigger="created", action="delete"
    )
    entry = AccessLogEntry.objects.create(
        person_id=1, what="card", grant="team", at=at(D(2024, 1, 10))
    )
    newer = AccessLogEntry.objects.create(
        person_id=1, what="card", grant="team", at=at(D(2024, 1, 11))
    )

    run(D(2026, 1, 9))
    assert AccessLogEntry.objects.filter(pk=entry.pk).exists()
    assert schedule_of(rule, entry).due_on == D(2026, 1, 10)

    output = run(D(2026, 1, 10))
    assert not AccessLogEntry.objects.filter(pk=entry.pk).exists()
    assert AccessLogEntry.objects.filter(pk=newer.pk).exists()
    assert "inzagelog: 1 deleted" in output


def test_a_date_field_named_in_the_rule():
    rule = mandate_review_rule()
    ended = MandateFactory(valid_from=D(2023, 1, 1), valid_to=D(2025, 3, 31))
    running = MandateFactory(valid_from=D(2023, 1, 1), valid_to=None)

    run(D(2026, 3, 30))
    assert not RetentionReview.objects.exists()
    run(D(2026, 3, 31))
    review = RetentionReview.objects.get()
    assert (review.object_id, review.person_id, review.round) == (
        ended.pk,
        ended.represented_id,
        1,
    )
    assert review.status == RetentionReview.Status.OPEN
    assert Mandate.objects.filter(pk=ended.pk).exists()  # a review decides, the job does not
    assert schedule_of(rule, running).due_on is None  # no end date: no due date, no guess


def test_task_closed_counts_from_closing_and_an_open_task_has_no_due_date():
    rule = RetentionRuleFactory(code="taken", target="task", trigger="closed", action="anonymise")
    closed = RetentionTaskFactory(closed=True, closed_at=at(D(2024, 3, 1)))
    open_task = RetentionTaskFactory()

    assert schedule_of(rule, closed).due_on == D(2026, 3, 1)
    assert schedule_of(rule, open_task).due_on is None

    run(D(2026, 2, 28))
    closed.refresh_from_db()
    assert closed.requested_action.startswith("Monteur")
    run(D(2026, 3, 1))
    closed.refresh_from_db()
    open_task.refresh_from_db()
    assert closed.requested_action == "[geanonimiseerd]"
    assert closed.closing_note == "[geanonimiseerd]"  # a done task keeps a closing note
    assert open_task.requested_action.startswith("Monteur")
    run(D(2099, 1, 1))
    open_task.refresh_from_db()
    assert open_task.requested_action.startswith("Monteur")


def test_end_of_tenancy_and_a_running_tenancy_never_comes_due():
    RetentionRuleFactory(
        code="telefoon", target="phone_number", trigger="tenancy_end", action="delete"
    )
    former = TenancyFactory(start_date=D(2010, 1, 1), end_date=D(2024, 6, 30)).person
    current = TenancyFactory(start_date=D(2010, 1, 1)).person
    old_phone = PhoneNumberFactory(person=former)
    current_phone = PhoneNumberFactory(person=current)

    run(D(2026, 6, 29))
    assert PhoneNumber.objects.filter(pk=old_phone.pk).exists()
    run(D(2026, 6, 30))
    assert not PhoneNumber.objects.filter(pk=old_phone.pk).exists()
    run(D(2099, 1, 1))
    assert PhoneNumber.objects.filter(pk=current_phone.pk).exists()


def test_last_contact_with_the_person():
    rule = RetentionRuleFactory(
        code="contacten", target="contact_moment", trigger="last_contact", action="anonymise"
    )
    person = TenancyFactory(start_date=D(2015, 1, 1), end_date=D(2023, 1, 31)).person
    first = ContactMomentFactory(person=person, occurred_at=at(D(2023, 5, 2)))
    last = ContactMomentFactory(person=person, occurred_at=at(D(2024, 2, 1)))
    tenant = TenancyFactory(start_date=D(2015, 1, 1)).person
    tenants_contact = ContactMomentFactory(person=tenant, occurred_at=at(D(2020, 1, 1)))

    assert schedule_of(rule, first).due_on == D(2026, 2, 1)  # counted from the last contact
    run(D(2026, 1, 31))
    assert ContactMoment.objects.filter(person=person).count() == 2
    run(D(2026, 2, 1))
    assert not ContactMoment.objects.filter(person=person).exists()
    summaries = ContactMoment.objects.filter(pk__in=[first.pk, last.pk]).values_list(
        "summary", flat=True
    )
    assert set(summaries) == {"[geanonimiseerd]"}
    run(D(2099, 1, 1))  # the relationship with a tenant goes on
    tenants_contact.refresh_from_db()
    assert tenants_contact.person_id == tenant.pk


@pytest.fixture
def signal_type():
    from contacts.models import SignalType

    vera = ReferenceCodeFactory(code_list=CodeList.SIGNAL_TYPE, code="OVE", name="Overlast")
    signal_type, _created = SignalType.objects.update_or_create(
        code="geluidsoverlast",
        defaults={"name": "Geluidsoverlast", "card_label": "Overlastsignaal", "vera_type": vera},
    )
    return signal_type


def test_review_date_of_a_signal(signal_type):
    RetentionRuleFactory(
        code="signalen",
        target="signal",
        trigger="review_date",
        period_amount=0,
        period_unit="days",
        action="review",
    )
    signal = Signal.objects.create(
        person=PersonFactory(),
        signal_type=signal_type,
        description="Meerdere meldingen van harde muziek na middernacht.",
        review_on=D(2026, 3, 1),
    )
    run(D(2026, 2, 28))
    assert not RetentionReview.objects.exists()
    run(D(2026, 3, 1))
    assert RetentionReview.objects.get().object_id == signal.pk


@pytest.fixture
def applicant_target(monkeypatch):
    """No model of this product holds applicants (they are in WoonMatch). The deregistration
    trigger works for whatever target declares its deregistration date; here a target is
    declared on an existing date field, the way an applicant module would declare its own."""
    from persondata import registry

    entry = registry.entry_for(Mandate)
    target = targets.target_from(
        entry,
        registry.Retention(
            key="test_applicant",
            label="test applicants",
            person_field="represented_id",
            deregistration_field="valid_to",
        ),
    )
    built = {**targets._targets(), target.key: target}
    monkeypatch.setattr(targets, "_targets", lambda: built)
    return target


def test_deregistration_of_an_applicant(applicant_target):
    rule = RetentionRuleFactory(
        code="woningzoekenden",
        target="test_applicant",
        trigger="deregistration",
        period_amount=1,
        action="delete",
    )
    rule.full_clean()
    deregistered = MandateFactory(valid_to=D(2025, 4, 30))
    registered = MandateFactory(valid_to=None)
    run(D(2026, 4, 29))
    assert Mandate.objects.filter(pk=deregistered.pk).exists()
    run(D(2026, 4, 30))
    assert not Mandate.objects.filter(pk=deregistered.pk).exists()
    assert Mandate.objects.filter(pk=registered.pk).exists()


@pytest.fixture
def urgency_type():
    from contacts.models import SignalType

    vera = ReferenceCodeFactory(code_list=CodeList.SIGNAL_TYPE, code="ONB", name="Ondersteuning")
    return SignalType.objects.create(
        code="medische-urgentie",
        name="Medische urgentie",
        card_label="Urgentie: passende woning met voorrang",
        vera_type=vera,
        sensitivity="special",
    )


def test_an_event_removes_at_once_when_it_is_recorded(urgency_type, signal_type):
    """Medical urgency goes when the home is allocated (a tenancy as tenant starts), not at
    night."""
    RetentionRuleFactory(
        code="medische-urgentie",
        data_category=personal_data_category("gezondheid"),
        target="signal",
        record_kinds="medische-urgentie",
        trigger="event",
        event_code="allocation",
        period_amount=0,
        period_unit="days",
        action="delete",
    )
    applicant = PersonFactory()
    urgency = Signal.objects.create(
        person=applicant,
        signal_type=urgency_type,
        description="Urgentieverklaring: gelijkvloerse woning nodig.",
        legal_basis="Art. 9 lid 2 sub g AVG jo. art. 57 Btiv 2015.",
        review_on=D(2027, 1, 1),
    )
    nuisance = Signal.objects.create(
        person=applicant,
        signal_type=signal_type,
        description="Melding geluidsoverlast.",
        review_on=D(2027, 1, 1),
    )
    other = Signal.objects.create(
        person=PersonFactory(),
        signal_type=urgency_type,
        description="Urgentieverklaring: gelijkvloers.",
        legal_basis="Art. 9 lid 2 sub g AVG.",
        review_on=D(2027, 1, 1),
    )

    TenancyFactory(person=applicant, start_date=timezone.localdate())

    assert not Signal.objects.filter(pk=urgency.pk).exists()
    assert Signal.objects.filter(pk__in=[nuisance.pk, other.pk]).count() == 2
    event_run = RetentionRun.objects.get(kind="event")
    assert event_run.event_code == "allocation" and event_run.status == "succeeded"
    assert event_run.rule_reports.get().deleted == 1


def test_an_event_with_a_period_comes_due_at_night(urgency_type):
    from retention.services import apply_event

    RetentionRuleFactory(
        code="na-toewijzing",
        target="signal",
        record_kinds="medische-urgentie",
        trigger="event",
        event_code="allocation",
        period_amount=30,
        period_unit="days",
        action="delete",
    )
    person = PersonFactory()
    signal = Signal.objects.create(
        person=person,
        signal_type=urgency_type,
        description="Urgentieverklaring.",
        legal_basis="Art. 9 lid 2 sub g AVG.",
        review_on=D(2027, 1, 1),
    )
    today = timezone.localdate()
    apply_event("allocation", person)
    assert Signal.objects.filter(pk=signal.pk).exists()
    run(today + datetime.timedelta(days=29))
    assert Signal.objects.filter(pk=signal.pk).exists()
    run(today + datetime.timedelta(days=30))
    assert not Signal.objects.filter(pk=signal.pk).exists()


# --- Due dates follow the data -------------------------------------------------------------------


def test_a_tenancy_that_gets_an_end_date_starts_the_clock():
    rule = RetentionRuleFactory(
        code="mail", target="email_address", trigger="tenancy_end", action="delete"
    )
    tenancy = TenancyFactory(start_date=D(2015, 1, 1))
    from tests.factories import EmailAddressFactory

    address = EmailAddressFactory(person=tenancy.person)
    assert schedule_of(rule, address).due_on is None

    tenancy.end_date = D(2025, 8, 31)
    tenancy.save()
    assert schedule_of(rule, address).due_on == D(2027, 8, 31)

    tenancy.end_date = None  # the termination was withdrawn
    tenancy.save()
    assert schedule_of(rule, address).due_on is None
    run(D(2099, 1, 1))
    assert EmailAddress.objects.filter(pk=address.pk).exists()


def test_a_reopened_task_loses_its_due_date_and_gets_a_new_one_when_closed():
    rule = RetentionRuleFactory(code="taken", target="task", trigger="closed", action="anonymise")
    task = RetentionTaskFactory(closed=True, closed_at=at(D(2024, 3, 1)))
    assert schedule_of(rule, task).due_on == D(2026, 3, 1)

    task.status, task.closed_at, task.closing_note = Task.Status.OPEN, None, ""
    task.save()
    assert schedule_of(rule, task).due_on is None
    run(D(2026, 3, 1))
    task.refresh_from_db()
    assert task.requested_action.startswith("Monteur")

    task.status, task.closed_at, task.closing_note = "done", at(D(2025, 6, 1)), "Klaar."
    task.save()
    assert schedule_of(rule, task).due_on == D(2027, 6, 1)


def test_a_new_contact_moves_the_due_date_of_earlier_contacts():
    rule = RetentionRuleFactory(
        code="contacten", target="contact_moment", trigger="last_contact", action="anonymise"
    )
    person = TenancyFactory(start_date=D(2015, 1, 1), end_date=D(2020, 1, 31)).person
    early = ContactMomentFactory(person=person, occurred_at=at(D(2022, 3, 1)))
    assert schedule_of(rule, early).due_on == D(2024, 3, 1)
    ContactMomentFactory(person=person, occurred_at=at(D(2024, 2, 15)))
    assert schedule_of(rule, early).due_on == D(2026, 2, 15)


def test_a_changed_period_is_recomputed_by_the_next_run():
    rule = RetentionRuleFactory(
        code="inzagelog", target="access_log", trigger="created", action="delete"
    )
    entry = AccessLogEntry.objects.create(
        person_id=1, what="card", grant="team", at=at(D(2024, 1, 10))
    )
    run(D(2024, 2, 1))
    assert schedule_of(rule, entry).due_on == D(2026, 1, 10)

    rule.period_amount = 6
    rule.period_unit = "months"
    rule.save()
    rule.refresh_from_db()
    assert rule.needs_recompute

    run(D(2024, 2, 1))
    assert schedule_of(rule, entry).due_on == D(2024, 7, 10)
    run(D(2024, 7, 10))
    assert not AccessLogEntry.objects.filter(pk=entry.pk).exists()


def test_a_change_without_signals_is_caught_just_before_acting():
    """A bulk update sends no signal: the stored due date is stale, the run re-checks the live
    trigger and moves the date instead of deleting."""
    rule = RetentionRuleFactory(
        code="telefoon", target="phone_number", trigger="tenancy_end", action="delete"
    )
    tenancy = TenancyFactory(start_date=D(2010, 1, 1), end_date=D(2023, 1, 31))
    phone = PhoneNumberFactory(person=tenancy.person)
    assert schedule_of(rule, phone).due_on == D(2025, 1, 31)

    type(tenancy).objects.filter(pk=tenancy.pk).update(end_date=None)  # no signal
    output = run(D(2025, 2, 1))

    assert PhoneNumber.objects.filter(pk=phone.pk).exists()
    assert schedule_of(rule, phone).due_on is None
    assert "0 deleted" in output and "1 moved" in output
