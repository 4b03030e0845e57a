"""Rules of break-the-glass, notifications and the privacy officer's access review."""

import datetime
import statistics

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from accounts.models import Team, User
from accounts.services import teams_led_by, teams_of
from audit.models import AccessLogEntry
from klantcontact.enqueue import enqueue_on_commit

from . import policy
from .models import AccessAlert, BreakGlassGrant, Notification

EXPLANATION_MIN_LENGTH = 10


@transaction.atomic
def break_the_glass(user, person, *, reason: str, explanation: str) -> BreakGlassGrant:
    """Grant ``user`` time-limited access to one person, signal it and queue it for review.

    Only the roles that handle customers may (``policy.may_break_glass``); someone other than
    the employee is always told (``break_glass_recipients``), else the access is refused.
    """
    if not policy.may_break_glass(user):
        raise policy.AccessRefused(break_glass_refusal())
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
    recipients = break_glass_recipients(user, person)
    if not recipients:
        raise policy.AccessRefused(
            _(
                "Nobody can be told of this access (there is no team leader or privacy officer): "
                "ask your administrator."
            )
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
    alert = AccessAlert.objects.create(
        kind=AccessAlert.Kind.BREAK_THE_GLASS, employee=user, grant=grant
    )
    alert.notified.set(recipients)
    text = _("%(employee)s used break-the-glass to open a file outside their scope.") % {
        "employee": user.get_full_name() or user.get_username()
    }
    link = reverse("access:employee_log", args=[user.pk])
    Notification.objects.bulk_create(
        [Notification(recipient=recipient, text=text, link=link) for recipient in recipients]
    )
    if settings.MAIL_CONFIGURED:
        # a cycle: access.tasks imports this module
        from .tasks import mail_break_glass

        # Queued after commit; run here when Redis is down, so the mail is not lost.
        enqueue_on_commit(mail_break_glass, grant.pk, [recipient.pk for recipient in recipients])
    return grant


def break_glass_refusal() -> str:
    return _(
        "Only employees who handle customers (woonservice employee, team leader) may open a file "
        "outside their scope."
    )


def break_glass_recipients(user, person) -> list[User]:
    """Who is told of ``user``'s break-the-glass on ``person``, never ``user``: the leaders of the
    employee's own teams; when there are none, the leaders of the person's teams; when there are
    none either, the privacy officers."""
    active = User.objects.filter(is_active=True).exclude(pk=user.pk)
    candidates = (
        active.filter(groups__team_of_leaders__in=teams_of(user)),
        active.filter(
            groups__team_of_leaders__in=Team.objects.filter(units__tenancies__person=person)
        ),
        active.filter(groups__name=roles.PRIVACY_OFFICER),
    )
    for recipients in candidates:
        found = list(recipients.distinct().order_by("pk"))
        if found:
            return found
    return []


# --- Notifications ----------------------------------------------------------------------------


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(user, notification_ids=None) -> int:
    notifications = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        notifications = notifications.filter(pk__in=notification_ids)
    return notifications.update(read_at=timezone.now())


# --- Review -----------------------------------------------------------------------------------


def may_decide(officer, alert: AccessAlert) -> bool:
    """Nobody reviews an alert about themselves."""
    return alert.employee_id != officer.pk


@transaction.atomic
def decide_alert(officer, alert: AccessAlert, *, outcome: str, note: str) -> AccessAlert:
    alert = AccessAlert.objects.select_for_update().get(pk=alert.pk)
    if not may_decide(officer, alert):
        raise policy.AccessRefused(_("Nobody reviews their own access: another reviewer decides."))
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
