"""Template tag of the login page: the sign-in through the identity provider, if it is on."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def sign_in_options() -> dict:
    """Whether the provider button shows (and its name), and whether passwords are for all."""
    return {
        "provider": settings.OIDC_ENABLED,
        "provider_name": settings.OIDC_PROVIDER_NAME,
        "local_login": settings.LOCAL_LOGIN or not settings.OIDC_ENABLED,
    }
