"""Management command: remove an employee's lost second factor; they set up a new one."""

from django.core.management.base import BaseCommand, CommandError

from accounts import otp
from accounts.models import User


class Command(BaseCommand):
    help = (
        "Remove the second factor (authenticator app and backup codes) of an employee who lost "
        "it; they set up a new one at their next login. Check who is asking first."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No employee with username {username!r}.")
        removed = otp.reset_second_factor(user)
        self.stdout.write(
            f"Second factor of {username} reset ({removed} device(s) removed); "
            "they set up a new one at their next login."
        )
