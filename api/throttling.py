"""Throttling per client: at most ``ApiClient.rate_per_minute`` calls in a sliding minute,
counted in the default cache (``CACHE_URL``), so that all web processes share the count.

With Redis (production) the count is one sorted set per client, changed in a single Lua step:
drop the calls older than a minute, then either log this call or refuse it; two processes can
never both take the last free call. With the local-memory cache (one process: ``make run``, the
tests) a lock in the process does the same. Redis unreachable: the call is let through uncounted
and a warning logged, so an outage of the cache does not take the API down with it.
System check ``klantcontact.W001`` warns when production counts per process.
"""

import logging
import math
import secrets
import threading
import time

from django.conf import settings
from django.core import checks
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError
from rest_framework.throttling import BaseThrottle

from .permissions import client_of

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 60

# KEYS[1]: the client's log of calls; ARGV: window (ms), limit, a unique member for this call.
# Returns -1 when the call is logged, else the milliseconds until the oldest call leaves the
# window. Redis's own clock, so web servers whose clocks differ still count alike.
_HIT = """
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
    redis.call('ZADD', KEYS[1], now, ARGV[3])
    redis.call('PEXPIRE', KEYS[1], window)
    return -1
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return tonumber(oldest[2]) + window - now
"""

_IN_PROCESS = threading.Lock()


def _seconds(wait: float) -> int:
    """Retry-After in whole seconds, at least one."""
    return max(1, math.ceil(wait))


def _hit_redis(cache: RedisCache, key: str, limit: int) -> int | None:
    full_key = cache.make_and_validate_key(key)
    # The cache's own connection pool (Django has no public accessor for the Redis client).
    client = cache._cache.get_client(full_key, write=True)
    try:
        wait_ms = client.eval(_HIT, 1, full_key, WINDOW_SECONDS * 1000, limit, secrets.token_hex(8))
    except RedisError as exc:
        logger.warning("API throttle: cache unreachable (%s), call let through", type(exc).__name__)
        return None
    return None if wait_ms < 0 else _seconds(wait_ms / 1000)


def _hit_in_process(cache, key: str, limit: int) -> int | None:
    with _IN_PROCESS:
        now = time.time()
        calls = [moment for moment in cache.get(key, []) if moment > now - WINDOW_SECONDS]
        if len(calls) < limit:
            cache.set(key, [*calls, now], WINDOW_SECONDS)
            return None
        return _seconds(calls[0] + WINDOW_SECONDS - now)


def hit(key: str, limit: int) -> int | None:
    """Count one call under ``key`` if fewer than ``limit`` were counted in the last minute:
    None when counted, else the seconds until the next call can be (Retry-After)."""
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        return _hit_redis(cache, key, limit)
    return _hit_in_process(cache, key, limit)


class ClientRateThrottle(BaseThrottle):
    def __init__(self):
        self.retry_after = None

    def allow_request(self, request, view):
        client = client_of(request)
        if client is None or not client.rate_per_minute:
            return True
        self.retry_after = hit(f"api-throttle:{client.pk}", client.rate_per_minute)
        return self.retry_after is None

    def wait(self):
        return self.retry_after


@checks.register(checks.Tags.caches)
def check_shared_count(app_configs, **kwargs):
    if settings.PRODUCTION and not isinstance(caches["default"], RedisCache):
        return [
            checks.Warning(
                "The API rate limits count per process: CACHE_URL is not a Redis URL.",
                hint=(
                    "Set CACHE_URL=redis://<host>:6379/2 (a database of its own, not the "
                    "broker's), or every web process lets a client make its full rate."
                ),
                id="klantcontact.W001",
            )
        ]
    return []
