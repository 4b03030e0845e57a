"""The AVG officer's oversight of the disclosure log (issue 24, point 6): filters, the CSV and
XLSX exports without tenants' or employees' names, counts per covenant, the covenants about to
expire, and who may see it."""

import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from disclosures import exports, selectors, services
from disclosures.models import DisclosureRun
from processingregister.categories import sync_data_categories
from processingregister.models import PersonalDataCategory
from tests.factories import (
    AgreementFactory,
    PersonFactory,
    RegisterPartyFactory,
    TenancyFactory,
    UnitFactory,
    contact_catalogue,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
NAME, SURNAME, RELATION = "Jantina", "Zwiersma", "R7654321"


def category(code):
    return PersonalDataCategory.objects.get(code=code)


def covenant(name, reference, *codes, start=None, end=None, role="recipient"):
    agreement = AgreementFactory(
        reference=reference,
        party=RegisterPartyFactory(name=name),
        role=role,
        title="Convenant",
        start_date=start or TODAY - datetime.timedelta(days=730),
        end_date=end,
        breach_notification_hours=24 if role == "processor" else None,
    )
    agreement.data_categories.set([category(code) for code in codes])
    return agreement


def days_ago(n, hour=10):
    day = TODAY - datetime.timedelta(days=n)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


@pytest.fixture
def world(reference_codes, team_noord, make_user):
    sync_data_categories()
    contact_catalogue()
    person = PersonFactory(given_name=NAME, surname=SURNAME, relation_number=RELATION)
    TenancyFactory(person=person, unit=UnitFactory(team=team_noord))
    return {
        "person": person,
        "employee": make_user("mwkoster", roles=[roles.EMPLOYEE], teams=[team_noord]),
        "officer": make_user("avgdekker", roles=[roles.PRIVACY_OFFICER]),
        "municipality": covenant("Gemeente Noordstad", "CV-GEM", "identificatie", "financieel"),
        # Ends within 90 days: what was shared under it would lose its basis.
        "zvh": covenant(
            "Zorg- en Veiligheidshuis",
            "CV-ZVH",
            "identificatie",
            "woongedrag",
            end=TODAY + datetime.timedelta(days=30),
        ),
        "police": RegisterPartyFactory(name="Politie Eenheid Noord"),
    }


def share(world, by="employee", *, when, to="municipality", run=None, **changes):
    agreement = world.get(to) if to in ("municipality", "zvh") else None
    values = {
        "persons": [world["person"]],
        "recipient": agreement.party if agreement else world["police"],
        "agreement": agreement,
        "basis": "covenant" if agreement else "legal_obligation",
        "basis_reference": "" if agreement else "art. 126nd Sv",
        "channel": "file" if agreement else "secure_mail",
        "categories": (
            [category("identificatie"), category("financieel")]
            if to == "municipality"
            else [category("identificatie")]
        ),
        "purpose": "Vroegsignalering van schulden" if agreement else "Vordering officier",
        "disclosed_at": when,
    }
    values.update(changes)
    return services.record_disclosure(
        world[by] if by else None,  # None: an automatic run
        services.DisclosureInput(**values),
        run=run,
    )


@pytest.fixture
def log(world):
    """Five disclosures: three to the municipality, one to the police, one to the ZVH."""
    return {
        "old": share(world, when=days_ago(200)),
        "recent": share(world, when=days_ago(10)),
        "automatic": share(world, None, when=days_ago(3)),
        "police": share(world, "officer", to="police", when=days_ago(5)),
        "zvh": share(world, to="zvh", when=days_ago(40)),
    }


def pks(qs):
    return {d.pk for d in qs}


# --- Filters ------------------------------------------------------------------------------------


def test_the_filters_narrow_by_recipient_covenant_basis_and_period(world, log):
    everything = selectors.filtered_disclosures()
    assert pks(everything) == {d.pk for d in log.values()}
    assert [d.disclosed_at for d in everything] == sorted(
        (d.disclosed_at for d in log.values()), reverse=True
    )
    assert pks(selectors.filtered_disclosures(recipient=world["police"])) == {log["police"].pk}
    assert pks(selectors.filtered_disclosures(agreement=world["zvh"])) == {log["zvh"].pk}
    assert pks(selectors.filtered_disclosures(basis="legal_obligation")) == {log["police"].pk}
    period = selectors.filtered_disclosures(
        date_from=TODAY - datetime.timedelta(days=40), date_to=TODAY - datetime.timedelta(days=5)
    )
    # Both ends are whole days and included.
    assert pks(period) == {log["zvh"].pk, log["recent"].pk, log["police"].pk}
    combined = selectors.filtered_disclosures(
        recipient=world["municipality"].party,
        basis="covenant",
        date_from=TODAY - datetime.timedelta(days=30),
    )
    assert pks(combined) == {log["recent"].pk, log["automatic"].pk}


def test_the_overview_filters_through_the_form(world, log, client):
    client.force_login(world["officer"])
    url = reverse("disclosures:overview")
    html = client.get(url, {"agreement": world["municipality"].pk}).content.decode()
    assert 'data-page="disclosure-overview"' in html
    shown = {int(pk) for pk in re.findall(r'<tr data-disclosure="(\d+)"', html)}
    assert shown == {log["old"].pk, log["recent"].pk, log["automatic"].pk}
    html = client.get(
        url, {"basis": "legal_obligation", "date_from": (TODAY - datetime.timedelta(days=7))}
    ).content.decode()
    assert re.findall(r'<tr data-disclosure="(\d+)"', html) == [str(log["police"].pk)]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"date_from": "31-31-2026"}, "date_from"),
        ({"date_from": "2026-06-01", "date_to": "2026-05-01"}, "date_to"),
        ({"recipient": "abc"}, "recipient"),
        ({"agreement": "999999"}, "agreement"),
        ({"basis": "whim"}, "basis"),
    ],
)
def test_bad_filter_input_is_a_form_error_not_a_crash(world, log, client, params, field):
    client.force_login(world["officer"])
    for name in ("overview", "export_csv", "export_xlsx"):
        response = client.get(reverse(f"disclosures:{name}"), params)
        assert response.status_code == 400, name
        html = response.content.decode()
        assert f'data-error="{field}"' in html
        assert "data-disclosure=" not in html


