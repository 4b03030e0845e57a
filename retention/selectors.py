"""Reads of the retention context: the holds and erasures on a person (for the card), the open
reviews a user may decide, the health of the nightly run (/healthz) and the due-date counts
of a rule (admin).
"""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from .models import (
    ErasureLog,
    LegalHold,
    RetentionReview,
    RetentionRule,
    RetentionRun,
    RetentionSchedule,
)

# /healthz turns unhealthy when the last successful nightly run is older than this.
HEALTHY_HOURS = 26


def holds_for_person(person, day: datetime.date | None = None) -> list[LegalHold]:
    """The active holds on a person's file or on any of their records (for the card)."""
    if person is None or person.pk is None:
        return []
    return list(
        LegalHold.objects.active_on(day)
        .filter(person_id=person.pk)
        .select_related("owner", "content_type")
        .order_by("ends_on", "pk")
    )


def erasures_for_person(person) -> list[ErasureLog]:
    if person is None or person.pk is None:
        return []
    return list(ErasureLog.objects.filter(person_id=person.pk).exclude(outcome="refused"))


def open_reviews_for(user):
    reviews = RetentionReview.objects.filter(status=RetentionReview.Status.OPEN)
    if user.has_perm("retention.decide_retentionreview"):
        return reviews
    return reviews.filter(owner=user)


def retention_health(now=None) -> dict:
    """For /healthz: the age of the last successful full run (all rules); 'error' past 26 hours.

    Before the first run the clock starts when the first rule was created, so a fresh install
    is not unhealthy at once, but one whose nightly job never runs becomes so.
    """
    now = now or timezone.now()
    last = (
        RetentionRun.objects.filter(
            status=RetentionRun.Status.SUCCEEDED,
            kind__in=[RetentionRun.Kind.NIGHTLY, RetentionRun.Kind.MANUAL],
            rule_filter="",
        )
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )
    if last is None:
        first_rule = (
            RetentionRule.objects.order_by("created_at")
            .values_list("created_at", flat=True)
            .first()
        )
        if first_rule is None:
            return {"status": "not_configured"}
        waited = (now - first_rule).total_seconds() / 3600
        return {"status": "error" if waited > HEALTHY_HOURS else "pending"}
    age = (now - last).total_seconds() / 3600
    return {
        "status": "error" if age > HEALTHY_HOURS else "ok",
        "last_success_age_hours": round(age, 1),
    }


def schedule_counts(rule) -> dict:
    """Due dates per state, and how many are due today (admin)."""
    today = timezone.localdate()
    rows = rule.schedules.aggregate(
        waiting=Count("pk", filter=Q(state=RetentionSchedule.State.PENDING, due_on__isnull=True)),
        scheduled=Count("pk", filter=Q(state=RetentionSchedule.State.PENDING, due_on__gt=today)),
        due=Count("pk", filter=Q(state=RetentionSchedule.State.PENDING, due_on__lte=today)),
        review=Count("pk", filter=Q(state=RetentionSchedule.State.REVIEW)),
        done=Count("pk", filter=Q(state=RetentionSchedule.State.DONE)),
    )
    return rows
