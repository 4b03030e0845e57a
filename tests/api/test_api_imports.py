"""``POST /api/v1/imports/{kind}/`` (scope erp:import): the same import as the command, with the
run's report as the answer and the run on record as an API run of the client."""

import pytest
from django.urls import reverse

from contacts.models import Person
from erpimport.models import ImportRun
from tests.factories import api_client

pytestmark = pytest.mark.django_db


def post(client, token, kind, body):
    return client.post(
        reverse("api:imports", kwargs={"kind": kind}),
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_a_batch_is_imported_and_the_report_names_the_refused_rows(client, reference_codes):
    api, token = api_client(["erp:import"])
    rows = [
        {"relatienummer": "R1", "achternaam": "Jansen", "telefoonnummer": "06-12345678"},
        {"relatienummer": "R2"},
        {"relatienummer": "R3", "achternaam": "de Vries", "kleur": "blauw"},
    ]
    response = post(client, token, "persons", {"rows": rows})
    assert response.status_code == 200, response.content
    report = response.json()
    assert (report["created"], report["refused"]) == (1, 2)
    assert [r["row"] for r in report["refusals"]] == [2, 3]
    assert "achternaam ontbreekt" in report["refusals"][0]["reason"]
    assert Person.objects.filter(relation_number="R1").exists()
    run = ImportRun.objects.get(pk=report["id"])
    assert (run.source, run.started_by) == ("api", api.service_user)
    again = post(client, token, "persons", {"rows": rows[:1]}).json()
    assert (again["created"], again["unchanged"]) == (0, 1)


def test_a_bad_batch_is_a_problem_not_an_import(client, reference_codes):
    _api, token = api_client(["erp:import"])
    assert post(client, token, "persons", {"rows": []}).status_code == 400
    assert post(client, token, "persons", {"rows": "R1"}).status_code == 400
    full = post(client, token, "persons", {"rows": [{"relatienummer": "R1"}], "full_sync": True})
    assert full.status_code == 422
    assert "full_sync" in full.json()["errors"]
    unknown_kind = client.post(
        "/api/v1/imports/contracten/",
        {},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert unknown_kind.status_code == 404
    assert not ImportRun.objects.exists()
