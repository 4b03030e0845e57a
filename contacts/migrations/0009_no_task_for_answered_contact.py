"""A contact answered at first contact (or forwarded) cannot have a task: enforced in the
database by triggers on both tables, since the rule spans two tables and a CHECK constraint
cannot see the other one."""

from django.db import migrations

CLOSED_OUTCOMES = "('answered', 'forwarded')"

POSTGRES_FORWARD = f"""
CREATE OR REPLACE FUNCTION contacts_task_needs_open_outcome() RETURNS trigger AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM contacts_contactmoment
        WHERE id = NEW.contact_moment_id AND outcome IN {CLOSED_OUTCOMES}
    ) THEN
        RAISE EXCEPTION 'contact moment % was answered at first contact or forwarded: it has no task',
            NEW.contact_moment_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER contacts_task_needs_open_outcome
    BEFORE INSERT OR UPDATE OF contact_moment_id ON contacts_task
    FOR EACH ROW EXECUTE FUNCTION contacts_task_needs_open_outcome();

CREATE OR REPLACE FUNCTION contacts_closed_outcome_has_no_task() RETURNS trigger AS $$
BEGIN
    IF NEW.outcome IN {CLOSED_OUTCOMES}
       AND EXISTS (SELECT 1 FROM contacts_task WHERE contact_moment_id = NEW.id) THEN
        RAISE EXCEPTION 'contact moment % has a task: it cannot be answered at first contact or forwarded',
            NEW.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER contacts_closed_outcome_has_no_task
    BEFORE UPDATE OF outcome ON contacts_contactmoment
    FOR EACH ROW EXECUTE FUNCTION contacts_closed_outcome_has_no_task();
"""

POSTGRES_REVERSE = """
DROP TRIGGER IF EXISTS contacts_task_needs_open_outcome ON contacts_task;
DROP FUNCTION IF EXISTS contacts_task_needs_open_outcome();
DROP TRIGGER IF EXISTS contacts_closed_outcome_has_no_task ON contacts_contactmoment;
DROP FUNCTION IF EXISTS contacts_closed_outcome_has_no_task();
"""

SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER contacts_task_needs_open_outcome_insert
    BEFORE INSERT ON contacts_task
    WHEN EXISTS (SELECT 1 FROM contacts_contactmoment
                 WHERE id = NEW.contact_moment_id AND outcome IN {CLOSED_OUTCOMES})
    BEGIN
        SELECT RAISE(ABORT, 'CHECK constraint failed: contact answered or forwarded has no task');
    END
    """,
    f"""
    CREATE TRIGGER contacts_task_needs_open_outcome_update
    BEFORE UPDATE OF contact_moment_id ON contacts_task
    WHEN EXISTS (SELECT 1 FROM contacts_contactmoment
                 WHERE id = NEW.contact_moment_id AND outcome IN {CLOSED_OUTCOMES})
    BEGIN
        SELECT RAISE(ABORT, 'CHECK constraint failed: contact answered or forwarded has no task');
    END
    """,
    f"""
    CREATE TRIGGER contacts_closed_outcome_has_no_task
    BEFORE UPDATE OF outcome ON contacts_contactmoment
    WHEN NEW.outcome IN {CLOSED_OUTCOMES}
         AND EXISTS (SELECT 1 FROM contacts_task WHERE contact_moment_id = NEW.id)
    BEGIN
        SELECT RAISE(ABORT, 'CHECK constraint failed: contact with a task cannot be answered');
    END
    """,
]

SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS contacts_task_needs_open_outcome_insert",
    "DROP TRIGGER IF EXISTS contacts_task_needs_open_outcome_update",
    "DROP TRIGGER IF EXISTS contacts_closed_outcome_has_no_task",
]


def _run(schema_editor, postgres, sqlite):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(postgres, params=None)
    elif vendor == "sqlite":
        for statement in sqlite:
            schema_editor.execute(statement)
    else:  # pragma: no cover - only PostgreSQL (production) and SQLite (demo) are supported
        raise NotImplementedError(f"no trigger for database vendor {vendor!r}")


def forward(apps, schema_editor):
    _run(schema_editor, POSTGRES_FORWARD, SQLITE_FORWARD)


def reverse(apps, schema_editor):
    _run(schema_editor, POSTGRES_REVERSE, SQLITE_REVERSE)


class Migration(migrations.Migration):
    dependencies = [("contacts", "0008_purpose_binding")]

    operations = [migrations.RunPython(forward, reverse, elidable=False)]
