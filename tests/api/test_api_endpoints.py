"""The API's behaviour: who sees which person, what each call writes and logs, idempotency,
errors as application/problem+json, throttling, restriction (art. 18) on writes, and the
public schema and docs page.

API views authenticate by bearer token, never by session (see api.permissions.token_view).
"""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from api import idempotency
from api.models import IdempotencyKey
from audit.models import AccessLogEntry
from contacts import services
from contacts.models import ContactMoment, Task
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

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    cache.clear()


@pytest.fixture
def tenants(reference_codes, team_noord, team_zuid):
    contact_catalogue()
    huu = ReferenceCode.objects.get(code_list=CodeList.RELATION_ROLE, code="HUU")
    noord = TenancyFactory(unit=UnitFactory(team=team_noord), person=PersonFactory(), role=huu)
    zuid = TenancyFactory(unit=UnitFactory(team=team_zuid), person=PersonFactory(), role=huu)
    PhoneNumberFactory(person=noord.person, number="+31612345678")
    PhoneNumberFactory(person=zuid.person, number="+31687654321")
    return {"noord": noord.person, "zuid": zuid.person}


class Api:
    """A test client that sends one client's bearer token."""

    def __init__(self, client, token):
        self.client, self.token = client, token

    def _headers(self, extra):
        return {"HTTP_AUTHORIZATION": f"Bearer {self.token}", **extra}

    def get(self, name, params=None, kwargs=None, **extra):
        url = reverse(name, kwargs=kwargs)
        return self.client.get(url, params or {}, **self._headers(extra))

    def send(self, method, name, body, kwargs=None, **extra):
        url = reverse(name, kwargs=kwargs)
        return getattr(self.client, method)(
            url, body, content_type="application/json", **self._headers(extra)
        )


def make_api(client, scopes, **kwargs):
    api, token = api_client(scopes, **kwargs)
    return api, Api(client, token)


def access_rows(api, what=None):
    rows = AccessLogEntry.objects.filter(actor=api.service_user)
    return rows.filter(what=what) if what else rows


# --- Caller lookup ------------------------------------------------------------------------------


def test_lookup_matches_any_person_with_minimal_data_and_logs_it(client, tenants):
    api, calls = make_api(client, ["lookup"])  # no teams: telephony knows no districts
    for typed in ("06-87654321", "+31 6 8765 4321", "0031687654321"):
        response = calls.get("api:caller_lookup", {"phone": typed})
        assert response.status_code == 200
        body = response.json()
        assert body["phone"] == "+31687654321"
        assert body["matches"] == [
            {
                "id": tenants["zuid"].pk,
                "card_url": f"http://testserver/klanten/{tenants['zuid'].pk}/",
            }
        ]
    rows = access_rows(api, AccessLogEntry.What.CALLER_LOOKUP)
    assert rows.count() == 3
    assert set(rows.values_list("person_id", "grant")) == {
        (tenants["zuid"].pk, AccessLogEntry.Grant.API_CLIENT)
    }


def test_lookup_of_an_impossible_number_is_refused_per_field(client, tenants):
    _api, calls = make_api(client, ["lookup"])
    response = calls.get("api:caller_lookup", {"phone": "12"})
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert set(body) == {"type", "title", "status", "detail", "errors"}
    assert body["status"] == 422 and list(body["errors"]) == ["phone"]
    missing = calls.get("api:caller_lookup")
    assert missing.status_code == 400
    assert "phone" in missing.json()["errors"]


# --- Persons ------------------------------------------------------------------------------------


def test_person_search_sees_only_the_clients_teams_and_logs_each_result(
    client, tenants, team_noord
):
    api, calls = make_api(client, ["persons:read"], teams=[team_noord])
    found = calls.get("api:persons", {"q": tenants["noord"].relation_number}).json()
    assert [row["id"] for row in found["results"]] == [tenants["noord"].pk]
    assert found["results"][0]["tenancy"]["role"] == "HUU"
    assert {"count", "next", "previous", "results"} <= set(found)
    hidden = calls.get("api:persons", {"q": tenants["zuid"].relation_number}).json()
    assert hidden["results"] == []
    rows = access_rows(api, AccessLogEntry.What.SEARCH_RESULT)
    assert list(rows.values_list("person_id", "grant")) == [
        (tenants["noord"].pk, AccessLogEntry.Grant.TEAM)
    ]


