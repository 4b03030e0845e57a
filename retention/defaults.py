"""The default retention rules, with their legal source. Loaded by a data migration and by
``manage.py load_default_rules``; afterwards the privacy officer maintains them in the admin.

The rules themselves are data, in ``retention/data/default_rules.yaml`` (one mapping per rule,
in the order they are created), read with the project's loader (``klantcontact.content``).
Plain data (no model imports): the migration uses it with the historical models. Category codes
come from ``processingregister.categories``; activity codes are the register's (linked when the
register has them). Names and sources are register content (Dutch), not interface text.
"""

from pathlib import Path

from klantcontact.content import load_yaml

DEFAULT_RULES_FILE = Path(__file__).resolve().parent / "data" / "default_rules.yaml"

DEFAULT_RULES = load_yaml(DEFAULT_RULES_FILE)
