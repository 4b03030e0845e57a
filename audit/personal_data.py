"""Personal-data inventory of the audit app (see processingregister/inventory.py)."""

PERSONAL_DATA = {
    # The audit trail of changes: who changed what, with the changed values.
    "LogEntry": {
        "content_type": "logging",
        "object_pk": "logging",
        "object_id": "logging",
        "object_repr": "logging",
        "serialized_data": "logging",
        "action": "logging",
        "changes_text": "logging",
        "changes": "logging",
        "actor": "logging",
        "cid": "logging",
        "remote_addr": "logging",
        "remote_port": "logging",
        "timestamp": "logging",
        "additional_data": "logging",
        "actor_email": "logging",
        "subject_person_id": "logging",
        "redacted_at": "logging",
        "redaction_reason": "logging",
    },
    # The access log: who viewed which person's data.
    "AccessLogEntry": {
        "actor": "logging",
        "person_id": "logging",
        "what": "logging",
        "object_id": "logging",
        "grant": "logging",
        "reason": "logging",
        "at": "logging",
        "remote_addr": "logging",
    },
}

# --- The data-subject registry (see persondata.registry) --------------------------------------

from django.utils.translation import gettext_lazy as _  # noqa: E402

from persondata.registry import Holds, Keep, Retention, Section, Source  # noqa: E402

COPY_SECTIONS = [
    # Rendered as its own overview (grouped per day, function and team), not record by record.
    Section(
        "access_log",
        _("Who looked at your data"),
        _(
            "Every time an employee opens your data, we record it. Below you see on which day, "
            "which function in which team looked, what they looked at, and how often. We do not "
            "show employees' names; if you need a name, for example for a complaint, ask our "
            "privacy officer. 'Emergency access' means an employee outside your team opened your "
            "file with a stated reason; every such access is checked afterwards."
        ),
        order=200,
    ),
]

SUBJECT_DATA = {
    "LogEntry": Holds(
        path="subject_person_id",
        label=_("the history of changes to your data"),
        not_in_copy=_("the changes themselves are in the sections above"),
        source=Source.SYSTEM,
        restricted=False,
        # audit.services.redact_entries_for_person blanks the changed values and the record's
        # name; who changed something and when stays (accountability, AVG art. 5(2)).
        erasure=Keep(
            duty=_("accountability (AVG art. 5(2)): who changed what and when, without the content")
        ),
    ),
    "AccessLogEntry": Holds(
        path="person_id",
        label=_("who looked at your data"),
        section="access_log",
        source=Source.SYSTEM,
        restricted=False,
        retention=(
            Retention(
                "access_log",
                label=_("access log (who viewed which person's data)"),
                created_field="at",
                date_fields=("at",),
                kind_field="what",
                order=60,
                schedule_on_save=False,
            ),
        ),
        # Holds only ids: the proof that views of the file were lawful outlives the file for
        # its own period (its retention rule).
        erasure=Keep(
            duty=_(
                "the access log's own retention period: proof of who viewed the file (AVG art. 32)"
            )
        ),
    ),
}
