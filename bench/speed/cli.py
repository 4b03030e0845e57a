"""The command line of ``bench/scale_speed.py``: refuse a database not made for benchmarks,
print what it runs against and the load average, run the chosen benchmarks in order."""

import argparse
import os
import sys

import psycopg
from django.conf import settings
from django.db import connection

from .accesslog import bench_log
from .card import bench_card
from .data import Data
from .lookup import bench_lookup
from .search import bench_search


def main(description: str) -> None:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--only", default="card,search,lookup,log")
    parser.add_argument("--samples", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args()
    name = str(connection.settings_dict["NAME"])
    if not any(word in name for word in ("bench", "scale")) and not args.force:
        sys.exit(f"refusing to run against {name!r}: use the generated database (or --force)")
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    s = connection.settings_dict
    raw = psycopg.connect(
        dbname=s["NAME"], user=s["USER"], host=s["HOST"], port=s["PORT"] or 5432,
        password=s["PASSWORD"] or None, autocommit=True, options="-c jit=off",
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("SELECT version(), pg_size_pretty(pg_database_size(current_database()))")
        version, size = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM contacts_contactmoment")
        contacts = cursor.fetchone()[0]
    print(f"database {name} ({size}, {contacts:,} contact moments), {version.split(' on ')[0]}")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}, "
          f"nproc {os.cpu_count()}")  # fmt: skip
    data = Data(raw, args.seed)
    only = set(args.only.split(","))
    if "card" in only:
        bench_card(data, raw, args.samples, args.explain)
    if "search" in only:
        bench_search(data, raw, args.samples, args.explain)
    if "lookup" in only:
        bench_lookup(data, raw, args.samples)
    if "log" in only:
        bench_log(data, raw, args.samples)
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
