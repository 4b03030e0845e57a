"""Permissions of API calls: the client must be usable now (agreement gate) and hold the scope
of the endpoint. API views are declared with ``token_view`` (policy "api")."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, permissions

from . import services
from .models import ApiClient

API_POLICY = "api"


def client_of(request) -> ApiClient | None:
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, ApiClient) else None


class ClientEnabled(permissions.BasePermission):
    """A valid token of a client whose processing is approved and, for a third party, whose
    processor agreement is in force."""

    def has_permission(self, request, view):
        client = client_of(request)
        if client is None:
            return False
        reason = services.disabled_reason(client)
        if reason:
            raise exceptions.PermissionDenied(reason, code="client_disabled")
        return True


class ScopePermission(ClientEnabled):
    scope: str = ""

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        if not client_of(request).has_scope(self.scope):
            raise exceptions.PermissionDenied(
                _("This client lacks the scope '%(scope)s'.") % {"scope": self.scope},
                code="scope_missing",
            )
        return True


def scope_required(scope: str) -> type[ScopePermission]:
    return type(f"Scope_{scope.replace(':', '_')}", (ScopePermission,), {"scope": scope})


def token_view(view):
    """Declare a URL's view as an API view: authenticated by token (not by session, so the
    login middleware lets it through) and governed by scopes (``access_policy = "api"``)."""
    view.login_required = False
    view.access_policy = API_POLICY
    return view
