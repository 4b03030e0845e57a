"""What every step of the generator shares: the sizes at ``--scale 1``, the calendar of the
generated period and a weighted pick."""

import datetime

SIZES = {  # at --scale 1
    "persons": 200_000,
    "units": 100_000,
    "contacts": 5_000_000,
    "tasks": 1_000_000,
    "access": 20_000_000,
    "signals": 6_000,
    "mandates": 4_000,
}
TEAMS = 50
EMPLOYEES_PER_TEAM = 8
KB_ARTICLES = 5_000
YEARS = 5


def pick_weighted(rng, pairs):
    values = [v for v, _w in pairs]
    weights = [w for _v, w in pairs]
    return rng.choices(values, weights)[0]


class Clock:
    """Day indexes over the generated period, formatted once."""

    def __init__(self, until: datetime.date, years: int):
        self.until = until
        self.start = until - datetime.timedelta(days=round(365.25 * years))
        self.days = (until - self.start).days + 1
        self.dates = [self.start + datetime.timedelta(days=i) for i in range(self.days)]
        self.iso = [d.isoformat() for d in self.dates]

    def at(self, day: int, seconds: int) -> str:
        seconds = max(0, min(86399, seconds))
        h, rest = divmod(seconds, 3600)
        m, s = divmod(rest, 60)
        return f"{self.iso[day]} {h:02d}:{m:02d}:{s:02d}+00"

    def index(self, day: datetime.date) -> int:
        """The day index of a date, clamped to the period."""
        return max(0, min(self.days - 1, (day - self.dates[0]).days))
