"""Rules of the processing register, one module per aggregate; this package re-exports them.

- ``binding``: purpose binding (the rule for choosing an activity, binding a row);
- ``activities``: what approval needs and the status flow of an activity;
- ``agreements``: the signed document of a processor agreement;
- ``breaches``: data-breach deadlines, references, registering and updating;
- ``mail`` and ``reminders``: sending the messages to the privacy officers (Celery tasks call
  these; the texts of the messages are in ``processingregister.mails``);
- ``register``: the register's fingerprint and versions;
- ``attention``: what the officer should look at.

Reads live in ``processingregister.selectors``; the register entry and the CSV exports in
``processingregister.exports``; dates and time left as text in ``processingregister.formatting``.
The names below are re-exported from all of these, so ``from processingregister import
services; services.approve(...)`` keeps working for callers in other apps.

Purpose binding, for other apps: a model that records something for a purpose (contact
subject, task kind, signal type) has a ``processing_activity`` foreign key to
``processingregister.ProcessingActivity`` (``on_delete=PROTECT``). Use:

- ``approved_activities()``: the activities that may be chosen;
- ``is_approved(activity)`` / ``validate_approved(activity)``: the rule for one choice;
- ``selectable(queryset)``: rows of such a model whose activity is approved (for forms);
- ``purpose_summary(activity)``: purpose and legal basis in Dutch, for the contact form;
- ``unbound_records()``: every row, of every such model, that is not bound to an approved
  activity (the register pages and the admin show it).

A monkeypatch must target the module that looks a name up (e.g. ``selectors.bound_models``),
not this package.
"""

from ..exports import (
    ARTICLE_30_KEYS,
    EXPORT_FIELDS,
    LIST_FIELDS,
    ExportField,
    breach_csv,
    controller_lines,
    dpo_lines,
    export_record,
    register_csv,
    retention_rule_lines,
)
from ..formatting import format_remaining
from ..selectors import (
    BINDING_FIELD,
    NOT_PURPOSE_BINDING,
    REVIEW_WARNING_DAYS,
    InventoryRow,
    Status,
    UnboundGroup,
    agreement_state,
    agreements_to_warn,
    approved_activities,
    bound_models,
    bound_record_count,
    expiring_agreements,
    filter_activities,
    inventory_overview,
    open_breaches,
    privacy_officers,
    recipients_of,
    register_queryset,
    reviews_due,
    selectable,
    unbound_count,
    unbound_filter,
    unbound_records,
)
from .activities import (
    allowed_actions,
    approval_problems,
    approve,
    attention_notes,
    mark_reviewed,
    next_review_date,
    record_created,
    retire,
    return_to_draft,
    submit_for_review,
)
from .agreements import DOCUMENT_MAX_BYTES, DOCUMENT_TYPES, store_document
from .attention import Attention, attention_points
from .binding import bind_record, is_approved, purpose_summary, validate_approved
from .breaches import (
    BreachState,
    breach_state,
    next_breach_reference,
    notify_new_breach,
    register_breach,
    update_breach,
)
from .register import current_version, register_fingerprint
from .reminders import (
    REVIEW_REMINDER_EVERY_DAYS,
    breach_reminder_interval,
    send_breach_reminders,
    send_expiry_reminders,
    send_review_reminders,
)

__all__ = [
    "ARTICLE_30_KEYS",
    "BINDING_FIELD",
    "DOCUMENT_MAX_BYTES",
    "DOCUMENT_TYPES",
    "EXPORT_FIELDS",
    "LIST_FIELDS",
    "NOT_PURPOSE_BINDING",
    "REVIEW_REMINDER_EVERY_DAYS",
    "REVIEW_WARNING_DAYS",
    "Attention",
    "BreachState",
    "ExportField",
    "InventoryRow",
    "Status",
    "UnboundGroup",
    "agreement_state",
    "agreements_to_warn",
    "allowed_actions",
    "approval_problems",
    "approve",
    "approved_activities",
    "attention_notes",
    "attention_points",
    "bind_record",
    "bound_models",
    "bound_record_count",
    "breach_csv",
    "breach_reminder_interval",
    "breach_state",
    "controller_lines",
    "current_version",
    "dpo_lines",
    "expiring_agreements",
    "export_record",
    "filter_activities",
    "format_remaining",
    "inventory_overview",
    "is_approved",
    "mark_reviewed",
    "next_breach_reference",
    "next_review_date",
    "notify_new_breach",
    "open_breaches",
    "privacy_officers",
    "purpose_summary",
    "recipients_of",
    "record_created",
    "register_breach",
    "register_csv",
    "register_fingerprint",
    "register_queryset",
    "retention_rule_lines",
    "retire",
    "return_to_draft",
    "reviews_due",
    "selectable",
    "send_breach_reminders",
    "send_expiry_reminders",
    "send_review_reminders",
    "store_document",
    "submit_for_review",
    "unbound_count",
    "unbound_filter",
    "unbound_records",
    "update_breach",
    "validate_approved",
]
