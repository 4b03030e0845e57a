"""The register pages' URLs: activities, exports, unbound, agreements, breaches, inventory."""

from django.urls import path

from klantcontact import converters  # noqa: F401 - registers <id:...>

from . import views

app_name = "processingregister"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("verwerkingen/", views.activity_list, name="activities"),
    path("verwerkingen/<slug:code>/", views.activity_detail, name="activity_detail"),
    path(
        "verwerkingen/<slug:code>/<slug:action>/",
        views.activity_action,
        name="activity_action",
    ),
    path("export/", views.export_print, name="export"),
    path("export/verwerkingsregister.csv", views.export_csv, name="export_csv"),
    path("niet-gekoppeld/", views.unbound, name="unbound"),
    path("overeenkomsten/", views.agreements, name="agreements"),
    path(
        "overeenkomsten/<id:pk>/document/",
        views.agreement_document,
        name="agreement_document",
    ),
    path("datalekken/", views.breaches, name="breaches"),
    path("datalekken/datalekkenregister.csv", views.breaches_csv, name="breaches_csv"),
    path("datalekken/<id:pk>/", views.breach_detail, name="breach_detail"),
    path("inventarisatie/", views.inventory, name="inventory"),
]
