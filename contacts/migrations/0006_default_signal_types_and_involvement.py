"""Default signal types, and involvement grants for contacts handled and tasks held so far."""

from django.db import migrations


def signal_types(apps, schema_editor):
    from contacts.catalogue import ensure_signal_types

    ensure_signal_types(
        apps.get_model("contacts", "SignalType"), apps.get_model("referencedata", "ReferenceCode")
    )


def involvement(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    grant = Permission.objects.filter(
        content_type__app_label="contacts", codename="view_person"
    ).first()
    if grant is None:  # a new database: no contacts yet, permissions come after migrate
        return
    ContactMoment = apps.get_model("contacts", "ContactMoment")
    Task = apps.get_model("contacts", "Task")
    Direct = apps.get_model("contacts", "PersonUserObjectPermission")
    pairs = set(
        ContactMoment.objects.filter(person__isnull=False, handled_by__isnull=False).values_list(
            "handled_by_id", "person_id"
        )
    )
    pairs |= set(
        Task.objects.filter(
            contact_moment__person__isnull=False, assigned_to__isnull=False
        ).values_list("assigned_to_id", "contact_moment__person_id")
    )
    existing = set(
        Direct.objects.filter(permission=grant).values_list("user_id", "content_object_id")
    )
    Direct.objects.bulk_create(
        [
            Direct(user_id=user_id, content_object_id=person_id, permission=grant)
            for user_id, person_id in sorted(pairs - existing)
        ],
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0005_signals_and_access"),
        ("referencedata", "0002_load_vera_lists"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(signal_types, migrations.RunPython.noop),
        migrations.RunPython(involvement, migrations.RunPython.noop),
    ]
