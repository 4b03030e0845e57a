"""The database the generator fills: dropped, recreated and migrated before the load; after it
the sequences moved past the loaded ids, the derived rules checked with queries, the row counts
and the size printed."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg

from .bulk import BIG_TABLES

ROOT = Path(__file__).resolve().parents[2]

CONSISTENCY_CHECKS = {
    "tasks on answered/forwarded contacts (trigger rule)": """
        SELECT count(*) FROM contacts_task t JOIN contacts_contactmoment c
        ON c.id = t.contact_moment_id WHERE c.outcome IN ('answered', 'forwarded')""",
    "contacts asking for a follow-up without a task": """
        SELECT count(*) FROM contacts_contactmoment c WHERE c.person_id IS NOT NULL
        AND c.outcome NOT IN ('answered', 'forwarded')
        AND NOT EXISTS (SELECT 1 FROM contacts_task t WHERE t.contact_moment_id = c.id)""",
    "task events whose person differs from the contact's": """
        SELECT count(*) FROM contacts_taskevent e JOIN contacts_task t ON t.id = e.task_id
        JOIN contacts_contactmoment c ON c.id = t.contact_moment_id
        WHERE e.person_id IS DISTINCT FROM c.person_id""",
    "tasks whose person differs from the contact's": """
        SELECT count(*) FROM contacts_task t JOIN contacts_contactmoment c
        ON c.id = t.contact_moment_id WHERE t.person_id IS DISTINCT FROM c.person_id""",
    "persons whose search_name is empty": (
        "SELECT count(*) FROM contacts_person WHERE search_name = ''"
    ),
    "subjects in use that the contact form cannot offer (no approved activity)": """
        SELECT count(*) FROM contacts_contactsubject s
        WHERE EXISTS (SELECT 1 FROM contacts_contactmoment c WHERE c.subject_id = s.id)
        AND NOT EXISTS (SELECT 1 FROM processingregister_processingactivity a
                        WHERE a.id = s.processing_activity_id AND a.status = 'approved')""",
}

# Every sequence set past the highest id its column holds (COPY wrote the ids itself).
RESET_SEQUENCES = """
    DO $$ DECLARE r record; BEGIN
      FOR r IN SELECT s.relname AS seq, t.relname AS tab, a.attname AS col
        FROM pg_class s JOIN pg_depend d ON d.objid = s.oid
        JOIN pg_class t ON t.oid = d.refobjid
        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
        WHERE s.relkind = 'S' LOOP
        EXECUTE format(
          'SELECT setval(%L, coalesce((SELECT max(%I) FROM %I), 0) + 1, false)',
          r.seq, r.col, r.tab);
      END LOOP; END $$"""


def admin_connect(admin_url: str):
    return psycopg.connect(f"{admin_url}/postgres", autocommit=True)


def recreate_database(admin_url: str, name: str) -> None:
    with admin_connect(admin_url) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def migrate(url: str) -> None:
    """``manage.py migrate`` into the database of ``url``, in a process of its own."""
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "migrate",
            "--noinput",
            "--skip-checks",
            "-v",
            "0",
        ],
        check=True,
        env=env,
        cwd=ROOT,
    )


def reset_sequences(conn) -> None:
    conn.execute(RESET_SEQUENCES)


def check_consistency(conn) -> None:
    """Print each check's count of offending rows; stop at the first that finds any."""
    for check, sql in CONSISTENCY_CHECKS.items():
        found = conn.execute(sql).fetchone()[0]
        print(f"  check: {check}: {found}")
        if found:
            sys.exit("inconsistent data generated")


def print_counts(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        print("\nrows:")
        for table in BIG_TABLES + ["knowledgebase_article", "accounts_user", "accounts_team"]:
            count = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
            print(f"  {table:40} {count:>12,}")
        size = conn.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        print(f"database size: {size.fetchone()[0]}")
