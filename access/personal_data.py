"""Personal-data inventory of the access app (see processingregister/inventory.py)."""

from persondata.registry import NOT_PERSONAL

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
        "notified": "medewerker",
    },
    "Notification": {
        "recipient": "medewerker",
        "text": "medewerker",
        "link": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
        "read_at": "medewerker",
    },
}

# --- The data-subject registry (see persondata.registry) --------------------------------------

from django.utils.translation import gettext_lazy as _  # noqa: E402

from persondata.registry import DELETE, Holds, Mentions, Source, WithParent  # noqa: E402

SUBJECT_DATA = {
    "BreakGlassGrant": Holds(
        path="person",
        label=_("emergency access to your file, with the reason given"),
        not_in_copy=_("shown as 'emergency access' in the overview of who looked at your data"),
        source=Source.STAFF,
        restricted=False,
        erasure=DELETE,
    ),
    "AccessAlert": Holds(
        path="grant__person",
        label=_("the review of an emergency access"),
        not_in_copy=_("part of the emergency access; the review itself holds no data of yours"),
        source=Source.SYSTEM,
        restricted=False,
        part_of="grant",
        erasure=WithParent(),
    ),
}

# A notification names a file by its link (and may quote a reason): erasure removes the ones
# that point at the person's file or name them.
MENTIONS = {
    "Notification": Mentions(fields=("text", "link"), label=_("notifications to employees")),
}

# --- Free texts (persondata.free_text): the audit trail says they changed, not what they say

FREE_TEXT = {
    "BreakGlassGrant": ("explanation",),
    "AccessAlert": ("outcome_note",),
}
