"""The API's views, one module per resource: thin, every rule in ``api.services`` /
``contacts.services`` (writes) and ``contacts.selectors`` (reads).

Who sees what (see ``api.scopes`` and docs/api.md): a client acts as its service account, so
``access.policy.persons_visible_to`` decides which persons it may read or write (its teams and
its involvement), exactly as for an employee; caller lookup and portal intake act for the
client's purpose instead and answer with the least data. A person or task the client may not
see answers 404, never 403, so existence is not revealed. Every call that returns or touches
personal data writes access-log rows with the client's service account as the actor.

- ``base``: the base classes, checked query and body, the id parameter, access-log rows
- ``lookup``: caller lookup (telephony)
- ``persons``: person search and detail
- ``contact_moments``: a person's contact moments, and registering one
- ``tasks``: the client's tasks, a follow-up, taking and closing
- ``knowledge``: knowledge-base article search
- ``reference``: the VERA code lists
- ``portal``: the tenant portal's intake
- ``survey``: the survey bureau's export
- ``disclosures``: recording a disclosure
- ``not_found``: every other path

This package re-exports the view classes, so ``api.views.<View>`` keeps naming them.
"""

from .contact_moments import PersonContactMomentsView
from .disclosures import DisclosureCreateView
from .knowledge import ArticleSearchView
from .lookup import CallerLookupView
from .not_found import NotFoundView
from .persons import PersonDetailView, PersonSearchView
from .portal import PortalIntakeView
from .reference import CodeListsView, CodeListView
from .survey import SurveyExportView
from .tasks import TaskDetailView, TaskListView

__all__ = [
    "ArticleSearchView",
    "CallerLookupView",
    "CodeListView",
    "CodeListsView",
    "DisclosureCreateView",
    "NotFoundView",
    "PersonContactMomentsView",
    "PersonDetailView",
    "PersonSearchView",
    "PortalIntakeView",
    "SurveyExportView",
    "TaskDetailView",
    "TaskListView",
]
