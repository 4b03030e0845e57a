"""The knowledge base's URLs: search, suggestions, articles and their history, gaps, dashboard."""

from django.urls import path

from klantcontact import converters  # noqa: F401 - registers <id:...>

from . import views

app_name = "knowledgebase"

urlpatterns = [
    path("", views.search, name="search"),
    path("suggesties/", views.suggestions, name="suggestions"),
    path("hiaten/", views.gaps, name="gaps"),
    path("hiaten/melden/", views.report_gap, name="report_gap"),
    path("hiaten/<id:pk>/", views.gap_action, name="gap_action"),
    path("overzicht/", views.dashboard, name="dashboard"),
    path("artikel/<slug:slug>/", views.article_detail, name="article"),
    path("artikel/<slug:slug>/feedback/", views.article_feedback, name="article_feedback"),
    path("artikel/<slug:slug>/status/", views.article_status, name="article_status"),
    path("artikel/<slug:slug>/gecontroleerd/", views.article_review, name="article_review"),
    path("artikel/<slug:slug>/versies/", views.article_versions, name="article_versions"),
]
