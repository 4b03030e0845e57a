"""Data and checks for the worker-kill drill (drills/worker_kill_retention.sh).

    python drills/retention_data.py generate --total 60000 --every 3 --held-persons 5
    python drills/retention_data.py state          # JSON: counts in the database and run reports
    python drills/retention_data.py verify         # compares with the expectation written by
                                                   # `generate`; exit 1 on any difference

``generate`` writes into the drill's own database (its name must contain "drill"): persons,
contact moments of which every ``--every``-th is three years old (expired under the drill rule
"contacts: delete two years after the contact"), a closed task with two events for each
expired contact and for two in five of the others, an audit-trail entry per contact and task,
and legal holds on ``--held-persons`` persons that have expired contacts. It removes every
other retention rule, so only the drill rule acts, and stores the expectation (which contact
ids must go, which must stay) in the database's own table ``drill_expectation``.
"""

import argparse
import datetime
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klantcontact.settings")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection  # noqa: E402

RULE = "drill-contacten"
TASK_JOIN = "c.id = t.contact_moment_id"


def guard() -> None:
    if connection.vendor != "postgresql" or "drill" not in connection.settings_dict["NAME"]:
        sys.exit("This drill writes only into a PostgreSQL database whose name contains 'drill'.")


def reference():
    # The project's modules load only after django.setup(), which this script runs first.
    from accounts.models import Team, User
    from accounts.services import create_team
    from contacts.catalogue import ensure_defaults
    from contacts.models import ContactSubject, TaskKind
    from referencedata.models import CodeList, ReferenceCode

    ensure_defaults(TaskKind, ContactSubject)
    team = Team.objects.filter(code="drill").first() or create_team(name="Drill", code="drill")
    user, _created = User.objects.get_or_create(username="drill.medewerker")
    channel = ReferenceCode.objects.get(code_list=CodeList.CHANNEL, code="TEL")
    return {
        "team": team.pk,
        "user": user.pk,
        "channel": channel.pk,
        "subject": ContactSubject.objects.get(code="reparatieverzoek").pk,
        "kind": TaskKind.objects.get(code="repair_request").pk,
    }


def the_rule():
    # The project's modules load only after django.setup(), which this script runs first.
    from processingregister.categories import sync_data_categories
    from processingregister.models import PersonalDataCategory
    from retention.models import RetentionRule

    sync_data_categories()
    RetentionRule.objects.exclude(code=RULE).delete()
    rule, _created = RetentionRule.objects.update_or_create(
        code=RULE,
        defaults={
            "name": "Drill: contactmomenten twee jaar na het contact verwijderen",
            "data_category": PersonalDataCategory.objects.get(code="klantcontact"),
            "target": "contact_moment",
            "trigger": "date_field",
            "trigger_field": "occurred_at",
            "period_amount": 2,
            "period_unit": "years",
            "action": "delete",
            "legal_source": "Drill.",
            "active_from": datetime.date(2000, 1, 1),
            "active_to": None,
        },
    )
    return rule


