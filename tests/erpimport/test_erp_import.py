"""The ERP import (erpimport): upsert by the ERP's keys, idempotent, bad rows refused with row
number and Dutch reason while the good rows go in, dry run, full sync of tenancies, the audit
trail and retention following, and the command's exit code and report."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from audit.models import LogEntry
from contacts.models import EmailAddress, Person, PhoneNumber, Tenancy, Unit
from erpimport import formats, services
from erpimport.models import ImportRun

pytestmark = pytest.mark.django_db

PERSONS_CSV = (
    (
        "relatienummer;voorletters;roepnaam;voorvoegsel;achternaam;geboortedatum;telefoonnummer;email\n"
    )
    + """R001;J.;Jan;de;Vries;1960-04-01;06-12345678;jan@example.nl
R002;A.;Anna;;Bakker;;;
"""
)
UNITS_CSV = """eenheidnummer,straat,huisnummer,huisnummertoevoeging,postcode,plaats,team
VHE1,Kerkstraat,12,,1234 ab,Utrecht,noord
VHE2,Kerkstraat,14,A,1234AB,Utrecht,NOORD
"""
TENANCIES_CSV = """contractnummer;eenheidnummer;relatienummer;rol;ingangsdatum;einddatum
C1;VHE1;R001;HUU;2015-01-01;
C1;VHE1;R002;MDH;2015-01-01;
"""


def run(kind, text, fmt="csv", **options):
    rows = formats.read_rows(kind, io.BytesIO(text.encode()), fmt)
    return services.import_rows(kind, rows, **options)


@pytest.fixture
def register(reference_codes, team_noord):
    runs = [run("persons", PERSONS_CSV), run("units", UNITS_CSV), run("tenancies", TENANCIES_CSV)]
    return runs


def test_a_first_import_creates_persons_units_and_tenancies(register):
    assert [(r.created, r.updated, r.refused) for r in register] == [(2, 0, 0)] * 3
    person = Person.objects.get(relation_number="R001")
    assert (person.given_name, person.surname_prefix, person.surname) == ("Jan", "de", "Vries")
    assert person.search_name  # kept up to date as save() does
    assert PhoneNumber.objects.get(person=person).number == "+31612345678"
    assert EmailAddress.objects.get(person=person, is_preferred=True).address == "jan@example.nl"
    assert Unit.objects.get(unit_number="VHE1").postcode == "1234AB"
    assert Tenancy.objects.filter(contract_number="C1").count() == 2
    assert all(r.status == ImportRun.Status.DONE for r in register)


def test_importing_the_same_files_again_changes_nothing(register):
    entries = LogEntry.objects.count()
    again = [run("persons", PERSONS_CSV), run("units", UNITS_CSV), run("tenancies", TENANCIES_CSV)]
    assert [(r.created, r.updated, r.unchanged) for r in again] == [(0, 0, 2)] * 3
    assert LogEntry.objects.count() == entries  # no change, no audit entry


def test_a_changed_row_updates_only_what_changed_and_is_audited(register):
    person = Person.objects.get(relation_number="R002")
    changed = PERSONS_CSV.replace("R002;A.;Anna;;Bakker;;;", "R002;A.;Anna;;Bakker-Smit;;;")
    result = run("persons", changed)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    person.refresh_from_db()
    assert person.surname == "Bakker-Smit"
    entry = LogEntry.objects.filter(object_id=person.pk, action=LogEntry.Action.UPDATE).get()
    assert set(entry.changes) == {"surname", "search_name"} or set(entry.changes) == {"surname"}


def test_a_new_phone_number_from_the_erp_becomes_the_preferred_one(register):
    person = Person.objects.get(relation_number="R001")
    result = run("persons", PERSONS_CSV.replace("06-12345678", "0201234567"))
    assert result.updated == 1
    numbers = dict(PhoneNumber.objects.filter(person=person).values_list("number", "is_preferred"))
    assert numbers == {"+31612345678": False, "+31201234567": True}


BAD_PERSONS = """relatienummer;achternaam;geboortedatum;telefoonnummer;email
R010;Jansen;;;
R011;;;;
R012;Visser;2090-01-01;;
R013;Smit;;12;
R014;Mulder;;;geen-mail
R010;Jansen;;;
R015;Bos;1970-13-01;;
"""


def test_bad_rows_are_refused_with_their_row_number_and_a_dutch_reason(reference_codes):
    result = run("persons", BAD_PERSONS)
    assert result.created == 1
    reasons = {r["row"]: r["reason"] for r in result.refusals}
    assert set(reasons) == {3, 4, 5, 6, 7, 8}
    assert "achternaam ontbreekt" in reasons[3]
    assert "toekomst" in reasons[4]
    assert "telefoonnummer" in reasons[5]
    assert "e-mailadres" in reasons[6]
    assert "dubbel" in reasons[7].lower() and "rij 2" in reasons[7]
    assert "datum" in reasons[8]
    # No value of a row in a reason: they are stored and shown.
    assert not any(value in " ".join(reasons.values()) for value in ("12", "geen-mail", "2090"))


def test_units_with_unknown_team_bad_postcode_or_a_taken_address_are_refused(
    reference_codes, team_noord
):
    run("units", UNITS_CSV)
    bad = """eenheidnummer,straat,huisnummer,huisnummertoevoeging,postcode,plaats,team
