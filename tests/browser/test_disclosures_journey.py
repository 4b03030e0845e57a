"""The disclosure log in a real browser: an employee records from the card that a tenant was
discussed in a case conference of the Zorg- en Veiligheidshuis ("that", never what was said);
the AVG officer finds it in the overview of disclosures."""

import datetime

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import timezone

from accounts import roles
from contacts.models import SignalType
from disclosures.models import Disclosure
from processingregister.categories import sync_data_categories
from processingregister.models import PersonalDataCategory
from referencedata.models import CodeList, ReferenceCode
from tests.factories import (
    AgreementFactory,
    PersonFactory,
    RegisterPartyFactory,
    TenancyFactory,
    UnitFactory,
    contact_catalogue,
)

from .conftest import log_in
from .test_processingregister_journey import pass_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(reference_codes, team_noord, make_user):
    contact_catalogue()
    sync_data_categories()
    employee = make_user("medewerker", roles=[roles.EMPLOYEE], teams=[team_noord])
    officer = make_user("avg", roles=[roles.PRIVACY_OFFICER])
    if apps.is_installed("django_otp.plugins.otp_totp"):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        TOTPDevice.objects.create(user=officer, name="authenticator", confirmed=True)
    person = TenancyFactory(
        unit=UnitFactory(team=team_noord),
        person=PersonFactory(given_name="Sanne", surname="de Boer"),
        role=ReferenceCode.objects.get(code_list=CodeList.RELATION_ROLE, code="HUU"),
    ).person
    covenant = AgreementFactory(
        reference="CV-ZVH-01",
        title="Convenant Zorg en Veiligheid",
        party=RegisterPartyFactory(name="Zorg- en Veiligheidshuis Noord"),
        role="recipient",
        start_date=timezone.localdate() - datetime.timedelta(days=200),
        end_date=None,
        breach_notification_hours=None,
    )
    covenant.data_categories.set(
        PersonalDataCategory.objects.filter(code__in=["identificatie", "woning", "woongedrag"])
    )
    return {"employee": employee, "officer": officer, "person": person, "covenant": covenant}


def test_a_case_conference_is_recorded_from_the_card_and_seen_by_the_officer(
    page, live_server, world, screenshot
):
    person = world["person"]
    log_in(page, live_server, "medewerker", settings.DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/klanten/{person.pk}/")
    page.locator("[data-link=record-disclosure]").click()
    page.wait_for_url(f"**/klanten/{person.pk}/verstrekking/")
    form = page.locator("[data-form=disclosure]")
    form.locator("#id_agreement").select_option(str(world["covenant"].pk))
    form.locator("#id_basis").select_option("covenant")
    for code in ("identificatie", "woongedrag"):
        pk = PersonalDataCategory.objects.get(code=code).pk
        form.locator(f"input[name=categories][value='{pk}']").check()
    form.locator("#id_channel").select_option("case_conference")
    nuisance = SignalType.objects.get(code="geluidsoverlast")
    form.locator("#id_signal_type").select_option(str(nuisance.pk))
    form.locator("#id_purpose").fill("Afstemming van de aanpak van de overlast")
    # First without the meeting: the rule says what is missing, nothing is recorded.
    form.locator("[data-action=record-disclosure]").click()
    error = page.locator("[data-field=meeting] .error")
    assert error.inner_text().strip()
    assert not Disclosure.objects.exists()
    page.locator("#id_meeting").fill("Casusoverleg ZVH Noord")
    page.locator("[data-action=record-disclosure]").click()
    page.wait_for_url(f"{live_server.url}/klanten/{person.pk}/")
    disclosure = Disclosure.objects.get()
    assert (disclosure.channel, disclosure.meeting) == ("case_conference", "Casusoverleg ZVH Noord")
    assert list(disclosure.persons.values_list("person_id", flat=True)) == [person.pk]
    screenshot(page, "disclosure-recorded-card")
    page.watch.assert_clean(expected=("400",))

    # The AVG officer sees it in the overview of disclosures.
    page.context.clear_cookies()
    log_in(page, live_server, "avg", settings.DEMO_PASSWORD)
    pass_second_factor(page, world["officer"])
    page.goto(f"{live_server.url}/verstrekkingen/")
    row = page.locator(f"[data-disclosure='{disclosure.pk}']")
    text = row.inner_text()
    assert "Zorg- en Veiligheidshuis Noord" in text and "CV-ZVH-01" in text
    assert "Sanne" not in page.content()  # the overview names no tenant
    screenshot(page, "disclosure-overview")
    page.watch.assert_clean(expected=("400",))
