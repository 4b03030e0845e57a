"""Personal-data inventory of this app (see processingregister/inventory.py).

Requests and what they leave behind are about a person: the request itself is 'klantcontact'
(a contact about their rights), who handled it 'medewerker', dates and ids of what happened
'logging'. A produced copy holds everything the product holds about the person; it is kept
only until it expires (its content is blanked then).
"""

from persondata.registry import NOT_PERSONAL

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

# --- The data-subject registry (see persondata.registry) --------------------------------------

from django.utils.translation import gettext_lazy as _  # noqa: E402

from persondata.registry import DELETE, Holds, Keep, Retention, Section, Source  # noqa: E402

COPY_SECTIONS = [
    Section(
        "statements",
        _("Your own statements"),
        _("Statements you asked us to add to data you disagree with."),
        order=80,
    ),
    Section(
        "choices",
        _("Your choices: surveys, objections and restriction"),
        _(
            "You may be invited for a satisfaction survey after a contact or repair. "
            "You can unsubscribe at any time, with the link in the invitation or by "
            "asking us."
        ),
        order=90,
        empty=_("You have not unsubscribed, objected or asked for a restriction."),
    ),
    Section(
        "requests",
        _("Your requests about your data"),
        _("Requests you made to see, correct or erase your data, including this one."),
        order=100,
    ),
]

# The request, its history and the erasure's own record outlive an erasure: they prove that
# and how the request was answered. Their free texts go.
_ACCOUNTABILITY = _("accountability (AVG art. 5(2) and 12): that and how your request was handled")

SUBJECT_DATA = {
    "DataSubjectRequest": Holds(
        path="person",
        label=_("your requests about your data"),
        section="requests",
        copy=("reference", "kind", "received_at", "status", "outcome", "completed_at"),
        order_by=("received_at", "pk"),
        source=Source.SUBJECT,
        restricted=False,
        # Its events are part of it and go with it (database cascade).
        retention=(
            Retention(
                "data_subject_request",
                label=_("data-subject requests and their history"),
                created_field="received_at",
                closed_field="completed_at",
                date_fields=("received_at", "completed_at"),
                kind_field="kind",
                order=70,
            ),
        ),
        erasure=Keep(
            duty=_ACCOUNTABILITY,
            blank=("description", "extension_reason", "identity_verified_how"),
        ),
    ),
    "RequestEvent": Holds(
        path="request__person",
        label=_("the steps in handling your requests"),
        not_in_copy=_("the outcome of each request is shown; the steps are our own records"),
        source=Source.STAFF,
        restricted=False,
        part_of="request",
        erasure=Keep(duty=_ACCOUNTABILITY, blank=("note",)),
    ),
    "WithheldItem": Holds(
        path="request__person",
        label=_("information left out of a copy to protect others"),
        not_in_copy=_("the copy says how many items were left out and why"),
        source=Source.STAFF,
        restricted=False,
        erasure=DELETE,
    ),
    # A produced copy repeats everything: it goes with the data (the old link is dead).
    "AccessExport": Holds(
        path="request__person",
        label=_("copies of your data made for your requests"),
        not_in_copy=_("a copy holds the data shown here"),
        source=Source.SYSTEM,
        restricted=False,
        erasure=DELETE,
    ),
    "Rectification": Holds(
        path="person",
        label=_("corrections of your data"),
        not_in_copy=_("the corrected data is shown in the sections above"),
        source=Source.SUBJECT,
        restricted=False,
        erasure=DELETE,
    ),
    "PersonStatement": Holds(
        path="person",
        label=_("your own statements"),
        section="statements",
        copy=("record_kind", "statement", "received_on"),
        source=Source.SUBJECT,
        restricted=False,
        retention=(
            Retention(
                "person_statement",
                label=_("statements of data subjects"),
                date_fields=("received_on", "created_at"),
                order=25,
            ),
        ),
        erasure=DELETE,
    ),
    "ProcessingRestriction": Holds(
        path="person",
        label=_("restrictions of processing"),
        section="choices",
        copy=("reason", "started_at", "ended_at"),
        source=Source.SUBJECT,
        restricted=False,
        erasure=DELETE,
    ),
    "Objection": Holds(
        path="person",
        label=_("objections"),
        section="choices",
        copy=("purpose", "received_at"),
        source=Source.SUBJECT,
        restricted=False,
        erasure=DELETE,
    ),
    "SurveyOptOut": Holds(
        path="person",
        label=_("unsubscriptions from surveys"),
        section="choices",
        copy=("via", "at"),
        source=Source.SUBJECT,
        restricted=False,
        erasure=DELETE,
    ),
}

# --- Free texts (persondata.free_text): the audit trail says they changed, not what they say

FREE_TEXT = {
    "DataSubjectRequest": ("description", "extension_reason", "reply"),
    "WithheldItem": ("reason",),
    "PersonStatement": ("statement",),
    "ProcessingRestriction": ("reason",),
    "Objection": ("note",),
}
