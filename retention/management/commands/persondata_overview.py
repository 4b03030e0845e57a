"""Print who holds what about a person (``retention.holdings``) as a Markdown table."""

from django.core.management.base import BaseCommand
from django.utils import translation

from retention import holdings


class Command(BaseCommand):
    help = "Print every kind of person data the registry declares, with path, retention, erasure."

    def add_arguments(self, parser):
        parser.add_argument("--language", default="en", help="Language of the labels (en, nl).")

    def handle(self, *args, language, **options):
        with translation.override(language):
            rows = holdings.holdings()
            self.stdout.write("| Model | Path to the person | Retention | Erasure |")
            self.stdout.write("|---|---|---|---|")
            for row in rows:
                retention = "; ".join(
                    f"`{key}`: {phrase}" if key else phrase for key, phrase in row.retention
                )
                if not retention:
                    retention = "with its parent" if row.part_of else "(none)"
                self.stdout.write(
                    f"| `{row.model}` | {', '.join(f'`{p}`' for p in row.paths)} "
                    f"| {retention} | {row.erasure} |"
                )
            for _label, model, fields in holdings.mentions():
                self.stdout.write(f"| `{model}` (mentions) | {', '.join(fields)} | — | swept |")
