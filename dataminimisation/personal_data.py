"""Personal-data inventory of the dataminimisation app (see processingregister/inventory.py)."""

from persondata.registry import NOT_PERSONAL

PERSONAL_DATA = {
    # The lexicon: words, not people.
    "SensitiveTerm": NOT_PERSONAL,
    # The override log: who kept flagged wording, where and why. No flagged words are stored,
    # only categories and offsets into the record, which is personal data of its own kind.
    "GuardOverride": {
        "created_at": "logging",
        "employee": "medewerker",
        "form": NOT_PERSONAL,
        "field": NOT_PERSONAL,
        "categories": "logging",
        "highlights": "logging",
        "text_length": NOT_PERSONAL,
        "reason": "logging",
        "content_type": NOT_PERSONAL,
        "object_id": "logging",
        "subject_person_id": "logging",
    },
}

# --- The data-subject registry (see persondata.registry) --------------------------------------

from django.utils.translation import gettext_lazy as _  # noqa: E402

from persondata.registry import DELETE, Holds, Source  # noqa: E402

SUBJECT_DATA = {
    "GuardOverride": Holds(
        path="subject_person_id",
        label=_("confirmations that a text about you was checked for sensitive wording"),
        not_in_copy=_("holds no data of yours beyond the records shown above"),
        source=Source.STAFF,
        restricted=False,
        erasure=DELETE,
    ),
}
