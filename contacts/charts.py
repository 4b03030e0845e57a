"""The geometry of the team leader dashboard's charts, drawn as SVG by the template on the
server (no JavaScript, no external library): bars per week stacked by channel, the weekly share
answered at first contact against the norm, and horizontal bars for the top subjects and the age
of open tasks. Input: ``contacts.selectors.dashboard_figures``."""

# Colours of the channels in charts (an accessible palette; the legend names each).
CHART_COLOURS = (
    "#1f5f8b",
    "#e07b39",
    "#3a9e6f",
    "#8e5ea2",
    "#c94f4f",
    "#5d6d7e",
    "#b8860b",
    "#2a9fbc",
    "#7a9a01",
)

# The weekly charts, in SVG user units: the whole drawing, the room left of the plot for the
# axis labels, the room below it for the week labels, and the headroom above the highest bar.
WIDTH, HEIGHT, LEFT, BOTTOM, HEADROOM = 720, 220, 36, 24, 10
# The horizontal bar charts: the length of the longest bar, the distance between two rows.
BAR_LENGTH, ROW_HEIGHT = 240, 26


def dashboard_charts(figures: dict) -> dict:
    """Geometry for the server-rendered SVG charts (no JavaScript, no external library)."""
    weeks = figures["weeks"]
    slot = (WIDTH - LEFT) / max(len(weeks), 1)
    bar = slot * 0.7
    plot = HEIGHT - BOTTOM - HEADROOM
    stacked, peak = _channel_bars(figures, slot=slot, bar=bar, plot=plot)
    subjects = _bar_rows(figures["top_subjects"], label="subject__name", key="name")
    ages = _bar_rows(figures["open_task_ages"], label="label", key="label")
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "axis_y": HEIGHT - BOTTOM,
        "peak": peak,
        "stacked": stacked,
        "legend": [
            {"name": channel["name"], "fill": _colour(index)}
            for index, channel in enumerate(figures["channels"])
        ],
        "share_bars": _share_bars(figures, slot=slot, bar=bar, plot=plot),
        "norm_y": HEIGHT - BOTTOM - plot * figures["norm"],
        "labels": [
            {"x": LEFT + i * slot + slot / 2, "text": f"{week:%d-%m}"}
            for i, week in enumerate(weeks)
        ],
        "subjects": subjects,
        "subjects_height": 16 + ROW_HEIGHT * len(subjects),
        "ages": ages,
        "ages_height": 16 + ROW_HEIGHT * len(ages),
    }


def _colour(index: int) -> str:
    return CHART_COLOURS[index % len(CHART_COLOURS)]


def _channel_bars(figures: dict, *, slot: float, bar: float, plot: int) -> tuple[list, int]:
    """One bar per week, stacked by channel, scaled to the busiest week; (rectangles, peak)."""
    weeks = figures["weeks"]
    totals = [
        sum(channel["counts"][i] for channel in figures["channels"]) for i in range(len(weeks))
    ]
    peak = max(totals + [1])
    stacked = []
    for i, week in enumerate(weeks):
        y = HEIGHT - BOTTOM
        for index, channel in enumerate(figures["channels"]):
            count = channel["counts"][i]
            if not count:
                continue
            h = plot * count / peak
            y -= h
            stacked.append(
                {
                    "x": LEFT + i * slot + (slot - bar) / 2,
                    "y": y,
                    "w": bar,
                    "h": h,
                    "fill": _colour(index),
                    "title": f"{week:%d-%m}: {channel['name']} {count}",
                }
            )
    return stacked, peak


def _share_bars(figures: dict, *, slot: float, bar: float, plot: int) -> list:
    """One bar per week: the share answered at first contact, marked when below the norm."""
    share_bars = []
    for i, row in enumerate(figures["week_rows"]):
        share = row["answered"] / row["n"] if row["n"] else 0
        h = plot * share
        share_bars.append(
            {
                "x": LEFT + i * slot + (slot - bar) / 2,
                "y": HEIGHT - BOTTOM - h,
                "w": bar,
                "h": h,
                "below_norm": bool(row["n"]) and share < figures["norm"],
                "title": (
                    f"{row['week']:%d-%m}: {round(share * 100)}% ({row['answered']}/{row['n']})"
                ),
            }
        )
    return share_bars


def _bar_rows(rows: list, *, label: str, key: str) -> list:
    """Horizontal bars scaled to the largest count; ``label``: the row's name in ``rows``,
    ``key``: its name in the result."""
    peak = max([row["n"] for row in rows] + [1])
    return [
        {key: row[label], "n": row["n"], "w": BAR_LENGTH * row["n"] / peak, "y": 8 + i * ROW_HEIGHT}
        for i, row in enumerate(rows)
    ]
