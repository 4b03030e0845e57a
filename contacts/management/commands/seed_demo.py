"""``manage.py seed_demo``: the base demo set (contacts.demo) and then every app's own demo data,
in one transaction."""

import importlib
import importlib.util

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from contacts import demo

# The modules that add their own demo data after the base set (teams, users, units, persons,
# tenancies), in this order. Each has ``seed_demo_data() -> list[str]`` (idempotent, summary
# lines). They are named, not imported: every app sits above or beside contacts, which only
# runs them (the same way for all).
SEEDERS = (
    "accounts.demo",
    "processingregister.demo",
    "contacts.demo",
    "knowledgebase.demo",
    "retention.demo",
    # After the knowledge base and the retention rules: the article made of those rules.
    "knowledgebase.generated",
    "rights.demo",
    "disclosures.demo",
    "api.demo",
)


class Command(BaseCommand):
    help = (
        "Create or restore the demo data set (teams, demo users, units, persons, tenancies, "
        "and each app's own demo data); idempotent, development only (DEBUG on)."
    )

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                report = demo.seed_demo()
                lines = report.lines()
                for module in SEEDERS:
                    if importlib.util.find_spec(module) is None:
                        continue
                    seeder = getattr(importlib.import_module(module), "seed_demo_data", None)
                    if seeder is not None:
                        lines.extend(seeder())
        except demo.DemoDataRefused as exc:
            raise CommandError(str(exc)) from exc
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(lines[0]))
            for line in lines[1:]:
                self.stdout.write(line)
