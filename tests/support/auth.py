"""Signing in in tests: TOTP codes computed with the standard library (RFC 6238, independently
of django-otp), enrolling a known secret, and a login that counts as second-factor verified."""

import base64
import hashlib
import hmac
import re
import struct
import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import otp

KNOWN_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # base32, 20 bytes; test only


def totp_code(secret_b32: str, at: float | None = None, *, step: int = 30, digits: int = 6) -> str:
    """The TOTP code (RFC 6238, HMAC-SHA1) of a base32 secret at Unix time ``at``."""
    secret = re.sub(r"\s", "", secret_b32).upper()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // step)
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = (struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**digits
    return f"{value:0{digits}d}"


def enrol(user, secret=KNOWN_SECRET) -> TOTPDevice:
    return otp.enrol_with_key(user, base64.b32decode(secret).hex())


def verified_login(client, user):
    """Log in as an admin-page role, second factor included (staff roles need one)."""
    client.force_login(user)
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name="authenticator", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