def test_a_person_outside_the_scope_is_not_found(client, tenants, team_noord):
    api, calls = make_api(client, ["persons:read"], teams=[team_noord])
    outside = calls.get("api:person", kwargs={"id": tenants["zuid"].pk})
    assert outside.status_code == 404
    assert outside["Content-Type"] == PROBLEM
    inside = calls.get("api:person", kwargs={"id": tenants["noord"].pk})
    assert inside.status_code == 200
    assert inside.json()["phone_numbers"][0]["number"] == "+31612345678"
    assert access_rows(api, AccessLogEntry.What.CARD).get().person_id == tenants["noord"].pk
    assert calls.get("api:person", kwargs={"id": 2**63 - 1}).status_code == 404


def test_pagination_and_bad_page_sizes(client, tenants, team_noord):
    _api, calls = make_api(client, ["reference:read"])
    page = calls.get("api:code_list", {"page_size": 2}, kwargs={"soort": "COMMUNICATIEKANAAL"})
    assert len(page.json()["results"]) == 2 and page.json()["next"]
    for bad in ("0", "101", "x"):
        response = calls.get(
            "api:code_list", {"page_size": bad}, kwargs={"soort": "COMMUNICATIEKANAAL"}
        )
        assert response.status_code == 400, bad
    unknown = calls.get("api:code_list", kwargs={"soort": "ONBEKEND"})
    assert unknown.status_code == 404


# --- Contact moments ----------------------------------------------------------------------------

CONTACT = {
    "channel": "TEL",
    "subject": "huur-betalen",
    "summary": "Vraag over de incasso beantwoord.",
    "outcome": "answered",
}


def test_contact_moment_is_registered_by_the_client_and_listed(client, tenants, team_noord):
    api, calls = make_api(client, ["contacts:write", "persons:read"], teams=[team_noord])
    person = tenants["noord"]
    created = calls.send("post", "api:person_contact_moments", CONTACT, kwargs={"id": person.pk})
    assert created.status_code == 201, created.content
    contact = ContactMoment.objects.get(pk=created.json()["id"])
    assert contact.handled_by == api.service_user
    assert contact.team == team_noord and contact.channel.code == "TEL"
    listed = calls.get("api:person_contact_moments", {"channel": "TEL"}, kwargs={"id": person.pk})
    assert [row["id"] for row in listed.json()["results"]] == [contact.pk]
    assert (
        calls.get(
            "api:person_contact_moments", {"channel": "BAL"}, kwargs={"id": person.pk}
        ).json()["results"]
        == []
    )
    assert access_rows(api, AccessLogEntry.What.CONTACT_MOMENT).count() == 3


def test_contact_moment_errors(client, tenants, team_noord):
    _api, calls = make_api(client, ["contacts:write"], teams=[team_noord])
    url = {"kwargs": {"id": tenants["noord"].pk}}
    malformed = calls.send("post", "api:person_contact_moments", {**CONTACT, "summary": 12}, **url)
    assert malformed.status_code == 400
    assert "summary" in malformed.json()["errors"]
    refused = calls.send("post", "api:person_contact_moments", {**CONTACT, "channel": "XYZ"}, **url)
    assert refused.status_code == 422
    assert "channel" in refused.json()["errors"]
    no_task = calls.send(
        "post", "api:person_contact_moments", {**CONTACT, "outcome": "task"}, **url
    )
    assert no_task.status_code == 422
    outside = calls.send(
        "post", "api:person_contact_moments", CONTACT, kwargs={"id": tenants["zuid"].pk}
    )
    assert outside.status_code == 404
    assert not ContactMoment.objects.exists()


