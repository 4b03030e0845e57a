"""Personal-data inventory of the access app (see processingregister/inventory.py)."""

from processingregister.inventory import NOT_PERSONAL

PERSONAL_DATA = {
    # Break-the-glass: which employee opened which person's file, and why.
    "BreakGlassGrant": {
        "employee": "logging",
        "person": "logging",
        "reason": "logging",
        "explanation": "logging",
        "granted_at": "logging",
        "expires_at": "logging",
    },
    # Review alerts hold counts, never the persons viewed.
    "AccessAlert": {
        "kind": "logging",
        "employee": "logging",
        "grant": "logging",
        "period_start": "logging",
        "period_end": "logging",
        "figures": NOT_PERSONAL,
        "created_at": "logging",
        "outcome": "logging",
        "outcome_note": "logging",
        "decided_by": "medewerker",
        "decided_at": "logging",
    },
    "Notification": {
        "recipient": "medewerker",
        "text": "medewerker",
        "link": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
        "read_at": "medewerker",
    },
}
