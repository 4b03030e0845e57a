"""The accounts app's views: the team leader's team overview and the second-factor pages."""

import math
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from klantcontact.redirects import safe_next

from . import otp, roles, services
from .decorators import role_view, scoped_view
from .forms import SecondFactorCodeForm


@role_view(roles.TEAM_LEADER)
def team_overview(request):
    """Team leader: the teams they lead and who works in them."""
    teams = [(team, services.members_of(team)) for team in services.teams_led_by(request.user)]
    return render(request, "accounts/team_overview.html", {"teams": teams})


# --- Second factor (TOTP) -----------------------------------------------------------------------
# Open to any logged-in employee: they show and change nothing but the user's own second factor
# (no personal data of tenants). Users who do not need a second factor are sent to the start page.


def _next_url(request) -> str:
    return safe_next(request, resolve_url(settings.LOGIN_REDIRECT_URL))


def _throttled_message(retry_after) -> str:
    seconds = max(1, math.ceil((retry_after - timezone.now()).total_seconds()))
    return ngettext(
        "Too many wrong codes. Wait %(seconds)s second and try again.",
        "Too many wrong codes. Wait %(seconds)s seconds and try again.",
        seconds,
    ) % {"seconds": seconds}


@scoped_view
@never_cache
@require_http_methods(["GET", "POST"])
def second_factor_verify(request):
    """After the password: a code from the authenticator app, or a backup code."""
    user = request.user
    next_url = _next_url(request)
    if not otp.second_factor_required(user) or otp.session_verified(request):
        return redirect(next_url)
    if not otp.has_second_factor(user):
        return redirect(f"{reverse('otp_enrol')}?{urlencode({'next': next_url})}")
    form = SecondFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = otp.verify_code(user, form.cleaned_data["code"])
        if result.ok:
            otp.complete_login(request, result.device)
            return redirect(next_url)
        if result.retry_after:
            form.add_error("code", _throttled_message(result.retry_after))
        else:
            form.add_error("code", _("This code is not correct (or was already used)."))
    return render(
        request,
        "accounts/second_factor_verify.html",
        {"form": form, "next": next_url, "nav_items": []},
    )


@scoped_view
@never_cache
@require_http_methods(["GET", "POST"])
def second_factor_enrol(request):
    """First login of a second-factor role: link an authenticator app (secret as text and QR)."""
    user = request.user
    next_url = _next_url(request)
    if not otp.second_factor_required(user) or otp.session_verified(request):
        return redirect(next_url)
    if otp.has_second_factor(user):
        return redirect(f"{reverse('otp_verify')}?{urlencode({'next': next_url})}")
    device = otp.pending_totp_device(user)
    form = SecondFactorCodeForm(request.POST or None, digits_only=True)
    if request.method == "POST" and form.is_valid():
        result = otp.confirm_enrolment(device, form.cleaned_data["code"])
        if result.ok:
            otp.complete_login(request, result.device)
            request.session[otp.SHOW_BACKUP_CODES_SESSION_KEY] = True
            return redirect(f"{reverse('otp_backup_codes')}?{urlencode({'next': next_url})}")
        if result.retry_after:
            form.add_error("code", _throttled_message(result.retry_after))
        else:
            form.add_error(
                "code",
                _("This code is not correct. Check the time on your phone and try the next code."),
            )
    secret = otp.secret_base32(device)
    return render(
        request,
        "accounts/second_factor_enrol.html",
        {
            "form": form,
            "next": next_url,
            "nav_items": [],
            "secret": otp.grouped(secret),
            "qr_svg": otp.qr_svg(device.config_url, label=_("QR code for the authenticator app")),
            "issuer": settings.OTP_TOTP_ISSUER,
            "account": user.get_username(),
        },
    )


@scoped_view
@never_cache
@require_http_methods(["GET", "POST"])
def second_factor_backup_codes(request):
    """Backup codes: shown once right after they are made; new ones replace all old ones."""
    user = request.user
    if not otp.second_factor_required(user):
        return redirect(settings.LOGIN_REDIRECT_URL)
    next_url = _next_url(request)
    if request.method == "POST":
        otp.new_backup_codes(user)
        request.session[otp.SHOW_BACKUP_CODES_SESSION_KEY] = True
        return redirect(f"{reverse('otp_backup_codes')}?{urlencode({'next': next_url})}")
    show = request.session.pop(otp.SHOW_BACKUP_CODES_SESSION_KEY, False)
    codes = otp.backup_codes(user)
    return render(
        request,
        "accounts/second_factor_backup_codes.html",
        {
            "codes": codes if show else [],
            "remaining": len(codes),
            "next": next_url,
        },
    )