# Long: one pass writes the contacts with their tasks, holds and audit entries in step, so that
# the drill can check each kind of row afterwards.
def generate(total: int, every: int, held_persons: int) -> None:
    # The project's modules load only after django.setup(), which this script runs first.
    from contacts.models import ContactMoment, Task
    from retention import services

    guard()
    ref = reference()
    persons = max(10, total // 20)
    cm_type = ContentType.objects.get_for_model(ContactMoment).pk
    task_type = ContentType.objects.get_for_model(Task).pk
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO contacts_person (created_at, updated_at, relation_number, initials,
                given_name, surname_prefix, surname, search_name)
            SELECT now(), now(), 'D' || lpad(i::text, 9, '0'), 'J.', 'Jan', '', 'Drill' || i,
                'drill' || i || ' jan'
            FROM generate_series(1, %s) AS i
            """,
            [persons],
        )
        cursor.execute("SELECT min(id) FROM contacts_person WHERE relation_number LIKE 'D%%'")
        first_person = cursor.fetchone()[0]
        cursor.execute(
            """
            INSERT INTO contacts_contactmoment (direction, occurred_at, caller_kind, summary,
                notes, outcome, created_at, channel_id, handled_by_id, person_id, team_id,
                subject_id)
            SELECT 'in',
                CASE WHEN i %% %(every)s = 0 THEN now() - interval '3 years'
                     ELSE now() - (i %% 700) * interval '1 day' END,
                'self', 'Lekkage onder het aanrecht gemeld, monteur komt.', '',
                CASE WHEN i %% 5 IN (0, 1) OR i %% %(every)s = 0 THEN 'repair_request'
                     ELSE 'answered' END,
                now(), %(channel)s, %(user)s, %(first)s + (i %% %(persons)s), %(team)s,
                %(subject)s
            FROM generate_series(1, %(total)s) AS i
            """,
            {**ref, "every": every, "total": total, "persons": persons, "first": first_person},
        )
        cursor.execute(
            """
            INSERT INTO contacts_task (requested_action, due_date, status, closing_note,
                closed_at, created_at, assigned_team_id, contact_moment_id, kind_id, created_by_id)
            SELECT 'Monteur inplannen.', (occurred_at + interval '5 days')::date, 'done',
                'Verholpen.', occurred_at + interval '3 days', occurred_at, %(team)s, id,
                %(kind)s, %(user)s
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
                        ('closed', interval '3 days', 'Verholpen.')) AS e(kind, offs, note)
            """,
            ref,
        )
        for type_id, table, join in (
            (cm_type, "contacts_contactmoment c", ""),
            (task_type, "contacts_task t", f"JOIN contacts_contactmoment c ON {TASK_JOIN}"),
        ):
            alias = table.split()[1]
            cursor.execute(
                f"""
                INSERT INTO audit_logentry (object_pk, object_id, object_repr, action,
                    changes_text, changes, timestamp, additional_data, subject_person_id,
                    redaction_reason, content_type_id, actor_id)
                SELECT {alias}.id::text, {alias}.id, 'Record #' || {alias}.id, 0, '',
                    jsonb_build_object('summary', jsonb_build_array(NULL, c.summary)),
                    c.occurred_at, jsonb_build_object('subject_person_id', c.person_id),
                    c.person_id, '', %s, %s
                FROM {table} {join}
                """,  # noqa: S608 - fixed table names
                [type_id, ref["user"]],
            )
    rule = the_rule()
    # Legal holds on a few persons with expired contacts: their contacts must stay.
    from accounts.models import User
    from contacts.models import Person

    cutoff = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=800)
    held = list(
        Person.objects.filter(
            contact_moments__occurred_at__lt=cutoff, relation_number__startswith="D"
        )
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)[:held_persons]
    )
    owner = User.objects.get(username="drill.medewerker")
    for person in Person.objects.filter(pk__in=held):
        services.place_hold(
            owner=owner,
            reason_kind="litigation",
            reason="Drill: procedure loopt",
            ends_on=datetime.date.today() + datetime.timedelta(days=365),
            person=person,
        )
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS drill_expectation")
        cursor.execute(
            """
            CREATE TABLE drill_expectation AS
            SELECT c.id, c.person_id,
                (c.occurred_at < %s AND NOT c.person_id = ANY(%s)) AS must_go,
                (c.occurred_at < %s AND c.person_id = ANY(%s)) AS held
            FROM contacts_contactmoment c
            """,
            [cutoff, held, cutoff, held],
        )
    print(json.dumps({"rule": rule.code, "held_persons": len(held), **expectation()}))


def expectation() -> dict:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), count(*) FILTER (WHERE must_go), count(*) FILTER (WHERE held) "
            "FROM drill_expectation"
        )
        total, must_go, held = cursor.fetchone()
    return {"contacts": total, "must_go": must_go, "held": held, "must_stay": total - must_go}


def state() -> dict:
    # The project's modules load only after django.setup(), which this script runs first.
    from retention.models import RetentionRun

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT
              count(*) FILTER (WHERE e.must_go AND c.id IS NULL),
              count(*) FILTER (WHERE e.must_go AND c.id IS NOT NULL),
              count(*) FILTER (WHERE NOT e.must_go AND c.id IS NULL),
              count(*) FILTER (WHERE NOT e.must_go AND c.id IS NOT NULL)
            FROM drill_expectation e LEFT JOIN contacts_contactmoment c ON c.id = e.id
            """
        )
        gone, due_left, lost, kept = cursor.fetchone()
        cursor.execute(
            "SELECT count(*) FROM contacts_task t LEFT JOIN contacts_contactmoment c "
            "ON c.id = t.contact_moment_id WHERE c.id IS NULL"
        )
        orphan_tasks = cursor.fetchone()[0]
        cm_type = ContentType.objects.get(app_label="contacts", model="contactmoment").pk
        cursor.execute(
            """
            SELECT
              count(*) FILTER (WHERE e.must_go AND c.id IS NULL AND l.redacted_at IS NULL),
              count(*) FILTER (WHERE NOT e.must_go AND l.redacted_at IS NOT NULL)
            FROM drill_expectation e
            JOIN audit_logentry l ON l.content_type_id = %s AND l.object_id = e.id
            LEFT JOIN contacts_contactmoment c ON c.id = e.id
            """,
            [cm_type],
        )
        unredacted_gone, redacted_kept = cursor.fetchone()
    runs = []
    for run in RetentionRun.objects.order_by("pk").prefetch_related("rule_reports__rule"):
        report = next((r for r in run.rule_reports.all() if r.rule.code == RULE), None)
        runs.append(
            {
                "run": run.pk,
                "kind": run.kind,
                "status": run.status,
                "tasks": run.tasks,
                "deleted": report.deleted if report else None,
                "skipped_hold": report.skipped_hold if report else None,
                "errors": report.errors if report else None,
                "scheduled": report.scheduled if report else None,
            }
        )
    return {
        **expectation(),
        "gone": gone,
        "due_left": due_left,
        "lost": lost,
        "kept": kept,
        "orphan_tasks": orphan_tasks,
        "audit_unredacted_of_deleted": unredacted_gone,
        "audit_redacted_of_kept": redacted_kept,
        "runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate")
    gen.add_argument("--total", type=int, default=60000)
    gen.add_argument("--every", type=int, default=3)
    gen.add_argument("--held-persons", type=int, default=5)
    sub.add_parser("state")
    args = parser.parse_args()
    if args.command == "generate":
        generate(args.total, args.every, args.held_persons)
    else:
        print(json.dumps(state()))


if __name__ == "__main__":
    main()
