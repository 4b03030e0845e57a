"""``manage.py arrears_signal --agreement REF --as-of DATE [--threshold N]``: run the arrears
signal to the municipality now, under the covenant with that reference, and print the report.

A run that is already done for the covenant and day is reported, not repeated. Exits non-zero
when the run failed (the covenant refused the disclosure; nothing was disclosed).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from disclosures import arrears
from disclosures.management.options import parse_day
from disclosures.models import DisclosureRun
from processingregister.models import Agreement


class Command(BaseCommand):
    help = (
        "Run the arrears signal (tenants with rent arrears over the threshold) under a covenant "
        "now and print the run report. --as-of defaults to today, --threshold to "
        "DISCLOSURE_ARREARS_THRESHOLD_MONTHS."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--agreement", metavar="REF", required=True, help="Reference of the covenant."
        )
        parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="The day of the selection.")
        parser.add_argument(
            "--threshold", metavar="N", help="Months overdue from which a tenant is included."
        )

    def handle(self, *args, **options):
        day = parse_day(options["as_of"]) if options["as_of"] else timezone.localdate()
        raw = options["threshold"] or settings.DISCLOSURE_ARREARS_THRESHOLD_MONTHS
        try:
            threshold = arrears.parse_decimal(raw)
        except ValueError as exc:
            raise CommandError(
                _("--threshold must be a number of months, not %(value)s.") % {"value": raw}
            ) from exc
        agreement = (
            Agreement.objects.select_related("party").filter(reference=options["agreement"]).first()
        )
        if agreement is None:
            raise CommandError(
                _("No agreement with reference %(ref)s.") % {"ref": options["agreement"]}
            )
        try:
            run = arrears.run_arrears_signal(
                agreement=agreement, as_of=day, threshold_months=threshold
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(arrears.run_report(run))
        if run.status == DisclosureRun.Status.FAILED:
            raise CommandError(_("The run failed: nothing was disclosed."))
