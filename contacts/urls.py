"""The customer-contact pages' addresses (Dutch paths, English names)."""

from django.urls import path

from klantcontact import converters  # noqa: F401 - registers <id:...>

from . import views

app_name = "contacts"

urlpatterns = [
    path("klanten/", views.person_search, name="search"),
    path("klanten/nieuw/", views.person_create, name="person_create"),
    path("klanten/<id:pk>/", views.person_card, name="card"),
    path("klanten/<id:pk>/contact/", views.contact_register, name="register"),
    path("klanten/<id:pk>/machtiging/", views.mandate_register, name="mandate_register"),
    path("contact/anoniem/", views.contact_register_anonymous, name="register_anonymous"),
    path("klanten/<id:pk>/signalering/", views.signal_register, name="signal_register"),
    path("klanten/<id:pk>/signalering/<id:signal_pk>/", views.signal_content, name="signal"),
    path("contacts/lookup/", views.caller_lookup, name="lookup"),
    path("contacts/lookup.json", views.caller_lookup_json, name="lookup_json"),
    path("taken/", views.task_inbox, name="tasks"),
    path("taken/<id:pk>/", views.task_detail, name="task"),
    path("taken/<id:pk>/oppakken/", views.task_take, name="task_take"),
    path("taken/<id:pk>/afsluiten/", views.task_close, name="task_close"),
    path("taken/<id:pk>/doorzetten/", views.task_reassign, name="task_reassign"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard.csv", views.dashboard_csv, name="dashboard_csv"),
]
