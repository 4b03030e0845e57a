"""Machine-readable health report for /healthz: no personal data, no login."""

from django.conf import settings
from django.db import connection

from klantcontact.celery import app
from retention.selectors import retention_health


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        return {"status": "error", "error": exc.__class__.__name__}
    # No vendor or version: the endpoint needs no login, and names no software to an attacker.
    return {"status": "ok"}


def check_broker() -> dict:
    if not settings.BROKER_CONFIGURED:
        return {"status": "not_configured", "mode": "eager"}
    try:
        with app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:  # noqa: BLE001
        return {"status": "error", "error": exc.__class__.__name__}
    return {"status": "ok"}


def check_retention() -> dict:
    """Age of the last successful retention run; 'error' past 26 hours (no personal data)."""
    try:
        return retention_health()
    except Exception as exc:  # noqa: BLE001
        return {"status": "error", "error": exc.__class__.__name__}


CHECKS = {"database": check_database, "broker": check_broker, "retention": check_retention}


def health_report() -> tuple[bool, dict]:
    results = {name: check() for name, check in CHECKS.items()}
    healthy = all(result["status"] != "error" for result in results.values())
    return healthy, {"status": "ok" if healthy else "error", "checks": results}
