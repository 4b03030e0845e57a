"""Bearer-token authentication: ``Authorization: Bearer kc_<prefix>_<secret>``.

API views authenticate by token only, never by session (so no CSRF and no login page): a
request without a valid token gets 401 with ``WWW-Authenticate: Bearer``; an expired token gets
401 ``urn:klantcontact:problem:token-expired``.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from persondata import restriction

from . import grants, services


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Give exactly one token after 'Bearer'."))
        try:
            token = parts[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from exc
        client = services.client_for_token(token)
        if client is None:
            raise exceptions.AuthenticationFailed(_("Invalid, revoked or inactive token."))
        if grants.is_expired(client):
            raise exceptions.AuthenticationFailed(
                _("This token expired on %(date)s: ask for a new one (rotation).")
                % {"date": timezone.localtime(client.token_expires_at).strftime("%d-%m-%Y")},
                code="token_expired",
            )
        services.touch(client)
        # The restriction guard (persondata.restriction) needs to know who writes.
        restriction.bind_actor(client.service_user)
        return client.service_user, client

    def authenticate_header(self, request):
        return f'{self.keyword} realm="klantcontact-api"'


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = BearerTokenAuthentication
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "kc_<prefix>_<secret>",
            "description": "The API client's token (shown once when issued or rotated).",
        }
