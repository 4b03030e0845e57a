"""The project's root URLs: home, health check, login and logout (also through the identity
provider), and each app's pages."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import oidc_views

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    # Ends the session at the identity provider too when the session came from there.
    path("logout/", oidc_views.logout, name="logout"),
    # Sign-in through the identity provider (OpenID Connect; 404 unless OIDC_ENABLED).
    path("oidc/inloggen/", oidc_views.sign_in, name="oidc_authentication_init"),
    path("oidc/callback/", oidc_views.callback, name="oidc_authentication_callback"),
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
