import os

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from the
# same thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# In CI (.ci/run) the real services must be used: a test that would skip for lack of Redis,
# PostgreSQL or Chromium fails instead.
REQUIRE_SERVICES = os.environ.get("KLANTCONTACT_REQUIRE_SERVICES") == "1"


def skip_or_fail(reason: str):
    if REQUIRE_SERVICES:
        pytest.fail(f"KLANTCONTACT_REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def celery_eager():
    """Tasks run eagerly in tests (also when CI sets a broker); the real-worker tests switch
    this off inside their own fixture."""
    from klantcontact.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def fresh_name_tables():
    """Each test starts without the per-process names of reference codes, subjects, teams and
    employees (contacts.names): a rolled-back test's rows must not name the next test's."""
    from contacts import names

    names.clear_all()
    yield
    names.clear_all()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests create many users; the real hasher is deliberately slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def force_login_passes_the_second_factor(monkeypatch):
    """force_login stands for a completed login: password and, for the roles that need one,
    the second factor (a real confirmed TOTP device, verified in the session)."""
    from django.test import Client

    from accounts import otp

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        if otp.second_factor_required(user):
            device = otp.confirmed_totp_device(user) or otp.enrol_with_key(user, "00" * 20)
            otp.mark_session_verified(self.session, device)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def reference_codes(db):
    from referencedata.services import load_reference_codes

    load_reference_codes()


@pytest.fixture
def make_user(db):
    """Create an employee with roles and team memberships."""
    from accounts import services
    from accounts.models import User

    def _make(username, *, roles=(), teams=(), leads=(), superuser=False, password=None):
        user = User.objects.create_user(
            username=username,
            password=password or settings.DEMO_PASSWORD,
            first_name=username.title(),
            is_superuser=superuser,
            is_staff=superuser,
        )
        for role in roles:
            services.assign_role(user, role)
        for team in teams:
            services.add_team_member(team, user)
        for team in leads:
            services.add_team_member(team, user, leader=True)
        return user

    return _make


@pytest.fixture
def team_noord(db):
    from accounts.services import create_team

    return create_team(name="Team Noord", code="noord")


@pytest.fixture
def team_zuid(db):
    from accounts.services import create_team

    return create_team(name="Team Zuid", code="zuid")


@pytest.fixture
def redis_worker(transactional_db):
    """A real Celery worker (in a thread) against the configured Redis broker."""
    from django.db import connection

    from klantcontact.celery import app

    if not settings.BROKER_CONFIGURED:
        skip_or_fail("CELERY_BROKER_URL is not set: no real broker to test against")
    if connection.vendor == "sqlite":
        skip_or_fail("the worker thread needs a server database (DATABASE_URL), not SQLite")
    from celery.contrib.testing.worker import start_worker

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
            yield app
    finally:
        app.conf.task_always_eager = previous
