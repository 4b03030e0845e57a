"""Personal-data inventory of the api app (see processingregister/inventory.py).

A client is an integration, not a person; its service account and creator are employees'
records (category 'medewerker'), as are its accountable person and the requester and approver
of each grant request (four eyes); its token is authorisation data (only a hash is kept). An
idempotency key keeps the first response to a creating call for a day: that response names
contact moments and tasks (category 'klantcontact').
"""

from persondata.registry import NOT_PERSONAL

PERSONAL_DATA = {
    "ApiClient": {
        "name": NOT_PERSONAL,
        "slug": NOT_PERSONAL,
        "description": NOT_PERSONAL,
        "scopes": NOT_PERSONAL,
        "processing_activity": NOT_PERSONAL,
        "third_party": NOT_PERSONAL,
        "agreement": NOT_PERSONAL,
        "teams": NOT_PERSONAL,
        "service_user": "autorisatie",
        "rate_per_minute": NOT_PERSONAL,
        "is_active": NOT_PERSONAL,
        "token_prefix": "autorisatie",
        "token_hash": "autorisatie",
        "token_issued_at": "autorisatie",
        "revoked_at": "autorisatie",
        "last_used_at": "logging",
        "created_at": NOT_PERSONAL,
        "updated_at": NOT_PERSONAL,
        "created_by": "medewerker",
        "accountable": "medewerker",
        "approved_at": "autorisatie",
        "approved_by": "medewerker",
        "token_expires_at": "autorisatie",
        "expiry_reminder_sent_for": NOT_PERSONAL,
    },
    "GrantRequest": {
        "client": NOT_PERSONAL,
        "kind": NOT_PERSONAL,
        "scopes": "autorisatie",
        "team_ids": "autorisatie",
        "agreement": NOT_PERSONAL,
        "state": "autorisatie",
        "requested_by": "medewerker",
        "requested_at": "autorisatie",
        "decided_by": "medewerker",
        "decided_at": "autorisatie",
    },
    "IdempotencyKey": {
        "client": NOT_PERSONAL,
        "key": NOT_PERSONAL,
        "request_hash": NOT_PERSONAL,
        "response_status": NOT_PERSONAL,
        "response_body": "klantcontact",
        "created_at": NOT_PERSONAL,
    },
}

# --- The data-subject registry (see persondata.registry) --------------------------------------

from django.utils.translation import gettext_lazy as _  # noqa: E402

from persondata.registry import Mentions  # noqa: E402

# The first response to a creating call, kept for a day to answer retries: it names the
# person's contact moments and tasks, so erasure removes the responses that name them.
MENTIONS = {
    "IdempotencyKey": Mentions(fields=("response_body",), label=_("stored API responses")),
}
