"""``manage.py import_erp <kind> <file>``: persons, units or tenancies from an ERP export."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from erpimport import formats, services
from erpimport.models import ImportRun


class Command(BaseCommand):
    help = "Import persons, units or tenancies from an ERP export (CSV or JSON Lines)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=ImportRun.Kind.values)
        parser.add_argument("file", help="a .csv or .jsonl file (UTF-8)")
        parser.add_argument("--dry-run", action="store_true", help="check and count, store nothing")
        parser.add_argument(
            "--full",
            action="store_true",
            help="tenancies only: the file holds every tenancy; end the open ones it lacks",
        )
        parser.add_argument(
            "--max-end-share",
            type=float,
            default=services.MAX_END_SHARE,
            help="a full sync ending more than this share of open tenancies is refused (0.10)",
        )
        parser.add_argument("--chunk-size", type=int, default=services.CHUNK_SIZE)
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        if options["chunk_size"] < 1:
            raise CommandError(_("--chunk-size must be at least 1."))
        size = path.stat().st_size or 1
        with path.open("rb") as stream:
            try:
                fmt = formats.format_of(path.name)
                rows = formats.read_rows(options["kind"], stream, fmt)
                progress = None
                if not options["no_progress"] and sys.stderr.isatty():
                    progress = self._progress_bar(stream, size)
                run = services.import_rows(
                    options["kind"],
                    rows,
                    file_name=path.name,
                    dry_run=options["dry_run"],
                    full_sync=options["full"],
                    max_end_share=options["max_end_share"],
                    chunk_size=options["chunk_size"],
                    progress=progress,
                )
            except (formats.FileRefused, services.ImportRefused) as exc:
                raise CommandError(str(exc)) from exc
        if progress:
            sys.stderr.write("\n")
        self.stdout.write(summary(run))
        if run.refused:
            raise CommandError(
                _("%(n)s rows refused; the other rows went in.") % {"n": run.refused},
                returncode=3,
            )

    @staticmethod
    def _progress_bar(stream, size):
        def show(rows_done):
            share = min(1.0, stream.tell() / size)
            bar = "#" * int(share * 30)
            sys.stderr.write(f"\r[{bar:<30}] {share:6.1%}  {rows_done:,} rows")
            sys.stderr.flush()

        return show


def summary(run: ImportRun) -> str:
    """The run's counts and its first refusals, as the terminal shows them."""
    lines = [
        _("Import run #%(id)s (%(kind)s)%(dry)s: %(status)s")
        % {
            "id": run.pk,
            "kind": run.get_kind_display(),
            "dry": _(", dry run: nothing stored") if run.dry_run else "",
            "status": run.get_status_display(),
        },
        _(
            "rows %(rows)s, created %(c)s, updated %(u)s, unchanged %(n)s, ended %(e)s, "
            "refused %(r)s"
        )
        % {
            "rows": run.rows,
            "c": run.created,
            "u": run.updated,
            "n": run.unchanged,
            "e": run.ended,
            "r": run.refused,
        },
    ]
    for refusal in run.refusals[:20]:
        lines.append(_("  row %(row)s: %(reason)s") % refusal)
    if run.refused > 20:
        lines.append(
            _("  ... and %(n)s more (see the import run in the admin)") % {"n": run.refused - 20}
        )
    return "\n".join(lines)
