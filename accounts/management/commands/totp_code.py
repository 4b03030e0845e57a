"""Development-only command: print a demo user's current second-factor code (DEBUG on)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo import DEMO_DEVICE_NAME


class Command(BaseCommand):
    help = (
        "Development only (DEBUG on): print the current second-factor code of a demo user "
        "(beheerder, avg, it) from the demo secret that seed_demo gave them."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if not settings.DEBUG or settings.PRODUCTION:
            raise CommandError("totp_code only works with DEBUG on, for the demo users.")
        device = (
            TOTPDevice.objects.filter(
                user__username=username, name=DEMO_DEVICE_NAME, confirmed=True
            )
            .order_by("pk")
            .first()
        )
        if device is None:
            raise CommandError(
                f"{username!r} has no demo second factor; run `manage.py seed_demo` first "
                "(only beheerder, avg and it get one)."
            )
        now = time.time()
        generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        generator.time = now
        code = generator.token()
        remaining = int(device.step - (now - device.t0) % device.step)
        self.stdout.write(f"{code:0{device.digits}d}")
        if options["verbosity"] > 1:
            self.stderr.write(f"valid for another {remaining} seconds")
