"""The API throttle counts per client across processes: with the Redis cache (``CACHE_URL``) two
OS processes calling at the same time are together let through exactly the client's rate; with
the local-memory cache each process counts for itself (which is what production must avoid).

The Redis tests use the configured Redis (``CACHE_URL`` when it is Redis, else the server of
``CELERY_BROKER_URL``) under a client id of their own, delete only their own key and never
clear the database, so parallel test runs on the same Redis do not disturb each other.
"""

import json
import logging
import os
import secrets
import subprocess
import sys
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
import redis
from django.conf import settings
from django.core.cache import caches

from api import throttling
from api.models import ApiClient
from klantcontact.settings import cache_from_url
from tests.conftest import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]

# One process: ready, wait for "go" on stdin, then call the throttle as fast as it can.
CALLER = """
import json, sys
from types import SimpleNamespace
import django
django.setup()
from django.core.cache import caches
from api.models import ApiClient
from api.throttling import ClientRateThrottle
client_id, rate, calls = (int(arg) for arg in sys.argv[1:4])
request = SimpleNamespace(auth=ApiClient(pk=client_id, rate_per_minute=rate))
print("ready", flush=True)
sys.stdin.readline()
accepted = sum(bool(ClientRateThrottle().allow_request(request, None)) for _ in range(calls))
print(json.dumps({"accepted": accepted, "cache": type(caches["default"]).__name__}), flush=True)
"""


def redis_url() -> str:
    for url in (settings.CACHE_URL, settings.CELERY_BROKER_URL):
        if url.startswith(("redis://", "rediss://")):
            try:
                redis.Redis.from_url(url, socket_connect_timeout=2).ping()
            except redis.RedisError as exc:
                skip_or_fail(f"Redis at the configured URL does not answer ({type(exc).__name__})")
            return url
    skip_or_fail("neither CACHE_URL nor CELERY_BROKER_URL is a Redis URL: no Redis to count in")


def new_client_id() -> int:
    # Far above the ids of a test database, random: a key no other test run uses.
    return 10**12 + secrets.randbelow(10**12)


def run_callers(cache_url: str, client_id: int, rate: int, calls: int, processes: int = 2):
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "klantcontact.settings",
            "KLANTCONTACT_ENV": "development",
            "DATABASE_URL": "sqlite:///:memory:",
            "CACHE_URL": cache_url,
        }
    )
    command = [sys.executable, "-c", CALLER, str(client_id), str(rate), str(calls)]
    callers = [
        subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    try:
        for caller in callers:
            assert caller.stdout.readline().strip() == "ready", caller.stderr.read()
        for caller in callers:  # both start together
            caller.stdin.write("go\n")
            caller.stdin.flush()
        results = []
        for caller in callers:
            out, err = caller.communicate(timeout=120)
            assert caller.returncode == 0, err
            results.append(json.loads(out.strip().splitlines()[-1]))
        return results
    finally:
        for caller in callers:
            if caller.poll() is None:
                caller.kill()
                caller.wait()


@pytest.fixture
def redis_cache(settings):
    """The URL of the test Redis, made the default cache for this test only."""
    url = redis_url()
    settings.CACHES = {"default": cache_from_url(url)}
    return url


@pytest.mark.services
def test_two_processes_together_get_exactly_the_rate(redis_cache):
    client_id, rate = new_client_id(), 40
    try:
        results = run_callers(redis_cache, client_id, rate, calls=100)
        assert {result["cache"] for result in results} == {"RedisCache"}
        assert sum(result["accepted"] for result in results) == rate
        # A third process (this one) is over the limit too, with the wait until a call expires.
        request = SimpleNamespace(auth=ApiClient(pk=client_id, rate_per_minute=rate))
        throttle = throttling.ClientRateThrottle()
        assert throttle.allow_request(request, None) is False
        assert 1 <= throttle.wait() <= 60
    finally:
        caches["default"].delete(f"api-throttle:{client_id}")


def test_with_the_local_memory_cache_each_process_counts_for_itself():
    """The failure the Redis cache prevents, shown by the same processes."""
    results = run_callers("locmem://", new_client_id(), rate=15, calls=30)
    assert {result["cache"] for result in results} == {"LocMemCache"}
    assert [result["accepted"] for result in results] == [15, 15]


@pytest.mark.services
def test_redis_count_is_per_client_and_names_the_wait(redis_cache):
    first, second = new_client_id(), new_client_id()
    try:
        assert [throttling.hit(f"api-throttle:{first}", 3) for _ in range(3)] == [None] * 3
        assert 59 <= throttling.hit(f"api-throttle:{first}", 3) <= 60
        assert throttling.hit(f"api-throttle:{second}", 3) is None
        # The count is a key of the cache, under its prefix: clearing the cache forgets it.
        full_key = caches["default"].make_and_validate_key(f"api-throttle:{first}")
        assert full_key.startswith("klantcontact:")
        client = redis.Redis.from_url(redis_cache)
        assert client.zcard(full_key) == 3 and 0 < client.pttl(full_key) <= 60_000
    finally:
        caches["default"].delete_many([f"api-throttle:{first}", f"api-throttle:{second}"])


def test_unreachable_redis_lets_calls_through_with_a_warning(settings, caplog):
    settings.CACHES = {"default": cache_from_url("redis://127.0.0.1:1/0")}
    with caplog.at_level(logging.WARNING, logger="api.throttling"):
        assert throttling.hit("api-throttle:1", 1) is None
        assert throttling.hit("api-throttle:1", 1) is None
    assert "cache unreachable (ConnectionError)" in caplog.text


def test_local_memory_count_holds_across_threads(settings):
    settings.CACHES = {"default": cache_from_url("locmem://throttle-threads")}
    accepted = []

    def call():
        accepted.extend(throttling.hit("api-throttle:7", 50) is None for _ in range(20))

    threads = [threading.Thread(target=call) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert accepted.count(True) == 50 and len(accepted) == 160
    assert 59 <= throttling.hit("api-throttle:7", 50) <= 60
    caches["default"].clear()