VHE3,Dorpsweg,1,,1234AB,Utrecht,oost
VHE4,Dorpsweg,2,,12345,Utrecht,noord
VHE5,Kerkstraat,12,,1234AB,Utrecht,noord
VHE6,Dorpsweg,x,,1234AB,Utrecht,noord
VHE7,Dorpsweg,3,,1234AB,Utrecht,noord
"""
    result = run("units", bad)
    assert result.created == 1
    reasons = {r["row"]: r["reason"] for r in result.refusals}
    assert "team" in reasons[2].lower()
    assert "postcode" in reasons[3]
    assert "adres" in reasons[4]
    assert "huisnummer" in reasons[5]


def test_tenancies_refuse_unknown_persons_units_roles_and_an_end_before_the_start(register):
    bad = """contractnummer;eenheidnummer;relatienummer;rol;ingangsdatum;einddatum
C2;VHE2;R999;HUU;2020-01-01;
C3;VHE9;R001;HUU;2020-01-01;
C4;VHE2;R001;XYZ;2020-01-01;
C5;VHE2;R001;HUU;2020-01-01;2019-12-31
C6;VHE2;R002;HUU;2020-01-01;
"""
    result = run("tenancies", bad)
    assert result.created == 1
    reasons = {r["row"]: r["reason"] for r in result.refusals}
    assert "persoon" in reasons[2].lower()
    assert "eenheid" in reasons[3].lower()
    assert "rol" in reasons[4]
    assert "einddatum" in reasons[5]


def test_a_dry_run_reports_the_same_and_stores_nothing(reference_codes, team_noord):
    result = run("persons", PERSONS_CSV, dry_run=True)
    assert (result.created, result.dry_run) == (2, True)
    assert not Person.objects.exists()
    assert not LogEntry.objects.filter(content_type__model="person").exists()
    assert ImportRun.objects.get(pk=result.pk).dry_run  # the try is on record for the officer


def test_a_full_sync_ends_the_tenancies_missing_from_the_file(register):
    only_the_tenant = TENANCIES_CSV.replace("C1;VHE1;R002;MDH;2015-01-01;\n", "")
    result = run("tenancies", only_the_tenant, full_sync=True, max_end_share=0.5)
    assert result.ended == 1
    co_tenant = Tenancy.objects.get(person__relation_number="R002")
    assert co_tenant.end_date is not None
    assert Person.objects.filter(relation_number="R002").exists()  # persons are never deleted


def test_a_full_sync_that_would_end_too_much_is_refused(register):
    header = TENANCIES_CSV.splitlines()[0] + "\n"
    with pytest.raises(services.ImportRefused, match="volledig"):
        run("tenancies", header, full_sync=True)
    assert not Tenancy.objects.exclude(end_date=None).exists()
    assert ImportRun.objects.latest("started_at").status == ImportRun.Status.FAILED


def test_json_lines_carry_the_same_fields(reference_codes):
    lines = "\n".join(
        json.dumps(row)
        for row in (
            {"relatienummer": "R100", "achternaam": "Yılmaz", "roepnaam": "Ayşe"},
            {"relatienummer": "R101", "achternaam": "Kaya", "kleur": "blauw"},
            ["geen", "object"],
        )
    )
    result = run("persons", lines, fmt="jsonl")
    assert result.created == 1
    assert Person.objects.get(relation_number="R100").given_name == "Ayşe"
    assert [r["row"] for r in result.refusals] == [2, 3]


def test_a_header_with_a_missing_or_unknown_column_refuses_the_file():
    with pytest.raises(formats.FileRefused, match="achternaam"):
        list(formats.read_rows("persons", io.BytesIO(b"relatienummer;naam\nR1;X\n"), "csv"))


def test_the_command_imports_a_file_and_reports(tmp_path, reference_codes, capsys):
    path = tmp_path / "personen.csv"
    path.write_text(PERSONS_CSV, encoding="utf-8")
    call_command("import_erp", "persons", str(path), "--no-progress")
    out = capsys.readouterr().out
    assert "aangemaakt 2" in out
    path.write_text(BAD_PERSONS, encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("import_erp", "persons", str(path), "--no-progress")
    assert refused.value.returncode == 3
    assert "rij 3" in capsys.readouterr().out


def test_a_crash_leaves_whole_chunks_and_a_rerun_completes(reference_codes, monkeypatch):
    text = "relatienummer;achternaam\n" + "".join(f"R{i:03};Naam{i}\n" for i in range(10))
    calls = {"n": 0}
    original = services.upsert.persons

    def failing(chunk, *, actor):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return original(chunk, actor=actor)

    monkeypatch.setattr(services.upsert, "persons", failing)
    with pytest.raises(RuntimeError):
        run("persons", text, chunk_size=4)
    assert Person.objects.count() == 4  # the first chunk, whole; nothing of the second
    assert ImportRun.objects.latest("started_at").status == ImportRun.Status.FAILED
    monkeypatch.setattr(services.upsert, "persons", original)
    again = run("persons", text, chunk_size=4)
    assert (again.created, again.unchanged) == (6, 4)
    assert Person.objects.count() == 10


def test_created_records_are_in_the_audit_trail_with_their_subject_person(register):
    person = Person.objects.get(relation_number="R001")
    entry = LogEntry.objects.get(
        content_type__model="person", object_id=person.pk, action=LogEntry.Action.CREATE
    )
    assert entry.additional_data == person.get_additional_data()
    assert entry.subject_person_id == person.pk  # what redaction and the access copy find
    assert "surname" in entry.changes
    tenancy = Tenancy.objects.get(person=person)
    assert LogEntry.objects.filter(
        content_type__model="tenancy", object_id=tenancy.pk, action=LogEntry.Action.CREATE
    ).exists()


def test_a_second_import_of_the_same_kind_waits_for_the_first(reference_codes):
    from retention.locks import DatabaseLease

    lease = DatabaseLease("erp-import-persons")
    assert lease.acquire("another-run")
    with pytest.raises(services.ImportRefused, match="loopt al"):
        run("persons", PERSONS_CSV)
    assert not Person.objects.exists()
    assert run("persons", PERSONS_CSV, dry_run=True).created == 2  # a dry run takes no lease
    lease.release("another-run")
    assert run("persons", PERSONS_CSV).created == 2


def test_the_audit_entry_of_a_created_record_is_what_auditlog_writes(register):
    """erpimport.audit_trail works out auditlog's field list once per model; the changes must
    be exactly auditlog's own ``model_instance_diff(None, record)``."""
    from auditlog.diff import model_instance_diff

    from contacts.models import ContactMoment
    from erpimport.audit_trail import _tracked_fields, created_changes
    from tests.factories import ContactMomentFactory

    records = [
        *Person.objects.all(),
        *PhoneNumber.objects.all(),
        *EmailAddress.objects.all(),
        *Unit.objects.all(),
        *Tenancy.objects.all(),
        ContactMomentFactory(summary="Vraag over de huur.", notes=""),  # masked fields
    ]
    for record in records:
        tracked = _tracked_fields(type(record), record)
        assert created_changes(record, tracked) == model_instance_diff(None, record), record
    assert ContactMoment in {type(r) for r in records}
