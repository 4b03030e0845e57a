"""The retention app's URLs: the retention rules and the overview of who holds what."""

from django.urls import path

from . import views

app_name = "retention"

urlpatterns = [
    path("", views.rules, name="rules"),
    path("persoonsgegevens/", views.person_data, name="person_data"),
]
