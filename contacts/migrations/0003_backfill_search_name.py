from django.db import migrations


def backfill(apps, schema_editor):
    from contacts.normalise import person_search_name

    Person = apps.get_model("contacts", "Person")
    batch = []
    for person in Person.objects.only("surname", "surname_prefix", "given_name", "initials").iterator():
        person.search_name = person_search_name(
            surname=person.surname,
            surname_prefix=person.surname_prefix,
            given_name=person.given_name,
            initials=person.initials,
        )
        batch.append(person)
        if len(batch) >= 1000:
            Person.objects.bulk_update(batch, ["search_name"])
            batch = []
    Person.objects.bulk_update(batch, ["search_name"])


class Migration(migrations.Migration):
    dependencies = [("contacts", "0002_timeline_tasks_mandates")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
