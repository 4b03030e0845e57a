"""Production mode refuses unsafe settings, and `check --deploy` is clean when configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_SECRET = "k8Vq2-ZpR7wN4xT1mY6cH9bJ3fL0sD5gA8eU2iO7rP4tW1qE6yX9zC3vB0nM5"


def run_check(env_overrides, *args):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update({"KLANTCONTACT_ENV": "production", "DATABASE_URL": "sqlite:///:memory:"})
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_debug():
    result = run_check({"DEBUG": "1", "SECRET_KEY": GOOD_SECRET})
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


@pytest.mark.parametrize(
    "secret",
    [None, "insecure-development-key-do-not-use-in-production", "short-secret", "a" * 60],
    ids=["unset", "development-default", "too-short", "one-character"],
)
def test_production_refuses_default_or_weak_secret(secret):
    overrides = {"DEBUG": "0"}
    if secret is not None:
        overrides["SECRET_KEY"] = secret
    result = run_check(overrides)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_check_deploy_is_clean():
    result = run_check(
        {
            "DEBUG": "0",
            "SECRET_KEY": GOOD_SECRET,
            "ALLOWED_HOSTS": "klantcontact.example.nl",
            "CACHE_URL": "redis://127.0.0.1:6379/2",  # not connected to by the checks
        },
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_invalid_boolean_is_a_clear_error():
    result = run_check({"DEBUG": "misschien", "SECRET_KEY": GOOD_SECRET})
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr
