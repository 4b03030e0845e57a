"""Retention purge: the nightly job against plain SQL deletes of the same rows (PostgreSQL).

    createdb -h 127.0.0.1 -U postgres kc_retention_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kc_retention_bench
    .venv/bin/python manage.py migrate --noinput
    .venv/bin/python bench/retention_purge.py --total 1000000 --expired 200000
    .venv/bin/python bench/retention_purge.py --total 5000000 --expired 1000000   # the issue's size

What it does, in one run:

1. Generates ``--total`` contact moments (one in ``total/expired`` is three years old, the others
   from the last 700 days, interleaved in the table as in real life). Every expired contact has a
   closed task with two task events; two in five contacts overall have one. Every contact and
   every task has an audit-trail entry with its subject person, as the audit trail writes them.
2. Lets the engine compute every due date under one rule ("contacts: delete two years after the
   contact") with a run at a date where nothing is due yet, and times that (scheduling).
3. Copies the database (``CREATE DATABASE ... TEMPLATE``) so both sides start from the same rows.
4. Runs the retention job (``engine.run_now``: batches, row locks, live re-check of the trigger,
   holds, cascade, audit redaction, due dates removed, report) on the original, sampling the
   process's resident memory against the number of rows done.
5. Runs the plain-SQL equivalent on the copy: one transaction of set-based statements that
   delete the same contacts, tasks and task events and redact the same audit entries (the job's
   own bookkeeping, the due-date rows, is not part of the baseline).
6. Checks both databases ended in the same state, and prints both throughputs (expired contact
   moments per second, each with its task, events and audit entries), their ratio and the memory.

Writes to the database: use a database of its own (its name must contain "bench", or --force).
"""

import argparse
import datetime
import os
import sys
import threading
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klantcontact.settings")

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Team, User  # noqa: E402
from accounts.services import create_team  # noqa: E402
from contacts.catalogue import ensure_defaults  # noqa: E402
from contacts.models import ContactMoment, ContactSubject, Person, Task, TaskKind  # noqa: E402
from processingregister.categories import sync_data_categories  # noqa: E402
from processingregister.models import PersonalDataCategory  # noqa: E402
from referencedata.models import CodeList, ReferenceCode  # noqa: E402
from retention import engine, locks  # noqa: E402
from retention.engine import BATCH_SIZE  # noqa: E402
from retention.models import RetentionRule, RetentionRunRule  # noqa: E402

RULE = "bench-contacten"
TABLES = (
    "retention_retentionrunrule",
    "retention_retentionrun",
    "retention_retentionreview",
    "retention_retentionschedule",
    "retention_legalhold",
    "retention_erasurelog",
    "knowledgebase_articleuse",
    "contacts_taskevent",
    "contacts_task",
    "contacts_contactmoment",
    "audit_logentry",
    "audit_accesslogentry",
)


def guard(force: bool) -> None:
    if connection.vendor != "postgresql":
        sys.exit("This benchmark needs PostgreSQL (set DATABASE_URL).")
    name = str(connection.settings_dict["NAME"])
    if "bench" not in name and not force:
        sys.exit(f"Refusing to write benchmark data into database {name!r} (use --force).")


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def step(text: str) -> float:
    print(text, flush=True)
    return time.monotonic()


# --- 1. Data --------------------------------------------------------------------------------------


def reference_rows():

    ensure_defaults(TaskKind, ContactSubject)
    team = Team.objects.filter(code="bench").first() or create_team(name="Bench", code="bench")
    user, _created = User.objects.get_or_create(username="bench.medewerker")
    channel, _created = ReferenceCode.objects.get_or_create(
        code_list=CodeList.CHANNEL, code="TEL", defaults={"name": "Telefoon"}
    )
    return {
        "team": team.pk,
        "user": user.pk,
        "channel": channel.pk,
        "subject": ContactSubject.objects.get(code="reparatieverzoek").pk,
        "kind": TaskKind.objects.get(code="repair_request").pk,
    }


