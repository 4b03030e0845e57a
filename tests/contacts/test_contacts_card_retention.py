"""The customer card says per section how long its data is kept ("Bewaard: ..."), from the active
retention rules, with a link to the staff page of the rules; one query for the rules."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts import roles
from contacts import services
from contacts.models import SignalType
from referencedata.models import CodeList, ReferenceCode
from retention import explain
from retention.models import RetentionRule
from retention.services import load_default_rules
from tests.factories import (
    MandateFactory,
    PersonFactory,
    PhoneNumberFactory,
    TenancyFactory,
    UnitFactory,
    contact_catalogue,
)

pytestmark = pytest.mark.django_db

SECTIONS = ("file", "contact-details", "mandates", "tasks", "timeline", "signals", "tenancies")


@pytest.fixture
def card_world(reference_codes, team_noord, make_user):
    contact_catalogue()
    RetentionRule.objects.all().delete()
    load_default_rules()
    huu = ReferenceCode.objects.get(code_list=CodeList.RELATION_ROLE, code="HUU")
    tenant = TenancyFactory(
        unit=UnitFactory(team=team_noord), person=PersonFactory(surname="Bakker"), role=huu
    ).person
    PhoneNumberFactory(person=tenant, number="+31612345678", is_preferred=True)
    employee = make_user("mw", roles=[roles.EMPLOYEE], teams=[team_noord])
    return {"tenant": tenant, "employee": employee, "team": team_noord, "huu": huu}


def retention_lines(html) -> dict[str, str]:
    """{section: the text of its "Kept" line}, tags stripped."""
    lines = {}
    for section, inner in re.findall(
        r'<p class="helptext" data-retention="([\w-]+)">(.*?)</p>', html
    ):
        lines[section] = " ".join(re.sub(r"<[^>]+>", "", inner).split())
    return lines


def get_card(client, person):
    return client.get(reverse("contacts:card", args=[person.pk])).content.decode()


def test_each_section_shows_how_long_its_data_is_kept(client, card_world):
    tenant = card_world["tenant"]
    client.force_login(card_world["employee"])
    html = get_card(client, tenant)
    lines = retention_lines(html)
    # One tenancy: no tenancies section, the tenancy's line sits in the header. No signals yet.
    assert set(lines) == {"file", "contact-details", "mandates", "tasks", "timeline"}
    phrase = explain.phrase_for_target
    kept = translation.gettext("Kept")
    assert lines["contact-details"] == f"{kept}: {phrase('phone_number')}"
    assert lines["mandates"] == f"{kept}: {phrase('mandate')}"
    assert lines["tasks"] == f"{kept}: {phrase('task')}"
    assert lines["timeline"] == f"{kept}: {phrase('contact_moment')}"
    assert phrase("person") in lines["file"] and phrase("tenancy") in lines["file"]
    rules_url = reverse("retention:rules")
    assert f'href="{rules_url}#bewaarregel-phone_number"' in html
    assert f'href="{rules_url}#bewaarregel-person"' in html
    # Policy only: nothing about the person in the lines.
    for line in lines.values():
        assert "Bakker" not in line and "0612345678" not in line


def test_signals_and_several_tenancies_get_their_own_lines(client, card_world):
    tenant = card_world["tenant"]
    TenancyFactory(unit=UnitFactory(team=card_world["team"]), person=tenant, role=card_world["huu"])
    services.register_signal(
        card_world["employee"],
        tenant,
        signal_type=SignalType.objects.get(code="geluidsoverlast"),
        description="Drie meldingen van geluidsoverlast.",
    )
    client.force_login(card_world["employee"])
    lines = retention_lines(get_card(client, tenant))
    assert set(lines) == set(SECTIONS)
    assert explain.phrase_for_target("signal") in lines["signals"]
    assert explain.phrase_for_target("tenancy") in lines["tenancies"]
    assert explain.phrase_for_target("tenancy") not in lines["file"]


def test_phone_and_e_mail_with_different_rules_are_named(client, card_world):
    email = RetentionRule.objects.get(code="emailadressen-na-huur")
    email.period_amount = 5
    email.save()
    client.force_login(card_world["employee"])
    line = retention_lines(get_card(client, card_world["tenant"]))["contact-details"]
    phones = RetentionRule.objects.get(code="telefoonnummers-na-huur")
    assert explain.phrase_text(phones) in line and explain.phrase_text(email) in line
    assert translation.gettext("phone numbers") in line
    assert translation.gettext("e-mail addresses") in line


def test_a_changed_or_missing_rule_shows_at_the_next_card(client, card_world):
    client.force_login(card_world["employee"])
    task_rule = RetentionRule.objects.get(code="taken-anonimiseren")
    before = retention_lines(get_card(client, card_world["tenant"]))["tasks"]
    task_rule.period_amount = 9
    task_rule.save()
    after = retention_lines(get_card(client, card_world["tenant"]))["tasks"]
    assert after != before and explain.phrase_text(task_rule) in after
    task_rule.delete()
    gone = retention_lines(get_card(client, card_world["tenant"]))["tasks"]
    assert explain.no_rule_text() in gone


def test_the_rules_cost_the_card_one_query_whatever_the_number_of_rules(client, card_world):
    tenant = card_world["tenant"]
    MandateFactory(represented=tenant)
    client.force_login(card_world["employee"])

    def run():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("contacts:card", args=[tenant.pk])).status_code == 200
        return [q["sql"] for q in captured]

    run()  # per-process name tables
    queries = run()
    rule_queries = [sql for sql in queries if "retention_retentionrule" in sql]
    assert len(rule_queries) == 1
    for index in range(5):
        RetentionRule.objects.create(
            code=f"extra-{index}",
            name="Extra",
            data_category=RetentionRule.objects.first().data_category,
            target="signal",
            trigger="closed",
            period_amount=index + 1,
            action="delete",
            legal_source="Test.",
        )
    assert len(run()) == len(queries)
