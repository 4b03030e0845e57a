"""The arrears signal (issue 24, point 3): the ERP's positions imported all-or-nothing, the
periodic run under the covenant that leaves out objections and restrictions, logs every person
in the file once, and runs once per covenant and day; the monthly job and the commands."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts import roles
from disclosures import arrears
from disclosures.models import ArrearsPosition, DisclosedPerson, Disclosure, DisclosureRun
from disclosures.tasks import monthly_arrears_signal
from klantcontact.celery import app
from processingregister.categories import sync_data_categories
from processingregister.models import PersonalDataCategory
from rights import services as rights
from tests.factories import AgreementFactory, RegisterPartyFactory, TenancyFactory, UnitFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
AS_OF = TODAY
DAY = datetime.timedelta(days=1)
ALL_CODES = ("identificatie", "contactgegevens", "woning", "financieel")
HEADER = "relatienummer;naam;adres;postcode;plaats;maanden_achterstand;bedrag"


def covenant(*codes, name="Gemeente Noordstad"):
    agreement = AgreementFactory(
        party=RegisterPartyFactory(name=name),
        role="recipient",
        title="Convenant vroegsignalering schulden",
        start_date=TODAY - 365 * DAY,
        end_date=None,
        breach_notification_hours=None,
    )
    agreement.data_categories.set(PersonalDataCategory.objects.filter(code__in=codes))
    return agreement


def position(tenancy, months, *, days_ago=3, cents=50000):
    return ArrearsPosition.objects.create(
        tenancy=tenancy,
        as_of=AS_OF - days_ago * DAY,
        months_overdue=Decimal(months),
        amount_cents=cents,
    )


@pytest.fixture
def world(reference_codes, team_noord, make_user):
    sync_data_categories()

    def tenant(given, surname, relation, **tenancy):
        return TenancyFactory(
            person__given_name=given,
            person__surname=surname,
            person__relation_number=relation,
            unit=tenancy.pop("unit", None) or UnitFactory(team=team_noord),
            **tenancy,
        )

    anna = tenant(
        "Anna",
        "Jansen",
        "R1000001",
        contract_number="HC-1001",
        unit=UnitFactory(
            team=team_noord, street="Kerkstraat", house_number=12, postcode="1234AB", town="Dorp"
        ),
    )
    return {
        "officer": make_user("avg", roles=[roles.PRIVACY_OFFICER], teams=[team_noord]),
        "covenant": covenant(*ALL_CODES),
        "anna": anna,
        # Co-tenant on Anna's contract: their own tenancy, the same home.
        "co": tenant("Bram", "Jansen", "R1000002", contract_number="HC-1001", unit=anna.unit),
        "objector": tenant("Cor", "Bezwaar", "R1000003", contract_number="HC-1002"),
        "restricted": tenant("Dina", "Beperkt", "R1000004", contract_number="HC-1003"),
        "below": tenant("Eva", "Weinig", "R1000005", contract_number="HC-1004"),
        "ended": tenant(
            "Frits",
            "Vertrokken",
            "R1000006",
            contract_number="HC-1005",
            end_date=AS_OF - 10 * DAY,
        ),
        "paid_off": tenant("Gerda", "Betaald", "R1000007", contract_number="HC-1006"),
    }


def with_positions(world):
    position(world["anna"], "2.5", cents=123456)
    position(world["co"], "2.5", cents=123456)
    position(world["objector"], "3")
    position(world["restricted"], "1")  # exactly the threshold: selected
    position(world["below"], "0.5")
    position(world["ended"], "5", days_ago=20)
    # Was in arrears, the latest position is not: the latest counts.
    position(world["paid_off"], "4", days_ago=40)
    position(world["paid_off"], "0", days_ago=2)
    rights.record_objection(world["objector"].person, world["officer"], purpose="disclosure")
    rights.restrict(world["restricted"].person, world["officer"], reason="Juistheid betwist.")


# --- Import ------------------------------------------------------------------------------------


def test_import_refuses_the_whole_file_for_one_bad_row(world):
    rows = [
        {"contract_number": "HC-1001", "months_overdue": "2", "amount": "1234,56"},
        {"contract_number": "HC-9999", "months_overdue": "1", "amount": "10"},
        {"contract_number": "HC-1002", "months_overdue": "twee", "amount": "10"},
        {"contract_number": "HC-1003", "months_overdue": "-1", "amount": "10"},
        {"contract_number": "HC-1004", "months_overdue": "1", "amount": "-5,00"},
        {"contract_number": "HC-1001", "months_overdue": "1", "amount": "10"},
        {"contract_number": "", "months_overdue": "1", "amount": "10"},
    ]
    with pytest.raises(ValidationError) as caught:
        arrears.import_positions(rows, as_of=AS_OF)
    messages = caught.value.messages
    assert not ArrearsPosition.objects.exists()
    # One message per bad row, in the order of the file, each naming its row.
    assert len(messages) == 6
    for message, row in zip(messages, (2, 3, 4, 5, 6, 7), strict=True):
        assert message.split(":")[0].endswith(str(row)), message
    assert "HC-9999" in messages[0]
    assert "twee" in messages[1]
    assert "-1" in messages[2]
    assert "-5,00" in messages[3]
    assert "HC-1001" in messages[4]  # already in row 1


def test_import_upserts_a_position_per_current_tenancy_and_day(world):
    rows = [
        {"contract_number": "HC-1001", "months_overdue": "2,5", "amount": "1234,56"},
        {"contract_number": "HC-1002", "months_overdue": "1.25", "amount": "1.234,50"},
        {"contract_number": "HC-1005", "months_overdue": "6", "amount": "900.00"},
    ]
    result = arrears.import_positions(rows, as_of=AS_OF)
    assert (result.rows, result.created, result.updated, result.not_current) == (3, 3, 0, 1)
    # Both tenants of the contract; amounts from either decimal separator; months rounded down.
    anna = ArrearsPosition.objects.get(tenancy=world["anna"])
    assert anna.amount_cents == 123456 and anna.months_overdue == Decimal("2.5")
    assert ArrearsPosition.objects.get(tenancy=world["co"]).amount_cents == 123456
    cor = ArrearsPosition.objects.get(tenancy=world["objector"])
    assert cor.amount_cents == 123450 and cor.months_overdue == Decimal("1.2")
    # The ended contract is known, but stores nothing.
    assert not ArrearsPosition.objects.filter(tenancy=world["ended"]).exists()

    rows[0]["amount"] = "1300.00"
    again = arrears.import_positions(rows, as_of=AS_OF)
    assert (again.created, again.updated) == (0, 3)
    assert ArrearsPosition.objects.get(tenancy=world["anna"]).amount_cents == 130000
    assert ArrearsPosition.objects.count() == 3


# --- The run -------------------------------------------------------------------------------------


def test_the_run_leaves_out_objections_and_restrictions_and_logs_each_person_once(world):
    with_positions(world)
    run = arrears.run_arrears_signal(agreement=world["covenant"], as_of=AS_OF)

    assert run.status == DisclosureRun.Status.DONE and run.finished_at and not run.error
    # Anna, her co-tenant, the objector and the restricted tenant met the criteria.
    assert run.selected == 4
    assert run.disclosed == 2
    assert run.left_out == {"objection": 1, "restriction": 1}

    disclosure = Disclosure.objects.get()
    assert disclosure.run == run
    assert disclosure.agreement == world["covenant"]
    assert disclosure.recipient == world["covenant"].party
    assert (disclosure.basis, disclosure.channel) == ("covenant", "file")
    assert disclosure.recorded_by is None
    assert set(disclosure.categories.values_list("code", flat=True)) == set(ALL_CODES)
    included = {world["anna"].person_id, world["co"].person_id}
    assert disclosure.person_count == 2
    assert DisclosedPerson.objects.count() == 2
    assert set(DisclosedPerson.objects.values_list("person_id", flat=True)) == included


def test_the_export_is_in_the_agreed_format_without_the_left_out(world):
    with_positions(world)
    run = arrears.run_arrears_signal(agreement=world["covenant"], as_of=AS_OF)
    lines = run.export.splitlines()
    assert lines[0] == HEADER
    assert lines[1:] == [
        "R1000001;Anna Jansen;Kerkstraat 12;1234AB;Dorp;2,5;1234,56",
        "R1000002;Bram Jansen;Kerkstraat 12;1234AB;Dorp;2,5;1234,56",
    ]
    for key in ("objector", "restricted", "below", "ended", "paid_off"):
        person = world[key].person
        assert person.relation_number not in run.export
        assert person.surname not in run.export


def test_a_threshold_leaves_out_positions_under_it(world):
    with_positions(world)
    run = arrears.run_arrears_signal(
        agreement=world["covenant"], as_of=AS_OF, threshold_months=Decimal("3")
    )
    # Only the objector reaches three months, and is left out.
    assert (run.selected, run.disclosed) == (1, 0)
    assert run.left_out == {"objection": 1, "restriction": 0}
    assert run.export.splitlines() == [HEADER]
    assert not Disclosure.objects.exists()
    with pytest.raises(ValidationError):
        arrears.run_arrears_signal(
            agreement=world["covenant"], as_of=AS_OF - DAY, threshold_months=Decimal("0")
        )


def test_a_second_run_for_the_same_day_logs_nobody_again(world):
    with_positions(world)
    first = arrears.run_arrears_signal(agreement=world["covenant"], as_of=AS_OF)
    again = arrears.run_arrears_signal(agreement=world["covenant"], as_of=AS_OF)
    assert again.pk == first.pk
    assert DisclosureRun.objects.count() == 1
    assert Disclosure.objects.count() == 1
    assert DisclosedPerson.objects.count() == 2


def test_a_covenant_without_the_categories_fails_the_run_and_discloses_nothing(world):
    with_positions(world)
    narrow = covenant("identificatie", "financieel", name="Gemeente Zuidstad")
    run = arrears.run_arrears_signal(agreement=narrow, as_of=AS_OF)
    assert run.status == DisclosureRun.Status.FAILED and run.finished_at
    assert narrow.reference in run.error
    names = PersonalDataCategory.objects.filter(code__in=("contactgegevens", "woning"))
    assert all(category.name in run.error for category in names)
    assert (run.selected, run.disclosed, run.export) == (4, 0, "")
    assert not Disclosure.objects.exists()
    assert not DisclosedPerson.objects.exists()
    assert "Error" in arrears.run_report(run) or "Fout" in arrears.run_report(run)

    # Fixed in the register: the next run is a new one, and goes.
    narrow.data_categories.set(PersonalDataCategory.objects.filter(code__in=ALL_CODES))
    retry = arrears.run_arrears_signal(agreement=narrow, as_of=AS_OF)
    assert retry.pk != run.pk and retry.status == DisclosureRun.Status.DONE
    assert DisclosureRun.objects.filter(agreement=narrow).count() == 2
    assert Disclosure.objects.get().run == retry


# --- The monthly job and the commands ----------------------------------------------------------


def test_the_job_does_nothing_without_the_setting(world, settings):
    with_positions(world)
    settings.DISCLOSURE_ARREARS_AGREEMENT = ""
    result = monthly_arrears_signal.delay().get()
    assert result["status"] == "not_configured" and result["runs"] == []
    assert "DISCLOSURE_ARREARS_AGREEMENT" in result["detail"]
    assert not DisclosureRun.objects.exists()
    assert not Disclosure.objects.exists()


def test_the_job_runs_under_the_configured_covenant(world, settings):
    with_positions(world)
    settings.DISCLOSURE_ARREARS_AGREEMENT = world["covenant"].reference
    settings.DISCLOSURE_ARREARS_THRESHOLD_MONTHS = "1"
    result = monthly_arrears_signal.delay().get()
    assert result["status"] == "done"
    (run,) = result["runs"]
    assert (run["selected"], run["disclosed"]) == (4, 2)
    # Delivered twice: the same run, nobody logged again.
    assert monthly_arrears_signal.delay().get()["runs"][0]["run"] == run["run"]
    assert DisclosedPerson.objects.count() == 2
    settings.DISCLOSURE_ARREARS_AGREEMENT = "CONV-BESTAAT-NIET"
    assert monthly_arrears_signal.delay().get()["status"] == "no_agreement_in_force"


def test_the_job_is_scheduled_monthly():
    entry = app.conf.beat_schedule["disclosures-monthly-arrears"]
    assert entry["task"] == monthly_arrears_signal.name
    assert entry["schedule"].day_of_month == {1}
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({4}, {10})


def test_the_import_command_reads_the_file_or_names_the_bad_lines(world, tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_text(
        "contract_number;months_overdue;amount\nHC-1001;2,5;1234,56\n;;\nHC-1002;1;80.00\n",
        encoding="utf-8",
    )
    call_command("import_arrears", str(good), "--as-of", AS_OF.isoformat())
    out = capsys.readouterr().out
    assert "3" in out  # three positions: two tenants of HC-1001, one of HC-1002
    assert ArrearsPosition.objects.count() == 3

    bad = tmp_path / "bad.csv"
    bad.write_text(
        "contract_number;months_overdue;amount\nHC-1003;1;10\nHC-9999;1;10\n", encoding="utf-8"
    )
    with pytest.raises(CommandError) as caught:
        call_command("import_arrears", str(bad), "--as-of", (AS_OF - DAY).isoformat())
    assert "HC-9999" in str(caught.value) and " 3:" in str(caught.value)  # line 3 of the file
    assert ArrearsPosition.objects.count() == 3

    no_header = tmp_path / "wrong.csv"
    no_header.write_text("contract;months\nHC-1003;1\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_arrears", str(no_header), "--as-of", AS_OF.isoformat())


def test_the_signal_command_prints_the_report(world, capsys):
    with_positions(world)
    call_command("arrears_signal", "--agreement", world["covenant"].reference)
    out = capsys.readouterr().out
    run = DisclosureRun.objects.get()
    assert f"#{run.pk}" in out and world["covenant"].reference in out
    assert "Anna" not in out  # counts only, no names
    narrow = covenant("identificatie", name="Gemeente Zuidstad")
    with pytest.raises(CommandError):
        call_command("arrears_signal", "--agreement", narrow.reference, "--threshold", "1,5")
    with pytest.raises(CommandError):
        call_command("arrears_signal", "--agreement", "BESTAAT-NIET")
