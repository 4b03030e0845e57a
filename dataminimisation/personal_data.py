"""Personal-data inventory of the dataminimisation app (see processingregister/inventory.py)."""

from processingregister.inventory import NOT_PERSONAL

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
