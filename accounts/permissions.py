"""Which models carry object permissions, and the check that they use direct FK tables.

django-guardian falls back to its generic (content type + text id) tables for any model that
has no direct foreign-key permission model. Those tables cannot be joined efficiently and do not
cascade on delete, so every guarded model must have both direct tables. ``GUARDED_MODELS`` is
the list; ``tests/accounts/test_guardian_tables.py`` and the system check below fail when one
falls back.
"""

from django.apps import apps
from django.core import checks
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

GUARDED_MODELS = (
    "accounts.Team",
    "contacts.Person",
)


def guarded_models():
    return [apps.get_model(label) for label in GUARDED_MODELS]


def direct_permission_model(model, base_cls):
    """The installed direct permission model (subclass of ``base_cls``) for ``model``, if any.

    Same rule as guardian's own lookup, without touching the database (usable in checks).
    """
    for candidate in apps.get_models():
        if not issubclass(candidate, base_cls) or candidate._meta.abstract:
            continue
        field = candidate._meta.get_field("content_object")
        remote = getattr(field, "remote_field", None)  # None on the generic tables
        if remote is not None and remote.model is model:
            return candidate
    return None


def generic_fallbacks() -> list[str]:
    """Guarded models that would use guardian's generic tables (should be empty)."""
    missing = []
    for model in guarded_models():
        if direct_permission_model(model, UserObjectPermissionBase) is None:
            missing.append(f"{model._meta.label} (user permissions)")
        if direct_permission_model(model, GroupObjectPermissionBase) is None:
            missing.append(f"{model._meta.label} (group permissions)")
    return missing


@checks.register(checks.Tags.security)
def check_direct_permission_tables(app_configs=None, **kwargs):
    return [
        checks.Error(
            f"{label} has no direct foreign-key object permission table.",
            hint="Add a UserObjectPermissionBase/GroupObjectPermissionBase subclass for it.",
            id="klantcontact.E001",
        )
        for label in generic_fallbacks()
    ]