def test_idempotency_key_creates_one_contact(client, tenants, team_noord):
    api, calls = make_api(client, ["contacts:write"], teams=[team_noord])
    url = {"kwargs": {"id": tenants["noord"].pk}}
    first = calls.send(
        "post", "api:person_contact_moments", CONTACT, HTTP_IDEMPOTENCY_KEY="k-1", **url
    )
    retry = calls.send(
        "post", "api:person_contact_moments", CONTACT, HTTP_IDEMPOTENCY_KEY="k-1", **url
    )
    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert retry["Idempotent-Replayed"] == "true"
    assert ContactMoment.objects.count() == 1
    other = calls.send(
        "post",
        "api:person_contact_moments",
        {**CONTACT, "summary": "Iets anders."},
        HTTP_IDEMPOTENCY_KEY="k-1",
        **url,
    )
    assert other.status_code == 409
    assert other["Content-Type"] == PROBLEM
    assert other.json()["type"] == "urn:klantcontact:problem:idempotency-key-reused"
    assert ContactMoment.objects.count() == 1
    bad_key = calls.send(
        "post", "api:person_contact_moments", CONTACT, HTTP_IDEMPOTENCY_KEY="a b", **url
    )
    assert bad_key.status_code == 400
    assert IdempotencyKey.objects.filter(client=api).count() == 1


def test_a_failed_call_does_not_use_up_its_key(client, tenants, team_noord):
    _api, calls = make_api(client, ["contacts:write"], teams=[team_noord])
    url = {"kwargs": {"id": tenants["noord"].pk}}
    bad = {**CONTACT, "channel": "XYZ"}
    assert (
        calls.send(
            "post", "api:person_contact_moments", bad, HTTP_IDEMPOTENCY_KEY="k-2", **url
        ).status_code
        == 422
    )
    assert (
        calls.send(
            "post", "api:person_contact_moments", CONTACT, HTTP_IDEMPOTENCY_KEY="k-2", **url
        ).status_code
        == 201
    )


def test_old_idempotency_keys_are_pruned(client, tenants, team_noord, settings):
    api, calls = make_api(client, ["contacts:write"], teams=[team_noord])
    url = {"kwargs": {"id": tenants["noord"].pk}}
    calls.send("post", "api:person_contact_moments", CONTACT, HTTP_IDEMPOTENCY_KEY="k-3", **url)
    later = timezone.now() + datetime.timedelta(hours=settings.API_IDEMPOTENCY_KEY_HOURS + 1)
    assert idempotency.prune(now=later) == 1
    from api.tasks import prune_idempotency_keys

    assert prune_idempotency_keys.delay().get() == 0
    assert not IdempotencyKey.objects.filter(client=api).exists()


# --- Tasks --------------------------------------------------------------------------------------


@pytest.fixture
def open_task(tenants, team_noord, team_zuid):
    def task_for(person, team):
        holder, _token = api_client(["tasks:write"], teams=[team])
        return services.register_contact(
            holder.service_user,
            contact_input(
                {"tenant": person, "team": team},
                summary="Terugbelverzoek.",
                outcome="callback",
                task=task_input(
                    requested_action="Bel de huurder terug.",
                    due_date=timezone.localdate() + datetime.timedelta(days=1),
                    assigned_team=team,
                ),
            ),
        ).tasks.get()

    return {
        "noord": task_for(tenants["noord"], team_noord),
        "zuid": task_for(tenants["zuid"], team_zuid),
    }


def test_tasks_of_the_clients_teams_are_listed_taken_and_closed(client, open_task, team_noord):
    api, calls = make_api(client, ["tasks:write"], teams=[team_noord])
    listed = calls.get("api:tasks").json()["results"]
    assert [row["id"] for row in listed] == [open_task["noord"].pk]
    task_url = {"kwargs": {"id": open_task["noord"].pk}}
    assert (
        calls.send("patch", "api:task", {"status": "in_progress"}, **task_url).json()["status"]
        == "in_progress"
    )
    no_note = calls.send("patch", "api:task", {"status": "done"}, **task_url)
    assert no_note.status_code == 422 and "closing_note" in no_note.json()["errors"]
    closed = calls.send(
        "patch", "api:task", {"status": "done", "closing_note": "Teruggebeld."}, **task_url
    )
    assert closed.status_code == 200
    task = Task.objects.get(pk=open_task["noord"].pk)
    assert task.status == Task.Status.DONE and task.closed_by == api.service_user
    again = calls.send("patch", "api:task", {"status": "in_progress"}, **task_url)
    assert again.status_code == 409
    assert again.json()["type"] == "urn:klantcontact:problem:task-closed"
    other = calls.send(
        "patch", "api:task", {"status": "in_progress"}, kwargs={"id": open_task["zuid"].pk}
    )
    assert other.status_code == 404
    # Every read is logged under access.policy.task_grant: the team's task is seen under team
    # scope until the client took it (status in progress assigns it), then under involvement.
    rows = access_rows(api, AccessLogEntry.What.TASK).order_by("pk")
    person_id = open_task["noord"].contact_moment.person_id
    assert {(row.person_id, row.object_id) for row in rows} == {(person_id, task.pk)}
    assert rows[0].grant == "team" and rows.last().grant == "involvement"
    assert rows.count() == 3  # the list and the two accepted changes, not the refused ones


