"""Lock-out after repeated failed logins, on django-axes with its database handler.

The rule (settings ``LOGIN_FAILURE_LIMIT``, ``LOGIN_FAILURE_WINDOW_MINUTES``,
``LOGIN_LOCKOUT_MINUTES``; defaults 5, 15 and 30):

- failed logins are counted per **username + IP address**, whether or not the username exists
  (so the lock-out page tells nothing about which usernames exist);
- a count is forgotten when ``LOGIN_FAILURE_WINDOW_MINUTES`` pass without a new failure;
- at ``LOGIN_FAILURE_LIMIT`` failures that pair is locked for ``LOGIN_LOCKOUT_MINUTES``; every
  further attempt during the lock-out (even with the right password) is refused and starts the
  lock-out period again;
- a successful login clears the count of its pair;
- every failure is also written to axes' failure log, which the privacy officer reads in the
  admin pages; a superuser lifts a lock-out there (or ``manage.py axes_reset_username NAME``).

The database handler keeps the state in the database, so it holds for every worker process
and works on SQLite (``make run``) and PostgreSQL alike. Tests run in transactions (or flush the
database), so they cannot lock each other out.
"""

import datetime
import logging

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone

logger = logging.getLogger(__name__)


def failure_window() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)


def lockout_period() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


class LockoutBackend(AxesStandaloneBackend):
    """Refuses every login of a locked-out username + IP address (first in the backend list).

    ``authenticate()`` calls without a request (management commands, the shell, tests of the
    demo data) come from no network address, so there is nothing to count or lock: this
    backend steps aside for them instead of raising as axes' own backend does. Every web login
    (the login page, the admin login) passes its request and is counted.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class LoginLockoutHandler(AxesDatabaseHandler):
    """axes' database handler with a separate counting window and lock-out period.

    axes itself forgets a count ``AXES_COOLOFF_TIME`` (here: the lock-out period) after the last
    failure. This handler forgets the failures of a pair that is not locked after the shorter
    window, and on locking moves all of the pair's rows (one per browser) to the time of
    locking, so the lock-out lasts the full period whichever browser made the failures.
    """

    def _now(self, request):
        return getattr(request, "axes_attempt_time", None) or timezone.now()

    @staticmethod
    def _total(attempts) -> int:
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0

    def clean_expired_user_attempts(self, request=None, credentials=None) -> int:
        count = super().clean_expired_user_attempts(request, credentials)
        if request is None or not credentials:
            return count
        now = self._now(request)
        limit = get_failure_limit(request, credentials)
        for attempts in self.filter_user_attempts(request, credentials):
            recent = attempts.filter(attempt_time__gt=now - lockout_period())
            if self._total(recent) >= limit:
                continue  # locked: keep every row until the lock-out period has passed
            deleted, _ = attempts.filter(attempt_time__lte=now - failure_window()).delete()
            count += deleted
        return count

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is not None and getattr(request, "axes_locked_out", False):
            for attempts in self.filter_user_attempts(request, credentials):
                attempts.update(attempt_time=request.axes_attempt_time)
            logger.warning(
                "Login locked out after %s failures (path %s)",
                request.axes_failures_since_start,
                request.axes_path_info,
            )


def client_ip_address(request) -> str | None:
    """The address failed logins are counted against (``AXES_CLIENT_IP_CALLABLE``).

    Behind one TLS-terminating proxy every request comes from the proxy's address; with
    ``TRUST_X_FORWARDED_FOR`` on, the last X-Forwarded-For entry (the one the proxy appended)
    is used instead. Earlier entries are set by the client and are never trusted.
    """
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
        if entries:
            return entries[-1]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """The Dutch lock-out page (``AXES_LOCKOUT_CALLABLE``), HTTP 429."""
    return render(
        request,
        "accounts/lockout.html",
        {
            "failure_limit": settings.LOGIN_FAILURE_LIMIT,
            "lockout_minutes": settings.LOGIN_LOCKOUT_MINUTES,
        },
        status=429,
    )
