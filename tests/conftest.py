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
def fast_password_hashing(settings):
    """Tests create many users; the real hasher is deliberately slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