def test_a_task_follows_up_an_open_contact_only(client, open_task, tenants, team_noord):
    api, calls = make_api(client, ["tasks:write", "contacts:write"], teams=[team_noord])
    answered = calls.send(
        "post", "api:person_contact_moments", CONTACT, kwargs={"id": tenants["noord"].pk}
    ).json()["id"]
    refused = calls.send(
        "post",
        "api:tasks",
        {"contact_moment": answered, "kind": "task", "requested_action": "Nog iets."},
    )
    assert refused.status_code == 422 and "contact_moment" in refused.json()["errors"]
    contact = open_task["noord"].contact_moment_id
    created = calls.send(
        "post",
        "api:tasks",
        {"contact_moment": contact, "kind": "task", "requested_action": "Brief sturen."},
        HTTP_IDEMPOTENCY_KEY="t-1",
    )
    assert created.status_code == 201
    assert created.json()["assigned_team"] == "noord"
    assert Task.objects.filter(contact_moment_id=contact).count() == 2
    new_task = Task.objects.get(pk=created.json()["id"])
    assert new_task.person_id == open_task["noord"].contact_moment.person_id  # for the card
    hidden = calls.send(
        "post",
        "api:tasks",
        {
            "contact_moment": open_task["zuid"].contact_moment_id,
            "kind": "task",
            "requested_action": "Niet van ons.",
        },
    )
    assert hidden.status_code == 404


# --- Portal intake ------------------------------------------------------------------------------


def intake(person, **changes):
    return {
        "relation_number": person.relation_number,
        "kind": "repair_request",
        "summary": "De kraan in de keuken lekt.",
        "requested_action": "Monteur inplannen voor de kraan.",
        **changes,
    }


def test_portal_intake_creates_an_internet_contact_and_a_repair_request(client, tenants):
    api, calls = make_api(client, ["portal:intake"])
    person = tenants["zuid"]
    response = calls.send("post", "api:portal_intake", intake(person), HTTP_IDEMPOTENCY_KEY="p-1")
    assert response.status_code == 201, response.content
    body = response.json()
    contact = ContactMoment.objects.get(pk=body["contact_moment"])
    assert contact.person == person and contact.channel.code == "INT"
    assert contact.outcome == "repair_request" and contact.handled_by == api.service_user
    task = Task.objects.get(pk=body["task"])
    assert task.kind.code == "repair_request"
    assert task.assigned_team == person.tenancies.get().unit.team
    entry = access_rows(api, AccessLogEntry.What.CONTACT_MOMENT).get()
    assert (entry.person_id, entry.grant) == (person.pk, AccessLogEntry.Grant.API_CLIENT)

    retry = calls.send("post", "api:portal_intake", intake(person), HTTP_IDEMPOTENCY_KEY="p-1")
    assert retry.json() == body
    assert ContactMoment.objects.count() == 1 and Task.objects.count() == 1
    changed = calls.send(
        "post", "api:portal_intake", intake(person, kind="task"), HTTP_IDEMPOTENCY_KEY="p-1"
    )
    assert changed.status_code == 409
    assert ContactMoment.objects.count() == 1


