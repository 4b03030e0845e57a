"""The seeded register: realistic, complete enough to approve, idempotent, and covering every
registration the demo binds."""

from io import StringIO

import pytest
from django.core.management import call_command

from processingregister import demo, services
from processingregister.models import Agreement, DataBreach, ProcessingActivity

pytestmark = pytest.mark.django_db
Status = ProcessingActivity.Status

STABLE_CODES = {
    "klantcontact",
    "reparatieverzoeken",
    "huurincasso",
    "overlast-signalen",
    "zorgsignalen",
    "klanttevredenheid",
    "woonruimteverdeling-urgentie",
    "telefonie",
    "wijziging-persoonsgegevens",
    "huuropzegging",
}


def test_seeding_twice_changes_nothing():
    first = demo.seed_demo_data()
    snapshot = sorted(ProcessingActivity.objects.values_list("code", "status", "updated_at"))
    second = demo.seed_demo_data()
    assert "this run: 0 created" not in first[0]
    assert second[0].endswith("this run: 0 created, 0 updated")
    assert sorted(ProcessingActivity.objects.values_list("code", "status", "updated_at")) == (
        snapshot
    )
    assert DataBreach.objects.count() == 3


def test_a_rerun_restores_edited_demo_rows():
    demo.seed_demo_data()
    ProcessingActivity.objects.filter(code="telefonie").update(name="Iets anders", status="draft")
    lines = demo.seed_demo_data()
    assert lines[0].endswith("this run: 0 created, 1 updated")
    restored = ProcessingActivity.objects.get(code="telefonie")
    assert (restored.name, restored.status) == ("Telefonie-integratie", Status.APPROVED)


def test_the_stable_codes_are_approved_and_complete():
    demo.seed_demo_data()
    approved = ProcessingActivity.objects.filter(status=Status.APPROVED)
    assert set(approved.values_list("code", flat=True)) >= STABLE_CODES
    for activity in approved:
        problems = [
            p for p in services.approval_problems(activity) if "herbeoordelingsdatum" not in p
        ]
        assert problems == [], activity.code
    # One in review that cannot be approved as it stands (the demo of a refusal), one retired.
    in_review = ProcessingActivity.objects.get(status=Status.IN_REVIEW)
    assert any("art. 9 lid 2 AVG" in p for p in services.approval_problems(in_review))
    retired = ProcessingActivity.objects.get(status=Status.RETIRED)
    assert retired.replaced_by.code == "klantcontact"


def test_the_register_derives_its_recipients_from_the_agreements():
    demo.seed_demo_data()
    parties = {a.party.name for a in Agreement.objects.select_related("party") if a.has_document}
    assert {
        "Bouw- en Onderhoudsbedrijf Koudedijk B.V.",  # the contractor
        "KlantMeter Onderzoek B.V.",  # the survey bureau
        "Noordhost Datacenters B.V.",  # the hosting party
    } <= parties
    survey = services.register_queryset().get(code="klanttevredenheid")
    recipients = services.export_record(survey)["recipients"]
    assert any(line.startswith("KlantMeter Onderzoek B.V., verwerker") for line in recipients)
    for agreement in Agreement.objects.all():
        assert bytes(agreement.document_content).startswith(b"%PDF-1.4")
        agreement.full_clean()


def test_the_seeded_breaches_are_valid_and_one_is_open():
    demo.seed_demo_data()
    for breach in DataBreach.objects.all():
        breach.full_clean()
    [open_breach] = services.open_breaches()
    assert services.breach_state(open_breach).authority_pending


def test_every_registration_of_the_demo_is_bound(settings):
    """After the whole demo (register first, then contacts, ...) nothing is unbound."""
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", stdout=StringIO())
    groups = services.unbound_records()
    assert {g.label: [str(r) for r in g.records] for g in groups if g.count} == {}
    assert all(g.total > 0 for g in groups)
