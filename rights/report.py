"""Management report on data-subject rights (seed 002 §6.2 and §8), per month.

Requests by kind and outcome, share answered on time, reasons for refusal, objections and
survey opt-outs, extensions, data breaches (breach register) and break-the-glass accesses with
their review outcomes (access app). Counting is done in Python over one year of rows: the
numbers are small, and it behaves the same on SQLite and PostgreSQL.
"""

import csv
import datetime
import io
from collections import Counter

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from retention.periods import add_months

from .models import DataSubjectRequest, Objection, SurveyOptOut

COLOURS = ("#1f5f8b", "#e07b39", "#3a9e6f", "#8e5ea2", "#c94f4f", "#5d6d7e", "#b8860b")


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
    from access.models import AccessAlert, BreakGlassGrant
    from processingregister.models import DataBreach

    end_month = (end_month or timezone.localdate()).replace(day=1)
    month_list = month_range(end_month, months)
    start, stop = _aware(month_list[0]), _aware(add_months(end_month, 1))
    Kind, Outcome = DataSubjectRequest.Kind, DataSubjectRequest.Outcome
    rows = {
        m: {
            "month": m,
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
        for m in month_list
    }
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
    month_rows = []
    for m in month_list:
        row = rows[m]
        row["received_total"] = sum(row["received"].values())
        row["on_time_share"] = row["on_time"] / row["completed"] if row["completed"] else None
        row["label"] = formats.date_format(m, "M Y")
        month_rows.append(row)
    completed = sum(r["completed"] for r in month_rows)
    on_time = sum(r["on_time"] for r in month_rows)
    from . import hooks

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
            for code, n in refusals.most_common()
        ],
        "kind_outcome": [
            {
                "kind": label,
                "counts": [kind_outcome[(k, o)] for o, _l in Outcome.choices],
            }
            for k, label in Kind.choices
        ],
        "totals": {
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
                for r in DataSubjectRequest.objects.filter(
                    status__in=DataSubjectRequest.OPEN_STATUSES
                )
                if r.is_overdue()
            ),
        },
    }


# --- Charts (server-side SVG geometry, like the contacts dashboard) ------------------------------

WIDTH, HEIGHT, LEFT, BOTTOM = 720, 220, 36, 24


def _slots(n):
    slot = (WIDTH - LEFT) / max(n, 1)
    return slot, slot * 0.7


def stacked_chart(labels, series) -> dict:
    """``series``: [(name, [count per label])] → bars stacked per label."""
    slot, bar = _slots(len(labels))
    totals = [sum(values[i] for _n, values in series) for i in range(len(labels))]
    peak = max(totals + [1])
    plot = HEIGHT - BOTTOM - 10
    rects = []
    for i, label in enumerate(labels):
        y = HEIGHT - BOTTOM
        for index, (name, values) in enumerate(series):
            if not values[i]:
                continue
            h = plot * values[i] / peak
            y -= h
            rects.append(
                {
                    "x": LEFT + i * slot + (slot - bar) / 2,
                    "y": y,
                    "w": bar,
                    "h": h,
                    "fill": COLOURS[index % len(COLOURS)],
                    "title": f"{label}: {name} {values[i]}",
                }
            )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "axis_y": HEIGHT - BOTTOM,
        "peak": peak,
        "rects": rects,
        "labels": [
            {"x": LEFT + i * slot + slot / 2, "text": label} for i, label in enumerate(labels)
        ],
        "legend": [
            {"name": name, "fill": COLOURS[i % len(COLOURS)]} for i, (name, _v) in enumerate(series)
        ],
    }


def grouped_chart(labels, series) -> dict:
    """``series`` side by side per label."""
    slot, bar = _slots(len(labels))
    width = bar / max(len(series), 1)
    peak = max([v for _n, values in series for v in values] + [1])
    plot = HEIGHT - BOTTOM - 10
    rects = []
    for i, label in enumerate(labels):
        for index, (name, values) in enumerate(series):
            h = plot * values[i] / peak
            if not values[i]:
                continue
            rects.append(
                {
                    "x": LEFT + i * slot + (slot - bar) / 2 + index * width,
                    "y": HEIGHT - BOTTOM - h,
                    "w": width,
                    "h": h,
                    "fill": COLOURS[index % len(COLOURS)],
                    "title": f"{label}: {name} {values[i]}",
                }
            )
    chart = stacked_chart(labels, [])
    chart.update(
        {
            "peak": peak,
            "rects": rects,
            "legend": [
                {"name": name, "fill": COLOURS[i % len(COLOURS)]}
                for i, (name, _v) in enumerate(series)
            ],
        }
    )
    return chart


