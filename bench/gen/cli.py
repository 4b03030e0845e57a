"""The command line of ``bench/generate.py`` and the order of its steps: recreate and migrate
the database, the ORM part, the COPY load without secondary indexes, foreign keys and the task
trigger, then recreate and check them, VACUUM ANALYZE, the knowledge base, the row counts."""

import argparse
import datetime
import os
import sys
import time

import django
import psycopg

from . import database
from .bulk import BIG_TABLES, drop_secondary
from .generator import Generator


def parse_args(description: str):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--db", default="kc_scale", help="database to (re)create")
    parser.add_argument(
        "--admin-url",
        default="postgres://postgres@127.0.0.1:5432",
        help="server URL without database name",
    )
    parser.add_argument("--scale", type=float, default=1.0, help="1 = the issue's sizes")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument(
        "--until",
        type=datetime.date.fromisoformat,
        default=datetime.date.today(),
        help="last day of the five years (default today)",
    )
    parser.add_argument("--skip-kb", action="store_true", help="no knowledge-base articles")
    parser.add_argument("--force", action="store_true", help="allow any database name")
    args = parser.parse_args()
    if not any(word in args.db for word in ("bench", "scale")) and not args.force:
        sys.exit(f"refusing to recreate database {args.db!r}: its name must contain 'bench' or "
                 "'scale' (or pass --force)")  # fmt: skip
    return args


def prepare_load(gen, url: str) -> list[str]:
    """Read the reference ids; drop the big tables' secondary indexes and foreign keys and turn
    their triggers off. Returns the DDL that recreates what was dropped."""
    with psycopg.connect(url, autocommit=True) as conn:
        gen.reference(conn)
        started = time.perf_counter()
        restore = drop_secondary(conn, BIG_TABLES)
        conn.execute("ALTER TABLE contacts_task DISABLE TRIGGER USER")
        conn.execute("ALTER TABLE contacts_contactmoment DISABLE TRIGGER USER")
        gen.step("drop secondary indexes and FKs", len(restore), time.perf_counter() - started)
    return restore


def load(gen) -> None:
    """The COPY steps, in the order their random draws must come in."""
    involvement: set = set()
    gen.units_persons_tenancies()
    gen.mandates()
    gen.signals(involvement)
    gen.contacts_and_reads(involvement)
    gen.involvement_grants(involvement)
    del involvement


def finish_load(gen, url: str, restore: list[str]) -> None:
    """Recreate (and so validate) the indexes and foreign keys, turn the triggers back on, set
    the sequences, run the consistency checks and VACUUM ANALYZE."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET maintenance_work_mem = '512MB'")
        started = time.perf_counter()
        for ddl in restore:
            conn.execute(ddl)
        conn.execute("ALTER TABLE contacts_task ENABLE TRIGGER USER")
        conn.execute("ALTER TABLE contacts_contactmoment ENABLE TRIGGER USER")
        gen.step("recreate indexes, validate FKs", len(restore), time.perf_counter() - started)
        started = time.perf_counter()
        database.reset_sequences(conn)
        database.check_consistency(conn)
        gen.step("sequences, consistency checks", 0, time.perf_counter() - started)
        started = time.perf_counter()
        conn.execute("VACUUM (ANALYZE)")
        gen.step("VACUUM ANALYZE", 0, time.perf_counter() - started)


def main(description: str) -> None:
    args = parse_args(description)
    url = f"{args.admin_url}/{args.db}"
    print(f"generating into {url} at scale {args.scale} (seed {args.seed}, until {args.until})")
    everything = time.perf_counter()
    started = time.perf_counter()
    database.recreate_database(args.admin_url, args.db)
    database.migrate(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klantcontact.settings")
    django.setup()
    # Only now: orm imports the models, which need django.setup() (and the database exists).
    from . import orm

    gen = Generator(args, url)
    gen.step("create database + migrate", 0, time.perf_counter() - started)
    with orm.disable_auditlog():  # bulk set-up, not staff's work
        orm.processing_register(gen)
        orm.teams_and_employees(gen)
    orm.close_connection()

    restore = prepare_load(gen, url)
    load(gen)
    finish_load(gen, url, restore)

    if not args.skip_kb:
        with orm.disable_auditlog():
            orm.knowledge_base(gen)
    database.print_counts(url)
    print(f"total: {time.perf_counter() - everything:.0f} s")
