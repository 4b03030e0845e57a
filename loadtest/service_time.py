"""Where a request's time goes, per request type of the load test, without the load.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kc_load LOAD_PASSWORD=... \
        .venv/bin/python loadtest/service_time.py --rounds 20

Runs each request of the Locust mix in-process (Django test client, production middleware,
DEBUG off) as one load-test employee from loadtest/results/fixture.json, one at a time, and
prints per type: median and p95 wall time, median CPU time of this Python process (the part
more gunicorn workers or cores would share), median time inside SQL statements and the
number of statements. On a machine shared with other work the wall times include waiting
for a CPU; the CPU times show the demand itself, which is what capacity planning needs.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klantcontact.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mix import ACTIONS, KB_QUERIES, SUMMARIES, parse_form  # noqa: E402


class SqlTimer:
    def __init__(self):
        self.seconds = 0.0
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


def measure(client, method, url, **kwargs):
    timer = SqlTimer()
    wall, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(timer):
        response = getattr(client, method)(url, **kwargs)
    return response, {
        "wall": (time.perf_counter() - wall) * 1000,
        "cpu": (time.process_time() - cpu) * 1000,
        "sql": timer.seconds * 1000,
        "queries": timer.count,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--fixture", default="loadtest/results/fixture.json")
    args = parser.parse_args()
    with open(args.fixture) as fixture_file:
        account = json.load(fixture_file)["accounts"][0]
    rng = random.Random(1)  # noqa: S311
    client = Client(HTTP_HOST="127.0.0.1")
    if not client.login(username=account["username"], password=os.environ["LOAD_PASSWORD"]):
        sys.exit("login failed: run loadtest/prepare.py with the same LOAD_PASSWORD")
    samples: dict[str, list[dict]] = {}

    def record(name, response, figures, ok=(200,)):
        if response.status_code not in ok:
            sys.exit(f"{name}: HTTP {response.status_code}")
        samples.setdefault(name, []).append(figures)

    for _ in range(args.rounds):
        person = rng.choice(account["persons"])
        phone = rng.choice(account["phones"])
        record(
            "caller lookup",
            *measure(client, "get", f"/contacts/lookup/?phone={phone}"),
            ok=(200, 302),
        )
        record("customer card", *measure(client, "get", f"/klanten/{person}/"))
        surname = rng.choice(account["surnames"])[:5]
        record("person search", *measure(client, "get", f"/klanten/?q={surname}"))
        page, figures = measure(client, "get", f"/klanten/{person}/contact/")
        record("contact form (page)", page, figures)
        form = parse_form(page.content.decode(), "summary")
        data = dict(form["fields"])
        data.update(
            channel=next(v for v in form["options"]["channel"] if v),
            subject=next(v for v in form["options"]["subject"] if v),
            summary=rng.choice(SUMMARIES),
            outcome="callback",
            caller_kind="self",
            requested_action=rng.choice(ACTIONS),
        )
        data["assigned_team"] = data["team"] = data.get("team") or form["options"]["team"][1]
        data.pop("mandate", None)
        record(
            "contact form (post)",
            *measure(client, "post", f"/klanten/{person}/contact/", data=data),
            ok=(302,),
        )
        record("kb search", *measure(client, "get", f"/kennisbank/?q={rng.choice(KB_QUERIES)}"))
        query = rng.choice(KB_QUERIES)
        record("kb suggestions", *measure(client, "get", f"/kennisbank/suggesties/?q={query}"))
        record("task inbox", *measure(client, "get", "/taken/"))
        record("home", *measure(client, "get", "/"))

    header = ("request", "wall p50", "wall p95", "cpu p50", "sql p50", "queries")
    print(f"{header[0]:22} " + " ".join(f"{title:>9}" for title in header[1:]))
    for name, rows in samples.items():
        walls = sorted(row["wall"] for row in rows)
        p95 = walls[min(len(walls) - 1, int(round(0.95 * (len(walls) - 1))))]
        print(
            f"{name:22} {statistics.median(walls):9.1f} {p95:9.1f} "
            f"{statistics.median(row['cpu'] for row in rows):9.1f} "
            f"{statistics.median(row['sql'] for row in rows):9.1f} "
            f"{statistics.median(row['queries'] for row in rows):9.0f}"
        )
    load = Path("/proc/loadavg").read_text().split()[:3]
    print(f"(ms; {args.rounds} rounds; load average {' '.join(load)})")


if __name__ == "__main__":
    main()
