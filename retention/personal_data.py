"""Personal-data inventory of the retention app (see processingregister/inventory.py).

Rules, runs and locks hold no personal data. Due dates, holds and reviews name a person and a
record by id only: that is still personal data (category 'logging': what happens to whose
data), and it goes when the person goes. The erasure log keeps ids and counts, never content.
"""

from persondata.registry import NOT_PERSONAL

PERSONAL_DATA = {
    "RetentionRule": {
        "code": NOT_PERSONAL,
        "name": NOT_PERSONAL,
        "data_category": NOT_PERSONAL,
        "processing_activity": NOT_PERSONAL,
        "target": NOT_PERSONAL,
        "record_kinds": NOT_PERSONAL,
        "trigger": NOT_PERSONAL,
        "trigger_field": NOT_PERSONAL,
        "event_code": NOT_PERSONAL,
        "period_amount": NOT_PERSONAL,
        "period_unit": NOT_PERSONAL,
        "action": NOT_PERSONAL,
        "is_statutory": NOT_PERSONAL,
        "legal_source": NOT_PERSONAL,
        "review_owner": "medewerker",
        "active_from": NOT_PERSONAL,
        "active_to": NOT_PERSONAL,
        "needs_recompute": NOT_PERSONAL,
        "scheduled_up_to": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
        "updated_at": NOT_PERSONAL,
    },
    "RetentionSchedule": {
        "rule": NOT_PERSONAL,
        "content_type": NOT_PERSONAL,
        "object_id": "logging",
        "person_id": "logging",
        "trigger_date": "logging",
        "due_on": "logging",
        "kept_until": "logging",
        "state": "logging",
        "done_at": "logging",
    },
    "LegalHold": {
        "person": "logging",
        "content_type": NOT_PERSONAL,
        "object_id": "logging",
        "reason_kind": "logging",
        "reason": "logging",
        "owner": "medewerker",
        "starts_on": "logging",
        "ends_on": "logging",
        "released_at": "logging",
        "released_by": "medewerker",
        "created_at": "logging",
    },
    "RetentionRun": NOT_PERSONAL,
    "RetentionRunRule": NOT_PERSONAL,
    "RetentionReview": {
        "schedule": "logging",
        "rule": NOT_PERSONAL,
        "content_type": NOT_PERSONAL,
        "object_id": "logging",
        "person_id": "logging",
        "round": "logging",
        "owner": "medewerker",
        "due_on": "logging",
        "created_at": "logging",
        "status": "logging",
        "decision": "logging",
        "keep_until": "logging",
        "reason": "logging",
        "decided_by": "medewerker",
        "decided_at": "logging",
    },
    "ErasureLog": {
        "person_id": "logging",
        "erased_at": "logging",
        "requested_by": "medewerker",
        "reason": "logging",
        "outcome": "logging",
        "counts": NOT_PERSONAL,
        "kept": NOT_PERSONAL,
        "person_deleted": "logging",
    },
    "RetentionLock": NOT_PERSONAL,
}

# --- The data-subject registry (see persondata.registry) --------------------------------------

from django.utils.translation import gettext_lazy as _  # noqa: E402

from persondata.registry import DELETE, Holds, Keep, Source  # noqa: E402

_NOT_IN_COPY = _("says when we delete or review the data shown above (the periods are listed)")

SUBJECT_DATA = {
    "RetentionSchedule": Holds(
        path="person_id",
        label=_("due dates of your data"),
        not_in_copy=_NOT_IN_COPY,
        source=Source.SYSTEM,
        restricted=False,
        # Due dates of what an erasure keeps stay; those of what it removes go with the records.
        erasure=Keep(duty=_("the due dates of the data that is kept")),
    ),
    "LegalHold": Holds(
        path="person",
        label=_("legal holds on your data"),
        not_in_copy=_("a hold says that data must be kept, for example for a claim"),
        source=Source.STAFF,
        restricted=False,
        erasure=DELETE,
    ),
    "RetentionReview": Holds(
        path="person_id",
        label=_("decisions to keep or delete your data after its period"),
        not_in_copy=_NOT_IN_COPY,
        source=Source.STAFF,
        restricted=False,
        erasure=Keep(duty=_("accountability (AVG art. 5(2)): the decision, without content")),
    ),
    "ErasureLog": Holds(
        path="person_id",
        label=_("the record that your data was erased"),
        not_in_copy=_("a note that data was erased at your request; it holds no data of yours"),
        source=Source.SYSTEM,
        restricted=False,
        erasure=Keep(duty=_("proof of the erasure (AVG art. 5(2) and art. 17)")),
    ),
}

# --- Free texts (persondata.free_text): the audit trail says they changed, not what they say

FREE_TEXT = {
    "LegalHold": ("reason",),
    "RetentionReview": ("reason",),
}