# Long: one COPY pass writes contacts, tasks, events and audit entries side by side, so that the
# expired rows lie interleaved in the tables as in real life.
def generate(total: int, expired: int) -> None:
    ratio = max(1, total // max(1, expired))
    ref = reference_rows()
    cm_type = ContentType.objects.get_for_model(ContactMoment).pk
    task_type = ContentType.objects.get_for_model(Task).pk
    persons = max(1, total // 20)
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
        cursor.execute("DELETE FROM contacts_person WHERE relation_number LIKE 'B%%'")
        cursor.execute(
            """
            INSERT INTO contacts_person (created_at, updated_at, relation_number, initials,
                given_name, surname_prefix, surname, search_name)
            SELECT now(), now(), 'B' || lpad(i::text, 9, '0'), 'J.', 'Jan', '', 'Bench' || i,
                'bench' || i || ' jan'
            FROM generate_series(1, %s) AS i
            """,
            [persons],
        )
        first_person = Person.objects.filter(relation_number__startswith="B").order_by("pk")[0].pk
        # Contact moments: every ratio-th one is three years old (expired), the rest younger.
        cursor.execute(
            """
            INSERT INTO contacts_contactmoment (id, direction, occurred_at, caller_kind, summary,
                notes, outcome, created_at, channel_id, handled_by_id, person_id, team_id,
                subject_id)
            SELECT i, 'in',
                CASE WHEN i %% %(ratio)s = 0 THEN now() - interval '3 years'
                     ELSE now() - (i %% 700) * interval '1 day' END,
                'self', 'Lekkage onder het aanrecht gemeld, monteur komt.', '',
                CASE WHEN i %% 5 IN (0, 1) OR i %% %(ratio)s = 0 THEN 'repair_request'
                     ELSE 'answered' END,
                now(), %(channel)s, %(user)s, %(first_person)s + (i %% %(persons)s), %(team)s,
                %(subject)s
            FROM generate_series(1, %(total)s) AS i
            """,
            {
                **ref,
                "ratio": ratio,
                "total": total,
                "persons": persons,
                "first_person": first_person,
            },
        )
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('contacts_contactmoment', 'id'), %s)", [total]
        )
        cursor.execute(
            """
            INSERT INTO contacts_task (requested_action, due_date, status, closing_note, closed_at,
                created_at, assigned_team_id, contact_moment_id, kind_id, created_by_id)
            SELECT 'Monteur inplannen en afspraak maken met de huurder.',
                (occurred_at + interval '5 days')::date, 'done', 'Lekkage verholpen.',
                occurred_at + interval '3 days', occurred_at, %(team)s, id, %(kind)s, %(user)s
            FROM contacts_contactmoment WHERE outcome = 'repair_request'
            """,
            ref,
        )
        cursor.execute(
            """
            INSERT INTO contacts_taskevent (kind, at, note, by_id, person_id, task_id)
            SELECT kind, t.created_at + offs, note, %(user)s, c.person_id, t.id
            FROM contacts_task t JOIN contacts_contactmoment c ON c.id = t.contact_moment_id,
                (VALUES ('created', interval '0 days', ''),
                        ('closed', interval '3 days', 'Lekkage verholpen.')) AS e(kind, offs, note)
            """,
            ref,
        )
        cursor.execute(
            """
            INSERT INTO audit_logentry (object_pk, object_id, object_repr, action, changes_text,
                changes, timestamp, additional_data, subject_person_id, redaction_reason,
                content_type_id, actor_id)
            SELECT id::text, id, 'Contactmoment #' || id, 0, '',
                jsonb_build_object('summary', jsonb_build_array(NULL, summary),
                                   'person', jsonb_build_array(NULL, person_id::text)),
                occurred_at, jsonb_build_object('subject_person_id', person_id), person_id, '',
                %(cm_type)s, %(user)s
            FROM contacts_contactmoment
            """,
            {**ref, "cm_type": cm_type},
        )
        cursor.execute(
            """
            INSERT INTO audit_logentry (object_pk, object_id, object_repr, action, changes_text,
                changes, timestamp, additional_data, subject_person_id, redaction_reason,
                content_type_id, actor_id)
            SELECT t.id::text, t.id, 'Taak #' || t.id, 0, '',
                jsonb_build_object('requested_action', jsonb_build_array(NULL, requested_action)),
                t.created_at, jsonb_build_object('subject_person_id', c.person_id), c.person_id,
                '', %(task_type)s, %(user)s
            FROM contacts_task t JOIN contacts_contactmoment c ON c.id = t.contact_moment_id
            """,
            {**ref, "task_type": task_type},
        )
    connection.close()
    with psycopg.connect(**admin_params(connection.settings_dict["NAME"])) as admin:
        admin.autocommit = True
        admin.execute("VACUUM ANALYZE")


