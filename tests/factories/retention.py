"""Factories for retention: retention rules and legal holds."""

import datetime

import factory
from factory.django import DjangoModelFactory

from tests.factories.accounts import UserFactory
from tests.factories.contacts import PersonFactory
from tests.factories.processingregister import personal_data_category


class RetentionRuleFactory(DjangoModelFactory):
    """A retention rule; active from long ago so ``--as-of`` dates in tests fall inside it."""

    class Meta:
        model = "retention.RetentionRule"
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"regel-{n}")
    name = factory.LazyAttribute(lambda rule: f"Regel {rule.code}")
    data_category = factory.LazyFunction(personal_data_category)
    target = "contact_moment"
    trigger = "created"
    period_amount = 2
    period_unit = "years"
    action = "anonymise"
    legal_source = "Testbron."
    active_from = datetime.date(2000, 1, 1)


class LegalHoldFactory(DjangoModelFactory):
    class Meta:
        model = "retention.LegalHold"

    person = factory.SubFactory(PersonFactory)
    reason_kind = "litigation"
    reason = "Procedure bij de kantonrechter, zaaknummer C/19/2026-0001."
    owner = factory.SubFactory(UserFactory)
    starts_on = datetime.date(2000, 1, 1)
    ends_on = datetime.date(2099, 12, 31)


def statutory_tenancy_rule(**overrides):
    """The fiscal duty: a tenancy is deleted seven years after it ends, and the rule is
    statutory, so it also keeps the person the tenancy belongs to until then."""
    fields = {
        "code": "huur-fiscaal",
        "target": "tenancy",
        "trigger": "tenancy_end",
        "period_amount": 7,
        "action": "delete",
        "is_statutory": True,
    }
    return RetentionRuleFactory(**{**fields, **overrides})


def mandate_review_rule(**overrides):
    """A mandate goes to its owner's review a year after it ended (its ``valid_to``)."""
    fields = {
        "code": "machtigingen",
        "target": "mandate",
        "trigger": "date_field",
        "trigger_field": "valid_to",
        "period_amount": 1,
        "action": "review",
    }
    return RetentionRuleFactory(**{**fields, **overrides})
