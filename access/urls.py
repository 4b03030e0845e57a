"""The access app's URLs: break-the-glass, the review queue, access logs and notifications."""

from django.urls import path

from klantcontact import converters  # noqa: F401 - registers <id:...>

from . import views

app_name = "access"

urlpatterns = [
    path("toegang/doorbreken/<id:pk>/", views.break_glass, name="break_glass"),
    path("toegang/", views.review_queue, name="review"),
    path("toegang/signalen/<id:pk>/", views.decide, name="decide"),
    path("toegang/personen/<id:pk>/", views.person_log, name="person_log"),
    path("toegang/medewerkers/<id:pk>/", views.employee_log, name="employee_log"),
    path("meldingen/", views.notifications, name="notifications"),
]
