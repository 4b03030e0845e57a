"""One source for retention periods: the register and the enforced rules agree
(retention.checks), every category of personal data the product holds has a rule, and
data-subject requests and statements have theirs."""

import datetime

import pytest
from django.core import checks
from django.db import connection
from django.utils import timezone

from processingregister import demo as register_demo
from processingregister.inventory import (
    NOT_PERSONAL,
    inventoried_models,
    load_declaration,
    project_app_configs,
)
from processingregister.models import ProcessingActivity
from retention import checks as retention_checks
from retention.checks import check_register_matches_rules, periods_in_text, register_differences
from retention.defaults import DEFAULT_RULES
from retention.models import RetentionRule
from retention.services import load_default_rules
from tests.factories import (
    PersonFactory,
    ProcessingActivityFactory,
    RetentionRuleFactory,
    UserFactory,
    data_subject_request,
    personal_data_category,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def codes(differences):
    return sorted(
        (d.code, d.activity.code, d.rule.code if d.rule is not None else None) for d in differences
    )


def activity(code, period=2, unit="years", explanation="", categories=None):
    return ProcessingActivityFactory(
        code=code,
        retention_period=period,
        retention_unit=unit,
        retention_explanation=explanation,
        data_categories=categories or ["identificatie", "contactgegevens", "klantcontact"],
        approved=True,
    )


def rule(code, activity, amount, unit="years", **values):
    values.setdefault("data_category", personal_data_category("klantcontact"))
    return RetentionRuleFactory(
        code=code,
        processing_activity=activity,
        period_amount=amount,
        period_unit=unit,
        **values,
    )


# --- The check ----------------------------------------------------------------------------------


def test_the_default_rules_and_the_demo_register_agree():
    register_demo.seed_demo_data()
    load_default_rules()
    assert [d.message for d in register_differences()] == []
    assert check_register_matches_rules(databases=["default"]) == []
    # Every approved activity of the demo has at least one rule bound to it.
    approved = ProcessingActivity.objects.filter(status=ProcessingActivity.Status.APPROVED)
    unbound = approved.filter(retention_rules__isnull=True).values_list("code", flat=True)
    assert list(unbound) == []


def test_a_period_of_the_register_without_a_rule_is_an_error():
    telephony = activity("telefonie-test", 3, "months")
    [difference] = register_differences()
    assert (difference.code, difference.activity, difference.rule) == ("E301", telephony, None)
    [message] = check_register_matches_rules(databases=["default"])
    assert message.id == "retention.E301" and message.level == checks.ERROR
    assert "'telefonie-test'" in message.msg and "3 months" in message.msg

    rule("telefonie-test-regel", telephony, 3, "months", target="access_log", action="delete")
    assert register_differences() == []


def test_a_rule_period_the_register_does_not_state_is_an_error():
    """The auditor's finding: support signals, register one year, rule two years."""
    support = activity("zorg-test", 1, explanation="Een jaar na afsluiting, dan herbeoordelen.")
    too_long = rule(
        "zorg-test-regel", support, 2, target="signal", trigger="closed", action="delete"
    )
    found = codes(register_differences())
    assert found == [("E301", "zorg-test", None), ("E302", "zorg-test", "zorg-test-regel")]
    messages = {m.id: m for m in check_register_matches_rules(databases=["default"])}
    assert set(messages) == {"retention.E301", "retention.E302"}
    assert messages["retention.E302"].obj == too_long
    assert (
        "2 years" in messages["retention.E302"].msg and "1 years" in messages["retention.E302"].msg
    )

    too_long.period_amount = 1
    too_long.save()
    assert register_differences() == []


def test_what_counts_as_the_same_and_as_stated():
    contacts = activity(
        "contact-test",
        2,
        explanation="Contacten zonder bekende persoon een jaar na het contact; logs 30 dagen.",
    )
    # 24 months is two years; the explanation states one year and 30 days.
    rule("contact-a", contacts, 24, "months")
    rule("contact-b", contacts, 1)
    rule("contact-c", contacts, 30, "days")
    # A review rule decides, it does not keep: its period is no retention period.
    rule("contact-review", contacts, 5, target="mandate", trigger="date_field",
         trigger_field="valid_to", action="review")  # fmt: skip
    # A rule that ended, or that starts later, does not count.
    today = timezone.localdate()
    rule(
        "contact-old",
        contacts,
        9,
        active_from=D(2000, 1, 1),
        active_to=today - datetime.timedelta(1),
    )
    assert register_differences() == []

    rule("contact-d", contacts, 3)
    assert codes(register_differences()) == [("E302", "contact-test", "contact-d")]


def test_drafts_retired_activities_and_unbound_rules_are_not_compared():
    ProcessingActivityFactory(code="concept", retention_period=4)  # a draft
    rule("los", None, 9)
    assert register_differences() == []


def test_a_rule_on_a_category_the_activity_does_not_list_is_a_warning():
    surveys = activity("enquete-test", 1, categories=["contactgegevens"])
    rule("enquete-regel", surveys, 1, data_category=personal_data_category("tevredenheid"))
    [difference] = register_differences()
    assert (difference.code, difference.rule.code) == ("W303", "enquete-regel")
    [message] = check_register_matches_rules(databases=["default"])
    assert message.id == "retention.W303" and message.level == checks.WARNING


def test_the_check_runs_with_a_database_only_and_survives_missing_tables(monkeypatch):
    activity("zonder-regel", 3)
    registered = checks.registry.registry.get_checks()
    assert check_register_matches_rules in registered
    assert checks.Tags.database in check_register_matches_rules.tags
    # Plain `manage.py check` names no database: nothing is queried.
    assert check_register_matches_rules(databases=None) == []
    monkeypatch.setattr(connection.introspection, "table_names", lambda *a, **k: [])
    assert check_register_matches_rules(databases=["default"]) == []


def test_the_check_waits_for_pending_migrations(monkeypatch):
    """Before migrate applies the data migrations that bring them in line, report nothing."""
    activity("zonder-regel", 3)
    assert check_register_matches_rules(databases=["default"])
    from django.db.migrations.executor import MigrationExecutor

    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [object()])
    assert check_register_matches_rules(databases=["default"]) == []