def test_portal_intake_is_all_or_nothing(client, tenants):
    _api, calls = make_api(client, ["portal:intake"])
    person = tenants["noord"]
    bad_defect = calls.send("post", "api:portal_intake", intake(person, defect="NIETBESTAAND"))
    assert bad_defect.status_code == 422 and "defect" in bad_defect.json()["errors"]
    blank = calls.send("post", "api:portal_intake", intake(person, requested_action="   "))
    assert blank.status_code == 400
    unknown = calls.send("post", "api:portal_intake", intake(person, relation_number="R99999999"))
    assert unknown.status_code == 422 and "relation_number" in unknown.json()["errors"]
    assert not ContactMoment.objects.exists() and not Task.objects.exists()


def test_restriction_refuses_writes_with_409(client, tenants, team_noord, make_user):
    from rights import services as rights

    officer = make_user("avg-officer")
    person = tenants["noord"]
    rights.restrict(person, officer, reason="Juistheid betwist, wordt gecontroleerd.")
    api, calls = make_api(client, ["portal:intake", "contacts:write"], teams=[team_noord])
    for response in (
        calls.send("post", "api:portal_intake", intake(person)),
        calls.send("post", "api:person_contact_moments", CONTACT, kwargs={"id": person.pk}),
    ):
        assert response.status_code == 409
        assert response["Content-Type"] == PROBLEM
        assert response.json()["type"] == "urn:klantcontact:problem:processing-restricted"
    assert not ContactMoment.objects.exists()


# --- Knowledge base, reference data, survey export ------------------------------------------


def test_knowledge_base_returns_published_articles_only(client, reference_codes):
    ArticleFactory(title="Lekkage melden", keywords="lekkage", status="published")
    ArticleFactory(title="Lekkage intern", keywords="lekkage", status="internal")
    _api, calls = make_api(client, ["kb:read"])
    results = calls.get("api:articles", {"q": "lekkage"}).json()["results"]
    assert [row["title"] for row in results] == ["Lekkage melden"]


def test_reference_lists_show_usable_codes_with_vera_names(client, reference_codes):
    ReferenceCode.objects.filter(code_list=CodeList.CHANNEL, code="BAL").update(is_active=False)
    _api, calls = make_api(client, ["reference:read"])
    codes = calls.get(
        "api:code_list", {"page_size": 100}, kwargs={"soort": "COMMUNICATIEKANAAL"}
    ).json()["results"]
    assert "BAL" not in {row["code"] for row in codes}
    assert set(codes[0]) == {
        "soort",
        "code",
        "naam",
        "omschrijving",
        "begindatum",
        "einddatum",
        "parent",
        "informatiedomein",
    }


def test_survey_export_needs_an_agreement_and_logs_each_person(client, tenants):
    api, calls = make_api(client, ["survey:export"])
    refused = calls.get("api:survey_export")
    assert refused.status_code == 403
    assert refused.json()["type"] == "urn:klantcontact:problem:survey-export-refused"
    survey_agreement(end=datetime.date.today() + datetime.timedelta(days=100))
    EmailAddressFactory(person=tenants["noord"], address="noord@example.nl", is_preferred=True)
    holder, _token = api_client(
        ["contacts:write"], teams=[tenants["noord"].tenancies.get().unit.team]
    )
    services.register_contact(
        holder.service_user,
        contact_input(
            {"tenant": tenants["noord"], "team": holder.teams.get()}, summary="Vraag beantwoord."
        ),
    )
    export = calls.get("api:survey_export").json()
    assert [row["email"] for row in export["rows"]] == ["noord@example.nl"]
    assert export["count"] == 1
    assert access_rows(api, AccessLogEntry.What.EXPORT).get().person_id == tenants["noord"].pk


# --- Errors and throttling ----------------------------------------------------------------------


