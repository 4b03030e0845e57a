"""The default retention rules (retention/defaults.py), with their legal source."""

from django.db import migrations


def load(apps, schema_editor):
    from processingregister.categories import sync_data_categories
    from retention.defaults import DEFAULT_RULES

    alias = schema_editor.connection.alias
    sync_data_categories(apps=apps, using=alias)
    Rule = apps.get_model("retention", "RetentionRule")
    Category = apps.get_model("processingregister", "PersonalDataCategory")
    Activity = apps.get_model("processingregister", "ProcessingActivity")
    for spec in DEFAULT_RULES:
        values = dict(spec)
        code = values.pop("code")
        category = Category.objects.using(alias).get(code=values.pop("category"))
        activity = Activity.objects.using(alias).filter(code=values.pop("activity", "")).first()
        Rule.objects.using(alias).get_or_create(
            code=code,
            defaults={"data_category": category, "processing_activity": activity, **values},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("retention", "0001_initial"),
        ("processingregister", "0001_initial"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
