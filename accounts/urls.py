from django.urls import path

from . import views

urlpatterns = [
    path("team/", views.team_overview, name="team_overview"),
]
