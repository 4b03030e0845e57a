"""Personal-data inventory of the ERP import app (see processingregister/inventory.py): an import
run names the employee who started it; its refusals hold row numbers and reasons, no values."""

from persondata.registry import NOT_PERSONAL

PERSONAL_DATA = {
    "ImportRun": {
        "kind": NOT_PERSONAL,
        "source": NOT_PERSONAL,
        "file_name": NOT_PERSONAL,
        "started_by": "medewerker",
        "dry_run": NOT_PERSONAL,
        "full_sync": NOT_PERSONAL,
        "started_at": "logging",
        "finished_at": "logging",
        "status": NOT_PERSONAL,
        "rows": NOT_PERSONAL,
        "created": NOT_PERSONAL,
        "updated": NOT_PERSONAL,
        "unchanged": NOT_PERSONAL,
        "ended": NOT_PERSONAL,
        "refused": NOT_PERSONAL,
        "refusals": NOT_PERSONAL,
        "error": NOT_PERSONAL,
    },
}
