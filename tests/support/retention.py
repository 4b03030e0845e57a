"""Shared set-up of the retention tests on holds, keep decisions, the dry run and restriction:
the run lock, no default rules, a run at a date, times of day, and the usual rules."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from contacts.models import Person
from retention.models import RetentionRule
from tests.factories import RetentionRuleFactory

D = datetime.date


@pytest.fixture(autouse=True)
def fresh_run_lock():
    """The lock may live in Redis, outside the test's transaction."""
    from retention import locks

    locks.force_release()
    yield
    locks.force_release()


@pytest.fixture(autouse=True)
def only_the_tests_rules(db):
    """The default rules (data migration) would act on the test data too."""
    RetentionRule.objects.all().delete()


def run(as_of: datetime.date, *extra) -> str:
    out = StringIO()
    call_command("retention_run", "--as-of", as_of.isoformat(), *extra, stdout=out)
    return out.getvalue()


def at(day: datetime.date, hour=10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def registered_on(person, day) -> None:
    Person.objects.filter(pk=person.pk).update(created_at=at(day))


def rule(code, target, action="delete", **kwargs):
    """A rule counted from the record's creation (2 years) unless told otherwise."""
    return RetentionRuleFactory(code=code, target=target, action=action, **kwargs)


def contact_rule(**kwargs):
    values = {"trigger": "date_field", "trigger_field": "occurred_at"}
    return rule("contacten", "contact_moment", "anonymise", **{**values, **kwargs})


def person_rule(**kwargs):
    return rule("personen", "person", **{"trigger": "last_contact", **kwargs})


def counts(run_) -> dict:
    """{rule code: (deleted, anonymised, sent to review, skipped for a hold, kept longer)}."""
    return {
        report.rule.code: (
            report.deleted,
            report.anonymised,
            report.sent_to_review,
            report.skipped_hold,
            report.kept_longer,
        )
        for report in run_.rule_reports.select_related("rule")
        if not report.not_enforced
    }
