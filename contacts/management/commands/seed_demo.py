"""``manage.py seed_demo``: the base demo set (contacts.demo) and then every app's own demo data,
in one transaction."""

import importlib
import importlib.util

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from contacts import demo
from knowledgebase.generated import sync_retention_article

# Apps that add their own demo data after the base set (teams, users, units, persons,
# tenancies). Each has ``APP.demo.seed_demo_data() -> list[str]`` (idempotent, summary lines).
APP_SEEDERS = (
    "accounts",
    "processingregister",
    "contacts",
    "knowledgebase",
    "retention",
    "rights",
    "disclosures",
    "api",
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
                for app in APP_SEEDERS:
                    if importlib.util.find_spec(f"{app}.demo") is None:
                        continue
                    seeder = getattr(importlib.import_module(f"{app}.demo"), "seed_demo_data", None)
                    if seeder is not None:
                        lines.extend(seeder())
                # After the knowledge base and the retention rules: the article made of them.
                result = sync_retention_article()
                lines.append(f"  knowledge base: retention article {result.outcome}")
        except demo.DemoDataRefused as exc:
            raise CommandError(str(exc)) from exc
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(lines[0]))
            for line in lines[1:]:
                self.stdout.write(line)
