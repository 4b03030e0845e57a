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
