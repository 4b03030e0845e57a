"""Demo data of retention: the default rules (linked to the register), a legal hold, a pending
review and a run report. Idempotent; called by ``manage.py seed_demo`` after the contacts.

The demo run executes only the rules that remove none of the demo's records today (the review
rules, and any rule with nothing due), so seeding twice gives the same demo; what the other
rules would do shows with ``manage.py retention_run --dry-run``.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from contacts.models import Person

from . import engine, services
from .models import LegalHold, RetentionReview, RetentionRun

HOLD_REASON = (
    "Procedure over de eindafrekening bij de kantonrechter, zaaknummer C/19/2026-0412. "
    "Dossier bewaren tot de uitspraak onherroepelijk is."
)


def _hold_person():
    """A former tenant (a tenancy ended, none running): the kind of file a dispute keeps."""
    return (
        Person.objects.filter(tenancies__end_date__isnull=False)
        .exclude(tenancies__end_date__isnull=True)
        .order_by("relation_number")
        .first()
    )


def seed_hold(officer) -> int:
    person = _hold_person()
    if person is None or officer is None:
        return 0
    if LegalHold.objects.filter(person=person, reason=HOLD_REASON).exists():
        return 0
    today = timezone.localdate()
    services.place_hold(
        person=person,
        owner=officer,
        reason_kind=LegalHold.Reason.LITIGATION,
        reason=HOLD_REASON,
        starts_on=today - datetime.timedelta(days=40),
        ends_on=today + datetime.timedelta(days=365),
    )
    return 1


def seed_run() -> RetentionRun | None:
    """A real run of the rules that leave the demo's records in place."""
    if RetentionRun.objects.exists():
        return None
    harmless = [
        preview.rule.code
        for preview in engine.preview()
        if not preview.not_enforced and preview.removes == 0
    ]
    if not harmless:
        return None
    try:
        return engine.run_now(kind=RetentionRun.Kind.MANUAL, rule_code=harmless)
    except engine.RunLocked:
        return None


def seed_demo_data() -> list[str]:
    officer = get_user_model().objects.filter(username="avg").first()
    created, updated = services.load_default_rules()
    holds = seed_hold(officer)
    run = seed_run()
    lines = [f"  retention: {created} default rules created, {updated} linked to the register"]
    lines.append(
        f"  retention: {LegalHold.objects.active_on().count()} active legal holds ({holds} new)"
    )
    open_reviews = RetentionReview.objects.filter(status=RetentionReview.Status.OPEN).count()
    if run is not None:
        lines.append(
            f"  retention: run #{run.pk} ({run.rule_reports.count()} rules), "
            f"{open_reviews} reviews pending"
        )
    else:
        lines.append(f"  retention: {open_reviews} reviews pending (run report already present)")
    return lines
