"""Retention engine: holds, reviews, idempotency, a killed run, audit redaction, dry run, and
what delete and anonymise leave behind."""

import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone
from guardian.shortcuts import assign_perm

from accounts import roles
from audit.models import LogEntry
from audit.services import REDACTED
from contacts.models import (
    ContactMoment,
    EmailAddress,
    Mandate,
    Person,
    PersonUserObjectPermission,
    PhoneNumber,
    Task,
    TaskEvent,
    Tenancy,
)
from retention import actions, engine, services
from retention.models import (
    LegalHold,
    RetentionReview,
    RetentionRule,
    RetentionRun,
    RetentionSchedule,
)
from tests.factories import (
    ContactMomentFactory,
    EmailAddressFactory,
    LegalHoldFactory,
    MandateFactory,
    PersonFactory,
    PhoneNumberFactory,
    RetentionRuleFactory,
    RetentionTaskFactory,
    TenancyFactory,
    UserFactory,
    mandate_review_rule,
    statutory_tenancy_rule,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_run_lock():
    """The lock may live in Redis, outside the test's transaction."""
    from retention import locks

    locks.force_release()
    yield
    locks.force_release()


D = datetime.date


@pytest.fixture(autouse=True)
def only_the_tests_rules(db):
    RetentionRule.objects.all().delete()


def run(as_of, *extra) -> str:
    out = StringIO()
    call_command("retention_run", "--as-of", as_of.isoformat(), *extra, stdout=out)
    return out.getvalue()


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def contact_rule(**kwargs):
    values = {
        "code": "contacten",
        "target": "contact_moment",
        "trigger": "date_field",
        "trigger_field": "occurred_at",
        "action": "anonymise",
    }
    return RetentionRuleFactory(**{**values, **kwargs})


OLD = D(2020, 1, 1)


def old_contacts(n, person=None, day=OLD):
    person = person or PersonFactory()
    return [ContactMomentFactory(person=person, occurred_at=at(day)) for _ in range(n)]


def snapshot() -> dict:
    """Every row of every project model (and guardian's), for 'nothing changed' checks."""
    tables = {}
    for model in apps.get_models():
        if model._meta.app_label in {"sessions", "admin"}:
            continue
        tables[model._meta.label] = sorted(
            model._base_manager.values_list(*[f.attname for f in model._meta.concrete_fields]),
            key=repr,
        )
    return tables


# --- Anonymise and delete -------------------------------------------------------------------------


def test_anonymise_keeps_management_information_and_blanks_the_rest():
    contact_rule()
    mandate = MandateFactory()
    contact = ContactMomentFactory(
        person=mandate.represented,
        occurred_at=at(D(2020, 5, 4)),
        caller_kind="representative",
        mandate=mandate,
        notes="Bewindvoerder belde over de betalingsregeling.",
        outcome="task",
    )
    task = RetentionTaskFactory(contact_moment=contact, closed=True)
    TaskEvent.objects.create(task=task, person=contact.person, kind="closed", note="Gebeld.")
    before = ContactMoment.objects.filter(pk=contact.pk).values(
        "occurred_at", "channel", "direction", "subject", "outcome", "team", "handled_by"
    )[0]

    run(D(2022, 5, 4))

    contact.refresh_from_db()
    after = ContactMoment.objects.filter(pk=contact.pk).values(*before)[0]
    assert after == before
    assert contact.person is None and contact.mandate is None and contact.unit is None
    assert contact.caller_kind == "other"
    assert (contact.summary, contact.notes) == ("[geanonimiseerd]", "")
    task.refresh_from_db()
    assert task.requested_action == "[geanonimiseerd]" and task.status == "done"
    assert task.person is None  # the copy of the contact's person goes with it
    event = TaskEvent.objects.get(task=task)
    assert event.person is None and event.note == ""
    assert Mandate.objects.filter(pk=mandate.pk).exists()  # the mandate has its own rule


def test_a_person_is_deleted_with_everything_that_belongs_only_to_them():
    RetentionRuleFactory(code="personen", target="person", trigger="last_contact", action="delete")
    tenancy = TenancyFactory(start_date=D(2010, 1, 1), end_date=D(2019, 12, 31))
    person = tenancy.person
    phone = PhoneNumberFactory(person=person)
    email = EmailAddressFactory(person=person)
    contact = ContactMomentFactory(person=person, occurred_at=at(D(2020, 2, 1)))
    given = MandateFactory(represented=person, valid_from=D(2015, 1, 1), valid_to=D(2020, 1, 31))
    held = MandateFactory(representative=person, valid_from=D(2015, 1, 1), valid_to=D(2020, 1, 31))
    TenancyFactory(person=held.represented, start_date=D(2012, 1, 1))  # still a tenant
    by_representative = ContactMomentFactory(
        person=held.represented,
        occurred_at=at(D(2020, 1, 15)),
        caller_kind="representative",
        mandate=held,
    )
    employee = UserFactory()
    assign_perm("contacts.view_person", employee, person)
    assert PersonUserObjectPermission.objects.filter(content_object=person).exists()
    other = PersonFactory()

    run(D(2022, 1, 31))
    assert Person.objects.filter(pk=person.pk).exists()  # counted from the last contact
    run(D(2022, 2, 1))

    assert not Person.objects.filter(pk=person.pk).exists()
    assert not PhoneNumber.objects.filter(pk=phone.pk).exists()
    assert not EmailAddress.objects.filter(pk=email.pk).exists()
    assert not Tenancy.objects.filter(pk=tenancy.pk).exists()
    assert not Mandate.objects.filter(pk__in=[given.pk, held.pk]).exists()
    assert not PersonUserObjectPermission.objects.filter(content_object_id=person.pk).exists()
    contact.refresh_from_db()
    assert contact.person is None and contact.summary == "[geanonimiseerd]"
    by_representative.refresh_from_db()  # the other person's contact stays, without mandate
    assert by_representative.person_id == held.represented_id
    assert (by_representative.mandate, by_representative.caller_kind) == (None, "other")
    assert Person.objects.filter(pk=other.pk).exists()
    assert not RetentionSchedule.objects.filter(person_id=person.pk, state="pending").exists()


def test_a_statutory_period_keeps_the_person_until_it_ends():
    RetentionRuleFactory(code="personen", target="person", trigger="last_contact", action="delete")
    statutory_tenancy_rule()
    tenancy = TenancyFactory(start_date=D(2010, 1, 1), end_date=D(2020, 6, 30))
    person = tenancy.person
    Person.objects.filter(pk=person.pk).update(created_at=at(D(2009, 12, 1)))

    output = run(D(2023, 1, 1))
    assert Person.objects.filter(pk=person.pk).exists()
    assert (
        "personen: 0 deleted, 0 anonymised, 0 sent to review, 0 skipped for a legal hold, 1 kept"
        in output
    )

    output = run(D(2027, 6, 30))  # tenancy first, then the person, in the same run
    assert not Tenancy.objects.filter(pk=tenancy.pk).exists()
    assert not Person.objects.filter(pk=person.pk).exists()
    assert "huur-fiscaal: 1 deleted" in output and "personen: 1 deleted" in output


# --- Legal holds ----------------------------------------------------------------------------------


def test_a_hold_on_a_person_keeps_all_their_records_until_released():
    contact_rule()
    held_contacts = old_contacts(2)
    person = held_contacts[0].person
    free = old_contacts(1)[0]
    hold = LegalHoldFactory(person=person)

    output = run(D(2023, 1, 1))
    assert ContactMoment.objects.filter(person=person).count() == 2
    assert "1 anonymised" in output and "2 skipped for a legal hold" in output
    free.refresh_from_db()
    assert free.person_id is None

    services.release_hold(hold, user=UserFactory())
    run(D(2023, 1, 1))
    assert not ContactMoment.objects.filter(person=person).exists()


def test_a_hold_ends_by_itself_after_its_end_date():
    contact_rule()
    contact = old_contacts(1)[0]
    LegalHoldFactory(person=contact.person, ends_on=D(2023, 6, 30))
    run(D(2023, 6, 30))
    assert ContactMoment.objects.filter(person=contact.person).exists()
    run(D(2023, 7, 1))
    assert not ContactMoment.objects.filter(pk=contact.pk, person__isnull=False).exists()


def test_a_hold_on_one_record_keeps_that_record_and_the_person():
    contact_rule()
    RetentionRuleFactory(code="personen", target="person", trigger="last_contact", action="delete")
    held, free = old_contacts(2)
    person = held.person
    services.place_hold(
        record=held,
        owner=UserFactory(),
        reason_kind=LegalHold.Reason.DATA_SUBJECT_REQUEST,
        reason="Inzageverzoek AVG-2026-031 loopt.",
        ends_on=D(2099, 1, 1),
        starts_on=D(2000, 1, 1),
    )
    assert LegalHold.objects.get().person_id == person.pk  # the record names its person

    run(D(2023, 1, 1))
    held.refresh_from_db()
    free.refresh_from_db()
    assert held.person_id == person.pk and held.summary.startswith("Vraag")
    assert free.person_id is None
    assert Person.objects.filter(pk=person.pk).exists()  # deleting it would take the record


# --- Reviews --------------------------------------------------------------------------------------


@pytest.fixture
def mandate_rule():
    return mandate_review_rule()


def test_review_keep_until_a_date_and_review_again_then(mandate_rule):
    owner = UserFactory()
    mandate_rule.review_owner = owner
    mandate_rule.save()
    mandate = MandateFactory(valid_to=D(2024, 1, 31))
    today = D(2025, 2, 1)
    output = run(today)
    assert "machtigingen: 0 deleted, 0 anonymised, 1 sent to review" in output
    review = RetentionReview.objects.get()
    assert review.owner == owner and review.round == 1

    services.decide_review(
        review,
        user=owner,
        decision="keep",
        keep_until=D(2026, 2, 1),
        reason="Bewindvoering loopt nog bij de rechtbank; bewijs van bevoegdheid nodig.",
        today=today,
    )
    review.refresh_from_db()
    assert (review.status, review.decision, review.decided_by) == ("decided", "keep", owner)
    assert LogEntry.objects.get_for_object(review).filter(action=LogEntry.Action.UPDATE).exists()

    run(D(2026, 1, 31))
    assert RetentionReview.objects.count() == 1
    run(D(2026, 2, 1))
    again = RetentionReview.objects.get(status="open")
    assert again.round == 2 and again.object_id == mandate.pk

    services.decide_review(again, user=owner, decision="delete", today=D(2026, 2, 1))
    assert not Mandate.objects.filter(pk=mandate.pk).exists()
    again.refresh_from_db()
    assert again.decision == "delete" and again.status == "decided"


def test_review_decisions_are_explicit_and_checked(mandate_rule):
    mandate = MandateFactory(valid_to=D(2024, 1, 31))
    run(D(2025, 2, 1))
    review = RetentionReview.objects.get()
    officer = UserFactory(roles=[roles.PRIVACY_OFFICER])
    employee = UserFactory(roles=[roles.EMPLOYEE])
    today = D(2025, 2, 1)

    with pytest.raises(ValidationError, match="reason"):
        services.decide_review(
            review, user=officer, decision="keep", keep_until=D(2026, 1, 1), today=today
        )
    with pytest.raises(ValidationError) as too_long:
        services.decide_review(
            review,
            user=officer,
            decision="keep",
            keep_until=D(2031, 1, 1),
            reason="Nodig.",
            today=today,
        )
    assert "keep_until" in too_long.value.message_dict
    with pytest.raises(ValidationError):
        services.decide_review(review, user=employee, decision="delete", today=today)
    LegalHoldFactory(person=mandate.represented)
    with pytest.raises(ValidationError) as held:
        services.decide_review(review, user=officer, decision="delete", today=today)
    assert "decision" in held.value.message_dict
    assert Mandate.objects.filter(pk=mandate.pk).exists()
    LegalHold.objects.update(released_at=timezone.now())

    services.decide_review(review, user=officer, decision="delete", today=today)
    with pytest.raises(ValidationError):
        services.decide_review(review, user=officer, decision="keep", today=today)


# --- Idempotency, a killed run, errors, the lock ------------------------------------------------


def test_two_runs_do_what_one_run_does():
    contact_rule()
    RetentionRuleFactory(
        code="telefoon", target="phone_number", trigger="tenancy_end", action="delete"
    )
    old_contacts(3)
    person = TenancyFactory(start_date=D(2010, 1, 1), end_date=D(2019, 1, 1)).person
    PhoneNumberFactory(person=person)

    run(D(2023, 1, 1))
    after_one = snapshot()
    output = run(D(2023, 1, 1))
    after_two = snapshot()
    second = RetentionRun.objects.order_by("-pk").values_list("pk", flat=True).first()

    for label in (
        "retention.RetentionRun",
        "retention.RetentionRunRule",
        "retention.RetentionLock",
    ):
        after_one.pop(label), after_two.pop(label)
    assert after_two == after_one
    assert f"Retention run #{second}" in output
    assert "0 deleted, 0 anonymised" in output and " 1 " not in output.split("\n", 1)[1]


class WorkerKilled(BaseException):
    """What a SIGKILL looks like from inside: nothing after it runs."""


def test_a_run_killed_halfway_is_finished_by_the_next_without_doing_anything_twice(
    monkeypatch,
):
    contact_rule()
    contacts = old_contacts(25)
    person = contacts[0].person
    real_anonymise = actions.anonymise
    calls = {"n": 0}

    def dies_in_the_third_batch(target, ids, ctx):
        calls["n"] += 1
        if calls["n"] == 3:
            real_anonymise(target, ids, ctx)  # the work is done, then the worker dies
            raise WorkerKilled
        return real_anonymise(target, ids, ctx)

    monkeypatch.setattr(actions, "anonymise", dies_in_the_third_batch)
    with pytest.raises(WorkerKilled):
        engine.run_now(as_of=D(2023, 1, 1), batch_size=10)

    killed = RetentionRun.objects.get()
    assert killed.status == "running"
    assert killed.rule_reports.get().anonymised == 20  # two batches committed, the third not
    assert ContactMoment.objects.filter(person=person).count() == 5
    first_redactions = dict(
        LogEntry.objects.filter(redacted_at__isnull=False).values_list("pk", "redacted_at")
    )

    # The worker is gone; its lease runs out.
    from retention import locks

    locks.force_release()
    monkeypatch.setattr(actions, "anonymise", real_anonymise)
    again = engine.run_now(as_of=D(2023, 1, 1), batch_size=10)

    killed.refresh_from_db()
    assert killed.status == "interrupted"
    assert again.status == "succeeded"
    assert again.rule_reports.get().anonymised == 5
    assert not ContactMoment.objects.filter(person=person).exists()
    for pk, redacted_at in first_redactions.items():  # not redacted a second time
        assert LogEntry.objects.get(pk=pk).redacted_at == redacted_at
    assert RetentionSchedule.objects.filter(state="done").count() == 25


def test_a_redelivered_task_continues_the_same_run(monkeypatch):
    contact_rule()
    old_contacts(12)
    run_ = engine.start_run(as_of=D(2023, 1, 1))
    assert not engine.continue_run(run_, budget_seconds=0, batch_size=5)
    assert engine.continue_run(run_, batch_size=5)
    run_.refresh_from_db()
    assert run_.status == "succeeded" and run_.tasks == 2
    assert run_.rule_reports.get().anonymised == 12


def test_one_failing_record_costs_one_error_not_the_run(monkeypatch):
    contact_rule()
    contacts = old_contacts(4)
    bad = contacts[2].pk
    real = actions.anonymise

    def fails_for_one(target, ids, ctx):
        if bad in ids:
            raise RuntimeError("boom")
        return real(target, ids, ctx)

    monkeypatch.setattr(actions, "anonymise", fails_for_one)
    result = engine.run_now(as_of=D(2023, 1, 1))
    report = result.rule_reports.get()
    assert (report.anonymised, report.errors, result.status) == (3, 1, "succeeded")
    assert (
        ContactMoment.objects.filter(person__isnull=False).values_list("pk", flat=True).get() == bad
    )


def test_two_runs_never_overlap():
    contact_rule()
    first = engine.start_run(as_of=D(2023, 1, 1))
    with pytest.raises(engine.RunLocked):
        engine.start_run(as_of=D(2023, 1, 1))
    with pytest.raises(CommandError, match="holds the lock"):
        run(D(2023, 1, 1))
    assert engine.continue_run(first)
    engine.run_now(as_of=D(2023, 1, 1))  # released when done


# --- Audit trail ----------------------------------------------------------------------------------


def test_audit_entries_of_handled_records_are_redacted_in_the_same_run():
    contact_rule()
    contact = old_contacts(1)[0]
    contact.summary = "Vraag over de huur van mevrouw Jansen."
    contact.save()
    kept = ContactMomentFactory(occurred_at=at(D(2022, 12, 1)))
    entries = LogEntry.objects.get_for_object(contact)
    assert entries.count() == 2
    before = list(entries.values_list("pk", "action", "timestamp", "actor_id"))

    run(D(2023, 1, 1))

    after = LogEntry.objects.get_for_object(contact)
    assert list(after.values_list("pk", "action", "timestamp", "actor_id")) == before
    for entry in after:
        assert entry.changes is None and entry.changes_text == ""
        assert entry.object_repr == REDACTED and entry.redacted_at is not None
        assert "contacten" in entry.redaction_reason
    assert "Jansen" not in str(list(LogEntry.objects.values_list("changes", flat=True)))
    untouched = LogEntry.objects.get_for_object(kept).get()
    assert untouched.redacted_at is None and untouched.changes


def test_deleting_a_person_redacts_every_audit_entry_about_them():
    RetentionRuleFactory(code="personen", target="person", trigger="created", action="delete")
    person = PersonFactory(surname="Ouderkerk")
    PhoneNumberFactory(person=person)
    Person.objects.filter(pk=person.pk).update(created_at=at(D(2015, 1, 1)))
    assert LogEntry.objects.filter(subject_person_id=person.pk).count() == 2

    run(D(2020, 1, 1))

    entries = LogEntry.objects.filter(subject_person_id=person.pk)
    assert entries.count() == 2 and not entries.filter(redacted_at__isnull=True).exists()
    assert "Ouderkerk" not in str(list(entries.values_list("changes", "object_repr")))


# --- Dry run --------------------------------------------------------------------------------------


def test_a_dry_run_changes_nothing_and_says_what_would_happen():
    contact_rule()
    RetentionRuleFactory(
        code="telefoon", target="phone_number", trigger="tenancy_end", action="delete"
    )
    contacts = old_contacts(3)
    LegalHoldFactory(person=old_contacts(1)[0].person)
    phone = PhoneNumberFactory(
        person=TenancyFactory(start_date=D(2010, 1, 1), end_date=D(2019, 1, 1)).person
    )
    RetentionSchedule.objects.filter(object_id=phone.pk).delete()  # not yet scheduled
    before = snapshot()

    output = run(D(2023, 1, 1), "--dry-run")

    assert snapshot() == before
    assert "Dry run at 2023-01-01: nothing is changed." in output
    assert "contacten: would anonymise 3, skip 1 for a legal hold" in output
    assert "telefoon: would delete 1" in output
    sample = output.split("contacten:", 1)[1].split("\n")[1]
    assert all(str(contact.pk) in sample for contact in contacts)


def test_the_command_refuses_bad_input():
    contact_rule()
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("retention_run", "--as-of", "1-1-2023")
    with pytest.raises(CommandError, match="No retention rule"):
        call_command("retention_run", "--rule", "bestaat-niet")


def test_one_rule_on_the_command_line():
    contact_rule()
    RetentionRuleFactory(
        code="telefoon", target="phone_number", trigger="tenancy_end", action="delete"
    )
    contact = old_contacts(1)[0]
    phone = PhoneNumberFactory(
        person=TenancyFactory(start_date=D(2010, 1, 1), end_date=D(2019, 1, 1)).person
    )
    output = run(D(2023, 1, 1), "--rule", "telefoon")
    assert "telefoon: 1 deleted" in output and "contacten" not in output
    assert not PhoneNumber.objects.filter(pk=phone.pk).exists()
    contact.refresh_from_db()
    assert contact.person_id is not None
    assert RetentionRun.objects.get().rule_filter == "telefoon"


def test_run_reports_hold_counts_only():
    contact_rule()
    old_contacts(2)
    result = engine.run_now(as_of=D(2023, 1, 1))
    report = result.rule_reports.get()
    assert (report.anonymised, report.deleted, report.errors) == (2, 0, 0)
    text_fields = [
        f.name
        for model in (RetentionRun, type(report))
        for f in model._meta.fields
        if f.get_internal_type() in ("CharField", "TextField")
    ]
    assert set(text_fields) <= {"kind", "status", "rule_filter", "event_code", "error", "phase"}


def test_anonymous_contacts_have_their_own_rule_and_are_not_handled_twice():
    contact_rule()
    RetentionRuleFactory(
        code="anoniem",
        target="anonymous_contact_moment",
        trigger="created",
        period_amount=1,
        action="anonymise",
    )
    anonymous = ContactMomentFactory(
        person=None, caller_kind="other", occurred_at=at(D(2021, 6, 1))
    )
    contact = old_contacts(1)[0]
    first = engine.run_now(as_of=D(2023, 1, 1))
    reports = {r.rule.code: r.anonymised for r in first.rule_reports.all()}
    assert reports == {"contacten": 1, "anoniem": 1}
    anonymous.refresh_from_db()
    assert anonymous.summary == "[geanonimiseerd]"
    RetentionRule.objects.filter(code="anoniem").update(needs_recompute=True, scheduled_up_to=0)
    second = engine.run_now(as_of=D(2023, 1, 1))  # the anonymised contact has no person now
    assert sum(r.anonymised for r in second.rule_reports.all()) == 0
    assert Task.objects.count() == 0 and contact.pk
