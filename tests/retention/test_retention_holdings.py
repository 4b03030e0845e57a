"""Who holds what: the privacy officer's overview is read from the person-data registry, with
the phrases of the rules in force, so a declaration or a rule change shows at once."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from accounts import roles
from persondata import registry
from retention import explain, holdings
from retention.models import RetentionRule

pytestmark = pytest.mark.django_db

URL = reverse("retention:person_data")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_every_declared_model_is_a_row_with_its_path_retention_and_erasure():
    rows = {row.model: row for row in holdings.holdings()}
    assert set(rows) == {entry.label for entry in registry.entries()}
    phone = rows["contacts.PhoneNumber"]
    assert phone.paths == ("person",)
    assert phone.retention == [("phone_number", explain.phrase_for_target("phone_number"))]
    assert phone.erasure == "deleted" and phone.restricted
    assert "kept" in rows["audit.AccessLogEntry"].erasure
    assert rows["contacts.TaskEvent"].retention == []  # goes with its task
    # No rule of its own, but the person's deletion takes it along.
    assert rows["rights.Objection"].retention[0][1].startswith("as long as the person")


def test_a_rule_change_shows_in_the_overview():
    RetentionRule.objects.filter(code="telefoonnummers-na-huur").update(period_amount=5)
    phone = {row.model: row for row in holdings.holdings()}["contacts.PhoneNumber"]
    assert "5 years" in phone.retention[0][1]


def test_the_page_is_for_the_privacy_officer(client, make_user):
    client.force_login(make_user("mw", roles=[roles.EMPLOYEE]))
    assert client.get(URL).status_code == 403
    client.force_login(make_user("avg", roles=[roles.PRIVACY_OFFICER]))
    html = client.get(URL).content.decode()
    assert 'data-model="contacts.PhoneNumber"' in html
    assert 'data-model="rights.AccessExport"' in html
    assert "api.IdempotencyKey" in html  # texts that may name a person


def test_the_command_prints_a_row_per_model(capsys):
    call_command("persondata_overview")
    out = capsys.readouterr().out
    for entry in registry.entries():
        assert f"| `{entry.label}` |" in out
