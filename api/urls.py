"""The API under /api/v1/. Every view is declared with ``token_view`` (policy "api"): it
authenticates by token, not by session. The schema and the docs page are public (no personal
data); anything else under /api/v1/ answers problem+json (401 without a token, else 404)."""

from django.urls import path, re_path

from klantcontact import converters  # noqa: F401 - registers <id:...>

from . import docs
from .permissions import token_view
from .views import (
    contact_moments,
    disclosures,
    imports,
    knowledge,
    lookup,
    not_found,
    persons,
    portal,
    reference,
    survey,
    tasks,
)

app_name = "api"


def api(view_class):
    return token_view(view_class.as_view())


urlpatterns = [
    path("schema/", docs.schema_view, name="schema"),
    path("docs/", docs.docs_view, name="docs"),
    path("caller-lookup/", api(lookup.CallerLookupView), name="caller_lookup"),
    path("persons/", api(persons.PersonSearchView), name="persons"),
    path("persons/<id:id>/", api(persons.PersonDetailView), name="person"),
    path(
        "persons/<id:id>/contact-moments/",
        api(contact_moments.PersonContactMomentsView),
        name="person_contact_moments",
    ),
    path("tasks/", api(tasks.TaskListView), name="tasks"),
    path("tasks/<id:id>/", api(tasks.TaskDetailView), name="task"),
    path("knowledge/articles/", api(knowledge.ArticleSearchView), name="articles"),
    path("reference/code-lists/", api(reference.CodeListsView), name="code_lists"),
    path("reference/code-lists/<str:soort>/", api(reference.CodeListView), name="code_list"),
    path("portal/intake/", api(portal.PortalIntakeView), name="portal_intake"),
    path("survey-export/", api(survey.SurveyExportView), name="survey_export"),
    path("disclosures/", api(disclosures.DisclosureCreateView), name="disclosures"),
    re_path(
        r"^imports/(?P<kind>persons|units|tenancies)/$",
        api(imports.ImportBatchView),
        name="imports",
    ),
    re_path(r"^.*$", api(not_found.NotFoundView), name="not_found"),
]
