"""Authentication backends: sign-in through the identity provider, and the local password.

``ProviderBackend`` (mozilla-django-oidc's code flow, PKCE, RS256 id token checked against the
provider's JWKS) matches the employee on the stable subject claim (``OIDC_USER_CLAIM``), never
on the e-mail address; creates or updates the account (names and e-mail from the claims) and
syncs roles and teams from the groups claim (``accounts.group_sync``). An account that no mapped
group reaches is refused (``user.oidc_no_access``: the callback shows the no-access page).

``LocalPasswordBackend`` is Django's password check; with ``LOCAL_LOGIN`` off it lets only
superusers in (the break-glass account).
"""

import logging

import jwt
import requests
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from . import group_sync, oidc
from .models import ExternalIdentity, User

logger = logging.getLogger(__name__)


class LocalPasswordBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and not settings.LOCAL_LOGIN and not user.is_superuser:
            logger.info("Password login refused for employee #%s (LOCAL_LOGIN off)", user.pk)
            return None
        return user


def _free_username(claims: dict, subject: str) -> str:
    """A username for a new account: the provider's preferred name when it is free (a local
    account with the same name is never taken over), else with a number added."""
    base = str(claims.get("preferred_username") or claims.get("email") or subject)[:140]
    candidate, number = base, 1
    while User.objects.filter(username=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _names(claims: dict) -> tuple[str, str]:
    first, last = claims.get("given_name") or "", claims.get("family_name") or ""
    if not (first or last) and claims.get("name"):
        first, _sep, last = str(claims["name"]).partition(" ")
    return str(first)[:150], str(last)[:150]


@transaction.atomic
def user_for_subject(subject: str, claims: dict) -> User:
    """The employee with this subject at the provider (created at the first sign-in), their
    names and e-mail address updated from the claims and the sign-in recorded."""
    identity = (
        ExternalIdentity.objects.select_for_update()
        .select_related("user")
        .filter(subject=subject)
        .first()
    )
    if identity is None:
        user = User.objects.create_user(_free_username(claims, subject))  # unusable password
        identity = ExternalIdentity(user=user, subject=subject)
        logger.info("Employee #%s created at the first sign-in through the provider", user.pk)
    user = identity.user
    user.first_name, user.last_name = _names(claims)
    user.email = str(claims.get("email") or "")[:254]
    user.save(update_fields=["first_name", "last_name", "email"])
    identity.last_seen = timezone.now()
    identity.save()
    return user


class ProviderBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        # The endpoints are read at a sign-in through the provider (authenticate), not each
        # time Django asks the backends, e.g. for a password login while the provider is down.
        self.UserModel = User

    @staticmethod
    def get_settings(attr, *args):
        return oidc.provider_setting(attr, *args)

    def authenticate(self, request, **kwargs):
        if not settings.OIDC_ENABLED or request is None or "code" not in request.GET:
            return None
        OIDCAuthenticationBackend.__init__(self)
        return super().authenticate(request, **kwargs)

    def get_user(self, user_id):
        return ModelBackend.get_user(self, user_id)  # refuses deactivated accounts

    def verify_token(self, token, **kwargs):
        """The signature and nonce (mozilla-django-oidc), and also the audience and issuer."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        if self.OIDC_RP_CLIENT_ID not in (audience if isinstance(audience, list) else [audience]):
            raise SuspiciousOperation("The id token was not issued to this client")
        issuer = oidc.expected_issuer()
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("The id token comes from another issuer")
        return payload

    def retrieve_matching_jwk(self, token):
        """The provider's signing key; a token without ``kid`` is accepted only when the JWKS
        holds a single key for the algorithm (OpenID Connect Core, 10.1)."""
        if "kid" in jwt.get_unverified_header(token):
            return super().retrieve_matching_jwk(token)
        response = requests.get(self.OIDC_OP_JWKS_ENDPOINT, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        keys = [
            key
            for key in response.json().get("keys", [])
            if key.get("use", "sig") == "sig"
            and key.get("alg", self.OIDC_RP_SIGN_ALGO) == (self.OIDC_RP_SIGN_ALGO)
        ]
        if len(keys) != 1:
            raise SuspiciousOperation("No kid in the token and not exactly one signing key")
        return jwt.PyJWK(keys[0])

    def get_or_create_user(self, access_token, id_token, payload):
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("The userinfo subject differs from the id token's")
        claims = {**userinfo, **payload}  # the signed id token wins
        subject = str(claims.get(settings.OIDC_USER_CLAIM) or "")
        if not subject:
            raise SuspiciousOperation(f"No {settings.OIDC_USER_CLAIM} claim from the provider")
        user = user_for_subject(subject, claims)
        groups = group_sync.groups_from_claims(claims, settings.OIDC_GROUPS_CLAIM)
        entitlements = group_sync.sync_memberships(user, groups)
        if not entitlements.any and not user.is_superuser:
            logger.info("Employee #%s signed in at the provider without a mapped group", user.pk)
            # Authenticated, but not let in: the callback shows the no-access page and does not
            # log in (no None here: that would count as a failed login against the address).
            user.oidc_no_access = True
            return user
        user.provider_mfa = oidc.mfa_asserted(claims)
        return user