def table_counts(cursor) -> dict:
    counts = {}
    for table in ("contacts_contactmoment", "contacts_task", "contacts_taskevent"):
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608
        counts[table] = cursor.fetchone()[0]
    cursor.execute("SELECT count(*) FROM audit_logentry WHERE redacted_at IS NOT NULL")
    counts["audit entries redacted"] = cursor.fetchone()[0]
    cursor.execute("SELECT count(*) FROM audit_logentry WHERE redacted_at IS NULL")
    counts["audit entries intact"] = cursor.fetchone()[0]
    return counts


# --- 2. Due dates ---------------------------------------------------------------------------------


def the_rule():

    sync_data_categories()
    rule, _created = RetentionRule.objects.update_or_create(
        code=RULE,
        defaults={
            "name": "Bench: contactmomenten twee jaar na het contact verwijderen",
            "data_category": PersonalDataCategory.objects.get(code="klantcontact"),
            "target": "contact_moment",
            "trigger": "date_field",
            "trigger_field": "occurred_at",
            "period_amount": 2,
            "period_unit": "years",
            "action": "delete",
            "legal_source": "Benchmark.",
            "active_from": datetime.date(2000, 1, 1),
            "active_to": None,
        },
    )
    RetentionRule.objects.filter(pk=rule.pk).update(needs_recompute=True, scheduled_up_to=0)
    return rule


# --- 3. The copy ----------------------------------------------------------------------------------


def admin_params(dbname: str) -> dict:
    settings = connection.settings_dict
    params = {"dbname": dbname, "host": settings["HOST"] or "127.0.0.1", "user": settings["USER"]}
    if settings.get("PORT"):
        params["port"] = settings["PORT"]
    if settings.get("PASSWORD"):
        params["password"] = settings["PASSWORD"]
    return params


def copy_database(source: str, target: str) -> None:
    connections.close_all()
    with psycopg.connect(**admin_params("postgres")) as admin:
        admin.autocommit = True
        admin.execute(f'DROP DATABASE IF EXISTS "{target}"')
        admin.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')


def settle(params: dict) -> None:
    """Same starting line for each side: dirty pages written (CHECKPOINT), tables read."""
    with psycopg.connect(**params, autocommit=True) as conn:
        conn.execute("CHECKPOINT")
    warm(params)


def warm(params: dict) -> None:
    with psycopg.connect(**params) as conn:
        for table in (
            "contacts_contactmoment",
            "contacts_task",
            "contacts_taskevent",
            "audit_logentry",
            "retention_retentionschedule",
        ):
            conn.execute(f"SELECT count(*) FROM {table}")  # noqa: S608


# --- 4. The job -----------------------------------------------------------------------------------


class MemorySampler(threading.Thread):
    """Resident memory of this process against rows done, every half second."""

    def __init__(self, rule_id: int):
        super().__init__(daemon=True)
        self.rule_id = rule_id
        self.samples: list[tuple[int, float]] = []
        self.stop = threading.Event()

    def run(self):

        try:
            while not self.stop.wait(0.5):
                done = (
                    RetentionRunRule.objects.filter(rule_id=self.rule_id)
                    .order_by("-pk")
                    .values_list("deleted", flat=True)
                    .first()
                )
                self.samples.append((done or 0, rss_mb()))
        finally:
            connection.close()