def test_periods_written_out_in_an_explanation():
    assert periods_in_text("Een jaar na afsluiting; inspectierapport twee jaar, 30 dagen.") == {
        (12, "months"),
        (24, "months"),
        (30, "days"),
    }
    assert periods_in_text("drie maanden, 2 weken") == {(3, "months"), (14, "days")}
    assert periods_in_text("vijfjaarlijks, een jaartal") == set()


def test_the_differences_read_in_the_interface_language():
    activity("taal-test", 3, "months")
    [difference] = register_differences()
    assert "3" in difference.text and difference.activity.name in difference.text


def test_the_trigger_mapping_covers_every_register_trigger():
    from processingregister.models import RetentionTrigger
    from retention.models import Trigger

    assert set(retention_checks.TRIGGER_MAPPING) == set(RetentionTrigger.values)
    for mapped in retention_checks.TRIGGER_MAPPING.values():
        assert set(mapped) <= set(Trigger.values)


# --- Every category of personal data has a rule ---------------------------------------------------

# Categories about the corporation's own staff and the system's logs: their retention follows the
# employee's account (blocked when they leave, processing activity 'gebruikersbeheer') and the
# record they describe, not a rule of their own. Every other category used by a declaration in
# <app>/personal_data.py must have a rule.
EXEMPT = {"medewerker", "autorisatie", "logging"}


def declared_categories() -> dict[str, set[str]]:
    """{category code: {model labels}} over every PERSONAL_DATA declaration of the project."""
    found: dict[str, set[str]] = {}
    for config in project_app_configs():
        declaration = load_declaration(config) or {}
        models = {model.__name__: model for model in inventoried_models(config)}
        for name, fields in declaration.items():
            if not isinstance(fields, dict):
                continue
            label = models[name]._meta.label if name in models else f"{config.label}.{name}"
            for code in fields.values():
                if code != NOT_PERSONAL:
                    found.setdefault(code, set()).add(label)
    return found


def test_every_category_of_personal_data_has_a_rule():
    """A category is covered when an active rule names it (its data category) or when an active
    rule acts on the records of a model that holds it (the rule removes that data with the
    record, e.g. the date of birth with the person). A category added to a declaration with
    neither fails here."""
    load_default_rules()
    declared = declared_categories()
    assert set(declared) >= EXEMPT, "the exempt codes must be real categories"
    rules = list(RetentionRule.objects.active_on(timezone.localdate()).select_related())
    named = {rule.data_category.code for rule in rules}
    acted_on = {
        rule.target_spec.model._meta.label
        for rule in rules
        if rule.target_spec is not None and rule.target_spec.available
    }
    missing = {
        code: sorted(models)
        for code, models in declared.items()
        if code not in EXEMPT and code not in named and not (models & acted_on)
    }
    assert missing == {}
    # The defaults name every required category that a targeted model does not already cover.
    default_named = {spec["category"] for spec in DEFAULT_RULES}
    for code in ("woning", "tevredenheid", "zakelijk-contact", "klantcontact", "woongedrag"):
        assert code in default_named


