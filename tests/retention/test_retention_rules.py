"""Retention rules: periods, validation, the default rules with their sources, and recompute
when a rule changes."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from retention.defaults import DEFAULT_RULES
from retention.models import RetentionRule
from retention.periods import add_period
from retention.services import load_default_rules
from tests.factories import (
    ProcessingActivityFactory,
    RetentionRuleFactory,
    personal_data_category,
)

D = datetime.date


@pytest.mark.parametrize(
    ("start", "amount", "unit", "expected"),
    [
        (D(2024, 1, 31), 1, "months", D(2024, 2, 29)),
        (D(2023, 1, 31), 1, "months", D(2023, 2, 28)),
        (D(2024, 2, 29), 1, "years", D(2025, 2, 28)),
        (D(2024, 2, 29), 4, "years", D(2028, 2, 29)),
        (D(2024, 11, 30), 3, "months", D(2025, 2, 28)),
        (D(2024, 12, 31), 2, "weeks", D(2025, 1, 14)),
        (D(2024, 12, 31), 0, "days", D(2024, 12, 31)),
    ],
)
def test_periods_are_counted_in_calendar_units(start, amount, unit, expected):
    assert add_period(start, amount, unit) == expected


@pytest.fixture
def rule(db):
    RetentionRule.objects.all().delete()
    return RetentionRuleFactory.build(code="test", data_category=personal_data_category())


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"trigger": "event"}, "event_code"),
        ({"event_code": "allocation"}, "event_code"),
        ({"trigger": "date_field"}, "trigger_field"),
        ({"trigger": "date_field", "trigger_field": "summary"}, "trigger_field"),
        ({"trigger_field": "occurred_at"}, "trigger_field"),
        ({"target": "phone_number", "trigger": "closed"}, "trigger"),
        ({"target": "phone_number", "action": "anonymise"}, "action"),
        ({"target": "phone_number", "record_kinds": "mobile"}, "record_kinds"),
        ({"target": "", "record_kinds": "x"}, "record_kinds"),
        ({"action": "review", "is_statutory": True}, "is_statutory"),
    ],
)
def test_a_rule_must_make_sense_for_its_records(rule, changes, field):
    rule.full_clean()
    for name, value in changes.items():
        setattr(rule, name, value)
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert field in error.value.message_dict


@pytest.mark.django_db
def test_the_default_rules_cover_the_policy_with_their_sources():
    RetentionRule.objects.all().delete()
    ProcessingActivityFactory(code="klantcontact")

    assert load_default_rules() == (len(DEFAULT_RULES), 0)
    rules = {rule.code: rule for rule in RetentionRule.objects.select_related("data_category")}
    for rule in rules.values():
        rule.full_clean()
        assert rule.legal_source
        assert rule.active_to is None
    expect = {
        # code: (category, records, counted from, period, action)
        "telefoonnummers-na-huur": ("contactgegevens", "phone_number", "tenancy_end", 2, "delete"),
        "huurovereenkomst-fiscaal": ("huurovereenkomst", "tenancy", "tenancy_end", 7, "delete"),
        "signalen-herbeoordelen": ("woongedrag", "signal", "review_date", 0, "review"),
        "medische-urgentie": ("gezondheid", "signal", "event", 0, "delete"),
        "woningzoekenden": ("identificatie", "", "deregistration", 1, "delete"),
        "klantcontact-anonimiseren": (
            "klantcontact",
            "contact_moment",
            "last_contact",
            2,
            "anonymise",
        ),
    }
    for code, (category, target, trigger, period, action) in expect.items():
        rule = rules[code]
        assert (
            rule.data_category.code,
            rule.target,
            rule.trigger,
            rule.period_amount,
            rule.action,
        ) == (category, target, trigger, period, action), code
    assert rules["huurovereenkomst-fiscaal"].is_statutory
    assert "art. 52" in rules["huurovereenkomst-fiscaal"].legal_source
    sources = " ".join(rule.legal_source for rule in rules.values())
    for seed in ("seed 000", "§5.4", "seed 003", "seed 004"):
        assert seed in sources
    assert rules["klantcontact-anonimiseren"].processing_activity.code == "klantcontact"
    assert load_default_rules() == (0, 0)


@pytest.mark.django_db
def test_officer_edits_survive_and_reset_restores_the_defaults():
    RetentionRule.objects.all().delete()
    load_default_rules()
    RetentionRule.objects.filter(code="inzagelog").update(period_amount=3)
    assert load_default_rules() == (0, 0)
    assert RetentionRule.objects.get(code="inzagelog").period_amount == 3
    assert load_default_rules(update=True) == (0, 1)
    assert RetentionRule.objects.get(code="inzagelog").period_amount == 2


@pytest.mark.django_db
def test_changing_what_a_due_date_depends_on_marks_the_rule_for_recompute():
    RetentionRule.objects.all().delete()
    rule = RetentionRuleFactory()
    RetentionRule.objects.filter(pk=rule.pk).update(needs_recompute=False, scheduled_up_to=99)
    rule.refresh_from_db()
    rule.legal_source = "Nieuwe onderbouwing."
    rule.save()
    rule.refresh_from_db()
    assert not rule.needs_recompute and rule.scheduled_up_to == 99
    rule.period_amount = 3
    rule.save(update_fields=["period_amount"])
    rule.refresh_from_db()
    assert rule.needs_recompute and rule.scheduled_up_to == 0
