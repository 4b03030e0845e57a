"""Personal-data inventory of the referencedata app (see processingregister/inventory.py)."""

from persondata.registry import NOT_PERSONAL

PERSONAL_DATA = {
    # The sector's VERA code lists: no personal data.
    "ReferenceCode": NOT_PERSONAL,
}
