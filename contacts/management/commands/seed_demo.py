from django.core.management.base import BaseCommand, CommandError

from contacts import demo


class Command(BaseCommand):
    help = (
        "Create or restore the demo data set (teams, demo users, units, persons, tenancies); "
        "idempotent, development only (DEBUG on)."
    )

    def handle(self, *args, **options):
        try:
            report = demo.seed_demo()
        except demo.DemoDataRefused as exc:
            raise CommandError(str(exc)) from exc
        if options["verbosity"] > 0:
            lines = report.lines()
            self.stdout.write(self.style.SUCCESS(lines[0]))
            for line in lines[1:]:
                self.stdout.write(line)
