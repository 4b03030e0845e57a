"""Exports of the register (print-ready HTML and CSV) and the register pages."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from processingregister import services
from processingregister.models import ProcessingActivity, RegisterVersion, Transfer
from tests.factories import (
    AgreementFactory,
    DataBreachFactory,
    DataSubjectCategoryFactory,
    ProcessingActivityFactory,
    RegisterDepartmentFactory,
)
from tests.support.auth import verified_login

pytestmark = pytest.mark.django_db
Status = ProcessingActivity.Status

ARTICLE_30_HEADERS = (
    "Verwerkingsverantwoordelijke en contactgegevens (art. 30 lid 1 sub a AVG)",
    "Gezamenlijke verwerkingsverantwoordelijken (art. 30 lid 1 sub a AVG)",
    "Vertegenwoordiger van de verwerkingsverantwoordelijke (art. 30 lid 1 sub a AVG)",
    "Functionaris gegevensbescherming (art. 30 lid 1 sub a AVG)",
    "Doeleinden van de verwerking (art. 30 lid 1 sub b AVG)",
    "Categorieën betrokkenen (art. 30 lid 1 sub c AVG)",
    "Categorieën persoonsgegevens (art. 30 lid 1 sub c AVG)",
    "Categorieën ontvangers (art. 30 lid 1 sub d AVG)",
    "Doorgifte naar derde landen en waarborgen (art. 30 lid 1 sub e AVG)",
    "Bewaartermijnen (art. 30 lid 1 sub f AVG)",
    "Technische en organisatorische maatregelen (art. 30 lid 1 sub g AVG)",
)


@pytest.fixture
def officer(make_user):
    return make_user("fg", roles=[roles.PRIVACY_OFFICER])


@pytest.fixture
def register():
    """A small register: one complete approved activity with everything art. 30 asks for."""
    repairs = ProcessingActivityFactory(
        code="reparatieverzoeken",
        name="Reparatieverzoeken",
        purposes="Reparaties laten uitvoeren.",
        subject_categories=[
            DataSubjectCategoryFactory(code="huurders", name="Huurders"),
            DataSubjectCategoryFactory(code="urgent", name="Urgente zoekers", is_vulnerable=True),
        ],
        data_categories=["identificatie", "onderhoud"],
        statutory_recipients="Belastingdienst op vordering.",
    )
    Transfer.objects.create(
        activity=repairs,
        recipient="Supportdesk",
        country="US",
        safeguard="scc",
        safeguard_details="SCC 2021/914, module 3.",
    )
    services.approve(repairs, None)
    AgreementFactory(
        reference="VO-2025-003",
        party__name="Onderhoudsbedrijf Koudedijk B.V.",
        activities=[repairs],
        end_date=datetime.date(2099, 12, 31),
    )
    AgreementFactory(  # expired: no longer a recipient
        reference="VO-2019-001",
        party__name="Oude Aannemer B.V.",
        activities=[repairs],
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2020, 12, 31),
    )
    rent = ProcessingActivityFactory(
        code="huurincasso",
        name="Huurincasso",
        legal_basis="c",
        legal_basis_explanation="Art. 4a Wgs.",
        department=RegisterDepartmentFactory(code="financien", name="Financiën"),
    )
    return repairs, rent


def rows_of(response) -> list[dict]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # so Excel opens it as UTF-8
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def test_csv_has_every_article_30_field_and_the_derived_recipients(client, officer, register):
    verified_login(client, officer)
    response = client.get(reverse("processingregister:export_csv"), {"status": "approved"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert (
        f"verwerkingsregister-v1-{timezone.localdate().isoformat()}.csv"
        in (response["Content-Disposition"])
    )
    [row] = rows_of(response)
    for header in ARTICLE_30_HEADERS:
        assert header in row, header
        assert row[header].strip(), header
    assert row["Code"] == "reparatieverzoeken"
    recipients = row["Categorieën ontvangers (art. 30 lid 1 sub d AVG)"]
    assert "Onderhoudsbedrijf Koudedijk B.V., verwerker (VO-2025-003" in recipients
    assert "Oude Aannemer" not in recipients
    assert "Belastingdienst op vordering." in recipients
    assert (
        "Urgente zoekers (kwetsbare groep)"
        in row["Categorieën betrokkenen (art. 30 lid 1 sub c AVG)"]
    )
    assert row["Doorgifte naar derde landen en waarborgen (art. 30 lid 1 sub e AVG)"] == (
        "Supportdesk in Verenigde Staten: Standaardcontractbepalingen "
        "(art. 46 lid 2 sub c AVG). SCC 2021/914, module 3."
    )
    assert row["Bewaartermijnen (art. 30 lid 1 sub f AVG)"].startswith(
        "2 jaar na het einde van de klantrelatie"
    )


def test_csv_filters_by_department_status_and_legal_basis(client, officer, register):
    verified_login(client, officer)
    url = reverse("processingregister:export_csv")
    codes = lambda **params: [r["Code"] for r in rows_of(client.get(url, params))]  # noqa: E731
    assert codes() == ["huurincasso", "reparatieverzoeken"]  # all current, by department
    assert codes(status="draft") == ["huurincasso"]
    assert codes(department="financien") == ["huurincasso"]
    assert codes(legal_basis="b") == ["reparatieverzoeken"]
    assert codes(q="incasso") == ["huurincasso"]
    assert codes(status="retired") == []


def test_csv_cells_cannot_start_a_spreadsheet_formula(client, officer, register):
    repairs, _rent = register
    repairs.purposes = '=HYPERLINK("http://example.com")'
    repairs.save()
    verified_login(client, officer)
    [row] = rows_of(client.get(reverse("processingregister:export_csv"), {"status": "approved"}))
    assert row["Doeleinden van de verwerking (art. 30 lid 1 sub b AVG)"].startswith("'=")


def test_printed_register_is_dated_versioned_and_complete(client, officer, register):
    verified_login(client, officer)
    response = client.get(reverse("processingregister:export"), {"status": "approved"})
    assert response.status_code == 200
    html = response.content.decode().replace("\u00ad", "")  # soft hyphens in long labels
    assert '<h1 id="document-title">Register van verwerkingsactiviteiten</h1>' in html
    assert "Woonstichting Test" in html and "A. de Jong" in html
    assert "Alle goedgekeurde verwerkingen" in html
    today = timezone.localdate()
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
              "september", "oktober", "november", "december"]  # fmt: skip
    assert f"{today.day} {months[today.month - 1]} {today.year}" in html
    assert "1 (inhoud ongewijzigd sinds" in html
    for label in (
        "Doeleinden van de verwerking",
        "Categorieën betrokkenen",
        "Categorieën persoonsgegevens",
        "Categorieën ontvangers",
        "Doorgifte naar derde landen en waarborgen",
        "Bewaartermijnen",
        "Technische en organisatorische maatregelen",
        "Gezamenlijke verwerkingsverantwoordelijken",
        "Functionaris gegevensbescherming",
        "Vertegenwoordiger van de verwerkingsverantwoordelijke",
    ):
        assert label in html, label
    for article in "abcdefg":
        assert f"art. 30 lid 1 sub {article} AVG" in html
    assert "Reparatieverzoeken" in html and "Huurincasso" not in html
    assert "nog niet zijn goedgekeurd" not in html
    # No inline styles or scripts (CSP), and the print stylesheet is loaded.
    assert "style=" not in html and "<script>" not in html
    assert "processingregister/register.css" in html


def test_a_selection_with_drafts_says_so(client, officer, register):
    verified_login(client, officer)
    html = client.get(reverse("processingregister:export")).content.decode()
    assert "Huurincasso" in html
    assert "Deze uitdraai bevat ook verwerkingen die nog niet zijn goedgekeurd" in html


def test_the_version_changes_only_when_the_approved_content_changes(officer, register):
    repairs, rent = register
    first = services.current_version(officer)
    assert services.current_version(officer) == first
    services.submit_for_review(rent, officer)  # a draft changing does not change the register
    assert services.current_version(officer) == first

    repairs.security_measures = "Toegang per rol, logging, TLS, tweefactorauthenticatie."
    repairs.save()
    second = services.current_version(officer)
    assert second.number == first.number + 1
    assert RegisterVersion.objects.count() == 2


# --- Register pages -------------------------------------------------------------------------------


def test_only_the_privacy_officer_sees_the_register(client, make_user, register):
    repairs, _rent = register
    urls = [
        reverse("processingregister:dashboard"),
        reverse("processingregister:activities"),
        reverse("processingregister:activity_detail", args=[repairs.code]),
        reverse("processingregister:export"),
        reverse("processingregister:export_csv"),
        reverse("processingregister:unbound"),
        reverse("processingregister:agreements"),
        reverse("processingregister:breaches"),
        reverse("processingregister:breaches_csv"),
        reverse("processingregister:inventory"),
    ]
    for role in (roles.EMPLOYEE, roles.TEAM_LEADER, roles.FUNCTIONAL_ADMINISTRATOR):
        verified_login(client, make_user(role, roles=[role]))
        for url in urls:
            assert client.get(url).status_code == 403, (role, url)
    verified_login(client, make_user("fg", roles=[roles.PRIVACY_OFFICER]))
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_the_officer_approves_on_the_activity_page_or_sees_why_not(client, officer):
    incomplete = ProcessingActivityFactory(data_categories=["gezondheid"])
    verified_login(client, officer)
    url = reverse("processingregister:activity_action", args=[incomplete.code, "approve"])
    page = client.post(url, {"note": ""}, follow=True)
    messages = [str(m) for m in page.context["messages"]]
    assert messages == [
        "Niet goedgekeurd: de verwerking is nog niet compleet. Zie de punten hieronder."
    ]
    incomplete.refresh_from_db()
    assert incomplete.status == Status.DRAFT
    html = page.content.decode()
    assert "Nog niet compleet genoeg om goed te keuren" in html
    assert "Kies de uitzondering van art. 9 lid 2 AVG" in html

    complete = ProcessingActivityFactory()
    url = reverse("processingregister:activity_action", args=[complete.code, "approve"])
    page = client.post(url, {"note": "Besproken met de proceseigenaar."}, follow=True)
    assert "Goedgekeurd: de verwerking kan nu worden gekozen." in [
        str(m) for m in page.context["messages"]
    ]
    complete.refresh_from_db()
    assert complete.status == Status.APPROVED
    assert "Besproken met de proceseigenaar." in page.content.decode()  # in the history
    assert client.get(url).status_code == 405  # status changes only by POST


def test_retiring_moves_the_bindings_only_to_an_approved_replacement(client, officer):
    old = ProcessingActivityFactory(approved=True)
    draft = ProcessingActivityFactory()
    verified_login(client, officer)
    url = reverse("processingregister:activity_action", args=[old.code, "retire"])
    page = client.post(url, {"replaced_by": draft.pk, "move_bindings": "on"}, follow=True)
    assert "Registraties kunnen alleen worden overgezet naar een goedgekeurde vervanger." in [
        str(m) for m in page.context["messages"]
    ]
    old.refresh_from_db()
    assert old.status == Status.APPROVED
    client.post(url, {"replaced_by": draft.pk, "note": "Samengevoegd."})
    old.refresh_from_db()
    assert (old.status, old.replaced_by) == (Status.RETIRED, draft)


def test_the_dashboard_shows_what_needs_attention(client, officer, register):
    repairs, _rent = register
    ProcessingActivity.objects.filter(pk=repairs.pk).update(
        review_date=timezone.localdate() - datetime.timedelta(days=3)
    )
    breach = DataBreachFactory(aware_at=timezone.now() - datetime.timedelta(hours=80))
    AgreementFactory(
        reference="VO-2026-099",
        party__name="Enquêtebureau B.V.",
        end_date=timezone.localdate() + datetime.timedelta(days=20),
    )
    verified_login(client, officer)
    html = client.get(reverse("processingregister:dashboard")).content.decode()
    assert f"Datalek {breach.reference}: de 72 uur zijn verstreken" in html
    assert "Reparatieverzoeken: de herbeoordeling was uiterlijk" in html
    assert "Overeenkomst VO-2026-099 met Enquêtebureau B.V. verloopt op" in html
    # The old contractor's agreement expired while an approved activity still lists it.
    assert "Overeenkomst VO-2019-001 met Oude Aannemer B.V. is verlopen op 31 december 2020" in html


def test_agreement_documents_are_served_only_to_the_officer(client, officer, make_user):
    agreement = AgreementFactory(
        document_name="VO.pdf",
        document_content=b"%PDF-1.4 demo",
        document_content_type="application/pdf",
    )
    url = reverse("processingregister:agreement_document", args=[agreement.pk])
    verified_login(client, make_user("mw", roles=[roles.EMPLOYEE]))
    assert client.get(url).status_code == 403
    verified_login(client, officer)
    response = client.get(url)
    assert response.status_code == 200
    assert response.content == b"%PDF-1.4 demo"
    assert response["Content-Disposition"] == 'attachment; filename="VO.pdf"'


def test_the_breach_page_counts_down_to_the_deadline(client, officer):
    breach = DataBreachFactory(aware_at=timezone.now() - datetime.timedelta(hours=30))
    verified_login(client, officer)
    html = client.get(
        reverse("processingregister:breach_detail", args=[breach.pk])
    ).content.decode()
    assert "Besluit over melden bij de Autoriteit Persoonsgegevens" in html
    assert 'class="pr-countdown"' in html
    assert "nog 41 uur" in html or "nog 42 uur" in html
    assert f'data-deadline="{timezone.localtime(breach.deadline).isoformat()}"' in html


def test_the_breach_register_exports_every_breach_notified_or_not(client, officer):
    notified = DataBreachFactory(
        reference="DL-2026-010",
        authority_decision="notify",
        authority_notified_at=timezone.now() - datetime.timedelta(hours=1),
        authority_reference="M-2026-1",
    )
    DataBreachFactory(
        reference="DL-2026-011",
        authority_decision="do_not_notify",
        authority_decision_reason="Risico onwaarschijnlijk.",
    )
    verified_login(client, officer)
    response = client.get(reverse("processingregister:breaches_csv"))
    assert "attachment" in response["Content-Disposition"]
    rows = {row["Kenmerk"]: row for row in rows_of(response)}
    assert set(rows) == {"DL-2026-010", "DL-2026-011"}
    assert rows["DL-2026-010"]["AP: meldnummer"] == "M-2026-1"
    assert rows["DL-2026-010"]["Aard"] == "vertrouwelijkheid"
    assert rows["DL-2026-011"]["AP: besluit"] == "niet melden"
    assert rows["DL-2026-011"]["AP: motivering"] == "Risico onwaarschijnlijk."
    deadline = timezone.localtime(notified.deadline).strftime("%H:%M")
    assert rows["DL-2026-010"]["Termijn (72 uur)"].endswith(deadline)


def test_the_admin_bulk_approval_reports_what_it_refused(client, officer):
    ready = ProcessingActivityFactory(name="Compleet")
    incomplete = ProcessingActivityFactory(name="Onvolledig", purposes="")
    verified_login(client, officer)
    response = client.post(
        reverse("admin:processingregister_processingactivity_changelist"),
        {"action": "approve_selected", "_selected_action": [ready.pk, incomplete.pk]},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert "1 goedgekeurd." in messages
    assert "Onvolledig: Beschrijf de doeleinden van de verwerking." in messages
    ready.refresh_from_db()
    incomplete.refresh_from_db()
    assert (ready.status, incomplete.status) == (Status.APPROVED, Status.DRAFT)
