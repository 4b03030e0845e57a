"""Sign-in through the organisation's identity provider (OpenID Connect, mozilla-django-oidc).

The provider is configured from the environment (``OIDC_*`` in klantcontact/settings.py): either
a discovery URL, whose document gives the endpoints (fetched once per process, when the first
sign-in needs it), or each endpoint by itself. This module holds what the backend
(``accounts.oidc_backend``) and the views (``accounts.oidc_views``) share: the endpoints, the
claims that count as multi-factor authentication, and the provider's end-session URL.
"""

import functools
import logging
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.shortcuts import resolve_url
from mozilla_django_oidc.utils import absolutify, import_from_settings

logger = logging.getLogger(__name__)

# Session key of the id token (mozilla-django-oidc stores it; the hint of the end session).
ID_TOKEN_SESSION_KEY = "oidc_id_token"  # noqa: S105 (a session key, not a secret)

# Setting name -> field of the discovery document.
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_END_SESSION_ENDPOINT": "end_session_endpoint",
}


@functools.cache
def _discovery_document(url: str) -> dict:
    response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
    response.raise_for_status()
    document = response.json()
    logger.info("OpenID provider configuration read from %s", url)
    return document


def forget_discovery() -> None:
    """Read the discovery document again at the next sign-in (tests, a rotated provider)."""
    _discovery_document.cache_clear()


def provider_setting(name: str, *default):
    """A setting of mozilla-django-oidc; an empty endpoint comes from the discovery document."""
    value = import_from_settings(name, *default)
    if name in DISCOVERED and not value and settings.OIDC_DISCOVERY_URL:
        value = _discovery_document(settings.OIDC_DISCOVERY_URL).get(DISCOVERED[name], "")
        if not value and name != "OIDC_OP_END_SESSION_ENDPOINT":
            raise ImproperlyConfigured(f"The provider's discovery document has no {name}")
    return value


def expected_issuer() -> str:
    """The issuer the id tokens must name: the discovery document's (empty: not checked)."""
    if not settings.OIDC_DISCOVERY_URL:
        return ""
    return str(_discovery_document(settings.OIDC_DISCOVERY_URL).get("issuer") or "")


def mfa_asserted(claims: dict) -> bool:
    """Whether the provider says the user signed in with more than a password (amr / acr)."""
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    if set(map(str, amr)) & set(settings.OIDC_MFA_AMR):
        return True
    return str(claims.get("acr") or "") in set(settings.OIDC_MFA_ACR)


def provider_logout_url(request) -> str:
    """RP-initiated logout: the provider's end-session endpoint with the id token as hint, back
    to the login page afterwards. Without an endpoint or id token: just the login page."""
    local = resolve_url(settings.LOGOUT_REDIRECT_URL)
    id_token = request.session.get(ID_TOKEN_SESSION_KEY)
    endpoint = provider_setting("OIDC_OP_END_SESSION_ENDPOINT") if id_token else ""
    if not endpoint:
        return local
    query = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": absolutify(request, local),
            "client_id": settings.OIDC_RP_CLIENT_ID,
        }
    )
    return f"{endpoint}?{query}"
