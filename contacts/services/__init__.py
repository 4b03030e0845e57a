"""The rules of the customer-contact work that change something, one module per aggregate:
``persons`` (a new person), ``registration`` (a contact moment and its task), ``tasks``,
``mandates``, ``signals``, and ``working_days`` (due dates). The reads are in
``contacts.selectors``, the dashboard's charts in ``contacts.charts``, its CSV in
``contacts.exports``.

This package re-exports the public API of its modules, so ``from contacts import services;
services.register_contact(...)`` keeps working. It also re-exports the reads that lived in the
former single ``contacts/services.py`` (search, timeline, inbox, dashboard figures, ...), so
code written against that module keeps working; new code imports them from
``contacts.selectors``. A monkeypatch must target the module that looks the name up
(``contacts.services.tasks``, ``contacts.selectors.tasks``, ...), not this package.
"""

from ..selectors import (
    CARD_OPEN_TASKS,
    FIRST_CONTACT_NORM,
    INBOX_PAGE_SIZE,
    SEARCH_LIMIT,
    SEARCH_ORDER,
    TIMELINE_PAGE_SIZE,
    InboxPage,
    OpenTasks,
    SearchQuery,
    TimelineContact,
    TimelineFilter,
    TimelinePage,
    TimelineTaskEvent,
    active_signals,
    card_open_tasks,
    current_tenancy,
    dashboard_figures,
    inbox,
    inbox_page,
    load_card_details,
    lookup_caller,
    open_tasks_of,
    parse_query,
    search_filter,
    search_persons,
    signals_to_review,
    tasks_for,
    timeline,
    valid_mandates,
    with_card_summary,
)
from .mandates import caller_may_receive_data, register_mandate
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
    # The changes (this package's modules).
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
    "review_signal",
    "take_task",
    # The reads, kept for code written against the former single module (contacts.selectors).
    "CARD_OPEN_TASKS",
    "FIRST_CONTACT_NORM",
    "INBOX_PAGE_SIZE",
    "SEARCH_LIMIT",
    "SEARCH_ORDER",
    "TIMELINE_PAGE_SIZE",
    "InboxPage",
    "OpenTasks",
    "SearchQuery",
    "TimelineContact",
    "TimelineFilter",
    "TimelinePage",
    "TimelineTaskEvent",
    "active_signals",
    "card_open_tasks",
    "current_tenancy",
    "dashboard_figures",
    "inbox",
    "inbox_page",
    "load_card_details",
    "lookup_caller",
    "open_tasks_of",
    "parse_query",
    "search_filter",
    "search_persons",
    "signals_to_review",
    "tasks_for",
    "timeline",
    "valid_mandates",
    "with_card_summary",
]