def run_job(rule, batch_size: int, trace: bool):

    locks.force_release()
    sampler = MemorySampler(rule.pk)
    sampler.start()
    if trace:
        tracemalloc.start()
    start = time.monotonic()
    run = engine.run_now(rule_code=RULE, batch_size=batch_size)
    elapsed = time.monotonic() - start
    peak = tracemalloc.get_traced_memory()[1] if trace else None
    if trace:
        tracemalloc.stop()
    sampler.stop.set()
    sampler.join()
    return run, elapsed, sampler.samples, peak


# --- 5. Plain SQL ---------------------------------------------------------------------------------

BASELINE = """
CREATE TEMP TABLE doomed ON COMMIT DROP AS
    SELECT id FROM contacts_contactmoment WHERE occurred_at < %(cutoff)s;
CREATE TEMP TABLE doomed_tasks ON COMMIT DROP AS
    SELECT t.id FROM contacts_task t JOIN doomed d ON d.id = t.contact_moment_id;
ANALYZE doomed;
ANALYZE doomed_tasks;
UPDATE audit_logentry a SET changes = NULL, changes_text = '', object_repr = '[verwijderd]',
    serialized_data = NULL, additional_data = NULL, redacted_at = now(),
    redaction_reason = 'Bewaartermijn verstreken'
    FROM doomed d
    WHERE a.content_type_id = %(cm_type)s AND a.object_id = d.id AND a.redacted_at IS NULL;
UPDATE audit_logentry a SET changes = NULL, changes_text = '', object_repr = '[verwijderd]',
    serialized_data = NULL, additional_data = NULL, redacted_at = now(),
    redaction_reason = 'Bewaartermijn verstreken'
    FROM doomed_tasks d
    WHERE a.content_type_id = %(task_type)s AND a.object_id = d.id AND a.redacted_at IS NULL;
DELETE FROM contacts_taskevent e USING doomed_tasks d WHERE e.task_id = d.id;
DELETE FROM contacts_task t USING doomed_tasks d WHERE t.id = d.id;
UPDATE knowledgebase_articleuse u SET contact_moment_id = NULL
    FROM doomed d WHERE u.contact_moment_id = d.id;
DELETE FROM contacts_contactmoment c USING doomed d WHERE c.id = d.id;
"""


def run_baseline(params: dict, cutoff) -> float:

    values = {
        "cutoff": cutoff,
        "cm_type": ContentType.objects.get_for_model(ContactMoment).pk,
        "task_type": ContentType.objects.get_for_model(Task).pk,
    }
    with psycopg.connect(**params) as conn:
        start = time.monotonic()
        with conn.transaction():
            for statement in BASELINE.split(";"):
                if statement.strip():
                    began = time.monotonic()
                    conn.execute(statement, values)
                    shown = " ".join(statement.split())[:70]
                    print(f"    {time.monotonic() - began:6.1f} s  {shown}")
            began = time.monotonic()
        print(f"    {time.monotonic() - began:6.1f} s  COMMIT")
        return time.monotonic() - start


# --- Main -----------------------------------------------------------------------------------------


