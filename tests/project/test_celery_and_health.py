"""Celery: eager by default, and a real worker against Redis when the broker is configured."""

import datetime

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.tasks import clear_expired_sessions
from klantcontact import health
from klantcontact.celery import app
from tests.conftest import skip_or_fail


def make_sessions():
    fresh = SessionStore()
    fresh["k"] = "v"
    fresh.create()
    stale = SessionStore()
    stale["k"] = "v"
    stale.create()
    Session.objects.filter(session_key=stale.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(days=1)
    )
    return fresh.session_key, stale.session_key


def test_beat_schedule_is_static_and_utc():
    assert app.conf.timezone == "UTC" and app.conf.enable_utc
    schedule = app.conf.beat_schedule
    assert schedule["clear-expired-sessions"]["task"] == clear_expired_sessions.name
    assert clear_expired_sessions.name in app.tasks


@pytest.mark.django_db
def test_task_runs_eagerly_without_a_broker(settings):
    fresh, stale = make_sessions()
    app.conf.task_always_eager = True
    result = clear_expired_sessions.delay()
    assert result.get() == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [fresh]


@pytest.mark.services
def test_task_runs_through_a_real_worker_against_redis(redis_worker):
    fresh, stale = make_sessions()
    result = clear_expired_sessions.delay()
    assert result.get(timeout=30) == 1
    assert result.status == "SUCCESS"
    assert redis_worker.conf.broker_url.startswith("redis://")
    assert list(Session.objects.values_list("session_key", flat=True)) == [fresh]


@pytest.mark.services
def test_health_reports_a_reachable_broker(settings):
    if not settings.BROKER_CONFIGURED:
        skip_or_fail("CELERY_BROKER_URL is not set")
    assert health.check_broker() == {"status": "ok"}


def test_health_reports_an_unreachable_broker(settings):
    settings.BROKER_CONFIGURED = True
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    result = health.check_broker()
    assert result["status"] == "error"


@pytest.mark.django_db
def test_health_turns_503_when_a_check_fails(client, settings):
    settings.BROKER_CONFIGURED = True
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["broker"]["status"] == "error"
    assert body["checks"]["database"]["status"] == "ok"


@pytest.mark.django_db
def test_health_without_broker_says_eager(client, settings):
    settings.BROKER_CONFIGURED = False
    from retention.models import RetentionRun

    two_hours_ago = timezone.now() - datetime.timedelta(hours=2)
    RetentionRun.objects.create(
        kind="nightly", status="succeeded", as_of=timezone.localdate(), finished_at=two_hours_ago
    )
    body = client.get("/healthz").json()
    assert body == {
        "status": "ok",
        "checks": {
            "database": {"status": "ok"},
            "broker": {"status": "not_configured", "mode": "eager"},
            "retention": {"status": "ok", "last_success_age_hours": 2.0},
        },
    }
