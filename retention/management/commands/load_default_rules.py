"""Management command: add missing default retention rules; --reset restores edited ones."""

from django.core.management.base import BaseCommand

from retention.services.rules import load_default_rules


class Command(BaseCommand):
    help = (
        "Create the default retention rules that are missing (by code) and link them to the "
        "processing register; --reset also restores edited rules to the defaults."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Overwrite edited rules.")

    def handle(self, *args, **options):
        created, updated = load_default_rules(update=options["reset"])
        self.stdout.write(f"Default retention rules: {created} created, {updated} updated.")