# Long: the six steps of the module docstring in order, each timed and printed where it runs.
def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--total", type=int, default=1_000_000, help="contact moments in all")
    parser.add_argument("--expired", type=int, default=200_000, help="of which expired")
    parser.add_argument(
        "--batch-size", type=int, default=0, help="rows per transaction (default: the engine's)"
    )
    parser.add_argument("--tracemalloc", action="store_true", help="trace Python allocations")
    parser.add_argument("--keep", action="store_true", help="keep the baseline copy")
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args()
    guard(args.force)
    name = str(connection.settings_dict["NAME"])
    copy_name = f"{name}_sql"

    started = step(f"Generating {args.total:,} contact moments, {args.expired:,} expired ...")
    generate(args.total, args.expired)
    with connection.cursor() as cursor:
        before = table_counts(cursor)
    print(f"  {before} in {time.monotonic() - started:.0f} s")

    rule = the_rule()
    started = step("Computing the due dates (a run at a date where nothing is due yet) ...")
    locks.force_release()
    engine.run_now(as_of=datetime.date(2000, 1, 2), rule_code=RULE)
    scheduling = time.monotonic() - started
    print(f"  {args.total:,} due dates in {scheduling:.1f} s ({args.total / scheduling:,.0f}/s)")

    step(f"Copying the database to {copy_name} for the plain-SQL side ...")
    copy_database(name, copy_name)

    settle(admin_params(name))

    args.batch_size = args.batch_size or BATCH_SIZE
    step(f"Retention job (batches of {args.batch_size}) ...")
    cutoff = timezone.now() - datetime.timedelta(days=2 * 365 + 1)
    run, job_seconds, samples, peak = run_job(rule, args.batch_size, args.tracemalloc)
    report = run.rule_reports.get(rule=rule)
    print(f"  {report.deleted:,} contact moments in {job_seconds:.1f} s", flush=True)
    settle(admin_params(copy_name))
    step("Plain SQL deletes of the same rows, one transaction ...")
    sql_seconds = run_baseline(admin_params(copy_name), cutoff)
    print(f"  in {sql_seconds:.1f} s", flush=True)

    with connection.cursor() as cursor:
        after_job = table_counts(cursor)
    with psycopg.connect(**admin_params(copy_name)) as conn, conn.cursor() as cursor:
        after_sql = table_counts(cursor)
    deleted = before["contacts_contactmoment"] - after_job["contacts_contactmoment"]
    same = after_job == after_sql

    job_rate = deleted / job_seconds
    sql_rate = deleted / sql_seconds
    print()
    print("Retention purge")
    print(f"  contact moments            {args.total:,} ({args.expired:,} expired)")
    print(
        f"  run report                 {report.deleted:,} deleted, {report.errors} errors, "
        f"{run.status}"
    )
    print(f"  same end state             {'yes' if same else 'NO'}: {after_job}")
    if not same:
        print(f"  plain SQL end state        {after_sql}")
    print(f"  job                        {job_seconds:8.1f} s  {job_rate:10,.0f} contacts/s")
    print(f"  plain SQL                  {sql_seconds:8.1f} s  {sql_rate:10,.0f} contacts/s")
    print(f"  ratio job / plain SQL      {job_rate / sql_rate:.2f} (bar: at least 0.50)")
    print(f"  due dates computed         {scheduling:8.1f} s  {args.total / scheduling:10,.0f}/s")
    if samples:
        rss = [mb for _done, mb in samples]
        print(
            f"  resident memory            start {rss[0]:.0f} MB, peak {max(rss):.0f} MB, "
            f"end {rss[-1]:.0f} MB"
        )
        marks = [samples[max(0, int(len(samples) * f) - 1)] for f in (0.1, 0.25, 0.5, 0.75, 1.0)]
        print(
            "  memory vs rows done        "
            + ", ".join(f"{done:,} rows: {mb:.0f} MB" for done, mb in marks)
        )
    if peak is not None:
        print(f"  Python allocations, peak   {peak / 1024 / 1024:.1f} MB (tracemalloc)")
    print(f"  process peak RSS (getrusage) {rss_max_mb():.0f} MB")

    if not args.keep:
        connections.close_all()
        with psycopg.connect(**admin_params("postgres")) as admin:
            admin.autocommit = True
            admin.execute(f'DROP DATABASE IF EXISTS "{copy_name}"')
    return 0 if same else 1


def rss_max_mb() -> float:
    import resource  # only this measurement needs it

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    sys.exit(main())
