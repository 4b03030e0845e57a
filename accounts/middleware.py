from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from . import otp

# Views a user who still owes the second factor may open: the second-factor pages themselves
# and logging out. Everything else, the admin pages included, waits for the code.
OPEN_BEFORE_SECOND_FACTOR = frozenset(
    {"otp_verify", "otp_enrol", "logout", "admin:logout", "healthz"}
)


class SecondFactorMiddleware:
    """Keeps users who need a second factor out of every page until they verified it.

    Fails closed: a user of a second-factor role (``accounts.otp.second_factor_required``)
    whose session has no verified device is sent to enrolment (no device yet) or to the code
    page, with the page they asked for as ``next``. Must come after django-otp's OTPMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not otp.second_factor_required(user) or otp.is_verified(user):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        target = reverse("otp_verify" if otp.has_second_factor(user) else "otp_enrol")
        if request.method == "GET":
            target = f"{target}?{urlencode({'next': request.get_full_path()})}"
        return redirect(target)