def share_chart(labels, shares, norm=1.0) -> dict:
    slot, bar = _slots(len(labels))
    plot = HEIGHT - BOTTOM - 10
    rects = []
    for i, (label, share) in enumerate(zip(labels, shares, strict=True)):
        if share is None:
            continue
        h = plot * share
        rects.append(
            {
                "x": LEFT + i * slot + (slot - bar) / 2,
                "y": HEIGHT - BOTTOM - h,
                "w": bar,
                "h": h,
                "fill": "#3a9e6f" if share >= norm else "#c94f4f",
                "title": f"{label}: {round(share * 100)}%",
            }
        )
    chart = stacked_chart(labels, [])
    chart.update({"rects": rects, "peak": "100%", "norm_y": HEIGHT - BOTTOM - plot * norm})
    return chart


def hbar_chart(rows) -> dict:
    peak = max([row["n"] for row in rows] + [1])
    return {
        "rows": [
            {"label": row["label"], "n": row["n"], "w": 240 * row["n"] / peak, "y": 8 + i * 26}
            for i, row in enumerate(rows)
        ],
        "height": 16 + 26 * len(rows),
    }


def report_charts(figures: dict) -> dict:
    months = figures["months"]
    labels = [formats.date_format(r["month"], "M") for r in months]
    return {
        "received": stacked_chart(
            labels,
            [(str(label), [r["received"][k] for r in months]) for k, label in figures["kinds"]],
        ),
        "outcomes": stacked_chart(
            labels,
            [(str(label), [r["outcomes"][k] for r in months]) for k, label in figures["outcomes"]],
        ),
        "on_time": share_chart(labels, [r["on_time_share"] for r in months]),
        "refusals": hbar_chart(
            [{"label": str(r["label"]), "n": r["n"]} for r in figures["refusals"]]
        ),
        "events": grouped_chart(
            labels,
            [
                (_("objections"), [r["objections"] for r in months]),
                (_("survey opt-outs"), [r["opt_outs"] for r in months]),
                (_("extensions"), [r["extensions"] for r in months]),
                (_("data breaches"), [r["breaches"] for r in months]),
            ],
        ),
        "btg": stacked_chart(
            labels,
            [
                (_("justified"), [r["btg_reviews"]["justified"] for r in months]),
                (_("followed up"), [r["btg_reviews"]["followed_up"] for r in months]),
                (_("to review"), [r["btg_reviews"]["pending"] for r in months]),
            ],
        ),
    }


def report_csv(figures: dict) -> str:
    """One row per month; semicolon-separated for Dutch spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    kinds = figures["kinds"]
    outcomes = figures["outcomes"]
    writer.writerow(
        [_("month")]
        + [f"{_('received')}: {label}" for _k, label in kinds]
        + [_("received")]
        + [_("completed")]
        + [f"{_('outcome')}: {label}" for _k, label in outcomes]
        + [
            _("answered on time"),
            _("share on time"),
            _("extensions"),
            _("objections"),
            _("survey opt-outs"),
            _("data breaches"),
            _("break-the-glass accesses"),
            _("break-the-glass justified"),
            _("break-the-glass followed up"),
            _("break-the-glass to review"),
        ]
    )
    for r in figures["months"]:
        share = f"{r['on_time_share']:.2f}" if r["on_time_share"] is not None else ""
        writer.writerow(
            [r["month"].strftime("%Y-%m")]
            + [r["received"][k] for k, _l in kinds]
            + [r["received_total"], r["completed"]]
            + [r["outcomes"][k] for k, _l in outcomes]
            + [
                r["on_time"],
                share,
                r["extensions"],
                r["objections"],
                r["opt_outs"],
                r["breaches"],
                r["btg"],
                r["btg_reviews"]["justified"],
                r["btg_reviews"]["followed_up"],
                r["btg_reviews"]["pending"],
            ]
        )
    writer.writerow([])
    writer.writerow([_("reason for refusal"), _("number")])
    for row in figures["refusals"]:
        writer.writerow([str(row["label"]), row["n"]])
    return out.getvalue()
