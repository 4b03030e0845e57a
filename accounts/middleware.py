"""Login middleware: the second-factor gate and the sliding renewal of the session."""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from . import otp

# Views a user who still owes the second factor may open: the second-factor pages themselves
# and logging out. Everything else, the admin pages included, waits for the code.
OPEN_BEFORE_SECOND_FACTOR = frozenset(
    {"otp_verify", "otp_enrol", "logout", "admin:logout", "healthz"}
)


class SecondFactorMiddleware:
    """Keeps users who need a second factor out of every page until they verified it.

    Fails closed: a user of a second-factor role (``accounts.otp.second_factor_required``)
    whose session has no verified device (nor MFA asserted by the identity provider at the
    sign-in) is sent to enrolment (no device yet) or to the code page, with the page they
    asked for as ``next``. Must come after django-otp's OTPMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not otp.second_factor_required(user) or otp.session_verified(request):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        target = reverse("otp_verify" if otp.has_second_factor(user) else "otp_enrol")
        if request.method == "GET":
            target = f"{target}?{urlencode({'next': request.get_full_path()})}"
        return redirect(target)


class SessionRenewalMiddleware:
    """Slides the idle timeout without writing the session on every request.

    A request renews the session (marks it modified, so SessionMiddleware stores it with the
    expiry "now + SESSION_COOKIE_AGE") when its stored expiry is more than
    ``SESSION_RENEW_AFTER_SECONDS`` short of that: the idle timeout then ends between
    ``SESSION_COOKIE_AGE - SESSION_RENEW_AFTER_SECONDS`` and ``SESSION_COOKIE_AGE`` after the
    last request, and at most one request a minute (by default) pays for the write. Needs the
    session store of ``accounts.sessions`` (it knows the stored expiry); comes after the
    authentication middleware, whose user lookup loads the session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        session = getattr(request, "session", None)
        if session is None or session.is_empty():
            return None
        stored = getattr(session, "stored_expiry", None)
        renewed = timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
        slack = datetime.timedelta(seconds=settings.SESSION_RENEW_AFTER_SECONDS)
        if stored is None or renewed - stored > slack:
            session.modified = True
        return None
