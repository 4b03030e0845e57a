"""Personal-data inventory of this app (see processingregister/inventory.py)."""

PERSONAL_DATA = {}
