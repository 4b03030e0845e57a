"""A trigram index on the folded search name (PostgreSQL), so 'part of a name' searches use an
index instead of reading every person. SQLite (development) keeps its b-tree index only."""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS person_search_name_trgm ON contacts_person "
    "USING gin (search_name gin_trgm_ops)"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS person_search_name_trgm")


class Migration(migrations.Migration):
    dependencies = [("contacts", "0006_default_signal_types_and_involvement")]

    operations = [migrations.RunPython(forwards, backwards)]
