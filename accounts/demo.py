"""Demo second factor: the demo users of the second-factor roles get a known TOTP secret.

``beheerder``, ``avg`` and ``it`` (functional administrator, privacy officer, superuser) must
pass a second factor like everyone in those roles. In the demo they share one fixed, published
secret (``DEMO_TOTP_SECRET``), so a developer can log in without enrolling: add the secret to an
authenticator app, or print the current code with ``manage.py totp_code <username>``.

The secret is as public as the demo password, so this only runs with DEBUG on (like the rest
of the demo data), and ``totp_code`` only answers for these demo devices, with DEBUG on.
"""

import base64

from django.conf import settings

from accounts.models import User

from . import otp

# Base32, 160 bits; published in the README. Demo only.
DEMO_TOTP_SECRET = "KLANTCONTACTDEMOGEHEIMABCDEFGHIJ"  # noqa: S105
DEMO_DEVICE_NAME = "demo"
DEMO_SECOND_FACTOR_USERS = ("beheerder", "avg", "it")


class DemoSecondFactorRefused(Exception):
    pass


def demo_key_hex() -> str:
    return base64.b32decode(DEMO_TOTP_SECRET).hex()


def seed_demo_data() -> list[str]:
    """Enrol the demo users of the second-factor roles with the demo secret (idempotent)."""
    if not settings.DEBUG or settings.PRODUCTION:
        raise DemoSecondFactorRefused("The demo second factor is only made with DEBUG on.")
    enrolled = []
    for user in User.objects.filter(username__in=DEMO_SECOND_FACTOR_USERS).order_by("username"):
        otp.enrol_with_key(user, demo_key_hex(), name=DEMO_DEVICE_NAME)
        enrolled.append(user.username)
    return [
        "  second factor (TOTP) for "
        + ", ".join(enrolled)
        + f": demo secret {otp.grouped(DEMO_TOTP_SECRET)};"
        + " current code: python manage.py totp_code <username>",
    ]
