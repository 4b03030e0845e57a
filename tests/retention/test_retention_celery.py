"""The nightly retention job: beat entry, follow-up tasks, a real worker against Redis, and the
/healthz check on the age of the last successful run."""

import datetime
import time

import pytest
from django.conf import settings
from django.utils import timezone

from contacts.models import ContactMoment
from klantcontact.celery import app
from retention import engine, locks
from retention.models import (
    RetentionReview,
    RetentionRule,
    RetentionRun,
    RetentionRunRule,
    RetentionSchedule,
)
from retention.selectors import retention_health
from retention.tasks import continue_retention_run, nightly_retention_run
from tests.factories import ContactMomentFactory, PersonFactory, RetentionRuleFactory


@pytest.fixture(autouse=True)
def fresh_run_lock(db):
    """The lock may live in Redis, outside the test's transaction."""
    from retention import locks

    locks.force_release()
    yield
    locks.force_release()


def clear_rules():
    RetentionRunRule.objects.all().delete()
    RetentionReview.objects.all().delete()
    RetentionSchedule.objects.all().delete()
    RetentionRule.objects.all().delete()


def due_contacts(n):
    """Contacts that are past a two-year rule today, whatever today is."""
    person = PersonFactory()
    occurred = timezone.now() - datetime.timedelta(days=3 * 365)
    RetentionRuleFactory(
        code="contacten",
        target="contact_moment",
        trigger="date_field",
        trigger_field="occurred_at",
        action="anonymise",
    )
    for _ in range(n):
        ContactMomentFactory(person=person, occurred_at=occurred)
    return person


def test_the_nightly_job_is_in_the_beat_schedule_once_a_night_in_utc():
    entry = app.conf.beat_schedule["retention-nightly-run"]
    assert entry["task"] == nightly_retention_run.name
    assert {nightly_retention_run.name, continue_retention_run.name} <= set(app.tasks)
    assert app.conf.timezone == "UTC" and app.conf.enable_utc
    assert entry["schedule"].hour == {2} and entry["schedule"].minute == {15}
    # Follow-up tasks keep every task far inside the broker's visibility timeout.
    visibility_timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert visibility_timeout > 5 * engine.TASK_BUDGET_SECONDS


@pytest.mark.django_db
def test_the_nightly_task_continues_in_follow_up_tasks(monkeypatch):
    clear_rules()
    monkeypatch.setattr("retention.engine.runs.TASK_BUDGET_SECONDS", 0)
    monkeypatch.setattr("retention.engine.runs.BATCH_SIZE", 5)
    person = due_contacts(12)

    result = nightly_retention_run.delay().get()

    run = RetentionRun.objects.get()
    assert result == {"run": run.pk, "status": "succeeded", "finished": True}
    assert run.kind == "nightly" and run.tasks >= 3
    assert run.rule_reports.get().anonymised == 12
    assert not ContactMoment.objects.filter(person=person).exists()


@pytest.mark.services
def test_the_nightly_task_through_a_real_worker_against_redis(redis_worker, monkeypatch):
    clear_rules()
    monkeypatch.setattr("retention.engine.runs.TASK_BUDGET_SECONDS", 0)
    monkeypatch.setattr("retention.engine.runs.BATCH_SIZE", 5)
    person = due_contacts(12)
    lease = locks.run_lease()
    assert isinstance(lease, locks.RedisLease)

    # While another run holds the lock, the nightly task does nothing.
    assert lease.acquire("someone-else")
    assert nightly_retention_run.delay().get(timeout=30) == {"status": "locked"}
    lease.release("someone-else")

    first = nightly_retention_run.delay().get(timeout=60)
    assert first["finished"] is False  # it handed over to a follow-up task
    run = RetentionRun.objects.get(pk=first["run"])
    for _ in range(600):  # the follow-up tasks run on the worker
        run.refresh_from_db()
        if run.status != "running":
            break
        time.sleep(0.1)
    assert run.status == "succeeded"
    assert run.tasks >= 3
    assert run.rule_reports.get().anonymised == 12
    assert not ContactMoment.objects.filter(person=person).exists()
    assert lease.holder() is None  # released
    assert redis_worker.conf.broker_url.startswith("redis://")


# --- /healthz -------------------------------------------------------------------------------------


def finished_run(hours_ago, **kwargs):
    moment = timezone.now() - datetime.timedelta(hours=hours_ago)
    values = {"kind": "nightly", "status": "succeeded", "as_of": moment.date()}
    return RetentionRun.objects.create(
        **{**values, **kwargs}, started_at=moment, finished_at=moment
    )


@pytest.mark.django_db
def test_health_without_rules_is_not_configured():
    clear_rules()
    assert retention_health() == {"status": "not_configured"}


@pytest.mark.django_db
def test_health_before_the_first_run_waits_26_hours_from_the_first_rule():
    clear_rules()
    rule = RetentionRuleFactory()
    assert retention_health() == {"status": "pending"}
    RetentionRule.objects.filter(pk=rule.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=27)
    )
    assert retention_health() == {"status": "error"}


@pytest.mark.django_db
def test_health_reports_the_age_of_the_last_successful_run():
    finished_run(30)
    finished_run(3)
    finished_run(1, status="failed")
    finished_run(1, rule_filter="contacten")  # a run of one rule is not the nightly run
    finished_run(1, kind="event")
    assert retention_health() == {"status": "ok", "last_success_age_hours": 3.0}


@pytest.mark.django_db
def test_healthz_turns_unhealthy_past_26_hours(client, settings):
    settings.BROKER_CONFIGURED = False
    finished_run(25.9)
    assert client.get("/healthz").status_code == 200
    RetentionRun.objects.update(finished_at=timezone.now() - datetime.timedelta(hours=26.5))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["retention"] == {
        "status": "error",
        "last_success_age_hours": 26.5,
    }
