"""The sign-in through the identity provider: start, callback, no-access page, and sign-out.

All are off (404) unless ``OIDC_ENABLED``. The callback marks the session as second-factor
verified when the provider asserted MFA (``accounts.otp.session_verified``); without it the
roles that need a second factor pass the project's own TOTP step (accounts.middleware). Sign-out
ends the session at the provider too (RP-initiated logout) when the session came from there.
"""

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from mozilla_django_oidc import views as oidc_views

from . import oidc, otp
from .decorators import public_view


class _ProviderSettings:
    @staticmethod
    def get_settings(attr, *args):
        return oidc.provider_setting(attr, *args)

    def dispatch(self, request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class SignInView(_ProviderSettings, oidc_views.OIDCAuthenticationRequestView):
    def __init__(self, *args, **kwargs):
        # The endpoint is read when a sign-in starts (dispatch), not for a disabled provider.
        oidc_views.View.__init__(self, *args, **kwargs)

    def get(self, request):
        self.OIDC_OP_AUTH_ENDPOINT = self.get_settings("OIDC_OP_AUTHORIZATION_ENDPOINT")
        self.OIDC_RP_CLIENT_ID = self.get_settings("OIDC_RP_CLIENT_ID")
        return super().get(request)


class CallbackView(_ProviderSettings, oidc_views.OIDCAuthenticationCallbackView):
    def login_success(self):
        if getattr(self.user, "oidc_no_access", False):
            return self._no_access()
        response = super().login_success()
        self.request.session[otp.PROVIDER_MFA_SESSION_KEY] = bool(
            getattr(self.user, "provider_mfa", False)
        )
        return response

    def _no_access(self):
        self.request.session.pop(oidc.ID_TOKEN_SESSION_KEY, None)
        return render(
            self.request,
            "accounts/no_access.html",
            {"provider_name": settings.OIDC_PROVIDER_NAME, "nav_items": []},
            status=403,
        )

    def login_failure(self):
        self.request.session.pop(oidc.ID_TOKEN_SESSION_KEY, None)
        messages.error(
            self.request,
            _("Signing in through %(provider)s did not succeed. Please try again.")
            % {"provider": settings.OIDC_PROVIDER_NAME},
        )
        return HttpResponseRedirect(reverse(settings.LOGIN_URL))


sign_in = public_view(never_cache(SignInView.as_view()))
callback = public_view(never_cache(CallbackView.as_view()))

_local_logout = auth_views.LogoutView.as_view()


def _provider_logout(request):
    """Log out here, then send the browser on to the provider's end session. Not by a redirect:
    the logout form's page allows forms to post only to this site (CSP form-action 'self'),
    and browsers apply that to a redirect after the post too. A page that moves on by itself
    (meta refresh, with a link as fallback) is an ordinary navigation."""
    end_session_url = oidc.provider_logout_url(request)
    auth.logout(request)
    return render(
        request,
        "accounts/provider_logout.html",
        {"end_session_url": end_session_url, "provider_name": settings.OIDC_PROVIDER_NAME},
    )


@require_POST
def logout(request, *args, **kwargs):
    """Log out; a session from the provider is also ended there (RP-initiated logout:
    end_session_endpoint with id_token_hint and post_logout_redirect_uri)."""
    if settings.OIDC_ENABLED and request.session.get(oidc.ID_TOKEN_SESSION_KEY):
        return _provider_logout(request)
    return _local_logout(request, *args, **kwargs)
