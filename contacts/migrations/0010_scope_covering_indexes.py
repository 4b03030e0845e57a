"""Covering indexes for the team scope of the access policy (PostgreSQL).

``access.policy`` finds "persons with a tenancy in one of my teams' units" as a set it hashes
once per query: units of the team -> their tenancies -> person ids. Without these indexes
PostgreSQL builds that set by reading the whole tenancy table (a hash join over a sequential
scan: 15-90 ms per search with 200,000 persons, twice per query); with them it is two
index-only range scans (about 2,000 units and 3,500 tenancies per team). Measured in
docs/performance.md, "Evidence at scale". SQLite (development) keeps its plain indexes.

Not declared on the models: the INCLUDE column is PostgreSQL-only, and the model state does
not change, so ``makemigrations`` stays clean.
"""

from django.db import migrations

INDEXES = {
    "tenancy_scope_idx": "ON contacts_tenancy (unit_id) INCLUDE (person_id)",
    "unit_team_scope_idx": "ON contacts_unit (team_id, id)",
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} {definition}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("contacts", "0009_no_task_for_answered_contact")]

    operations = [migrations.RunPython(forwards, backwards)]
