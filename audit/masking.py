"""Free texts in the audit trail: which field changed, never the old or new text.

The fields are the models' declared free texts (``FREE_TEXT`` in ``<app>/personal_data.py``,
read through ``persondata.free_text``): a signal's description, a contact's summary and notes,
a break-the-glass explanation, the text of a data-subject request. django-auditlog masks the
values of a registered model's ``mask_fields`` with a callable; its default keeps half of the
string, so the audit trail uses ``mask`` instead, which keeps none of it: a text becomes
``MARKER``, an empty value stays empty (so "added", "changed" and "emptied" can still be told
apart). The content itself is read on the record's own page, through the access policy, which
logs the view.
"""

from auditlog.registry import auditlog

from persondata import free_text

MARKER = "[gewijzigd]"
# What auditlog records for "no text": an empty string, or None (as text, or as JSON).
EMPTY = ("", "None", None)
MASK_CALLABLE = "audit.masking.mask"


def mask(value):
    """``MARKER`` for any text, the value itself when there was none. Idempotent."""
    return value if value in EMPTY else MARKER


def apply_to_registry(registry=auditlog) -> dict:
    """Mask the declared free texts of every model auditlog tracks; {model label: fields}.

    Runs once the apps are loaded (``AuditConfig.ready``, after auditlog registered the
    models from ``klantcontact/auditing.py``). auditlog has no public call to change a
    registration's options, so its registry entry is updated in place; a test checks that an
    entry is masked, should a new auditlog version store them differently.
    """
    masked = {}
    for model in registry.get_models():
        fields = free_text.fields_of(model)
        if not fields:
            continue
        options = registry._registry[model]
        options["mask_fields"] = sorted(set(options["mask_fields"]) | set(fields))
        options["mask_callable"] = MASK_CALLABLE
        masked[model._meta.label] = tuple(options["mask_fields"])
    return masked


def masked_fields(model) -> tuple:
    """The fields of a tracked model whose values the audit trail does not keep."""
    if model is None or not auditlog.contains(model):
        return ()
    return tuple(auditlog.get_model_fields(model)["mask_fields"])
