"""The field classification of the contacts app (``PERSONAL_DATA``, checked by processingregister,
see processingregister/inventory.py).

Every field of every model is classified with a data category code from
processingregister/categories.py, or NOT_PERSONAL. A new model or field must be added here,
or ``manage.py check`` fails. Record timestamps (created/updated) count as personal data only
where they say something about the person (e.g. when a contact took place).
"""

from persondata.registry import NOT_PERSONAL

PERSONAL_DATA = {
    "Person": {
        "relation_number": "identificatie",
        "initials": "identificatie",
        "given_name": "identificatie",
        "surname_prefix": "identificatie",
        "surname": "identificatie",
        "search_name": "identificatie",
        "date_of_birth": "geboortedatum",
        "created_at": NOT_PERSONAL,
        "updated_at": NOT_PERSONAL,
    },
    # Which employee or team may see which person.
    "PersonUserObjectPermission": {
        "permission": "autorisatie",
        "user": "autorisatie",
        "content_object": "autorisatie",
    },
    "PersonGroupObjectPermission": {
        "permission": "autorisatie",
        "group": "autorisatie",
        "content_object": "autorisatie",
    },
    "PhoneNumber": {
        "person": "contactgegevens",
        "number": "contactgegevens",
        "kind": "contactgegevens",
        "is_preferred": "contactgegevens",
        "created_at": NOT_PERSONAL,
        "updated_at": NOT_PERSONAL,
    },
    "EmailAddress": {
        "person": "contactgegevens",
        "address": "contactgegevens",
        "kind": "contactgegevens",
        "is_preferred": "contactgegevens",
        "created_at": NOT_PERSONAL,
        "updated_at": NOT_PERSONAL,
    },
    # A home's address becomes personal data through the tenancy that links it to a person.
    "Unit": {
        "unit_number": "woning",
        "street": "woning",
        "house_number": "woning",
        "house_number_addition": "woning",
        "postcode": "woning",
        "town": "woning",
        "team": NOT_PERSONAL,
        "created_at": NOT_PERSONAL,
        "updated_at": NOT_PERSONAL,
    },
    "Tenancy": {
        "contract_number": "huurovereenkomst",
        "unit": "huurovereenkomst",
        "person": "huurovereenkomst",
        "role": "huurovereenkomst",
        "start_date": "huurovereenkomst",
        "end_date": "huurovereenkomst",
        "created_at": NOT_PERSONAL,
        "updated_at": NOT_PERSONAL,
    },
    # Managed lists: what contacts and tasks are about.
    "ContactSubject": {
        "processing_activity": NOT_PERSONAL,
        "code": NOT_PERSONAL,
        "name": NOT_PERSONAL,
        "description": NOT_PERSONAL,
        "asks_for_defect": NOT_PERSONAL,
        "is_active": NOT_PERSONAL,
        "sort_order": NOT_PERSONAL,
    },
    "TaskKind": {
        "processing_activity": NOT_PERSONAL,
        "code": NOT_PERSONAL,
        "name": NOT_PERSONAL,
        "default_days_due": NOT_PERSONAL,
    },
    "Mandate": {
        "represented": "vertegenwoordiging",
        "representative": "vertegenwoordiging",
        "role": "vertegenwoordiging",
        "scope": "vertegenwoordiging",
        "valid_from": "vertegenwoordiging",
        "valid_to": "vertegenwoordiging",
        "verified_how": "vertegenwoordiging",
        "verified_at": "vertegenwoordiging",
        "verified_by": "medewerker",
        "created_at": NOT_PERSONAL,
        "updated_at": NOT_PERSONAL,
    },
    "ContactMoment": {
        "person": "klantcontact",
        "unit": "klantcontact",
        "channel": "klantcontact",
        "direction": "klantcontact",
        "occurred_at": "klantcontact",
        "caller_kind": "klantcontact",
        "mandate": "vertegenwoordiging",
        "subject": "klantcontact",
        "defect": "onderhoud",
        "summary": "klantcontact",
        "notes": "klantcontact",
        "outcome": "klantcontact",
        "answered_at_first_contact": "klantcontact",
        "forwarded_to": NOT_PERSONAL,
        "handled_by": "medewerker",
        "team": NOT_PERSONAL,
        "created_at": "klantcontact",
    },
    "Task": {
        "contact_moment": "klantcontact",
        "person": "klantcontact",
        "kind": "klantcontact",
        "requested_action": "klantcontact",
        "assigned_team": NOT_PERSONAL,
        "assigned_to": "medewerker",
        "due_date": "klantcontact",
        "status": "klantcontact",
        "closing_note": "klantcontact",
        "closed_at": "klantcontact",
        "closed_by": "medewerker",
        "created_at": "klantcontact",
        "created_by": "medewerker",
    },
    "TaskEvent": {
        "task": "klantcontact",
        "person": "klantcontact",
        "kind": "klantcontact",
        "at": "klantcontact",
        "by": "medewerker",
        "note": "klantcontact",
    },
    "SignalType": {
        "processing_activity": NOT_PERSONAL,
        "code": NOT_PERSONAL,
        "name": NOT_PERSONAL,
        "card_label": NOT_PERSONAL,
        "vera_type": NOT_PERSONAL,
        "vera_detail": NOT_PERSONAL,
        "sensitivity": NOT_PERSONAL,
        "review_after_days": NOT_PERSONAL,
        "is_active": NOT_PERSONAL,
    },
    # Signals (signaleringen): conduct and support needs; the type's sensitivity class says
    # whether the content may hold special-category (art. 9) or criminal (art. 10) data.
    "Signal": {
        "person": "woongedrag",
        "signal_type": "woongedrag",
        "description": "woongedrag",
        "legal_basis": "woongedrag",
        "review_on": "woongedrag",
        "handlers": "autorisatie",
        "created_by": "medewerker",
        "created_at": "woongedrag",
        "ended_on": "woongedrag",
    },
}

# --- Free texts (persondata.free_text): the audit trail says they changed, not what they say

FREE_TEXT = {
    "ContactMoment": ("summary", "notes"),
    "Task": ("requested_action", "closing_note"),
    "TaskEvent": ("note",),
    # The description may hold special-category (art. 9) or criminal (art. 10) data, and the
    # legal basis names the exception that applies to it.
    "Signal": ("description", "legal_basis"),
}
