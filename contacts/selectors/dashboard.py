"""The team leader's dashboard figures: contacts per week and channel, the share answered at
first contact, the top subjects and the age of open tasks. Counts only, no personal data; the
charts drawn from them are in ``contacts.charts``, the CSV in ``contacts.exports``."""

import datetime

from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import ContactMoment, Task
from .periods import day_bound

FIRST_CONTACT_NORM = 0.8


def dashboard_figures(teams, *, weeks: int = 12, today: datetime.date | None = None) -> dict:
    """Management figures for the given teams; no personal data."""
    today = today or timezone.localdate()
    start = today - datetime.timedelta(days=today.weekday()) - datetime.timedelta(weeks=weeks - 1)
    contacts = ContactMoment.objects.filter(team__in=teams, occurred_at__gte=day_bound(start))
    per_week_channel = (
        contacts.annotate(week=TruncWeek("occurred_at"))
        .values("week", "channel__code", "channel__name")
        .annotate(n=Count("pk"))
        .order_by("week", "channel__code")
    )
    per_week = (
        contacts.annotate(week=TruncWeek("occurred_at"))
        .values("week")
        .annotate(n=Count("pk"), answered=Count("pk", filter=Q(answered_at_first_contact=True)))
        .order_by("week")
    )
    totals = contacts.aggregate(
        n=Count("pk"), answered=Count("pk", filter=Q(answered_at_first_contact=True))
    )
    top_subjects = list(
        contacts.values("subject__name").annotate(n=Count("pk")).order_by("-n", "subject__name")[:8]
    )
    open_tasks = Task.objects.exclude(status=Task.Status.DONE).filter(assigned_team__in=teams)
    age_buckets = []
    now = timezone.now()
    for label, low, high in (
        (_("less than 2 days"), 0, 2),
        (_("2 to 7 days"), 2, 7),
        (_("1 to 4 weeks"), 7, 28),
        (_("more than 4 weeks"), 28, None),
    ):
        bucket = open_tasks.filter(created_at__lte=now - datetime.timedelta(days=low))
        if high is not None:
            bucket = bucket.filter(created_at__gt=now - datetime.timedelta(days=high))
        age_buckets.append({"label": label, "n": bucket.count()})
    overdue = open_tasks.filter(due_date__lt=today).count()

    def week_key(value):
        return value.date() if isinstance(value, datetime.datetime) else value

    weeks_list = [start + datetime.timedelta(weeks=i) for i in range(weeks)]
    channels = {}
    for row in per_week_channel:
        channels.setdefault((row["channel__code"], row["channel__name"]), {})[
            week_key(row["week"])
        ] = row["n"]
    week_totals = {week_key(row["week"]): row for row in per_week}
    return {
        "start": start,
        "weeks": weeks_list,
        "channels": [
            {"code": code, "name": name, "counts": [counts.get(week, 0) for week in weeks_list]}
            for (code, name), counts in sorted(channels.items())
        ],
        "week_rows": [
            {
                "week": week,
                "n": week_totals.get(week, {}).get("n", 0),
                "answered": week_totals.get(week, {}).get("answered", 0),
            }
            for week in weeks_list
        ],
        "total": totals["n"],
        "answered": totals["answered"],
        "first_contact_share": (totals["answered"] / totals["n"]) if totals["n"] else None,
        "norm": FIRST_CONTACT_NORM,
        "top_subjects": top_subjects,
        "open_task_ages": age_buckets,
        "open_tasks": open_tasks.count(),
        "overdue_tasks": overdue,
    }
