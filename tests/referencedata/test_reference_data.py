import datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from referencedata.models import CodeList, ReferenceCode
from referencedata.services import (
    DEFAULT_SOURCE,
    EXPECTED_HEADER,
    ReferenceDataError,
    load_reference_codes,
)

pytestmark = pytest.mark.django_db


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    lines = [";".join(EXPECTED_HEADER)] + [";".join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def no_codes():
    """Start without reference codes (the migration loads them; signal types point at them)."""
    from contacts.models import SignalType

    SignalType.objects.all().delete()
    ReferenceCode.objects.filter(parent__isnull=False).delete()
    ReferenceCode.objects.all().delete()


def test_the_migration_loads_the_shipped_lists():
    assert ReferenceCode.objects.count() > 150
    report = load_reference_codes()
    assert report.created == 0 and report.updated == 0


def test_shipped_file_has_every_list_the_product_uses(no_codes):
    report = load_reference_codes()
    assert report.created == ReferenceCode.objects.count() > 150
    for code_list in CodeList.values:
        assert ReferenceCode.objects.of_list(code_list).exists(), code_list
    phone = ReferenceCode.objects.get(code_list=CodeList.CHANNEL, code="TEL")
    assert phone.name == "Telefoon"
    detail = ReferenceCode.objects.get(code_list=CodeList.SIGNAL_DETAIL_TYPE, code="FYS")
    assert detail.parent.code_list == CodeList.SIGNAL_TYPE
    retired = ReferenceCode.objects.get(code_list=CodeList.RELATION_ROLE, code="AAN")
    assert retired.valid_to == datetime.date(2022, 1, 1)
    assert not retired.is_valid_on(datetime.date(2026, 1, 1))
    assert not ReferenceCode.objects.usable().filter(pk=retired.pk).exists()


def test_loading_twice_changes_nothing():
    load_reference_codes()
    before = list(ReferenceCode.objects.order_by("pk").values())
    report = load_reference_codes()
    assert report.created == report.updated == 0
    assert report.unchanged == len(before)
    assert list(ReferenceCode.objects.order_by("pk").values()) == before


def test_newer_file_updates_in_place_and_keeps_references(tmp_path, no_codes):
    from accounts.services import create_team
    from contacts.models import Person, Tenancy, Unit

    old = write_csv(
        tmp_path / "old.csv",
        [
            ["RELATIEROLSOORT", "HUU", "Huurder", "", "", "", "", "Relaties"],
            ["RELATIEROLSOORT", "MDH", "Medehuurder", "", "", "", "", "Relaties"],
            ["SIGNALERINGSOORT", "AGR", "Agressie", "", "", "", "", "Relaties"],
            ["SIGNALERINGDETAILSOORT", "BEZ", "Bezoek", "", "", "", "SIGNALERINGSOORT.AGR", "R"],
        ],
    )
    load_reference_codes(old)
    tenant_role = ReferenceCode.objects.get(code_list="RELATIEROLSOORT", code="HUU")
    team = create_team(name="Team Noord", code="noord")
    unit = Unit.objects.create(
        unit_number="VHE-1",
        street="Dorpsstraat",
        house_number=1,
        postcode="9711AA",
        town="X",
        team=team,
    )
    person = Person.objects.create(surname="Jansen")
    tenancy = Tenancy.objects.create(
        contract_number="HC-1", unit=unit, person=person, role=tenant_role, start_date="2020-01-01"
    )

    new = write_csv(
        tmp_path / "new.csv",
        [
            ["RELATIEROLSOORT", "HUU", "Huurder (hoofd)", "Nieuw", "", "", "", "Relaties"],
            ["SIGNALERINGSOORT", "AGR", "Agressie", "", "", "", "", "Relaties"],
            ["SIGNALERINGSOORT", "WAN", "Wangedrag", "", "9-5-2025", "", "", "Relaties"],
            [
                "SIGNALERINGDETAILSOORT",
                "BEZ",
                "Bezoek",
                "",
                "",
                "1-1-2030",
                "SIGNALERINGSOORT.WAN",
                "R",
            ],
        ],
    )
    report = load_reference_codes(new, today=datetime.date(2026, 11, 23))
    assert (report.created, report.updated, report.missing_from_source) == (1, 2, 1)

    tenant_role.refresh_from_db()
    tenancy.refresh_from_db()
    assert tenancy.role_id == tenant_role.pk
    assert tenant_role.name == "Huurder (hoofd)"
    assert tenant_role.description == "Nieuw"
    detail = ReferenceCode.objects.get(code_list="SIGNALERINGDETAILSOORT", code="BEZ")
    assert detail.parent.code == "WAN"
    assert detail.valid_to == datetime.date(2030, 1, 1)
    # A code the new file no longer lists is kept (it may be referenced) and marked.
    co_tenant = ReferenceCode.objects.get(code_list="RELATIEROLSOORT", code="MDH")
    assert co_tenant.source_missing_since == datetime.date(2026, 11, 23)
    # Listed again later: the mark goes away.
    load_reference_codes(old)
    co_tenant.refresh_from_db()
    assert co_tenant.source_missing_since is None


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["RELATIEROLSOORT", "HUU", "Huurder", "", "31-02-2020", "", "", ""], "not a date"),
        (["RELATIEROLSOORT", "", "Huurder", "", "", "", "", ""], "required"),
        (
            ["SIGNALERINGDETAILSOORT", "X", "X", "", "", "", "SIGNALERINGSOORT.NOPE", ""],
            "unknown parent",
        ),
    ],
)
def test_bad_file_is_refused_whole(tmp_path, row, message):
    load_reference_codes()
    count = ReferenceCode.objects.count()
    bad = write_csv(
        tmp_path / "bad.csv", [["RELATIEROLSOORT", "ZZZ", "Nieuw", "", "", "", "", ""], row]
    )
    with pytest.raises(ReferenceDataError, match=message):
        load_reference_codes(bad)
    assert ReferenceCode.objects.count() == count


def test_command_reports_and_rejects_bad_header(tmp_path, capsys):
    call_command("load_reference_data", str(DEFAULT_SOURCE))
    assert "new" in capsys.readouterr().out
    bad = tmp_path / "header.csv"
    bad.write_text("a;b;c\n", encoding="utf-8")
    with pytest.raises(CommandError, match="unexpected header"):
        call_command("load_reference_data", str(bad))
    with pytest.raises(CommandError, match="No such file"):
        call_command("load_reference_data", str(tmp_path / "missing.csv"))
