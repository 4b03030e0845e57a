"""The second factor: TOTP (RFC 6238, authenticator apps) with static backup codes, on django-otp.

Who needs it: the privacy officer, the functional administrator and superusers
(``second_factor_required``). ``accounts.middleware.SecondFactorMiddleware`` keeps them out of
every page, the admin pages included, until they verified a code in the current session.

- Enrolment: a user without a confirmed TOTP device gets an unconfirmed one with a random
  secret, shown as text and as a QR code (SVG made here, no external service); the first valid
  code confirms it and creates ``BACKUP_CODE_COUNT`` one-time backup codes.
- Verification: a six-digit code from the app, or one backup code (used up when accepted).
  Wrong codes are throttled per device by django-otp (1, 2, 4, 8 ... seconds), and a code can
  be used only once.
- Recovery: a backup code, or a superuser resets the second factor (admin action on employees,
  or ``manage.py reset_second_factor USERNAME``); the user then enrols again at the next login.
"""

import base64
import logging
import re
from dataclasses import dataclass
from datetime import datetime

import qrcode
from django.db import transaction
from django.utils.html import format_html
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import roles

logger = logging.getLogger(__name__)

SECOND_FACTOR_ROLES = frozenset({roles.PRIVACY_OFFICER, roles.FUNCTIONAL_ADMINISTRATOR})
DEVICE_NAME = "authenticator"
BACKUP_DEVICE_NAME = "backup"
BACKUP_CODE_COUNT = 10
TOTP_CODE = re.compile(r"\d{6}")
# Session flag: show the backup codes once, right after they were made.
SHOW_BACKUP_CODES_SESSION_KEY = "accounts_show_backup_codes"


def second_factor_required(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or roles.user_roles(user) & SECOND_FACTOR_ROLES)


def is_verified(user) -> bool:
    """Whether this session's user passed the second factor (set by django-otp's middleware)."""
    return getattr(user, "otp_device", None) is not None


# Session flag: at this sign-in the identity provider asserted multi-factor authentication
# (accounts.oidc.mfa_asserted); it counts as the second factor for the rest of the session.
PROVIDER_MFA_SESSION_KEY = "accounts_provider_mfa"


def session_verified(request) -> bool:
    """Whether this session passed a second factor: a code here, or MFA at the provider."""
    if is_verified(request.user):
        return True
    session = getattr(request, "session", None)
    return bool(session is not None and session.get(PROVIDER_MFA_SESSION_KEY))


def confirmed_totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_totp_device(user) -> TOTPDevice:
    """The unconfirmed device of an enrolment in progress; the same secret until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_base32(device: TOTPDevice) -> str:
    """The secret as the base32 text an authenticator app accepts (no padding)."""
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def grouped(secret: str, size: int = 4) -> str:
    return " ".join(secret[i : i + size] for i in range(0, len(secret), size))


def qr_svg(data: str, *, label: str) -> str:
    """An inline SVG QR code for ``data`` (the otpauth:// URI), drawn from qrcode's matrix.

    No image library, no external QR service and no style attributes (CSP style-src 'self').
    """
    code = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix)
    path = "".join(
        f"M{x} {y}h1v1h-1z" for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark
    )
    return format_html(
        '<svg class="qr-code" viewBox="0 0 {size} {size}" width="240" height="240" '
        'role="img" aria-label="{label}" shape-rendering="crispEdges">'
        '<rect width="{size}" height="{size}" fill="#fff"/>'
        '<path d="{path}" fill="#000"/></svg>',
        size=size,
        label=label,
        path=path,
    )


def normalise_code(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


@dataclass(frozen=True)
class Verification:
    device: object | None = None
    retry_after: datetime | None = None  # set when wrong codes are being throttled

    @property
    def ok(self) -> bool:
        return self.device is not None


def _check(device, code: str) -> Verification:
    allowed, info = device.verify_is_allowed()
    if not allowed:
        return Verification(retry_after=(info or {}).get("locked_until"))
    if device.verify_token(code):
        return Verification(device=device)
    return Verification()


@transaction.atomic
def verify_code(user, code: str) -> Verification:
    """Check a code from the app (six digits) or a backup code against the user's devices."""
    code = normalise_code(code)
    if not code:
        return Verification()
    model = TOTPDevice if TOTP_CODE.fullmatch(code) else StaticDevice
    devices = model.objects.select_for_update().filter(user=user, confirmed=True).order_by("pk")
    result = Verification()
    for device in devices:
        result = _check(device, code)
        if result.ok or result.retry_after:
            break
    if not result.ok:
        logger.warning("Wrong second-factor code for employee #%s", user.pk)
    return result


def backup_codes(user) -> list[str]:
    return list(
        StaticToken.objects.filter(device__user=user, device__confirmed=True)
        .order_by("pk")
        .values_list("token", flat=True)
    )


@transaction.atomic
def new_backup_codes(user, count: int = BACKUP_CODE_COUNT) -> list[str]:
    """Replace the user's backup codes with ``count`` new ones."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.token_set.all().delete()
    tokens = [StaticToken.random_token() for _ in range(count)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=t) for t in tokens)
    return tokens


@transaction.atomic
def confirm_enrolment(device: TOTPDevice, code: str) -> Verification:
    """Confirm an enrolment with the first code from the app; makes the backup codes."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    code = normalise_code(code)
    if device.confirmed or not TOTP_CODE.fullmatch(code):
        return Verification()
    result = _check(device, code)
    if result.ok:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        new_backup_codes(device.user)
        logger.info("Second factor enrolled for employee #%s", device.user_id)
    return result


def enrol_with_key(user, key_hex: str, *, name: str = DEVICE_NAME) -> TOTPDevice:
    """Give the user exactly one confirmed TOTP device with a known secret (demo users, tests)."""
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user, name=name).order_by("pk").first()
        if device is None:
            device = TOTPDevice(user=user, name=name)
        if device.key != key_hex or not device.confirmed:
            device.key = key_hex
            device.confirmed = True
            device.last_t = -1
            device.drift = 0
            device.save()
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    return device


def complete_login(request, device) -> None:
    """Mark this session as verified with ``device`` (a new session key: a privilege change)."""
    otp_login(request, device)
    request.session.cycle_key()


def mark_session_verified(session, device) -> None:
    """Record in a stored session that it passed the second factor (used by test fixtures)."""
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@transaction.atomic
def reset_second_factor(user) -> int:
    """Remove every second-factor device of the user (they enrol again at the next login)."""
    deleted = 0
    for model in (TOTPDevice, StaticDevice):
        for device in model.objects.filter(user=user):
            device.delete()  # one by one, so the audit trail records each removal
            deleted += 1
    logger.info("Second factor reset for employee #%s", user.pk)
    return deleted


def forget_provider_mfa(sender, request, user, **kwargs):
    """At every login (user_logged_in): the provider's MFA of an earlier sign-in no longer
    counts; the sign-in through the provider sets it again when the provider asserts it."""
    if request is not None and hasattr(request, "session"):
        request.session.pop(PROVIDER_MFA_SESSION_KEY, None)
