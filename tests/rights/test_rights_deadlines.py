"""Deadlines of data-subject requests: the counting rule, extensions, reminders, escalation."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from access.models import Notification
from accounts import roles
from rights import services
from rights.models import DataSubjectRequest, RequestEvent
from tests.factories import PersonFactory, data_subject_request


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (datetime.date(2026, 1, 15), datetime.date(2026, 2, 15)),  # same day next month
        (datetime.date(2026, 1, 31), datetime.date(2026, 2, 28)),  # month end, common year
        (datetime.date(2028, 1, 31), datetime.date(2028, 2, 29)),  # month end, leap year
        (datetime.date(2028, 1, 29), datetime.date(2028, 2, 29)),
        (datetime.date(2027, 1, 29), datetime.date(2027, 2, 28)),
        (datetime.date(2028, 2, 29), datetime.date(2028, 3, 29)),  # received on 29 February
        (datetime.date(2026, 3, 31), datetime.date(2026, 4, 30)),
        (datetime.date(2026, 8, 31), datetime.date(2026, 9, 30)),
        (datetime.date(2026, 12, 31), datetime.date(2027, 1, 31)),  # over the year end
        (datetime.date(2026, 2, 28), datetime.date(2026, 3, 28)),
    ],
)
def test_due_date_is_one_month_with_month_end_clamping(received, due):
    assert services.due_date_for(received) == due


@pytest.mark.parametrize(
    ("received", "latest"),
    [
        (datetime.date(2026, 1, 31), datetime.date(2026, 4, 30)),
        (datetime.date(2027, 11, 30), datetime.date(2028, 2, 29)),
        (datetime.date(2026, 5, 10), datetime.date(2026, 8, 10)),
    ],
)
def test_an_extension_reaches_at_most_three_months_from_receipt(received, latest):
    assert services.latest_extension_date(received) == latest


@pytest.fixture
def officer(make_user):
    return make_user("avg", roles=[roles.PRIVACY_OFFICER])


def _received(days_ago):
    return timezone.now() - datetime.timedelta(days=days_ago)


@pytest.mark.django_db
def test_registering_computes_the_due_date_from_the_day_of_receipt(reference_codes, officer):
    received = timezone.make_aware(datetime.datetime(2026, 1, 31, 16, 45))
    request = data_subject_request(officer, PersonFactory(), received_at=received)
    assert request.due_date == datetime.date(2026, 2, 28)
    assert request.reference.startswith("AVG-2026-")
    assert request.events.get().kind == RequestEvent.Kind.RECEIVED


@pytest.mark.django_db
def test_extension_within_the_first_month_with_reason_and_requester_told(reference_codes, officer):
    request = data_subject_request(officer, PersonFactory(), received_at=_received(10))
    until = services.latest_extension_date(services.received_on(request))
    services.extend(request, officer, until=until, reason="Veel stukken.", told_at=_received(1))
    request.refresh_from_db()
    assert request.deadline == until and request.extension_told_at is not None
    assert request.events.filter(kind=RequestEvent.Kind.EXTENDED).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"reason": "  "}, "reason"),
        ({"told_at": None}, "told_at"),
        ({"until_months": 4}, "until"),  # more than two extra months
        ({"until_days": -1}, "until"),  # before the current due date
    ],
)
def test_extension_without_reason_or_notice_or_beyond_two_months_is_refused(
    reference_codes, officer, overrides, field
):
    request = data_subject_request(officer, PersonFactory(), received_at=_received(5))
    from retention.periods import add_months

    received = services.received_on(request)
    until = add_months(received, 3)
    if "until_months" in overrides:
        until = add_months(received, 1 + overrides["until_months"])
    if "until_days" in overrides:
        until = request.due_date + datetime.timedelta(days=overrides["until_days"])
    with pytest.raises(ValidationError) as exc:
        services.extend(
            request,
            officer,
            until=until,
            reason=overrides.get("reason", "Complex verzoek."),
            told_at=overrides.get("told_at", _received(1)),
        )
    assert field in exc.value.message_dict
    request.refresh_from_db()
    assert request.extended_until is None


@pytest.mark.django_db
def test_extension_after_the_first_month_is_refused(reference_codes, officer):
    request = data_subject_request(officer, PersonFactory(), received_at=_received(40))
    with pytest.raises(ValidationError) as exc:
        services.extend(
            request,
            officer,
            until=services.latest_extension_date(services.received_on(request)),
            reason="Te laat gezien.",
            told_at=_received(35),
        )
    assert "__all__" in exc.value.message_dict
    request.refresh_from_db()
    assert request.extended_until is None and request.is_overdue()


@pytest.mark.django_db
def test_a_request_without_verified_identity_cannot_be_completed(reference_codes, officer):
    request = data_subject_request(officer, PersonFactory(), kind="objection")
    with pytest.raises(ValidationError) as exc:
        services.complete(
            request, officer, outcome="refused", reply="Nee.", refusal_reason="unfounded"
        )
    assert list(exc.value.message_dict) == ["__all__"]
    request.refresh_from_db()
    assert request.status == DataSubjectRequest.Status.RECEIVED


@pytest.mark.django_db
def test_a_refusal_needs_its_reason_and_a_written_reply(reference_codes, officer):
    request = data_subject_request(officer, PersonFactory(), kind="erasure", verified=True)
    with pytest.raises(ValidationError) as exc:
        services.complete(request, officer, outcome="refused", reply="", refusal_reason="")
    assert {"reply", "refusal_reason"} <= set(exc.value.message_dict)
    services.complete(
        request,
        officer,
        outcome="refused",
        reply="De huur loopt nog; de wet verplicht ons te bewaren.",
        refusal_reason="statutory_duty",
    )
    request.refresh_from_db()
    assert request.status == "completed" and request.refusal_reason == "statutory_duty"


@pytest.mark.django_db
def test_reminders_seven_and_three_days_before_the_deadline_once_each(
    reference_codes, officer, make_user
):
    handler = make_user("behandelaar", roles=[roles.PRIVACY_OFFICER])
    request = data_subject_request(officer, PersonFactory(), received_at=_received(5))
    services.assign(request, officer, handler)
    deadline = request.deadline
    assert services.send_deadline_reminders(today=deadline - datetime.timedelta(days=8)) == 0
    assert services.send_deadline_reminders(today=deadline - datetime.timedelta(days=7)) == 1
    assert services.send_deadline_reminders(today=deadline - datetime.timedelta(days=6)) == 0
    assert services.send_deadline_reminders(today=deadline - datetime.timedelta(days=3)) == 1
    assert services.send_deadline_reminders(today=deadline - datetime.timedelta(days=2)) == 0
    notes = Notification.objects.filter(recipient=handler)
    assert notes.count() == 2
    assert all(request.reference in n.text for n in notes)
    assert request.events.filter(kind=RequestEvent.Kind.REMINDER).count() == 2


@pytest.mark.django_db
def test_overdue_requests_escalate_to_every_privacy_officer_once(
    reference_codes, officer, make_user
):
    second = make_user("fg2", roles=[roles.PRIVACY_OFFICER])
    employee = make_user("mw", roles=[roles.EMPLOYEE])
    overdue = data_subject_request(officer, PersonFactory(), received_at=_received(40))
    on_time = data_subject_request(officer, PersonFactory(), received_at=_received(3))
    closed = data_subject_request(officer, PersonFactory(), received_at=_received(45))
    services.withdraw(closed, officer, note="Telefonisch ingetrokken.")
    assert services.escalate_overdue() == 1
    assert services.escalate_overdue() == 0
    for user in (officer, second):
        assert Notification.objects.filter(
            recipient=user, text__contains=overdue.reference
        ).exists()
    assert not Notification.objects.filter(recipient=employee).exists()
    assert not Notification.objects.filter(text__contains=on_time.reference).exists()
    overdue.refresh_from_db()
    assert overdue.escalated_at is not None


@pytest.mark.django_db
def test_the_daily_task_is_on_the_beat_schedule_and_runs(reference_codes, officer, settings):
    from rights.tasks import daily_request_deadlines

    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "rights.tasks.daily_request_deadlines" in names
    data_subject_request(officer, PersonFactory(), received_at=_received(40))
    result = daily_request_deadlines.delay().get()
    assert result["escalated"] == 1
