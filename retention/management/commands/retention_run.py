"""Management command: run the retention rules now, or see what they would do (--dry-run)."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from retention import engine
from retention.models import RetentionRule, RetentionRun


def parse_day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--as-of must be a date as YYYY-MM-DD, not {value!r}") from exc


class Command(BaseCommand):
    help = (
        "Run the retention rules now: delete, anonymise or send for review what has expired. "
        "--dry-run prints what would happen and changes nothing; --as-of evaluates the rules "
        "at another date; --rule runs one rule."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Change nothing; print.")
        parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="Evaluate at this date.")
        parser.add_argument("--rule", metavar="CODE", default="", help="Only this rule.")

    def handle(self, *args, **options):
        day = parse_day(options["as_of"]) if options["as_of"] else timezone.localdate()
        code = options["rule"]
        if code and not RetentionRule.objects.filter(code=code).exists():
            raise CommandError(f"No retention rule with code {code!r}.")
        if code and not RetentionRule.objects.active_on(day).filter(code=code).exists():
            raise CommandError(f"Rule {code!r} is not active on {day.isoformat()}.")
        if options["dry_run"]:
            self.dry_run(day, code)
            return
        if settings.PRODUCTION and day > timezone.localdate():
            raise CommandError("A real run in the future would remove data early; use --dry-run.")
        try:
            run = engine.run_now(kind=RetentionRun.Kind.MANUAL, as_of=day, rule_code=code)
        except engine.RunLocked as exc:
            raise CommandError("Another retention run holds the lock; try again later.") from exc
        self.stdout.write(f"Retention run #{run.pk} at {day.isoformat()}: {run.status}")
        for report in run.rule_reports.select_related("rule").order_by("rule__code"):
            if report.not_enforced:
                self.stdout.write(f"  {report.rule.code}: not held in this application")
                continue
            self.stdout.write(
                f"  {report.rule.code}: {report.deleted} deleted, {report.anonymised} "
                f"anonymised, {report.sent_to_review} sent to review, {report.skipped_hold} "
                f"skipped for a legal hold, {report.kept_longer} kept for a longer duty, "
                f"{report.errors} errors, {report.scheduled} due dates computed, "
                f"{report.rescheduled} moved ({report.duration_ms} ms)"
            )

    def dry_run(self, day, code):
        self.stdout.write(f"Dry run at {day.isoformat()}: nothing is changed.")
        for preview in engine.preview(day, code):
            rule = preview.rule
            if preview.not_enforced:
                self.stdout.write(f"  {rule.code}: not held in this application")
                continue
            if preview.at_event and not preview.removes:
                self.stdout.write(
                    f"  {rule.code}: applies when the event '{rule.event_code}' is recorded"
                )
                continue
            counts = preview.counts
            verb = {"delete": "delete", "anonymise": "anonymise", "review": "send to review"}
            total = sum(counts[name] for name in ("deleted", "anonymised", "sent_to_review"))
            self.stdout.write(
                f"  {rule.code}: would {verb[rule.action]} {total}, skip {counts['skipped_hold']} "
                f"for a legal hold, keep {counts['kept_longer']} for a longer duty"
                + (
                    f"; {counts['not_yet_due']} moved to a later date"
                    if counts["not_yet_due"]
                    else ""
                )
            )
            if preview.sample:
                ids = ", ".join(str(pk) for pk in preview.sample)
                self.stdout.write(f"    sample record ids ({rule.target}): {ids}")
