"""Data-breach register: the 72-hour deadline (also across daylight-saving changes), the
countdown, and the Celery reminders while a decision is pending."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.utils import timezone, translation

from accounts import roles
from klantcontact.celery import app
from processingregister import services, tasks
from processingregister.models import DataBreach, Decision
from tests.factories import DataBreachFactory

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


def local(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=AMSTERDAM)


@pytest.mark.parametrize(
    ("aware", "deadline_local"),
    [
        # Spring: the clocks go forward on Sunday 29 March 2026 (02:00 -> 03:00).
        (local(2026, 3, 27, 12, 0), local(2026, 3, 30, 13, 0)),
        # Autumn: the clocks go back on Sunday 25 October 2026 (03:00 -> 02:00).
        (local(2026, 10, 23, 12, 0), local(2026, 10, 26, 11, 0)),
        # No change in between: the same wall-clock time three days later.
        (local(2026, 6, 10, 9, 30), local(2026, 6, 13, 9, 30)),
    ],
    ids=["spring-forward", "autumn-back", "summer"],
)
def test_the_deadline_is_72_real_hours_also_across_a_clock_change(aware, deadline_local):
    breach = DataBreach(aware_at=aware)
    deadline = breach.deadline
    assert deadline - aware == datetime.timedelta(hours=72)
    assert (deadline.timestamp() - aware.timestamp()) == 72 * 3600
    assert deadline.astimezone(AMSTERDAM).replace(tzinfo=None) == deadline_local.replace(
        tzinfo=None
    )
    # A naive "three days later in local time" would be an hour off across the change.
    naive = (aware.replace(tzinfo=None) + datetime.timedelta(days=3)).replace(tzinfo=AMSTERDAM)
    if aware.month in (3, 10):
        assert naive != deadline


def test_the_countdown_across_the_spring_change_counts_real_hours():
    breach = DataBreach(aware_at=local(2026, 3, 28, 20, 0))  # the evening before the change
    now = local(2026, 3, 29, 20, 0)  # the next evening: 23 real hours later
    state = services.breach_state(breach, now)
    assert state.remaining == datetime.timedelta(hours=49)
    # 72 real hours after 20:00 winter time is 21:00 summer time.
    assert state.deadline.astimezone(AMSTERDAM).hour == 21
    with translation.override("nl"):
        assert services.format_remaining(state.remaining) == "nog 49 uur"
        just_late = services.breach_state(breach, local(2026, 3, 31, 21, 1))
        assert just_late.overdue
        assert services.format_remaining(just_late.remaining) == "1 minuut over de termijn"
        later = services.breach_state(breach, local(2026, 3, 31, 22, 2))
        assert services.format_remaining(later.remaining) == "1 uur 2 minuten over de termijn"


@pytest.mark.django_db
def test_a_breach_is_overdue_while_the_authority_part_is_open():
    aware = timezone.now() - datetime.timedelta(hours=80)
    breach = DataBreachFactory(aware_at=aware)
    state = services.breach_state(breach)
    assert state.overdue and state.authority_pending
    assert state.pending == [
        "besluiten over melden bij de AP",
        "besluiten over het informeren van betrokkenen",
    ]

    breach.authority_decision = Decision.NOTIFY
    assert services.breach_state(breach).overdue  # decided, but not notified yet
    breach.authority_notified_at = aware + datetime.timedelta(hours=75)
    state = services.breach_state(breach)
    assert not state.overdue and not state.authority_pending
    assert state.notified_late


@pytest.fixture
def officers(make_user):
    first = make_user("fg1", roles=[roles.PRIVACY_OFFICER])
    second = make_user("fg2", roles=[roles.PRIVACY_OFFICER])
    for user in (first, second):
        user.email = f"{user.username}@woonstichting.example"
        user.save()
    make_user("mw", roles=[roles.EMPLOYEE])  # not a privacy officer: gets nothing
    return first, second


@pytest.mark.django_db
def test_pending_decisions_are_reminded_through_celery_and_not_twice(officers):
    app.conf.task_always_eager = True
    now = timezone.now()
    # 42 hours and 30 seconds left, so the text is "42 hours" when the task runs.
    pending = DataBreachFactory(
        aware_at=now - datetime.timedelta(hours=30) + datetime.timedelta(seconds=30)
    )
    overdue = DataBreachFactory(aware_at=now - datetime.timedelta(hours=75))
    DataBreachFactory(  # decided, notified, closed: nothing to remind
        aware_at=now - datetime.timedelta(hours=30),
        authority_decision=Decision.NOTIFY,
        authority_notified_at=now - datetime.timedelta(hours=2),
        subjects_decision=Decision.DO_NOT_NOTIFY,
        subjects_decision_reason="Geen hoog risico.",
        closed_at=now,
    )

    assert tasks.remind_breach_decisions.delay().get() == 2
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == [
        f"Herinnering: datalek {pending.reference} wacht op een besluit",
        f"TE LAAT: datalek {overdue.reference}, de 72 uur zijn verstreken",
    ]
    assert set(mail.outbox[0].to) == {"fg1@woonstichting.example", "fg2@woonstichting.example"}
    body = next(m.body for m in mail.outbox if pending.reference in m.subject)
    assert "besluiten over melden bij de AP" in body
    assert "nog 42 uur)" in body
    assert f"/register/datalekken/{pending.pk}/" in body

    # The next run half an hour later sends nothing; once the interval has passed it does.
    mail.outbox.clear()
    assert services.send_breach_reminders(now + datetime.timedelta(minutes=30)) == 0
    assert services.send_breach_reminders(now + datetime.timedelta(hours=4, minutes=1)) == 1
    assert overdue.reference in mail.outbox[0].subject  # the urgent one, every 4 hours


@pytest.mark.django_db
def test_a_new_breach_is_announced_to_the_officers(officers, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        breach = services.register_breach(DataBreachFactory.build(reference=""), officers[0])
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == f"Nieuw datalek {breach.reference}: besluit binnen 72 uur"
    assert breach.title in mail.outbox[0].body


def test_beat_runs_the_reminders_in_utc():
    schedule = app.conf.beat_schedule
    expected = {
        "processingregister-breach-decisions": tasks.remind_breach_decisions,
        "processingregister-expiring-agreements": tasks.remind_expiring_agreements,
        "processingregister-reviews-due": tasks.remind_reviews_due,
    }
    for key, task in expected.items():
        assert schedule[key]["task"] == task.name
        assert task.name in app.tasks
    assert app.conf.timezone == "UTC"
    # The breach reminder runs at least twice an hour: the 72 hours leave no room for a day.
    assert len(schedule["processingregister-breach-decisions"]["schedule"].minute) >= 2
