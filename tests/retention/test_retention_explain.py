"""retention.explain: the active retention rules as plain phrases per kind of data.

The phrases are checked in English (the msgids), so the tests hold before and after the Dutch
catalogue has them; the last test checks the Dutch wording once it is there.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from retention import explain
from retention.models import RetentionRule
from retention.services import load_default_rules
from tests.factories import RetentionRuleFactory, personal_data_category

pytestmark = pytest.mark.django_db

D = datetime.date
ALL_TARGETS = (
    "contact_moment",
    "anonymous_contact_moment",
    "task",
    "phone_number",
    "email_address",
    "tenancy",
    "mandate",
    "signal",
    "access_log",
    "person",
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def defaults():
    RetentionRule.objects.all().delete()
    load_default_rules()


@pytest.fixture
def no_rules():
    RetentionRule.objects.all().delete()


def rule(**values):
    values.setdefault("data_category", personal_data_category())
    made = RetentionRuleFactory.build(**values)
    made.full_clean()
    made.save()
    return made


def texts(key, **kwargs):
    return [str(phrase) for phrase in explain.retention_phrases([key], **kwargs)[key]]


def test_the_default_rules_in_plain_words(defaults):
    phrases = explain.retention_phrases(ALL_TARGETS)
    as_text = {key: [p.text for p in value] for key, value in phrases.items()}
    assert as_text == {
        "contact_moment": ["anonymised 2 years after end of the customer relationship"],
        "anonymous_contact_moment": ["anonymised 1 year after registration"],
        "task": ["anonymised 2 years after closing"],
        "phone_number": ["deleted 2 years after end of tenancy"],
        "email_address": ["deleted 2 years after end of tenancy"],
        "tenancy": [
            "deleted 7 years after end of the tenancy agreement (statutory retention duty)"
        ],
        "mandate": ["reviewed 1 year after end of the mandate"],
        "signal": [
            "deleted 2 years after closing",
            "reviewed on the review date",
            "only medische urgentie: deleted immediately at allocation of the home",
            "only ondersteuning: deleted 1 year after closing",
        ],
        "access_log": [
            "deleted 2 years after registration",
            "only caller_lookup: deleted 3 months after registration",
        ],
        "person": ["deleted 2 years after end of the customer relationship"],
    }
    tenancy = phrases["tenancy"][0]
    assert tenancy.has_rule and tenancy.is_statutory and tenancy.action == "delete"
    assert tenancy.rule_code == "huurovereenkomst-fiscaal"
    assert phrases["signal"][2].kinds == ("medische-urgentie",)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"period_amount": 1, "period_unit": "days"}, "anonymised 1 day after registration"),
        ({"period_amount": 3, "period_unit": "days"}, "anonymised 3 days after registration"),
        ({"period_amount": 1, "period_unit": "weeks"}, "anonymised 1 week after registration"),
        ({"period_amount": 6, "period_unit": "weeks"}, "anonymised 6 weeks after registration"),
        ({"period_amount": 1, "period_unit": "months"}, "anonymised 1 month after registration"),
        ({"period_amount": 18, "period_unit": "months"}, "anonymised 18 months after registration"),
        ({"period_amount": 0, "period_unit": "days"}, "anonymised immediately at registration"),
        ({"action": "delete"}, "deleted 2 years after registration"),
        (
            {"action": "delete", "is_statutory": True},
            "deleted 2 years after registration (statutory retention duty)",
        ),
        ({"trigger": "last_contact"}, "anonymised 2 years after end of the customer relationship"),
        ({"trigger": "tenancy_end"}, "anonymised 2 years after end of tenancy"),
        (
            {"trigger": "date_field", "trigger_field": "occurred_at"},
            "anonymised 2 years after the date ‘occurred at’",
        ),
        (
            {"trigger": "event", "event_code": "allocation"},
            "anonymised 2 years after allocation of the home",
        ),
        (
            {"trigger": "event", "event_code": "verhuizing"},
            "anonymised 2 years after the event ‘verhuizing’",
        ),
        (
            {"record_kinds": "overlast,huur-betalen"},
            "only overlast, huur betalen: anonymised 2 years after registration",
        ),
    ],
)
def test_phrase_per_trigger_period_and_action(no_rules, values, expected):
    rule(target="contact_moment", **values)
    assert texts("contact_moment") == [expected]


@pytest.mark.parametrize(
    ("target", "values", "expected"),
    [
        ("task", {"trigger": "closed"}, "anonymised 2 years after closing"),
        (
            "signal",
            {"trigger": "review_date", "action": "review"},
            "reviewed 2 years after the review date",
        ),
        (
            "signal",
            {"trigger": "review_date", "action": "review", "period_amount": 0},
            "reviewed on the review date",
        ),
        (
            "tenancy",
            {"trigger": "tenancy_end", "action": "delete"},
            "deleted 2 years after end of the tenancy agreement",
        ),
        (
            "tenancy",
            {"trigger": "date_field", "trigger_field": "end_date", "action": "delete"},
            "deleted 2 years after end of the tenancy agreement",
        ),
        # A date field without a phrase of its own is named by the model field's verbose name.
        (
            "mandate",
            {"trigger": "date_field", "trigger_field": "verified_at", "action": "review"},
            "reviewed 2 years after the date ‘verified on’",
        ),
        (
            "person",
            {"trigger": "created", "action": "delete"},
            "deleted 2 years after registration",
        ),
    ],
)
def test_phrase_follows_the_target(no_rules, target, values, expected):
    rule(target=target, **values)
    assert texts(target) == [expected]


def test_a_rule_without_records_here_says_so_and_reads_plainly(no_rules):
    documented = rule(target="", trigger="deregistration", action="delete", period_amount=1)
    assert explain.phrase_text(documented) == "deleted 1 year after deregistration"
    overview = explain.retention_overview()
    assert overview[-1].key == ""
    assert overview[-1].label == "data not held in this application"
    assert [r.code for r in overview[-1].rules] == [documented.code]


def test_a_changed_rule_changes_the_phrase(defaults):
    assert texts("phone_number") == ["deleted 2 years after end of tenancy"]
    phone = RetentionRule.objects.get(code="telefoonnummers-na-huur")
    phone.period_amount, phone.period_unit = 6, "months"
    phone.save()
    assert texts("phone_number") == ["deleted 6 months after end of tenancy"]
    phone.action = "review"
    phone.trigger = "last_contact"
    phone.save()
    assert texts("phone_number") == ["reviewed 6 months after end of the customer relationship"]


def test_no_active_rule_is_said_honestly(no_rules):
    rule(target="phone_number", trigger="created", action="delete", active_to=D(2001, 1, 1))
    rule(target="email_address", trigger="created", action="delete", active_from=D(2999, 1, 1))
    phrases = explain.retention_phrases(["phone_number", "email_address", "task"])
    for key in ("phone_number", "email_address", "task"):
        assert [p.text for p in phrases[key]] == ["no retention rule set"]
        assert not phrases[key][0].has_rule
    assert explain.phrase_for_target("task") == "no retention rule set"
    # On another day the ended rule did apply.
    assert explain.phrase_for_target("phone_number", day=D(2000, 6, 1)) == (
        "deleted 2 years after registration"
    )


def test_several_rules_give_several_phrases_general_ones_first(no_rules):
    rule(code="b-narrow", target="signal", trigger="closed", action="delete", record_kinds="x")
    rule(code="c-review", target="signal", trigger="review_date", action="review")
    rule(code="a-closed", target="signal", trigger="closed", action="delete", period_amount=1)
    assert [p.rule_code for p in explain.retention_phrases(["signal"])["signal"]] == [
        "a-closed",
        "c-review",
        "b-narrow",
    ]
    assert explain.phrase_for_target("signal") == (
        "deleted 1 year after closing; reviewed 2 years after the review date; "
        "only x: deleted 2 years after closing"
    )


def test_one_query_for_any_number_of_targets_none_with_rules_given(defaults):
    with CaptureQueriesContext(connection) as captured:
        phrases = explain.retention_phrases(ALL_TARGETS)
    assert len(captured) == 1
    rules = explain.active_rules()
    with CaptureQueriesContext(connection) as captured:
        again = explain.retention_phrases(ALL_TARGETS, rules=rules)
    assert len(captured) == 0
    assert again == phrases


def test_combined_line_names_the_targets_only_when_they_differ(defaults):
    phrases = explain.retention_phrases(["phone_number", "email_address", "mandate"])
    assert explain.combined_line(["phone_number", "email_address"], phrases) == (
        "deleted 2 years after end of tenancy"
    )
    assert explain.combined_line(["phone_number", "mandate"], phrases) == (
        "phone numbers: deleted 2 years after end of tenancy; "
        "mandates (machtigingen): reviewed 1 year after end of the mandate"
    )


def test_the_overview_lists_every_kind_of_data_with_what_how_long_from_when(defaults):
    overview = explain.retention_overview()
    by_key = {group.key: group for group in overview}
    assert set(ALL_TARGETS) <= set(by_key)
    (tenancy,) = by_key["tenancy"].rules
    assert tenancy.what == "tenancies"
    assert tenancy.how_long == "7 years"
    assert tenancy.from_when == "end of the tenancy agreement"
    assert tenancy.what_happens == "The records are deleted."
    assert tenancy.is_statutory
    assert "Algemene wet inzake rijksbelastingen" in tenancy.legal_source
    assert "\n" not in tenancy.legal_source
    assert by_key["tenancy"].anchor == "bewaarregel-tenancy"
    # The rules on data this application does not hold (applicants, the register itself, the
    # survey answers at the bureau): listed apart, sorted by code.
    assert [r.code for r in by_key[""].rules] == [
        "datalekregister",
        "eindafrekening-fiscaal",
        "privacybeheer-overeenkomsten",
        "tevredenheidsonderzoek",
        "woninggegevens",
        "woningzoekenden",
    ]


def test_the_overview_keeps_a_kind_of_data_without_rule(no_rules):
    by_key = {group.key: group for group in explain.retention_overview()}
    assert by_key["phone_number"].rules == []


def test_dutch_wording_when_the_catalogue_has_it(defaults):
    with translation.override("nl"):
        if translation.gettext("deleted %(when)s") == "deleted %(when)s":
            pytest.skip("the Dutch translations of retention.explain are not merged yet")
        assert explain.phrase_for_target("phone_number") == "verwijderd 2 jaar na einde huur"
        assert explain.phrase_for_target("contact_moment") == (
            "geanonimiseerd 2 jaar na einde klantrelatie"
        )
        assert explain.phrase_for_target("tenancy") == (
            "verwijderd 7 jaar na einde huurovereenkomst (wettelijke bewaarplicht)"
        )
        assert explain.phrase_for_target("mandate") == "herbeoordeeld 1 jaar na einde machtiging"
        assert explain.retention_phrases(["task"], rules=[])["task"][0].text == (
            "geen bewaarregel vastgesteld"
        )
