"""The default rules of the disclosure log and of the rent arrears positions (disclosures app),
inserted by code when missing, as migration 0003 does for its rules."""

from django.db import migrations

NEW_CODES = ("verstrekkingenlog", "huurachterstanden")


def load(apps, schema_editor):
    from processingregister.categories import sync_data_categories
    from retention.defaults import DEFAULT_RULES

    alias = schema_editor.connection.alias
    sync_data_categories(apps=apps, using=alias)
    Rule = apps.get_model("retention", "RetentionRule")
    Category = apps.get_model("processingregister", "PersonalDataCategory")
    Activity = apps.get_model("processingregister", "ProcessingActivity")
    specs = {spec["code"]: spec for spec in DEFAULT_RULES}
    for code in NEW_CODES:
        values = dict(specs[code])
        values.pop("code")
        category = Category.objects.using(alias).get(code=values.pop("category"))
        activity = Activity.objects.using(alias).filter(code=values.pop("activity", "")).first()
        Rule.objects.using(alias).get_or_create(
            code=code,
            defaults={"data_category": category, "processing_activity": activity, **values},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("retention", "0003_register_rules"),
        ("disclosures", "0001_initial"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
