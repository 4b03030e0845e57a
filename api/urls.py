"""The API under /api/v1/. Every view is declared with ``token_view`` (policy "api"): it
authenticates by token, not by session. The schema and the docs page are public (no personal
data); anything else under /api/v1/ answers problem+json (401 without a token, else 404)."""

from django.urls import path, re_path

from . import disclosure_views, docs, views
from .permissions import token_view

app_name = "api"


def api(view_class):
    return token_view(view_class.as_view())


urlpatterns = [
    path("schema/", docs.schema_view, name="schema"),
    path("docs/", docs.docs_view, name="docs"),
    path("caller-lookup/", api(views.CallerLookupView), name="caller_lookup"),
    path("persons/", api(views.PersonSearchView), name="persons"),
    path("persons/<int:id>/", api(views.PersonDetailView), name="person"),
    path(
        "persons/<int:id>/contact-moments/",
        api(views.PersonContactMomentsView),
        name="person_contact_moments",
    ),
    path("tasks/", api(views.TaskListView), name="tasks"),
    path("tasks/<int:id>/", api(views.TaskDetailView), name="task"),
    path("knowledge/articles/", api(views.ArticleSearchView), name="articles"),
    path("reference/code-lists/", api(views.CodeListsView), name="code_lists"),
    path("reference/code-lists/<str:soort>/", api(views.CodeListView), name="code_list"),
    path("portal/intake/", api(views.PortalIntakeView), name="portal_intake"),
    path("survey-export/", api(views.SurveyExportView), name="survey_export"),
    path("disclosures/", api(disclosure_views.DisclosureCreateView), name="disclosures"),
    re_path(r"^.*$", api(views.NotFoundView), name="not_found"),
]
