"""The charts of the management report page (server-side SVG geometry, like the contacts
dashboard): bars stacked or side by side per month, a share against a norm, horizontal bars."""

from django.utils import formats
from django.utils.translation import gettext as _

COLOURS = ("#1f5f8b", "#e07b39", "#3a9e6f", "#8e5ea2", "#c94f4f", "#5d6d7e", "#b8860b")

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
