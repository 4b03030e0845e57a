"""POST /api/v1/disclosures/ (issue 24, point 1): a system that shares tenants' data
automatically records each disclosure, through the rules of the disclosure log."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from accounts import roles
from api.scopes import ALL_SCOPES
from audit.models import AccessLogEntry
from disclosures.models import DisclosedPerson, Disclosure
from processingregister.categories import sync_data_categories
from processingregister.models import PersonalDataCategory
from rights import services as rights
from tests.factories import (
    AgreementFactory,
    RegisterPartyFactory,
    TenancyFactory,
    UnitFactory,
    api_client,
    contact_catalogue,
)

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"
TODAY = timezone.localdate()
URL = "/api/v1/disclosures/"


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    cache.clear()


def covenant(name, *codes, start=None, end=None):
    agreement = AgreementFactory(
        party=RegisterPartyFactory(name=name),
        role="recipient",
        title="Convenant vroegsignalering",
        start_date=start or TODAY - datetime.timedelta(days=365),
        end_date=end,
        breach_notification_hours=None,
    )
    agreement.data_categories.set(PersonalDataCategory.objects.filter(code__in=codes))
    return agreement


@pytest.fixture
def world(reference_codes, team_noord, team_zuid, make_user):
    sync_data_categories()
    contact_catalogue()
    return {
        "noord": TenancyFactory(unit=UnitFactory(team=team_noord)).person,
        "zuid": TenancyFactory(unit=UnitFactory(team=team_zuid)).person,
        "officer": make_user("avg", roles=[roles.PRIVACY_OFFICER], teams=[team_noord]),
        "municipality": covenant("Gemeente Noordstad", "identificatie", "financieel"),
        "police": RegisterPartyFactory(name="Politie Eenheid Noord"),
    }


def body(world, **changes):
    values = {
        "relation_numbers": [world["noord"].relation_number, world["zuid"].relation_number],
        "agreement": world["municipality"].reference,
        "basis": "covenant",
        "categories": ["identificatie", "financieel"],
        "purpose": "Vroegsignalering van schulden",
    }
    values.update(changes)
    return values


def post(client, token, data, **headers):
    if token:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client.post(URL, data, content_type="application/json", **headers)


@pytest.fixture
def token():
    return api_client(["disclosures:write"], slug="erp-koppeling")[1]


def test_the_url_is_the_routes(world):
    assert reverse("api:disclosures") == URL


def test_a_disclosure_is_recorded_with_its_persons_and_logged(client, world, token):
    disclosed_at = timezone.now() - datetime.timedelta(hours=2)
    response = post(
        client,
        token,
        body(
            world,
            # Lower case and a duplicate: the same two persons.
            relation_numbers=["r" + world["noord"].relation_number[1:]] * 2
            + [world["zuid"].relation_number],
            disclosed_at=disclosed_at.isoformat(),
        ),
    )
    assert response.status_code == 201, response.content
    answer = response.json()
    disclosure = Disclosure.objects.get()
    assert answer["id"] == disclosure.pk
    assert answer["person_count"] == 2 and answer["category_count"] == 2
    assert answer["recipient"] == "Gemeente Noordstad"
    assert answer["agreement"] == world["municipality"].reference
    assert answer["channel"] == "api" and answer["basis"] == "covenant"
    assert disclosure.disclosed_at == disclosed_at
    assert disclosure.recorded_by.username == "api-erp-koppeling"
    assert set(DisclosedPerson.objects.values_list("person_id", flat=True)) == {
        world["noord"].pk,
        world["zuid"].pk,
    }
    # Any person the administration knows (no team scope), each in the access log.
    rows = AccessLogEntry.objects.filter(actor=disclosure.recorded_by)
    assert set(rows.values_list("person_id", "what", "grant", "object_id")) == {
        (world["noord"].pk, "export", "api_client", disclosure.pk),
        (world["zuid"].pk, "export", "api_client", disclosure.pk),
    }


def test_a_legal_obligation_names_the_recipient_and_the_article(client, world, token):
    response = post(
        client,
        token,
        body(
            world,
            agreement=None,
            recipient="Politie Eenheid Noord",
            basis="legal_obligation",
            basis_reference="art. 126nd Wetboek van Strafvordering",
            categories=["identificatie"],
            channel="secure_mail",
        ),
    )
    assert response.status_code == 201, response.content
    assert response.json()["agreement"] is None
    assert Disclosure.objects.get().recipient == world["police"]


def unprocessable(response) -> dict:
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["type"] == "urn:klantcontact:problem:unprocessable"
    assert not Disclosure.objects.exists()
    return problem["errors"]


def test_an_expired_covenant_is_refused(client, world, token):
    old = covenant(
        "Gemeente Oud",
        "identificatie",
        start=TODAY.replace(year=TODAY.year - 3),
        end=TODAY - datetime.timedelta(days=1),
    )
    errors = unprocessable(
        post(client, token, body(world, agreement=old.reference, categories=["identificatie"]))
    )
    assert list(errors) == ["agreement"]
    assert old.reference in errors["agreement"][0]


def test_a_category_the_covenant_does_not_name_is_refused(client, world, token):
    errors = unprocessable(post(client, token, body(world, categories=["identificatie", "woning"])))
    assert PersonalDataCategory.objects.get(code="woning").name in " ".join(errors["categories"])


def test_an_objection_is_refused_under_the_request_field(client, world, token):
    rights.record_objection(world["zuid"], world["officer"], purpose="disclosure")
    errors = unprocessable(post(client, token, body(world)))
    assert list(errors) == ["relation_numbers"]
    assert errors["relation_numbers"] == [
        gettext(
            "The tenant objected to sharing with partners (art. 21 AVG). Only a legal "
            "obligation or a court order allows it: choose that basis and name it."
        )
    ]
    # A restriction too.
    rights.restrict(world["noord"], world["officer"], reason="Juistheid betwist.")
    only_noord = body(world, relation_numbers=[world["noord"].relation_number])
    errors = unprocessable(post(client, token, only_noord))
    assert list(errors) == ["relation_numbers"]


def test_unknown_references_are_refused_per_field(client, world, token):
    errors = unprocessable(
        post(
            client,
            token,
            body(
                world,
                relation_numbers=[world["noord"].relation_number, "R99999999"],
                agreement="VO-BESTAAT-NIET",
                categories=["identificatie", "onbekend"],
            ),
        )
    )
    assert set(errors) == {"relation_numbers", "agreement", "categories"}
    assert "R99999999" in errors["relation_numbers"][0]
    assert world["noord"].relation_number not in errors["relation_numbers"][0]
    assert "onbekend" in errors["categories"][0]
    errors = unprocessable(post(client, token, body(world, recipient="Onbekende Partij B.V.")))
    assert set(errors) == {"recipient"}
    errors = unprocessable(post(client, token, body(world, recipient="Politie Eenheid Noord")))
    assert set(errors) == {"recipient"}
    errors = unprocessable(post(client, token, body(world, agreement=None)))
    assert set(errors) == {"agreement"}
    future = (timezone.now() + datetime.timedelta(days=1)).isoformat()
    errors = unprocessable(post(client, token, body(world, disclosed_at=future)))
    assert set(errors) == {"disclosed_at"}


def test_a_malformed_body_is_a_validation_problem(client, world, token):
    for bad in (
        body(world, relation_numbers=[]),
        body(world, relation_numbers="R0000001"),
        body(world, categories=[]),
        body(world, basis="gevoel"),
        body(world, channel="case_conference"),
        body(world, purpose=" "),
        {k: v for k, v in body(world).items() if k != "purpose"},
    ):
        response = post(client, token, bad)
        assert response.status_code == 400, bad
        assert response["Content-Type"] == PROBLEM
    assert not Disclosure.objects.exists()


def test_without_the_scope_or_a_token_the_call_is_refused(client, world):
    other = api_client([s for s in ALL_SCOPES if s != "disclosures:write"])[1]
    response = post(client, other, body(world))
    assert response.status_code == 403
    assert response["Content-Type"] == PROBLEM
    assert response.json()["type"] == "urn:klantcontact:problem:scope-missing"
    for bad in (None, "kc_onbekend00_" + "x" * 40):
        response = post(client, bad, body(world))
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Bearer")
    assert not Disclosure.objects.exists()


def test_a_retry_with_the_idempotency_key_records_it_once(client, world, token):
    first = post(client, token, body(world), HTTP_IDEMPOTENCY_KEY="run-2026-12-01")
    retry = post(client, token, body(world), HTTP_IDEMPOTENCY_KEY="run-2026-12-01")
    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert retry["Idempotent-Replayed"] == "true"
    assert Disclosure.objects.count() == 1
    other = post(
        client, token, body(world, purpose="Iets anders"), HTTP_IDEMPOTENCY_KEY="run-2026-12-01"
    )
    assert other.status_code == 409
    assert other.json()["type"] == "urn:klantcontact:problem:idempotency-key-reused"
    # A refused call stores nothing: the key can be used again once the body is right.
    refused = post(client, token, body(world, agreement="VO-NEE"), HTTP_IDEMPOTENCY_KEY="k-2")
    assert refused.status_code == 422
    assert post(client, token, body(world), HTTP_IDEMPOTENCY_KEY="k-2").status_code == 201
    assert Disclosure.objects.count() == 2


def test_the_schema_describes_the_call(client):
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/disclosures/"]["post"]
    assert set(operation["responses"]) >= {"201", "400", "401", "403", "409", "422", "429"}
    assert "Idempotency-Key" in {p["name"] for p in operation["parameters"]}
