"""Database sessions that remember the expiry they were stored with.

The idle timeout slides: every request moves the session's end to "now + timeout". Writing
the session back on every request (``SESSION_SAVE_EVERY_REQUEST``) costs each page a
transaction with a synchronous commit; ``accounts.middleware.SessionRenewalMiddleware``
renews only when the stored end lies more than ``SESSION_RENEW_AFTER_SECONDS`` before where a
renewal would put it, and needs to know that stored end: this store keeps it when it loads the
session (from the same query).

    SESSION_ENGINE = "accounts.sessions"
"""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    #: The session's ``expire_date`` as loaded from the database (None: not loaded or new).
    stored_expiry = None

    def _get_session_from_db(self):
        stored = super()._get_session_from_db()
        self.stored_expiry = stored.expire_date if stored is not None else None
        return stored
