"""The disclosure log (issue 24): the rules before sharing, recording from the card, the
tenant's copy, and the art. 19 notices that keep a request open."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from disclosures import exports, services
from disclosures.models import DisclosedPerson, Disclosure, RecipientNotice
from processingregister.categories import sync_data_categories
from processingregister.models import PersonalDataCategory
from rights import services as rights
from rights.gather import gather_personal_data
from tests.factories import (
    AgreementFactory,
    RegisterPartyFactory,
    TenancyFactory,
    UnitFactory,
    contact_catalogue,
    data_subject_request,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def category(code):
    return PersonalDataCategory.objects.get(code=code)


def covenant(name, *codes, start=None, end=None, role="recipient"):
    agreement = AgreementFactory(
        party=RegisterPartyFactory(name=name),
        role=role,
        title="Convenant vroegsignalering",
        start_date=start or TODAY - datetime.timedelta(days=365),
        end_date=end,
        breach_notification_hours=24 if role == "processor" else None,
    )
    agreement.data_categories.set([category(code) for code in codes])
    return agreement


@pytest.fixture
def world(reference_codes, team_noord, make_user):
    sync_data_categories()
    contact_catalogue()
    return {
        "person": TenancyFactory(unit=UnitFactory(team=team_noord)).person,
        "employee": make_user("mw", roles=[roles.EMPLOYEE], teams=[team_noord]),
        "officer": make_user("avg", roles=[roles.PRIVACY_OFFICER], teams=[team_noord]),
        "municipality": covenant("Gemeente Noordstad", "identificatie", "financieel"),
        "zvh": covenant("Zorg- en Veiligheidshuis", "identificatie", "woongedrag", "gezondheid"),
        "police": RegisterPartyFactory(name="Politie Eenheid Noord"),
    }


def arrears(world, **changes):
    values = {
        "persons": [world["person"]],
        "recipient": world["municipality"].party,
        "agreement": world["municipality"],
        "basis": "covenant",
        "channel": "file",
        "categories": [category("identificatie"), category("financieel")],
        "purpose": "Vroegsignalering van schulden",
    }
    values.update(changes)
    return services.DisclosureInput(**values)


def refused(data) -> dict:
    errors = services.check_disclosure(data)
    assert errors, "expected a refusal"
    with pytest.raises(ValidationError):
        services.record_disclosure(None, data)
    assert not Disclosure.objects.exists()
    return errors


def test_a_disclosure_under_a_covenant_is_recorded_with_its_persons(world):
    disclosure = services.record_disclosure(world["employee"], arrears(world))
    assert disclosure.person_count == 1
    assert DisclosedPerson.objects.get(disclosure=disclosure).person == world["person"]
    assert set(disclosure.categories.values_list("code", flat=True)) == {
        "identificatie",
        "financieel",
    }


def test_an_expired_covenant_is_refused(world):
    old = covenant("Gemeente Oud", "identificatie", start=TODAY.replace(year=TODAY.year - 3))
    old.end_date = TODAY - datetime.timedelta(days=1)
    old.save()
    errors = refused(
        arrears(world, recipient=old.party, agreement=old, categories=[category("identificatie")])
    )
    assert "niet van kracht" in " ".join(errors["agreement"])


def test_a_category_the_covenant_does_not_name_is_refused(world):
    errors = refused(arrears(world, categories=[category("identificatie"), category("woning")]))
    assert category("woning").name in " ".join(errors["categories"])


def test_special_data_needs_a_covenant_that_names_it(world):
    health = category("gezondheid")
    assert health.kind != PersonalDataCategory.Kind.ORDINARY
    # Not named by the municipality's covenant.
    refused(arrears(world, categories=[health]))
    # Not without a covenant, even for a legal obligation.
    errors = refused(
        arrears(
            world,
            recipient=world["police"],
            agreement=None,
            basis="legal_obligation",
            basis_reference="art. 126nd Sv",
            categories=[health],
        )
    )
    assert "convenant" in " ".join(errors["categories"])
    # The case-conference covenant names it: allowed, recorded as "that" only.
    disclosure = services.record_disclosure(
        world["employee"],
        arrears(
            world,
            recipient=world["zvh"].party,
            agreement=world["zvh"],
            channel="case_conference",
            meeting="Casusoverleg ZVH Noord",
            categories=[category("identificatie"), health],
            purpose="Afstemming ondersteuning",
        ),
    )
    assert disclosure.meeting == "Casusoverleg ZVH Noord"


def test_a_case_conference_names_the_meeting(world):
    errors = refused(arrears(world, channel="case_conference"))
    assert "meeting" in errors


def test_an_objection_refuses_a_covenant_but_not_a_legal_obligation(world):
    rights.record_objection(world["person"], world["officer"], purpose="disclosure")
    errors = refused(arrears(world))
    assert "bezwaar" in " ".join(errors["persons"])
    # A legal obligation must name its article.
    errors = refused(
        arrears(world, recipient=world["police"], agreement=None, basis="legal_obligation")
    )
    assert "basis_reference" in errors
    disclosure = services.record_disclosure(
        world["officer"],
        arrears(
            world,
            recipient=world["police"],
            agreement=None,
            basis="legal_obligation",
            basis_reference="art. 126nd Wetboek van Strafvordering",
            categories=[category("identificatie")],
            channel="secure_mail",
            purpose="Vordering van de officier van justitie",
        ),
    )
    assert disclosure.basis_reference.startswith("art. 126nd")


def test_a_restriction_refuses_the_sharing(world):
    rights.restrict(world["person"], world["officer"], reason="Juistheid betwist.")
    errors = refused(arrears(world))
    assert "beperkt" in " ".join(errors["persons"])


def test_the_form_on_the_card_offers_only_agreements_in_force(world, client):
    expired = covenant("Oude Partner", "identificatie", start=TODAY.replace(year=TODAY.year - 3))
    expired.end_date = TODAY - datetime.timedelta(days=10)
    expired.save()
    client.force_login(world["employee"])
    url = reverse("disclosures:record", args=[world["person"].pk])
    html = client.get(url).content.decode()
    assert world["municipality"].reference in html
    assert expired.reference not in html
    response = client.post(
        url,
        {
            "agreement": world["municipality"].pk,
            "basis": "covenant",
            "categories": [category("identificatie").pk, category("financieel").pk],
            "channel": "secure_mail",
            "purpose": "Vroegsignalering van schulden",
        },
    )
    assert response.status_code == 302
    assert Disclosure.objects.get().recipient == world["municipality"].party
    # Bad input: a clear error, nothing recorded.
    response = client.post(url, {"basis": "covenant", "channel": "file", "purpose": ""})
    assert response.status_code == 400
    assert Disclosure.objects.count() == 1


def test_the_access_copy_lists_who_received_the_data(world):
    services.record_disclosure(world["employee"], arrears(world))
    doc = gather_personal_data(world["person"])
    section = {c["key"]: c for c in doc["categories"]}["disclosures"]
    (record,) = section["records"]
    values = " ".join(str(f["value"]) for f in record["fields"])
    assert "Gemeente Noordstad" in values and "Vroegsignalering van schulden" in values
    assert category("financieel").name in values
    assert section["sources"]


def test_an_erasure_asks_to_notify_each_recipient_before_closing(world):
    services.record_disclosure(world["employee"], arrears(world))
    services.record_disclosure(
        world["employee"],
        arrears(
            world,
            recipient=world["zvh"].party,
            agreement=world["zvh"],
            channel="case_conference",
            meeting="Casusoverleg ZVH Noord",
            categories=[category("identificatie")],
        ),
    )
    request = data_subject_request(world["officer"], world["person"], kind="erasure", verified=True)
    rights.erase_for_request(request, world["officer"])
    notices = list(RecipientNotice.objects.filter(request=request).order_by("recipient__name"))
    assert [n.recipient.name for n in notices] == ["Gemeente Noordstad", "Zorg- en Veiligheidshuis"]
    assert "artikel 19" in exports.notice_letter(notices[0])
    # The disclosures stay (accountability), without the person.
    assert Disclosure.objects.count() == 2 and not DisclosedPerson.objects.exists()
    with pytest.raises(ValidationError) as blocked:
        rights.complete(request, world["officer"], outcome="granted", reply="Gewist.")
    assert "Gemeente Noordstad" in str(blocked.value)
    services.mark_notice(notices[0], world["officer"], state="notified", note="Brief 3-12.")
    with pytest.raises(ValidationError):
        rights.complete(request, world["officer"], outcome="granted", reply="Gewist.")
    with pytest.raises(ValidationError):
        services.mark_notice(notices[1], world["officer"], state="explained", note=" ")
    services.mark_notice(
        notices[1], world["officer"], state="explained", note="Mondeling overleg: niets vastgelegd."
    )
    rights.complete(request, world["officer"], outcome="granted", reply="Gewist.")
    request.refresh_from_db()
    assert request.status == "completed"


def test_the_disclosure_log_and_arrears_follow_their_own_rules(world):
    from disclosures.models import ArrearsPosition
    from retention import engine
    from retention.models import RetentionRule

    # The default rules (data migrations) include both.
    assert (
        RetentionRule.objects.filter(code__in=["verstrekkingenlog", "huurachterstanden"]).count()
        == 2
    )
    old = services.record_disclosure(world["employee"], arrears(world))
    recent = services.record_disclosure(world["employee"], arrears(world))
    Disclosure.objects.filter(pk=old.pk).update(
        disclosed_at=timezone.now() - datetime.timedelta(days=365 * 5 + 10)
    )
    tenancy = world["person"].tenancies.get()
    stale = ArrearsPosition.objects.create(
        tenancy=tenancy,
        as_of=TODAY - datetime.timedelta(days=365 * 2 + 10),
        months_overdue=2,
        amount_cents=80000,
    )
    fresh = ArrearsPosition.objects.create(
        tenancy=tenancy, as_of=TODAY, months_overdue=1, amount_cents=40000
    )
    engine.run_now(as_of=TODAY + datetime.timedelta(days=1))
    assert list(Disclosure.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not DisclosedPerson.objects.filter(disclosure_id=old.pk).exists()
    assert list(ArrearsPosition.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert not ArrearsPosition.objects.filter(pk=stale.pk).exists()
