"""Management command: after a backup restore, erase again whom the erasure log lists."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from retention.services import replay


class Command(BaseCommand):
    help = (
        "After restoring a database backup: erase again every person whose erasure on request "
        "is in the erasure log (ERASURE_LOG_PATH) but not in the restored database. Idempotent: "
        "run it again and nothing changes. --dry-run only counts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--path", default="", help="The erasure log (default: the ERASURE_LOG_PATH setting)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Change nothing; count.")

    def handle(self, *args, **options):
        path = options["path"] or settings.ERASURE_LOG_PATH
        if not path:
            raise CommandError("No erasure log: set ERASURE_LOG_PATH or pass --path.")
        try:
            entries, bad = replay.read_erasure_log(path)
        except FileNotFoundError as exc:
            raise CommandError(f"No erasure log at {path}.") from exc
        for number in bad:
            self.stderr.write(f"line {number} of {path} is unreadable; skipped")
        pending, skipped = replay.erasures_to_replay(entries)
        self.stdout.write(f"{len(entries)} erasures in the log {path}")
        for why, count in sorted(skipped.items()):
            self.stdout.write(f"  {count} skipped: {why}")
        if options["dry_run"]:
            self.stdout.write(f"  {len(pending)} would be erased again (dry run: nothing changed)")
            for entry in pending:
                self.stdout.write(f"    erasure #{entry['erasure']}: person {entry['person']}")
            return
        replayed = replay.replay_erasures(
            [
                {"pk": entry["erasure"], "person_id": entry["person"], "outcome": entry["outcome"]}
                for entry in pending
            ]
        )
        self.stdout.write(f"  {replayed} erased again")
        if replayed < len(pending):
            self.stdout.write(
                f"  {len(pending) - replayed} refused: a legal hold now keeps the person's data"
            )
