"""The run lock: a lease that one run holds and renews while it works.

With a broker (Redis) the lease is a Redis key (``SET NX PX``, renewed and released only by its
holder); without one (SQLite, ``make run``) it is a row in ``RetentionLock`` taken with a single
conditional UPDATE. Either way no transaction stays open while the run works, a run that dies
loses the lease when it expires, and the follow-up tasks of the same run renew it with the run's
token.
"""

import datetime
from functools import cache

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import RetentionLock

LOCK_NAME = "retention-run"
LEASE_SECONDS = 15 * 60

_RENEW = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
"""
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class DatabaseLease:
    def __init__(self, name: str = LOCK_NAME):
        self.name = name

    def acquire(self, token: str, seconds: int = LEASE_SECONDS) -> bool:
        now = timezone.now()
        RetentionLock.objects.get_or_create(name=self.name)
        taken = (
            RetentionLock.objects.filter(name=self.name)
            .filter(Q(token="") | Q(token=token) | Q(expires_at__lt=now) | Q(expires_at=None))
            .update(token=token, expires_at=now + datetime.timedelta(seconds=seconds))
        )
        return taken == 1

    def renew(self, token: str, seconds: int = LEASE_SECONDS) -> bool:
        now = timezone.now()
        return (
            RetentionLock.objects.filter(name=self.name, token=token, expires_at__gte=now).update(
                expires_at=now + datetime.timedelta(seconds=seconds)
            )
            == 1
        )

    def release(self, token: str) -> None:
        RetentionLock.objects.filter(name=self.name, token=token).update(token="", expires_at=None)

    def force_release(self) -> None:
        RetentionLock.objects.filter(name=self.name).update(token="", expires_at=None)

    def holder(self) -> str | None:
        row = RetentionLock.objects.filter(name=self.name, expires_at__gte=timezone.now()).first()
        return row.token or None if row else None


class RedisLease:
    def __init__(self, url: str, name: str = LOCK_NAME):
        self.url = url
        self.key = f"klantcontact:{name}"

    @property
    def client(self):
        return _redis_client(self.url)

    def acquire(self, token: str, seconds: int = LEASE_SECONDS) -> bool:
        if self.client.set(self.key, token, nx=True, px=seconds * 1000):
            return True
        return self.renew(token, seconds)

    def renew(self, token: str, seconds: int = LEASE_SECONDS) -> bool:
        return bool(self.client.eval(_RENEW, 1, self.key, token, seconds * 1000))

    def release(self, token: str) -> None:
        self.client.eval(_RELEASE, 1, self.key, token)

    def force_release(self) -> None:
        self.client.delete(self.key)

    def holder(self) -> str | None:
        value = self.client.get(self.key)
        return value.decode() if value else None


@cache
def _redis_client(url: str):
    # redis only when the broker is Redis: without one, the lock is in the database
    import redis

    return redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)


def run_lease():
    """The lease for retention runs: Redis when a broker is configured, else the database."""
    url = settings.CELERY_BROKER_URL
    if settings.BROKER_CONFIGURED and url.startswith(("redis://", "rediss://", "unix://")):
        return RedisLease(url)
    return DatabaseLease()


def force_release() -> None:
    """Drop the lock whoever holds it: what expiry does after a crash (operators, tests)."""
    run_lease().force_release()
