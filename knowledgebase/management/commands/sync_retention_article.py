"""Management command: write the article on retention periods from the active rules."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from knowledgebase.generated import sync_retention_article


class Command(BaseCommand):
    help = (
        "Create or update the knowledge-base article 'Hoe lang bewaren we gegevens?' from the "
        "active retention rules; saves nothing when the text is unchanged."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--as-of", help="Use the rules active on this date (YYYY-MM-DD); default today."
        )

    def handle(self, *args, **options):
        day = None
        if options["as_of"]:
            try:
                day = datetime.date.fromisoformat(options["as_of"])
            except ValueError as exc:
                raise CommandError(f"--as-of: {exc}") from exc
        result = sync_retention_article(day=day)
        self.stdout.write(
            f"Retention article {result.article.slug}: {result.outcome} "
            f"(version {result.article.version}, status {result.article.status})."
        )
