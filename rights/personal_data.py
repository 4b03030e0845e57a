"""Personal-data inventory of this app (see processingregister/inventory.py).

Requests and what they leave behind are about a person: the request itself is 'klantcontact'
(a contact about their rights), who handled it 'medewerker', dates and ids of what happened
'logging'. A produced copy holds everything the product holds about the person; it is kept
only until it expires (its content is blanked then).
"""

from processingregister.inventory import NOT_PERSONAL

_LOG = "logging"
_EMP = "medewerker"

PERSONAL_DATA = {
    "DataSubjectRequest": {
        "reference": NOT_PERSONAL,
        "kind": "klantcontact",
        "person": "identificatie",
        "requester_kind": "vertegenwoordiging",
        "mandate": "vertegenwoordiging",
        "received_at": "klantcontact",
        "channel": NOT_PERSONAL,
        "description": "klantcontact",
        "due_date": NOT_PERSONAL,
        "identity_verified_how": "identificatie",
        "identity_verified_at": _LOG,
        "identity_verified_by": _EMP,
        "extended_until": NOT_PERSONAL,
        "extension_reason": "klantcontact",
        "extension_told_at": _LOG,
        "assignee": _EMP,
        "status": NOT_PERSONAL,
        "outcome": "klantcontact",
        "refusal_reason": "klantcontact",
        "reply": "klantcontact",
        "completed_at": _LOG,
        "completed_by": _EMP,
        "legal_hold": NOT_PERSONAL,
        "reminded_7_on": NOT_PERSONAL,
        "reminded_3_on": NOT_PERSONAL,
        "escalated_at": NOT_PERSONAL,
        "created_at": _LOG,
        "created_by": _EMP,
    },
    "RequestEvent": {
        "request": _LOG,
        "kind": _LOG,
        "at": _LOG,
        "by": _EMP,
        "note": "klantcontact",
    },
    "WithheldItem": {
        "request": _LOG,
        "item_kind": _LOG,
        "object_id": _LOG,
        "reason": "klantcontact",
        "withheld_by": _EMP,
        "withheld_at": _LOG,
    },
    "AccessExport": {
        "request": _LOG,
        "produced_at": _LOG,
        "produced_by": _EMP,
        "expires_at": NOT_PERSONAL,
        "content": "klantcontact",
        "sha256": NOT_PERSONAL,
        "download_count": NOT_PERSONAL,
    },
    "Rectification": {
        "request": _LOG,
        "person": "identificatie",
        "record_label": _LOG,
        "object_id": _LOG,
        "fields": _LOG,
        "at": _LOG,
        "by": _EMP,
    },
    "PersonStatement": {
        "person": "identificatie",
        "request": _LOG,
        "record_kind": "klantcontact",
        "object_id": _LOG,
        "statement": "klantcontact",
        "received_on": "klantcontact",
        "recorded_by": _EMP,
        "created_at": _LOG,
    },
    "ProcessingRestriction": {
        "person": "identificatie",
        "request": _LOG,
        "reason": "klantcontact",
        "started_at": _LOG,
        "started_by": _EMP,
        "ended_at": _LOG,
        "ended_by": _EMP,
    },
    "Objection": {
        "person": "identificatie",
        "purpose": "klantcontact",
        "request": _LOG,
        "note": "klantcontact",
        "received_at": "klantcontact",
        "recorded_by": _EMP,
    },
    "SurveyOptOut": {
        "person": "identificatie",
        "via": "tevredenheid",
        "at": "tevredenheid",
        "recorded_by": _EMP,
        "token_nonce": _LOG,
    },
}
