"""The accounts app's URLs: the team overview and the second-factor pages."""

from django.urls import path

from . import views

urlpatterns = [
    path("team/", views.team_overview, name="team_overview"),
    path("tweede-factor/", views.second_factor_verify, name="otp_verify"),
    path("tweede-factor/instellen/", views.second_factor_enrol, name="otp_enrol"),
    path("tweede-factor/herstelcodes/", views.second_factor_backup_codes, name="otp_backup_codes"),
]
