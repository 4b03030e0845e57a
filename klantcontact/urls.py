"""The project's root URLs: home, health check, login and logout, and each app's pages."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("accounts.urls")),
    path("", include("contacts.urls")),
    path("", include("access.urls")),
    path("", include("disclosures.urls")),
    path("register/", include("processingregister.urls")),
    path("kennisbank/", include("knowledgebase.urls")),
    path("rechten/", include("rights.urls")),
    path("bewaartermijnen/", include("retention.urls")),
    path("api/v1/", include("api.urls")),
    path("beheer/", admin.site.urls),
]
