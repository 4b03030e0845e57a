"""The privacy officer's pages: register, detail with actions, bad input with clear Dutch
errors (nothing changes), the list with due and overdue requests, the management report."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from access.models import AccessAlert, BreakGlassGrant
from accounts import roles
from audit.models import AccessLogEntry
from rights import report, services
from rights.models import DataSubjectRequest
from tests.factories import (
    DataBreachFactory,
    PersonFactory,
    TenancyFactory,
    contact_catalogue,
    data_subject_request,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user, reference_codes):
    contact_catalogue()
    return make_user("avg", roles=[roles.PRIVACY_OFFICER])


def _local(dt):
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def test_only_the_privacy_officer_opens_the_register(client, make_user, officer):
    client.force_login(make_user("mw", roles=[roles.EMPLOYEE]))
    assert client.get(reverse("rights:list")).status_code == 403
    client.force_login(officer)
    assert client.get(reverse("rights:list")).status_code == 200


def test_register_a_request_by_relation_number_and_surname(client, officer):
    person = TenancyFactory(person=PersonFactory(surname="Bakker")).person
    client.force_login(officer)
    from referencedata.models import CodeList, ReferenceCode

    email = ReferenceCode.objects.get(code_list=CodeList.CHANNEL, code="EMA")
    data = {
        "kind": "access",
        "relation_number": person.relation_number,
        "surname": "bakker",
        "received_at": _local(timezone.now() - datetime.timedelta(days=2)),
        "channel": email.pk,
        "requester_kind": "self",
        "description": "Wil alles zien.",
    }
    wrong = client.post(reverse("rights:create"), {**data, "surname": "Visser"})
    assert wrong.status_code == 400
    assert "Geen persoon gevonden" in wrong.content.decode()
    future = client.post(
        reverse("rights:create"),
        {**data, "received_at": _local(timezone.now() + datetime.timedelta(days=2))},
    )
    assert future.status_code == 400 and "toekomst" in future.content.decode()
    assert not DataSubjectRequest.objects.exists()
    response = client.post(reverse("rights:create"), data)
    request = DataSubjectRequest.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{request.pk}/")
    assert request.person == person and request.assignee == officer
    detail = client.get(response["Location"])
    assert request.reference in detail.content.decode()
    assert AccessLogEntry.objects.filter(person_id=person.pk, grant="role").exists()


def test_completing_without_verified_identity_is_refused_with_a_dutch_error(client, officer):
    request = data_subject_request(officer, PersonFactory(), kind="objection")
    client.force_login(officer)
    response = client.post(
        reverse("rights:complete", args=[request.pk]),
        {"outcome": "refused", "refusal_reason": "unfounded", "reply": "Afgewezen."},
    )
    assert response.status_code == 400
    assert "zonder vastgestelde identiteit kan niet worden afgehandeld" in response.content.decode()
    request.refresh_from_db()
    assert request.status == "received"


def test_an_extension_after_the_first_month_is_refused_with_a_dutch_error(client, officer):
    received = timezone.now() - datetime.timedelta(days=40)
    request = data_subject_request(officer, PersonFactory(), received_at=received, verified=True)
    client.force_login(officer)
    detail = client.get(reverse("rights:detail", args=[request.pk])).content.decode()
    assert 'data-form="extend"' not in detail and "niet meer worden verlengd" in detail
    response = client.post(
        reverse("rights:extend", args=[request.pk]),
        {
            "until": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
            "reason": "Veel stukken.",
            "told_at": _local(received + datetime.timedelta(days=3)),
        },
    )
    assert response.status_code == 400
    assert "Verlengen kan alleen binnen de eerste maand" in response.content.decode()
    request.refresh_from_db()
    assert request.extended_until is None


def test_verify_extend_and_complete_through_the_pages(client, officer):
    person = PersonFactory()
    request = data_subject_request(
        officer, person, kind="objection", received_at=timezone.now() - datetime.timedelta(days=3)
    )
    client.force_login(officer)
    assert (
        client.post(reverse("rights:verify", args=[request.pk]), {"how": "id_at_desk"}).status_code
        == 302
    )
    until = services.latest_extension_date(services.received_on(request))
    response = client.post(
        reverse("rights:extend", args=[request.pk]),
        {"until": until.isoformat(), "reason": "Advies nodig.", "told_at": _local(timezone.now())},
    )
    assert response.status_code == 302
    client.post(reverse("rights:objection", args=[request.pk]), {"purpose": "surveys"})
    response = client.post(
        reverse("rights:complete", args=[request.pk]),
        {"outcome": "granted", "reply": "U ontvangt geen uitnodigingen meer."},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "completed" and request.extended_until == until
    assert services.has_opted_out_of_surveys(person)
    kinds = list(request.events.values_list("kind", flat=True))
    assert kinds == ["received", "identity_verified", "extended", "objection", "completed"]


def test_the_list_shows_due_and_overdue_requests(client, officer):
    overdue = data_subject_request(
        officer, PersonFactory(), received_at=timezone.now() - datetime.timedelta(days=35)
    )
    due_soon = data_subject_request(
        officer, PersonFactory(), received_at=timezone.now() - datetime.timedelta(days=26)
    )
    later = data_subject_request(officer, PersonFactory())
    client.force_login(officer)
    html = client.get(reverse("rights:list")).content.decode()
    assert 'data-banner="overdue"' in html
    assert (
        html.index(overdue.reference) < html.index(due_soon.reference) < html.index(later.reference)
    )
    overdue_page = client.get(reverse("rights:list"), {"state": "overdue"}).content.decode()
    assert overdue.reference in overdue_page and later.reference not in overdue_page
    soon_page = client.get(reverse("rights:list"), {"state": "due_soon"}).content.decode()
    assert due_soon.reference in soon_page and overdue.reference not in soon_page


def test_management_report_counts_per_month_with_charts_and_csv(client, officer, make_user):
    now = timezone.now()
    month_start = timezone.localtime(now).replace(day=1, hour=0, minute=0, second=0, microsecond=0)

    def earlier_this_month(ago):
        """``ago`` before now, but not before this month began (the report counts per month)."""
        return max(now - ago, month_start)

    on_time = data_subject_request(
        officer,
        PersonFactory(),
        kind="erasure",
        received_at=earlier_this_month(datetime.timedelta(days=5)),
        verified=True,
    )
    services.complete(
        on_time, officer, outcome="refused", refusal_reason="statutory_duty", reply="Bewaarplicht."
    )
    late = data_subject_request(
        officer,
        PersonFactory(),
        kind="objection",
        received_at=now - datetime.timedelta(days=50),
        verified=True,
    )
    services.complete(
        late, officer, outcome="refused", refusal_reason="compelling_grounds", reply="Nodig."
    )
    services.record_objection(PersonFactory(), officer, purpose="surveys")
    DataBreachFactory(aware_at=earlier_this_month(datetime.timedelta(hours=3)))
    employee = make_user("mw", roles=[roles.EMPLOYEE])
    grant = BreakGlassGrant.objects.create(
        employee=employee,
        person=PersonFactory(),
        reason="caller_on_line",
        explanation="Beller aan de lijn.",
        expires_at=now + datetime.timedelta(hours=1),
    )
    AccessAlert.objects.create(
        kind="break_the_glass",
        employee=employee,
        grant=grant,
        outcome="justified",
        outcome_note="Klopt.",
        decided_at=now,
        decided_by=officer,
    )
    figures = report.report_figures(timezone.localdate())
    month = figures["months"][-1]
    assert month["completed"] == 2 and month["on_time"] == 1
    assert month["outcomes"]["refused"] == 2
    assert month["received"]["erasure"] == 1
    assert month["objections"] == 1 and month["breaches"] == 1 and month["btg"] == 1
    assert month["btg_reviews"]["justified"] == 1
    assert {r["code"] for r in figures["refusals"]} == {"statutory_duty", "compelling_grounds"}
    assert figures["totals"]["against_will"] == 1
    client.force_login(officer)
    html = client.get(reverse("rights:report")).content.decode()
    assert html.count("<svg") >= 6 and "<script" not in html
    assert "Redenen van afwijzing" in html
    csv_response = client.get(reverse("rights:report_csv"))
    assert csv_response["Content-Type"].startswith("text/csv")
    lines = csv_response.content.decode().splitlines()
    assert lines[0].startswith("maand;")
    this_month = timezone.localdate().strftime("%Y-%m")
    row = next(line for line in lines if line.startswith(this_month)).split(";")
    assert row[0] == this_month
    assert any("wettelijke bewaarplicht" in line for line in lines)


def test_admin_lists_requests_for_the_officer_read_only(client, officer):
    request = data_subject_request(officer, PersonFactory())
    client.force_login(officer)
    response = client.get(reverse("admin:rights_datasubjectrequest_changelist"))
    assert response.status_code == 200 and request.reference in response.content.decode()
    assert client.get(reverse("admin:rights_datasubjectrequest_add")).status_code == 403
