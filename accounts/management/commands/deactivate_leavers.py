"""Management command: deactivate the accounts not seen at the identity provider for a while."""

from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.tasks import deactivate_leavers


class Command(BaseCommand):
    help = (
        "Deactivate the accounts from the identity provider that did not sign in there for "
        "OIDC_LEAVER_DAYS days (leavers); superusers are left alone. Also runs nightly."
    )

    def handle(self, *args, **options):
        count = deactivate_leavers()
        self.stdout.write(
            f"{count} account(s) deactivated (not seen for {settings.OIDC_LEAVER_DAYS} days)."
        )
