"""Management command: load or update the VERA reference code lists (idempotent)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from referencedata.services import DEFAULT_SOURCE, ReferenceDataError, load_reference_codes


class Command(BaseCommand):
    help = "Load or update the VERA reference code lists the product uses (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_SOURCE), help="VERA CSV file")

    def handle(self, *args, path, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"No such file: {source}")
        try:
            report = load_reference_codes(source)
        except ReferenceDataError as exc:
            raise CommandError(f"{source}: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"Reference data loaded: {report}"))
