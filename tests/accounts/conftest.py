"""Fixtures of the accounts tests: the real OpenID provider on loopback."""

from .oidc_provider import oidc_provider, oidc_settings  # noqa: F401 (fixtures)
