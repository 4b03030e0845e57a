"""``manage.py import_arrears FILE.csv --as-of YYYY-MM-DD``: load the ERP's arrears positions.

The file is ';'-separated, UTF-8, with the header ``contract_number;months_overdue;amount``
(amount in euros, "1234,56" or "1234.56"). All rows or none: with any bad row the command
prints the problems per line and writes nothing.
"""

import csv

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from disclosures import arrears
from disclosures.management.options import parse_day

COLUMNS = ("contract_number", "months_overdue", "amount")


class Command(BaseCommand):
    help = (
        "Load the rent arrears positions of a day from the tenant administration (a "
        "';'-separated file with the header contract_number;months_overdue;amount). Nothing is "
        "written when any row is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE.csv", help="The ERP's arrears file.")
        parser.add_argument(
            "--as-of", metavar="YYYY-MM-DD", required=True, help="The day of the positions."
        )

    def handle(self, *args, **options):
        day = parse_day(options["as_of"])
        path = options["file"]
        try:
            with open(path, encoding="utf-8-sig", newline="") as handle:
                reader = csv.DictReader(handle, delimiter=";")
                header = [(name or "").strip() for name in (reader.fieldnames or [])]
                missing = [name for name in COLUMNS if name not in header]
                if missing:
                    raise CommandError(
                        _("The file lacks the columns %(columns)s (header: %(header)s).")
                        % {"columns": ", ".join(missing), "header": ";".join(COLUMNS)}
                    )
                reader.fieldnames = header
                rows = []
                for row in reader:
                    values = {name: (row.get(name) or "").strip() for name in COLUMNS}
                    if any(values.values()):  # not a line of only ';'
                        rows.append({**values, "line": reader.line_num})
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": path, "error": exc.strerror}
            ) from exc
        except UnicodeDecodeError as exc:
            raise CommandError(_("%(path)s is not a UTF-8 file.") % {"path": path}) from exc
        try:
            result = arrears.import_positions(rows, as_of=day)
        except ValidationError as exc:
            raise CommandError(
                "\n".join(
                    [_("Nothing was imported; correct the file and try again:"), *exc.messages]
                )
            ) from exc
        self.stdout.write(
            _(
                "%(rows)s rows read for %(day)s: %(created)s positions added, %(updated)s "
                "replaced, %(not_current)s rows of a contract without a current tenancy skipped."
            )
            % {
                "rows": result.rows,
                "day": day.isoformat(),
                "created": result.created,
                "updated": result.updated,
                "not_current": result.not_current,
            }
        )
