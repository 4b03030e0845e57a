"""The Celery beat schedule: when the periodic jobs of every app run, in UTC.

Read by ``settings.CELERY_BEAT_SCHEDULE``; a new periodic job is added here, next to the task in
its app's ``tasks.py``. Pure data (no Django imports), so the settings module can import it.
"""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "clear-expired-sessions": {
        "task": "accounts.tasks.clear_expired_sessions",
        "schedule": crontab(hour=1, minute=30),
    },
    "clear-old-login-records": {
        "task": "accounts.tasks.clear_old_login_records",
        "schedule": crontab(hour=1, minute=40),
    },
    # Accounts from the identity provider not seen there for OIDC_LEAVER_DAYS: deactivated.
    "deactivate-leavers": {
        "task": "accounts.tasks.deactivate_leavers",
        "schedule": crontab(hour=1, minute=50),
    },
    "review-yesterdays-access": {
        "task": "access.tasks.review_yesterdays_access",
        "schedule": crontab(hour=2, minute=15),
    },
    # Processing register: breach decisions every half hour (the 72 hours are short),
    # agreement expiry and review dates once a day.
    "processingregister-breach-decisions": {
        "task": "processingregister.tasks.remind_breach_decisions",
        "schedule": crontab(minute="*/30"),
    },
    "processingregister-expiring-agreements": {
        "task": "processingregister.tasks.remind_expiring_agreements",
        "schedule": crontab(hour=6, minute=15),
    },
    "processingregister-reviews-due": {
        "task": "processingregister.tasks.remind_reviews_due",
        "schedule": crontab(hour=6, minute=20),
    },
    # Knowledge base: recount the search vocabulary, forget year-old gaps, remind owners of
    # articles past their review date (Monday morning).
    "knowledgebase-rebuild-search-index": {
        "task": "knowledgebase.tasks.rebuild_search_index",
        "schedule": crontab(hour=3, minute=5),
    },
    "knowledgebase-purge-stale-gaps": {
        "task": "knowledgebase.tasks.purge_stale_gaps",
        "schedule": crontab(hour=3, minute=15),
    },
    "knowledgebase-retention-article": {
        "task": "knowledgebase.tasks.sync_retention_article",
        "schedule": crontab(hour=3, minute=25),
    },
    "knowledgebase-review-reminders": {
        "task": "knowledgebase.tasks.send_review_reminders",
        "schedule": crontab(hour=6, minute=30, day_of_week="mon"),
    },
    # Rights of data subjects: deadline reminders, escalation of overdue requests (morning).
    "rights-request-deadlines": {
        "task": "rights.tasks.daily_request_deadlines",
        "schedule": crontab(hour=6, minute=40),
    },
    # Retention: once a night, continuing in follow-up tasks until every rule is done.
    "retention-nightly-run": {
        "task": "retention.tasks.nightly_retention_run",
        "schedule": crontab(hour=2, minute=15),
    },
    # API: forget idempotency keys older than API_IDEMPOTENCY_KEY_HOURS.
    "api-prune-idempotency-keys": {
        "task": "api.tasks.prune_idempotency_keys",
        "schedule": crontab(minute=20),
    },
    # API: remind of tokens that expire within API_TOKEN_REMINDER_DAYS (once per expiry).
    "api-remind-expiring-tokens": {
        "task": "api.tasks.remind_expiring_tokens",
        "schedule": crontab(hour=6, minute=50),
    },
    # Disclosures: the arrears signal to the municipality under its covenant, on the first of
    # the month (DISCLOSURE_ARREARS_AGREEMENT; nothing happens while it is empty).
    "disclosures-monthly-arrears": {
        "task": "disclosures.tasks.monthly_arrears_signal",
        "schedule": crontab(day_of_month=1, hour=4, minute=10),
    },
}
