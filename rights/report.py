"""Management report on data-subject rights (seed 002 §6.2 and §8), per month.

Requests by kind and outcome, share answered on time, reasons for refusal, objections and
survey opt-outs, extensions, data breaches (breach register) and break-the-glass accesses with
their review outcomes (access app). Counting is done in Python over one year of rows: the
numbers are small, and it behaves the same on SQLite and PostgreSQL. The page's charts are in
``rights.charts``, the CSV in ``rights.exports``.
"""

import datetime
from collections import Counter

from django.utils import formats, timezone

from access.models import AccessAlert, BreakGlassGrant
from processingregister.models import DataBreach
from retention.periods import add_months

from . import hooks
from .models import DataSubjectRequest, Objection, SurveyOptOut


def _month(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    return value.replace(day=1)


def month_range(end_month: datetime.date, months: int = 12) -> list[datetime.date]:
    end_month = end_month.replace(day=1)
    return [add_months(end_month, -i) for i in range(months - 1, -1, -1)]


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def report_figures(end_month: datetime.date | None = None, months: int = 12) -> dict:
    end_month = (end_month or timezone.localdate()).replace(day=1)
    month_list = month_range(end_month, months)
    start, stop = _aware(month_list[0]), _aware(add_months(end_month, 1))
    Kind, Outcome = DataSubjectRequest.Kind, DataSubjectRequest.Outcome
    rows = {m: _empty_row(m) for m in month_list}
    decided = _count_requests(rows, start=start, stop=stop)
    _count_events(rows, start=start, stop=stop)
    month_rows = _month_rows(rows, month_list)
    # Parts from the apps above (the disclosures per covenant), for the same months.
    sections = hooks.report_sections(
        date_from=month_list[0], date_to=add_months(end_month, 1) - datetime.timedelta(days=1)
    )
    return {
        "sections": sections,
        "months": month_rows,
        "end_month": end_month,
        "kinds": [(k, label) for k, label in Kind.choices],
        "outcomes": [(k, label) for k, label in Outcome.choices],
        "refusals": [
            {"code": code, "label": DataSubjectRequest.RefusalReason(code).label, "n": n}
            for code, n in decided["refusals"].most_common()
        ],
        "kind_outcome": [
            {
                "kind": label,
                "counts": [decided["kind_outcome"][(k, o)] for o, _l in Outcome.choices],
            }
            for k, label in Kind.choices
        ],
        "totals": _totals(month_rows, against_will=decided["against_will"]),
    }


def _empty_row(month: datetime.date) -> dict:
    return {
        "month": month,
        "received": Counter(),
        "completed": 0,
        "outcomes": Counter(),
        "on_time": 0,
        "extensions": 0,
        "objections": 0,
        "opt_outs": 0,
        "breaches": 0,
        "btg": 0,
        "btg_reviews": Counter(),
    }


def _count_requests(rows: dict, *, start, stop) -> dict:
    """Requests received, extended and completed per month (into ``rows``); the refusal
    reasons, (kind, outcome) pairs and objections refused over the whole period."""
    Kind, Outcome = DataSubjectRequest.Kind, DataSubjectRequest.Outcome
    refusals = Counter()
    kind_outcome = Counter()
    against_will = 0
    requests = DataSubjectRequest.objects.filter(received_at__lt=stop).filter(
        # received in the period, or completed in it
        received_at__gte=start
    ) | DataSubjectRequest.objects.filter(completed_at__gte=start, completed_at__lt=stop)
    for request in requests.distinct():
        received = _month(request.received_at)
        if received in rows:
            rows[received]["received"][request.kind] += 1
        if request.extension_told_at is not None and request.extended_until is not None:
            extended = _month(request.extension_told_at)
            if extended in rows:
                rows[extended]["extensions"] += 1
        if request.status == DataSubjectRequest.Status.COMPLETED and request.completed_at:
            done = _month(request.completed_at)
            if done not in rows:
                continue
            row = rows[done]
            row["completed"] += 1
            row["outcomes"][request.outcome] += 1
            if timezone.localdate(request.completed_at) <= request.deadline:
                row["on_time"] += 1
            kind_outcome[(request.kind, request.outcome)] += 1
            if request.refusal_reason:
                refusals[request.refusal_reason] += 1
            if request.kind == Kind.OBJECTION and request.outcome == Outcome.REFUSED:
                against_will += 1
    return {"refusals": refusals, "kind_outcome": kind_outcome, "against_will": against_will}


def _count_events(rows: dict, *, start, stop) -> None:
    """Objections, survey opt-outs, data breaches, break-the-glass accesses and their reviews
    per month (into ``rows``)."""
    for at in Objection.objects.filter(received_at__gte=start, received_at__lt=stop).values_list(
        "received_at", flat=True
    ):
        rows[_month(at)]["objections"] += 1
    for at in SurveyOptOut.objects.filter(at__gte=start, at__lt=stop).values_list("at", flat=True):
        rows[_month(at)]["opt_outs"] += 1
    for at in DataBreach.objects.filter(aware_at__gte=start, aware_at__lt=stop).values_list(
        "aware_at", flat=True
    ):
        rows[_month(at)]["breaches"] += 1
    for at in BreakGlassGrant.objects.filter(
        granted_at__gte=start, granted_at__lt=stop
    ).values_list("granted_at", flat=True):
        rows[_month(at)]["btg"] += 1
    for at, outcome in AccessAlert.objects.filter(
        kind=AccessAlert.Kind.BREAK_THE_GLASS, created_at__gte=start, created_at__lt=stop
    ).values_list("created_at", "outcome"):
        rows[_month(at)]["btg_reviews"][outcome] += 1


def _month_rows(rows: dict, month_list) -> list[dict]:
    """The rows in month order, with their totals, share on time and label."""
    month_rows = []
    for m in month_list:
        row = rows[m]
        row["received_total"] = sum(row["received"].values())
        row["on_time_share"] = row["on_time"] / row["completed"] if row["completed"] else None
        row["label"] = formats.date_format(m, "M Y")
        month_rows.append(row)
    return month_rows


def _totals(month_rows: list[dict], *, against_will: int) -> dict:
    completed = sum(r["completed"] for r in month_rows)
    on_time = sum(r["on_time"] for r in month_rows)
    return {
        "received": sum(r["received_total"] for r in month_rows),
        "completed": completed,
        "on_time": on_time,
        "on_time_share": on_time / completed if completed else None,
        "extensions": sum(r["extensions"] for r in month_rows),
        "objections": sum(r["objections"] for r in month_rows),
        "opt_outs": sum(r["opt_outs"] for r in month_rows),
        "breaches": sum(r["breaches"] for r in month_rows),
        "btg": sum(r["btg"] for r in month_rows),
        "btg_justified": sum(r["btg_reviews"]["justified"] for r in month_rows),
        "btg_followed_up": sum(r["btg_reviews"]["followed_up"] for r in month_rows),
        "btg_pending": sum(r["btg_reviews"]["pending"] for r in month_rows),
        "against_will": against_will,
        "open_overdue": sum(
            1
            for r in DataSubjectRequest.objects.filter(status__in=DataSubjectRequest.OPEN_STATUSES)
            if r.is_overdue()
        ),
    }
