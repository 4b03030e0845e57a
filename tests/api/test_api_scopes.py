"""The API's scope matrix: every endpoint, called by a client with only its scope (success) and
by a client with every other scope (403), and without a token, with a bad token and with a
revoked token (401). A new API endpoint that is not in ENDPOINTS makes this test fail.
"""

import datetime

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone

from api import services as api_services
from api.permissions import API_POLICY
from api.scopes import ALL_SCOPES
from contacts import services
from processingregister.models import PersonalDataCategory
from referencedata.models import CodeList, ReferenceCode
from tests.factories import (
    ArticleFactory,
    EmailAddressFactory,
    PersonFactory,
    PhoneNumberFactory,
    TenancyFactory,
    UnitFactory,
    api_client,
    contact_catalogue,
    survey_agreement,
)
from tests.support.contacts import contact_input, task_input
from tests.support.urls import walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(reference_codes, team_noord):
    contact_catalogue()
    huu = ReferenceCode.objects.get(code_list=CodeList.RELATION_ROLE, code="HUU")
    person = TenancyFactory(unit=UnitFactory(team=team_noord), person=PersonFactory(), role=huu)
    person = person.person
    PhoneNumberFactory(person=person, number="+31612345678", is_preferred=True)
    EmailAddressFactory(person=person, address="huurder@example.nl", is_preferred=True)
    employee = api_client(["tasks:write"], teams=[team_noord], slug="medewerker")[0]
    contact = services.register_contact(
        employee.service_user,
        contact_input(
            {"tenant": person, "team": team_noord},
            summary="Vraag over de huur.",
            outcome="task",
            task=task_input(
                requested_action="Terugbellen.",
                due_date=timezone.localdate() + datetime.timedelta(days=3),
                assigned_team=team_noord,
            ),
        ),
    )
    ArticleFactory(title="Lekkage melden", keywords="lekkage, lek")
    survey_agreement(end=datetime.date.today() + datetime.timedelta(days=300))
    return {
        "person": person,
        "contact": contact,
        "task": contact.tasks.get(),
        "team": team_noord,
    }


def contact_body(world):
    return {"channel": "TEL", "subject": "huur-betalen", "summary": "Vraag.", "outcome": "answered"}


def task_body(world):
    return {"contact_moment": world["contact"].pk, "kind": "callback", "requested_action": "Bel."}


def intake_body(world):
    return {
        "relation_number": world["person"].relation_number,
        "kind": "repair_request",
        "summary": "Kraan lekt.",
        "requested_action": "Monteur sturen.",
    }


def disclosure_body(world):
    from processingregister.categories import sync_data_categories
    from tests.factories import AgreementFactory, RegisterPartyFactory

    sync_data_categories()
    agreement = AgreementFactory(
        party=RegisterPartyFactory(name="Gemeente Noordstad"),
        role="recipient",
        start_date=timezone.localdate() - datetime.timedelta(days=30),
        end_date=None,
    )
    agreement.data_categories.set(PersonalDataCategory.objects.filter(code="identificatie"))
    return {
        "relation_numbers": [world["person"].relation_number],
        "agreement": agreement.reference,
        "basis": "covenant",
        "categories": ["identificatie"],
        "purpose": "Vroegsignalering van schulden",
    }


# (url name, method, url kwargs, query or body, scope, success status)
ENDPOINTS = [
    ("api:caller_lookup", "get", None, lambda w: {"phone": "06-12345678"}, "lookup", 200),
    (
        "api:persons",
        "get",
        None,
        lambda w: {"q": w["person"].relation_number},
        "persons:read",
        200,
    ),
    ("api:person", "get", lambda w: {"id": w["person"].pk}, None, "persons:read", 200),
    (
        "api:person_contact_moments",
        "get",
        lambda w: {"id": w["person"].pk},
        None,
        "persons:read",
        200,
    ),
    (
        "api:person_contact_moments",
        "post",
        lambda w: {"id": w["person"].pk},
        contact_body,
        "contacts:write",
        201,
    ),
    ("api:tasks", "get", None, None, "tasks:write", 200),
    ("api:tasks", "post", None, task_body, "tasks:write", 201),
    ("api:task", "get", lambda w: {"id": w["task"].pk}, None, "tasks:write", 200),
    (
        "api:task",
        "patch",
        lambda w: {"id": w["task"].pk},
        lambda w: {"status": "in_progress"},
        "tasks:write",
        200,
    ),
    ("api:articles", "get", None, lambda w: {"q": "lekkage"}, "kb:read", 200),
    ("api:code_lists", "get", None, None, "reference:read", 200),
    (
        "api:code_list",
        "get",
        lambda w: {"soort": "COMMUNICATIEKANAAL"},
        None,
        "reference:read",
        200,
    ),
    ("api:portal_intake", "post", None, intake_body, "portal:intake", 201),
    ("api:survey_export", "get", None, None, "survey:export", 200),
    ("api:disclosures", "post", None, disclosure_body, "disclosures:write", 201),
    (
        "api:imports",
        "post",
        lambda w: {"kind": "persons"},
        lambda w: {"rows": [{"relatienummer": "R900", "achternaam": "Jansen"}], "dry_run": True},
        "erp:import",
        200,
    ),
]
IDS = [f"{method} {name}" for name, method, *_rest in ENDPOINTS]


def send(client, world, endpoint, token=None):
    name, method, kwargs, payload, _scope, _status = endpoint
    url = reverse(name, kwargs=kwargs(world) if kwargs else None)
    data = payload(world) if payload else None
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    if method == "get":
        return client.get(url, data or {}, **headers)
    return getattr(client, method)(url, data or {}, content_type="application/json", **headers)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=IDS)
def test_with_the_scope_the_call_succeeds(client, world, endpoint):
    scope, expected = endpoint[4], endpoint[5]
    _api, token = api_client([scope], teams=[world["team"]])
    response = send(client, world, endpoint, token)
    assert response.status_code == expected, response.content
    # An API answer may hold personal data: never stored by a proxy or client cache (issue 18).
    assert {"no-store", "private"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }, response["Cache-Control"]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=IDS)
def test_without_the_scope_the_call_is_forbidden(client, world, endpoint):
    scope = endpoint[4]
    _api, token = api_client([s for s in ALL_SCOPES if s != scope], teams=[world["team"]])
    response = send(client, world, endpoint, token)
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"] == "urn:klantcontact:problem:scope-missing"


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=IDS)
def test_without_a_valid_token_the_call_is_unauthenticated(client, world, endpoint):
    api, token = api_client(list(ALL_SCOPES), teams=[world["team"]])
    api_services.revoke(api)
    for bad in (None, "kc_onbekend00_" + "x" * 40, "geen-token", token):
        response = send(client, world, endpoint, bad)
        assert response.status_code == 401, bad
        assert response["WWW-Authenticate"].startswith("Bearer")
        assert response["Content-Type"] == "application/problem+json"


def test_every_api_endpoint_is_in_the_matrix():
    covered = {(name, method) for name, method, *_rest in ENDPOINTS}
    found = set()
    for _route, name, pattern in walk(get_resolver().url_patterns):
        if getattr(pattern.callback, "access_policy", None) != API_POLICY:
            continue
        view_class = pattern.callback.view_class
        if name == "api:not_found":
            continue
        for method in ("get", "post", "put", "patch", "delete"):
            if hasattr(view_class, method):
                found.add((name, method))
    assert found == covered
