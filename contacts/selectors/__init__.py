"""The reads of the customer-contact work: queries that change nothing, one module per
aggregate (persons, mandates, tasks, signals, the card's timeline, the dashboard).

This package re-exports their public names, so ``from contacts import selectors;
selectors.search_persons(...)`` works without knowing the module. A test that monkeypatches a
constant or a function must patch the module that uses it (``contacts.selectors.tasks``, ...),
not this package.
"""

from .card_timeline import (
    TIMELINE_PAGE_SIZE,
    TimelineContact,
    TimelineFilter,
    TimelinePage,
    TimelineTaskEvent,
    timeline,
)
from .dashboard import FIRST_CONTACT_NORM, dashboard_figures
from .mandates import valid_mandates
from .persons import (
    SEARCH_LIMIT,
    SEARCH_ORDER,
    SearchQuery,
    current_tenancy,
    load_card_details,
    lookup_caller,
    name_words_among,
    parse_query,
    search_filter,
    search_persons,
    with_card_summary,
)
from .signals import active_signals, signals_to_review
from .tasks import (
    CARD_OPEN_TASKS,
    INBOX_PAGE_SIZE,
    InboxPage,
    OpenTasks,
    card_open_tasks,
    inbox,
    inbox_page,
    open_tasks_of,
    tasks_for,
)

__all__ = [
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
    "name_words_among",
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
