"""The person on the task (copied from its contact moment), for the card's open tasks.

Filled for the existing tasks in one statement; the card's index on open tasks moves from the
contact moment to the person (docs/performance.md, "Evidence at scale").
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def copy_person_from_contact(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        sql = """
            UPDATE contacts_task t SET person_id = c.person_id
            FROM contacts_contactmoment c
            WHERE c.id = t.contact_moment_id AND c.person_id IS NOT NULL
        """
    else:
        sql = """
            UPDATE contacts_task SET person_id = (
                SELECT c.person_id FROM contacts_contactmoment c
                WHERE c.id = contacts_task.contact_moment_id
            )
        """
    schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("contacts", "0012_inbox_partial_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="task",
            name="person",
            field=models.ForeignKey(
                blank=True,
                help_text="Copied from the contact moment, for the customer card.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="contacts.person",
                verbose_name="person",
            ),
        ),
        migrations.RunPython(copy_person_from_contact, migrations.RunPython.noop, elidable=False),
        migrations.AddIndex(
            model_name="task",
            index=models.Index(
                condition=models.Q(("status", "done"), _negated=True),
                fields=["person", "due_date", "id"],
                name="task_open_person_idx",
            ),
        ),
        migrations.RemoveIndex(model_name="task", name="task_open_idx"),
    ]
