"""Load the shipped VERA lists at migrate time, so every database has them from the start.

``manage.py load_reference_data`` loads a newer file later the same way.
"""

from django.db import migrations


def load(apps, schema_editor):
    from referencedata.services import load_reference_codes

    load_reference_codes(model=apps.get_model("referencedata", "ReferenceCode"))


class Migration(migrations.Migration):
    dependencies = [("referencedata", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
