"""The disclosures app's URLs: record a disclosure, mark a notice, the officer's oversight."""

from django.urls import path

from klantcontact import converters  # noqa: F401 - registers <id:...>

from . import notice_views, views

app_name = "disclosures"

urlpatterns = [
    path("klanten/<id:pk>/verstrekking/", views.record, name="record"),
    path("verstrekkingen/kennisgeving/<id:pk>/", notice_views.mark_notice, name="mark_notice"),
]

# The AVG officer's oversight of the log (issue 24, point 6).
from . import oversight  # noqa: E402

urlpatterns += [
    path("verstrekkingen/", oversight.overview, name="overview"),
    path("verstrekkingen/export.csv", oversight.export_csv, name="export_csv"),
    path("verstrekkingen/export.xlsx", oversight.export_xlsx, name="export_xlsx"),
]