def test_other_errors_are_problems_too(client, tenants, monkeypatch):
    _api, calls = make_api(client, ["persons:read", "portal:intake"])
    not_allowed = calls.send("delete", "api:persons", {})
    assert not_allowed.status_code == 405
    assert not_allowed["Content-Type"] == PROBLEM and "GET" in not_allowed["Allow"]
    unknown = client.get("/api/v1/bestaat-niet/", HTTP_AUTHORIZATION=f"Bearer {calls.token}")
    assert unknown.status_code == 404 and unknown["Content-Type"] == PROBLEM
    not_json = client.post(
        reverse("api:portal_intake"),
        "relation_number=R1",
        content_type="text/plain",
        HTTP_AUTHORIZATION=f"Bearer {calls.token}",
    )
    assert not_json.status_code == 415 and not_json["Content-Type"] == PROBLEM
    broken = client.post(
        reverse("api:portal_intake"),
        "{not json",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {calls.token}",
    )
    assert broken.status_code == 400 and "body" in broken.json()["errors"]

    def fail(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("api.services.portal_intake", fail)
    crashed = calls.send("post", "api:portal_intake", intake(tenants["noord"]))
    assert crashed.status_code == 500
    assert crashed["Content-Type"] == PROBLEM
    assert "boom" not in crashed.content.decode()


def test_each_client_is_throttled_on_its_own_rate(client, tenants):
    _api, slow = make_api(client, ["lookup"], rate=2)
    _other, fast = make_api(client, ["lookup"], rate=100)
    for _ in range(2):
        assert slow.get("api:caller_lookup", {"phone": "0612345678"}).status_code == 200
    throttled = slow.get("api:caller_lookup", {"phone": "0612345678"})
    assert throttled.status_code == 429
    assert throttled["Content-Type"] == PROBLEM and int(throttled["Retry-After"]) > 0
    assert fast.get("api:caller_lookup", {"phone": "0612345678"}).status_code == 200


# --- Schema and documentation -------------------------------------------------------------------


def test_schema_is_public_and_describes_every_endpoint(client):
    response = client.get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    paths = schema["paths"]
    assert {
        "/api/v1/caller-lookup/",
        "/api/v1/persons/",
        "/api/v1/persons/{id}/",
        "/api/v1/persons/{id}/contact-moments/",
        "/api/v1/tasks/",
        "/api/v1/tasks/{id}/",
        "/api/v1/knowledge/articles/",
        "/api/v1/reference/code-lists/",
        "/api/v1/reference/code-lists/{soort}/",
        "/api/v1/portal/intake/",
        "/api/v1/survey-export/",
        "/api/v1/disclosures/",
        "/api/v1/imports/{kind}/",
    } == set(paths)
    assert schema["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    intake_responses = paths["/api/v1/portal/intake/"]["post"]["responses"]
    assert set(intake_responses) >= {"201", "400", "401", "403", "409", "422", "429", "500"}
    assert "application/problem+json" in intake_responses["409"]["content"]
    parameters = {p["name"] for p in paths["/api/v1/portal/intake/"]["post"]["parameters"]}
    assert "Idempotency-Key" in parameters


def test_docs_page_loads_its_assets_locally_without_inline_script(client):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "http://" not in html.replace("http://testserver", "")
    assert "https://" not in html
    assert "<script>" not in html and "<style>" not in html
    script = client.get(reverse("api:docs"), {"script": ""})
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


# --- Object-reference tampering -----------------------------------------------------------------


def test_every_route_with_an_id_refuses_an_out_of_scope_id(client, tenants, open_task, team_noord):
    """A client of team Noord with every scope cannot read or write Zuid's person or task by
    putting its id in the URL: 404 (existence not revealed), nothing written, nothing logged."""
    api, calls = make_api(
        client, ["persons:read", "contacts:write", "tasks:write"], teams=[team_noord]
    )
    person = {"kwargs": {"id": tenants["zuid"].pk}}
    task = {"kwargs": {"id": open_task["zuid"].pk}}
    contacts_before = ContactMoment.objects.count()
    attempts = [
        calls.get("api:person", **person),
        calls.get("api:person_contact_moments", **person),
        calls.send("post", "api:person_contact_moments", CONTACT, **person),
        calls.get("api:task", **task),
        calls.send("patch", "api:task", {"status": "in_progress"}, **task),
    ]
    assert [response.status_code for response in attempts] == [404] * 5
    assert all(response["Content-Type"] == PROBLEM for response in attempts)
    assert ContactMoment.objects.count() == contacts_before
    assert Task.objects.get(pk=open_task["zuid"].pk).status == Task.Status.OPEN
    assert not access_rows(api).filter(person_id=tenants["zuid"].pk).exists()
