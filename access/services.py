"""Rules of break-the-glass, notifications and the privacy officer's access review."""

import datetime
import statistics

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Team, User
from accounts.services import teams_led_by, teams_of
from audit.models import AccessLogEntry
from klantcontact.enqueue import enqueue_on_commit

from .models import AccessAlert, BreakGlassGrant, Notification

EXPLANATION_MIN_LENGTH = 10


@transaction.atomic
def break_the_glass(user, person, *, reason: str, explanation: str) -> BreakGlassGrant:
    """Grant ``user`` time-limited access to one person, signal it and queue it for review."""
    explanation = (explanation or "").strip()
    if reason not in BreakGlassGrant.Reason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    if len(explanation) < EXPLANATION_MIN_LENGTH:
        raise ValidationError(
            {
                "explanation": _("Explain in at least %(n)s characters why you need this file.")
                % {"n": EXPLANATION_MIN_LENGTH}
            }
        )
    now = timezone.now()
    grant = BreakGlassGrant.objects.create(
        employee=user,
        person=person,
        reason=reason,
        explanation=explanation,
        granted_at=now,
        expires_at=now + datetime.timedelta(hours=settings.BREAK_GLASS_HOURS),
    )
    AccessAlert.objects.create(kind=AccessAlert.Kind.BREAK_THE_GLASS, employee=user, grant=grant)
    leaders = team_leaders_for(user, person)
    text = _("%(employee)s used break-the-glass to open a file outside their scope.") % {
        "employee": user.get_full_name() or user.get_username()
    }
    link = reverse("access:employee_log", args=[user.pk])
    Notification.objects.bulk_create(
        [Notification(recipient=leader, text=text, link=link) for leader in leaders]
    )
    if settings.MAIL_CONFIGURED and leaders:
        # a cycle: access.tasks imports this module
        from .tasks import mail_break_glass

        # Queued after commit; run here when Redis is down, so the mail is not lost.
        enqueue_on_commit(mail_break_glass, grant.pk, [leader.pk for leader in leaders])
    return grant


def team_leaders_for(user, person) -> list[User]:
    """Leaders of the person's teams and of the employee's own teams (never the employee)."""
    teams = Team.objects.filter(
        Q(units__tenancies__person=person) | Q(pk__in=teams_of(user).values("pk"))
    ).distinct()
    return list(
        User.objects.filter(groups__team_of_leaders__in=teams, is_active=True)
        .exclude(pk=user.pk)
        .distinct()
        .order_by("pk")
    )


# --- Notifications ----------------------------------------------------------------------------


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(user, notification_ids=None) -> int:
    notifications = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        notifications = notifications.filter(pk__in=notification_ids)
    return notifications.update(read_at=timezone.now())


# --- Review -----------------------------------------------------------------------------------


@transaction.atomic
def decide_alert(officer, alert: AccessAlert, *, outcome: str, note: str) -> AccessAlert:
    alert = AccessAlert.objects.select_for_update().get(pk=alert.pk)
    if alert.outcome != AccessAlert.Outcome.PENDING:
        raise ValidationError(_("This alert has already been reviewed."))
    if outcome not in (AccessAlert.Outcome.JUSTIFIED, AccessAlert.Outcome.FOLLOWED_UP):
        raise ValidationError({"outcome": _("Choose justified or followed up.")})
    if not (note or "").strip():
        raise ValidationError({"note": _("Record what you found or did.")})
    alert.outcome = outcome
    alert.outcome_note = note.strip()[:500]
    alert.decided_by = officer
    alert.decided_at = timezone.now()
    alert.save(update_fields=["outcome", "outcome_note", "decided_by", "decided_at"])
    return alert


def _day_bounds(day: datetime.date):
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
    return start, start + datetime.timedelta(days=1)


def _raise(kind, employee_id, day, figures) -> bool:
    try:
        with transaction.atomic():
            AccessAlert.objects.create(
                kind=kind,
                employee_id=employee_id,
                period_start=day,
                period_end=day,
                figures=figures,
            )
    except IntegrityError:
        return False  # already raised for this period
    return True


def detect_unusual_access(day: datetime.date) -> int:
    """Raise alerts for one day of the access log (idempotent per employee, kind and day).

    - many distinct persons viewed outside involvement (team scope without involvement, or
      break-the-glass) by one employee;
    - signal content opened far more often than the median of the peers who opened any.
    """
    start, end = _day_bounds(day)
    day_log = AccessLogEntry.objects.filter(at__gte=start, at__lt=end, actor__isnull=False)
    raised = 0
    outside = (
        day_log.exclude(grant=AccessLogEntry.Grant.INVOLVEMENT)
        .exclude(what=AccessLogEntry.What.SEARCH_RESULT)
        .values("actor")
        .annotate(persons=Count("person_id", distinct=True))
        .filter(persons__gt=settings.ACCESS_REVIEW_OUTSIDE_PER_DAY)
    )
    for row in outside:
        figures = {"persons": row["persons"], "threshold": settings.ACCESS_REVIEW_OUTSIDE_PER_DAY}
        raised += _raise(AccessAlert.Kind.MANY_OUTSIDE_INVOLVEMENT, row["actor"], day, figures)
    openings = dict(
        day_log.filter(what=AccessLogEntry.What.SIGNAL_CONTENT)
        .values_list("actor")
        .annotate(n=Count("pk"))
        .values_list("actor", "n")
    )
    if len(openings) >= 2:
        for actor, count in openings.items():
            peers = [n for other, n in openings.items() if other != actor]
            median = statistics.median(peers)
            if count >= 5 and count > settings.ACCESS_REVIEW_SIGNAL_FACTOR * median:
                figures = {"openings": count, "peer_median": median}
                raised += _raise(AccessAlert.Kind.SIGNAL_CONTENT_PEAK, actor, day, figures)
    return raised


def person_access_log(person_id: int):
    return (
        AccessLogEntry.objects.filter(person_id=person_id).select_related("actor").order_by("-at")
    )


def employee_access_summary(employee, *, since: datetime.date):
    """What an employee viewed since a day, and how much of it outside their involvement."""
    start, _end = _day_bounds(since)
    log = AccessLogEntry.objects.filter(actor=employee, at__gte=start).exclude(
        what=AccessLogEntry.What.SEARCH_RESULT
    )
    by_grant = dict(
        log.values_list("grant")
        .annotate(n=Count("person_id", distinct=True))
        .values_list("grant", "n")
    )
    total = log.values("person_id").distinct().count()
    outside = (
        log.exclude(grant=AccessLogEntry.Grant.INVOLVEMENT).values("person_id").distinct().count()
    )
    return {
        "persons": total,
        "outside_involvement": outside,
        "share_outside": (outside / total) if total else None,
        "by_grant": by_grant,
        "recent": list(log.order_by("-at")[:100]),
    }


def leaders_teams(user):
    return teams_led_by(user)


def employee_break_glass(employee, limit: int = 50):
    return (
        BreakGlassGrant.objects.filter(employee=employee)
        .select_related("alert")
        .order_by("-granted_at")[:limit]
    )