def test_a_new_category_without_a_rule_fails(monkeypatch):
    declared = declared_categories()
    declared["nieuw"] = {"contacts.Unit"}
    named = {spec["category"] for spec in DEFAULT_RULES}
    missing = {c for c in declared if c not in EXEMPT and c not in named and c != "geboortedatum"}
    assert missing == {"nieuw"}


# --- Requests and statements have rules ---------------------------------------------------------


def test_data_subject_requests_and_their_events_have_a_rule():
    load_default_rules()
    rule = RetentionRule.objects.get(code="verzoeken-betrokkenen")
    rule.full_clean()
    assert (rule.target, rule.trigger, rule.period_amount, rule.period_unit, rule.action) == (
        "data_subject_request",
        "closed",
        5,
        "years",
        "delete",
    )
    assert not rule.is_statutory  # the person is not kept for it
    assert rule.target_spec.available
    assert "art. 5 lid 2" in rule.legal_source and "3:310 BW" in rule.legal_source
    # Counted from the completion; an open request has no due date.
    officer = UserFactory()
    request = data_subject_request(officer, PersonFactory())
    computed = rule.target_spec.compute(rule, [request.pk])
    assert computed[request.pk][1] is None
    completed = timezone.now() - datetime.timedelta(days=10)
    type(request).objects.filter(pk=request.pk).update(completed_at=completed)
    computed = rule.target_spec.compute(rule, [request.pk])
    trigger = computed[request.pk][1]
    assert trigger == timezone.localdate(completed)
    assert rule.due_from(trigger) == trigger.replace(year=trigger.year + 5)
    # Its events go with it: the database cascade.
    field = request.events.field
    assert field.remote_field.on_delete.__name__ == "CASCADE"


def test_statements_of_data_subjects_have_a_rule():
    load_default_rules()
    rule = RetentionRule.objects.get(code="verklaringen-betrokkenen")
    rule.full_clean()
    assert (rule.target, rule.trigger, rule.period_amount, rule.action) == (
        "person_statement",
        "last_contact",
        2,
        "delete",
    )
    assert rule.target_spec.available and "art. 9.1" in rule.legal_source


def test_telephony_and_privacy_management_have_rules():
    register_demo.seed_demo_data()
    load_default_rules()
    lookup = RetentionRule.objects.get(code="nummerherkenning")
    lookup.full_clean()
    assert (lookup.target, lookup.kinds, lookup.period_amount, lookup.period_unit) == (
        "access_log",
        ["caller_lookup"],
        3,
        "months",
    )
    assert lookup.processing_activity.code == "telefonie"
    privacy = RetentionRule.objects.filter(processing_activity__code="privacybeheer")
    assert set(privacy.values_list("code", flat=True)) >= {
        "privacybeheer-overeenkomsten",
        "datalekregister",
        "verzoeken-betrokkenen",
    }


def test_support_signals_follow_the_register_one_year():
    register_demo.seed_demo_data()
    load_default_rules()
    support = RetentionRule.objects.get(code="zorgsignalen-beeindigd")
    support.full_clean()
    assert (support.kinds, support.trigger, support.period_amount, support.period_unit) == (
        ["ondersteuning"],
        "closed",
        1,
        "years",
    )
    register = ProcessingActivity.objects.get(code="zorgsignalen")
    assert (register.retention_period, register.retention_unit) == (1, "years")
    assert support.processing_activity == register
    assert "Het register heeft hier gelijk" in support.legal_source


def test_the_data_migration_inserts_the_new_defaults_on_an_existing_database():
    """Migration 0003 adds the new rules by code, links the register, leaves edits alone."""
    import importlib

    from django.apps import apps as global_apps

    migration = importlib.import_module("retention.migrations.0003_register_rules")
    register_demo.seed_demo_data()
    RetentionRule.objects.filter(code__in=migration.NEW_CODES).delete()
    RetentionRule.objects.filter(code="inzagelog").update(period_amount=3)

    class Editor:
        connection = connection

    migration.load(global_apps, Editor())
    added = RetentionRule.objects.filter(code__in=migration.NEW_CODES)
    assert added.count() == len(migration.NEW_CODES)
    assert added.get(code="nummerherkenning").processing_activity.code == "telefonie"
    assert RetentionRule.objects.get(code="inzagelog").period_amount == 3
    migration.load(global_apps, Editor())  # idempotent
    assert added.count() == len(migration.NEW_CODES)
