"""CACHE_URL: Redis or local memory, nothing else; production warns when it counts per process
(the API throttle, api/throttling.py)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from klantcontact.settings import cache_from_url
from tests.project.test_settings_production import GOOD_SECRET, run_check

PRODUCTION = {"DEBUG": "0", "SECRET_KEY": GOOD_SECRET, "ALLOWED_HOSTS": "klantcontact.example.nl"}


def test_redis_and_local_memory_urls():
    redis = cache_from_url("redis://:geheim@redis:6379/2")
    assert redis["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert redis["LOCATION"] == "redis://:geheim@redis:6379/2"
    assert redis["KEY_PREFIX"] == "klantcontact"
    assert redis["OPTIONS"] == {"socket_connect_timeout": 2, "socket_timeout": 2}
    assert cache_from_url("rediss://redis:6380/2")["LOCATION"] == "rediss://redis:6380/2"
    assert cache_from_url("locmem://") == {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "klantcontact",
    }
    assert cache_from_url("LOCMEM://eigen")["LOCATION"] == "eigen"


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("memcached://user:geheim@cache:11211", "'memcached://'"),
        ("dummy://", "'dummy://'"),
        ("user:geheim@redis:6379", None),
        ("redis", None),
    ],
)
def test_other_urls_are_refused_without_showing_the_url(url, named):
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL must be a redis://") as refused:
        cache_from_url(url)
    message = str(refused.value)
    assert "geheim" not in message
    assert named is None or named in message


def test_production_warns_when_the_cache_counts_per_process():
    # Empty is the default: local memory.
    result = run_check({**PRODUCTION, "CACHE_URL": ""}, "--fail-level", "WARNING")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "klantcontact.W001" in output and "count per process" in output


def test_a_refused_url_stops_the_start():
    result = run_check({**PRODUCTION, "CACHE_URL": "memcached://user:geheim@cache:11211"})
    assert result.returncode != 0
    assert "CACHE_URL must be a redis://" in result.stderr
    assert "geheim" not in result.stderr


def test_development_counts_in_local_memory_without_a_warning():
    result = run_check(
        {"KLANTCONTACT_ENV": "development", "CACHE_URL": ""}, "--fail-level", "WARNING"
    )
    assert result.returncode == 0, result.stdout + result.stderr
