"""The rules of the customer-contact work that change something, one module per aggregate:
``persons`` (a new person), ``registration`` (a contact moment and its task), ``tasks``,
``mandates``, ``signals``, and ``working_days`` (due dates). The reads are in
``contacts.selectors``, the dashboard's charts in ``contacts.charts``, its CSV in
``contacts.exports``.

This package re-exports the public API of its modules, so ``from contacts import services;
services.register_contact(...)`` keeps working; reads (search, timeline, inbox, dashboard
figures, ...) come from ``contacts.selectors``. A monkeypatch must target the module that looks
the name up (``contacts.services.tasks``, ``contacts.selectors.tasks``, ...), not this package.
"""

from .mandates import (
    caller_may_receive_data,
    register_mandate,
    representative_by_number,
    unknown_representative,
)
from .persons import create_person
from .registration import (
    FUTURE_TOLERANCE,
    ContactInput,
    TaskInput,
    contact_rule_errors,
    default_due_date,
    register_contact,
)
from .signals import register_signal, review_signal
from .tasks import can_act_on_task, close_task, create_task, reassign_task, take_task
from .working_days import add_working_days

__all__ = [
    "FUTURE_TOLERANCE",
    "ContactInput",
    "TaskInput",
    "add_working_days",
    "caller_may_receive_data",
    "can_act_on_task",
    "close_task",
    "contact_rule_errors",
    "create_person",
    "create_task",
    "default_due_date",
    "reassign_task",
    "register_contact",
    "register_mandate",
    "register_signal",
    "representative_by_number",
    "review_signal",
    "take_task",
    "unknown_representative",
]
