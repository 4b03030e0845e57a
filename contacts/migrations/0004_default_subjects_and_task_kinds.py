"""The product's task kinds and a starting list of contact subjects (editable afterwards)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from contacts.catalogue import ensure_defaults

    ensure_defaults(apps.get_model("contacts", "TaskKind"), apps.get_model("contacts", "ContactSubject"))


class Migration(migrations.Migration):
    dependencies = [("contacts", "0003_backfill_search_name")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
