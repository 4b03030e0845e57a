"""The default rules added so that the register and the rules agree (retention.checks).

Inserts, by code and only when missing, the rules for support signals (one year, as the
register says, instead of the general two-year signal rule), the caller lookup of the
telephony integration, data-subject requests and statements, privacy management, surveys, the
final account at the end of a tenancy and the home's address. Links each to its processing
activity when the register has it. Rules the privacy officer already edited are left alone.
On a fresh database migration 0002 has created them already (it loads all defaults); then this
does nothing.
"""

from django.db import migrations

NEW_CODES = (
    "zorgsignalen-beeindigd",
    "nummerherkenning",
    "verzoeken-betrokkenen",
    "verklaringen-betrokkenen",
    "privacybeheer-overeenkomsten",
    "datalekregister",
    "tevredenheidsonderzoek",
    "eindafrekening-fiscaal",
    "woninggegevens",
)


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
        ("retention", "0002_default_rules"),
        ("processingregister", "0001_initial"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
