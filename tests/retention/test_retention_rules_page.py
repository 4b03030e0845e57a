"""The staff page of the retention rules: every staff role reads the active rules in plain
words; nobody logged out does; it shows policy, no personal data."""

import datetime

import pytest
from django.urls import reverse

from accounts import roles
from retention import explain
from retention.models import RetentionRule
from retention.services import load_default_rules

pytestmark = pytest.mark.django_db

URL = reverse("retention:rules")


@pytest.fixture
def rules():
    RetentionRule.objects.all().delete()
    load_default_rules()


@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_every_staff_role_reads_the_rules(client, rules, make_user, role):
    client.force_login(make_user("u", roles=[role]))
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-page="retention-rules"' in html
    for rule in RetentionRule.objects.all():
        assert f'data-rule="{rule.code}"' in html
    for group in explain.retention_overview():
        assert f'id="{group.anchor}"' in html


def test_logged_out_and_roleless_users_do_not(client, make_user):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(make_user("nobody"))
    assert client.get(URL).status_code == 403


def test_the_page_says_what_how_long_from_when_and_why(client, rules, make_user):
    client.force_login(make_user("mw", roles=[roles.EMPLOYEE]))
    html = client.get(URL).content.decode()
    tenancy = RetentionRule.objects.get(code="huurovereenkomst-fiscaal")
    start = html.index(f'data-rule="{tenancy.code}"')
    block = html[start : html.index("</article>", start)]
    explained = explain.explain_rule(tenancy)
    for text in (explained.how_long, explained.from_when, explained.what_happens):
        assert text in block
    assert explain.statutory_explanation() in block
    assert "Algemene wet inzake rijksbelastingen" in block


def test_a_kind_of_data_without_rule_says_so(client, rules, make_user):
    RetentionRule.objects.filter(target="access_log").delete()
    client.force_login(make_user("mw", roles=[roles.EMPLOYEE]))
    html = client.get(URL).content.decode()
    start = html.index('id="bewaarregel-access_log"')
    block = html[start : html.index("</section>", start)]
    assert "data-no-rule" in block
    assert explain.no_rule_text()[1:] in block


def test_an_ended_rule_is_not_shown(client, rules, make_user):
    RetentionRule.objects.filter(code="inzagelog").update(
        active_from=datetime.date(2000, 1, 1), active_to=datetime.date(2001, 1, 1)
    )
    client.force_login(make_user("mw", roles=[roles.EMPLOYEE]))
    assert 'data-rule="inzagelog"' not in client.get(URL).content.decode()