# --- Exports --------------------------------------------------------------------------------------


def csv_rows(text):
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def xlsx_rows(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)], sheet


def test_the_csv_export_holds_the_filtered_disclosures_without_names(world, log, client):
    client.force_login(world["officer"])
    response = client.get(reverse("disclosures:export_csv"), {"recipient": world["police"].pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert ".csv" in response["Content-Disposition"]
    rows = csv_rows(response.content.decode("utf-8"))
    assert rows[0] == exports.columns()
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row[exports.columns()[1]] == "Politie Eenheid Noord"
    assert row[exports.columns()[2]] == ""  # no covenant
    assert row[exports.columns()[4]] == "art. 126nd Sv"
    assert row[exports.columns()[7]] == "1"
    assert row[exports.columns()[9]] == str(roles.ROLE_LABELS[roles.PRIVACY_OFFICER])

    everything = exports.disclosures_csv(selectors.filtered_disclosures())
    for secret in (NAME, SURNAME, RELATION, "mwkoster", "Mwkoster", "avgdekker"):
        assert secret not in everything
    rows = csv_rows(everything)
    assert len(rows) == 1 + len(log)
    by_who = {r[0]: r[9] for r in rows[1:]}
    local = timezone.localtime
    assert by_who[f"{local(log['automatic'].disclosed_at):%Y-%m-%d %H:%M}"] == ""  # automatic
    assert by_who[f"{local(log['recent'].disclosed_at):%Y-%m-%d %H:%M}"] == str(
        roles.ROLE_LABELS[roles.EMPLOYEE]
    )


def test_the_xlsx_export_reads_back_with_the_same_rows(world, log, client):
    client.force_login(world["officer"])
    response = client.get(reverse("disclosures:export_xlsx"), {"agreement": world["zvh"].pk})
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert ".xlsx" in response["Content-Disposition"]
    rows, _sheet = xlsx_rows(response.content)
    assert rows[0] == exports.columns()
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    headings = exports.columns()
    assert row[headings[0]] == timezone.localtime(log["zvh"].disclosed_at).replace(tzinfo=None)
    assert row[headings[1]] == "Zorg- en Veiligheidshuis"
    assert row[headings[2]] == "CV-ZVH Convenant"
    assert row[headings[6]] == category("identificatie").name
    assert row[headings[7]] == 1

    content = exports.disclosures_xlsx(selectors.filtered_disclosures())
    rows, _sheet = xlsx_rows(content)
    assert len(rows) == 1 + len(log)
    text = " ".join(str(value) for row in rows for value in row if value is not None)
    for secret in (NAME, SURNAME, RELATION, "mwkoster", "Mwkoster", "avgdekker"):
        assert secret not in text


def test_the_exports_neutralise_spreadsheet_formulas(world):
    share(world, when=days_ago(1), purpose='=HYPERLINK("http://x.example","klik")')
    share(world, to="police", when=days_ago(2), basis_reference="@SUM(A1:A9)")
    qs = selectors.filtered_disclosures()
    rows = csv_rows(exports.disclosures_csv(qs))
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://x.example","klik")' in cells
    assert "'@SUM(A1:A9)" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)

    rows, sheet = xlsx_rows(exports.disclosures_xlsx(qs))
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            assert cell.data_type != "f", cell.coordinate
    values = [v for row in rows[1:] for v in row if isinstance(v, str)]
    assert '\'=HYPERLINK("http://x.example","klik")' in values
    assert not any(v.startswith(("=", "+", "-", "@")) for v in values)


def test_csv_safe_rules():
    assert exports.csv_safe("=1+1") == "'=1+1"
    assert exports.csv_safe("  =1+1") == "'  =1+1"
    assert exports.csv_safe("-2") == "'-2"
    assert exports.csv_safe("\t=x") == "'\t=x"
    assert exports.csv_safe("Gemeente") == "Gemeente"
    assert exports.csv_safe(None) == ""


# --- Counts per covenant ----------------------------------------------------------------------


def test_counts_per_covenant_in_a_period(world, log):
    unused = covenant("Wijkteam Zuid", "CV-WIJK", "identificatie")
    counts = selectors.counts_per_agreement(
        date_from=TODAY - datetime.timedelta(days=60), date_to=TODAY
    )
    by_agreement = {(row["agreement"].pk if row["agreement"] else None): row for row in counts}
    assert by_agreement[world["municipality"].pk]["count"] == 2  # the one 200 days ago is out
    assert by_agreement[world["municipality"].pk]["persons"] == 2
    assert by_agreement[world["zvh"].pk]["count"] == 1
    assert by_agreement[unused.pk]["count"] == 0  # in force, not used: shown
    assert by_agreement[None]["count"] == 1  # the police, without an agreement
    assert counts[-1]["agreement"] is None

    whole = selectors.counts_per_agreement(date_from=None, date_to=None)
    assert {(r["agreement"].pk if r["agreement"] else None): r["count"] for r in whole}[
        world["municipality"].pk
    ] == 3


def test_counts_per_covenant_on_the_overview(world, log, client):
    client.force_login(world["officer"])
    html = client.get(reverse("disclosures:overview")).content.decode()
    counts = dict(re.findall(r'data-agreement-count="(\w+)" data-count="(\d+)"', html))
    assert counts[str(world["municipality"].pk)] == "3"  # the last twelve months
    assert counts[str(world["zvh"].pk)] == "1"
    assert counts["none"] == "1"
    html = client.get(
        reverse("disclosures:overview"), {"date_from": str(TODAY - datetime.timedelta(days=7))}
    ).content.decode()
    counts = dict(re.findall(r'data-agreement-count="(\w+)" data-count="(\d+)"', html))
    assert counts[str(world["municipality"].pk)] == "1"
    assert counts[str(world["zvh"].pk)] == "0"


# --- Covenants about to expire ------------------------------------------------------------------


def test_an_expiring_covenant_lists_the_disclosures_that_would_lose_their_basis(world, log):
    # A periodic run long ago still counts: the next run would need the covenant again.
    run = DisclosureRun.objects.create(
        kind="arrears", agreement=world["zvh"], as_of=TODAY - datetime.timedelta(days=500)
    )
    periodic = share(world, None, to="zvh", when=days_ago(500), run=run)
    stale = share(world, to="zvh", when=days_ago(400))  # older than twelve months, not periodic
    later = covenant(
        "Woonzorg Noord", "CV-LATER", "identificatie", end=TODAY + datetime.timedelta(days=200)
    )
    covenant(
        "Oude Partner",
        "CV-OUD",
        "identificatie",
        end=TODAY - datetime.timedelta(days=1),
    )

    expiring = selectors.expiring_agreements(within_days=90)
    assert [item["agreement"] for item in expiring] == [world["zvh"]]
    item = expiring[0]
    assert item["days_left"] == 30
    assert pks(item["disclosures"]) == {log["zvh"].pk, periodic.pk}
    assert stale.pk not in pks(item["disclosures"])
    assert item["count"] == 2
    assert item["periodic_kinds"] == ["arrears"]
    # A longer horizon takes the later one in; a day past the end, the covenant is out.
    wider = selectors.expiring_agreements(within_days=365)
    assert [i["agreement"] for i in wider] == [world["zvh"], later]
    assert wider[1]["disclosures"] == []
    assert selectors.expiring_agreements(day=TODAY + datetime.timedelta(days=31)) == []


def test_the_expiring_block_on_the_overview(world, log, client):
    client.force_login(world["officer"])
    html = client.get(reverse("disclosures:overview")).content.decode()
    assert re.findall(r'data-expiring="(\d+)"', html) == [str(world["zvh"].pk)]
    assert f'data-expiring-disclosure="{log["zvh"].pk}"' in html


# --- Who may see it -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["overview", "export_csv", "export_xlsx"])
def test_only_the_privacy_officer(world, log, client, make_user, name):
    url = reverse(f"disclosures:{name}")
    client.force_login(world["employee"])
    assert client.get(url).status_code == 403
    leader = make_user("tl", roles=[roles.EMPLOYEE, roles.TEAM_LEADER])
    client.force_login(leader)
    assert client.get(url).status_code == 403
    client.force_login(world["officer"])
    response = client.get(url)
    assert response.status_code == 200
    assert client.post(url).status_code == 405


def test_the_overview_shows_no_tenant(world, log, client):
    client.force_login(world["officer"])
    html = client.get(reverse("disclosures:overview")).content.decode()
    for secret in (NAME, SURNAME, RELATION):
        assert secret not in html
    assert len(re.findall(r"<tr data-disclosure=", html)) == len(log)
    assert reverse("disclosures:export_csv") in html
    assert reverse("disclosures:export_xlsx") in html


def test_the_management_report_counts_disclosures_per_covenant(
    db, reference_codes, team_noord, make_user
):
    """The officer's management report (rights) gets the disclosures per covenant through
    ``rights.hooks``, for the months of the report."""
    from rights.report import report_figures

    person = TenancyFactory(unit=UnitFactory(team=team_noord)).person
    sync_data_categories()
    agreement = AgreementFactory(
        party=RegisterPartyFactory(name="Gemeente Rapportstad"),
        role="recipient",
        start_date=timezone.localdate() - datetime.timedelta(days=400),
        end_date=None,
        breach_notification_hours=None,
    )
    agreement.data_categories.set(PersonalDataCategory.objects.filter(code="identificatie"))
    for _n in range(2):
        services.record_disclosure(
            None,
            services.DisclosureInput(
                persons=[person],
                recipient=agreement.party,
                agreement=agreement,
                basis="covenant",
                channel="file",
                categories=list(agreement.data_categories.all()),
                purpose="Vroegsignalering",
            ),
        )
    (section,) = [s for s in report_figures()["sections"] if s["key"] == "disclosures"]
    rows = {row[0]: row[1:] for row in section["rows"]}
    name = f"Gemeente Rapportstad: {agreement.reference} {agreement.title}"
    assert rows[name] == [2, 2]
