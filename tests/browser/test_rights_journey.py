"""The AVG officer takes an access request from receipt to the downloaded document, in a real
browser: register it, verify the identity, withhold a neighbour's report, produce the copy, read
the document as the tenant will, download both files, and complete the request. Screenshots
land in test-artifacts/."""

import json

import pytest
from django.apps import apps
from django.conf import settings

from accounts import roles
from rights.models import DataSubjectRequest
from tests.factories import (
    ContactMomentFactory,
    EmailAddressFactory,
    PersonFactory,
    PhoneNumberFactory,
    RegisterControllerFactory,
    TenancyFactory,
    contact_catalogue,
    survey_agreement,
)

from .conftest import log_in
from .test_processingregister_journey import pass_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(make_user, reference_codes):
    contact_catalogue()
    RegisterControllerFactory(name="Woonstichting Veenhoven", phone="0591 123 456")
    survey_agreement()
    officer = make_user("avg", roles=[roles.PRIVACY_OFFICER])
    officer.first_name, officer.last_name = "Pieter", "Hoekstra"
    officer.save()
    if apps.is_installed("django_otp.plugins.otp_totp"):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        TOTPDevice.objects.create(user=officer, name="authenticator", confirmed=True)
    person = TenancyFactory(
        person=PersonFactory(given_name="Fatima", initials="F.", surname="El Amrani")
    ).person
    EmailAddressFactory(person=person, address="f.elamrani@example.nl", is_preferred=True)
    PhoneNumberFactory(person=person, number="+31612345678", is_preferred=True)
    ContactMomentFactory(person=person, summary="Vraag over de servicekosten beantwoord.")
    neighbour = ContactMomentFactory(
        person=person, summary="Buurvrouw De Vries meldt geluidsoverlast van dit adres."
    )
    return {"officer": officer, "person": person, "neighbour": neighbour}


def test_officer_takes_an_access_request_to_the_downloaded_document(
    page, live_server, world, screenshot, tmp_path
):
    officer, person = world["officer"], world["person"]
    log_in(page, live_server, officer.username, settings.DEMO_PASSWORD)
    page.wait_for_load_state()
    pass_second_factor(page, officer)

    # Receipt: register the request.
    page.goto(f"{live_server.url}/rechten/")
    page.locator("[data-action=new-request]").click()
    page.get_by_label("Soort verzoek").select_option("access")
    page.get_by_label("Relatienummer").fill(person.relation_number)
    page.get_by_label("Achternaam").fill("el amrani")
    page.get_by_label("Kanaal").select_option(label="E-mail")
    page.get_by_label("Wat wordt gevraagd").fill("Wil weten wat er over haar is vastgelegd.")
    page.locator("[data-action=register-request]").click()
    page.locator("[data-identity=open]").wait_for()
    request = DataSubjectRequest.objects.get()
    assert request.legal_hold is not None and request.legal_hold.released_at is None
    screenshot(page, "rights-request-received")

    # Completing before the identity is verified is refused, clearly.
    page.get_by_label("Uitkomst").select_option("granted")
    page.get_by_label("Schriftelijk antwoord aan de verzoeker").fill("Zie bijlage.")
    page.locator("[data-action=complete]").click()
    page.locator("[data-errors=complete]").wait_for()
    assert "zonder vastgestelde identiteit" in page.locator("[data-errors=complete]").inner_text()

    # Identity, then withhold the neighbour's report, then produce the copy.
    page.get_by_label("Hoe is de identiteit vastgesteld?").select_option("id_at_desk")
    page.locator("[data-action=verify]").click()
    page.locator("[data-identity=verified]").wait_for()
    page.locator("[data-form=withhold] select[name=item]").select_option(
        f"contact_moment:{world['neighbour'].pk}"
    )
    page.get_by_label("Waarom achterhouden?").fill("Noemt de buurvrouw die de melding deed.")
    page.locator("[data-action=withhold]").click()
    page.wait_for_load_state()
    screenshot(page, "rights-request-withheld")
    page.locator("[data-list=withheld]").wait_for()
    page.locator("[data-action=produce]").click()
    page.locator("[data-action=download-html]").wait_for()
    screenshot(page, "rights-request-copy-produced")

    # The document as the tenant reads it.
    html_href = page.locator("[data-action=download-html]").get_attribute("href")
    json_href = page.locator("[data-action=download-json]").get_attribute("href")
    detail_url = page.url
    page.goto(f"{live_server.url}{html_href}?bekijken=1")
    assert page.locator("h1").inner_text() == (
        "Uw persoonsgegevens: alles wat wij over u hebben vastgelegd"
    )
    # eleven categories (the last: who received the data), withheld, the access log
    assert page.locator("[data-category]").count() == 13
    text = page.locator("body").inner_text()
    assert "Vraag over de servicekosten beantwoord." in text
    assert "De Vries" not in text
    assert "Wie uw gegevens heeft bekeken" in text and "Autoriteit Persoonsgegevens" in text
    screenshot(page, "rights-access-document")
    page.goto(detail_url)

    # Download both files.
    with page.expect_download() as download_info:
        page.locator("[data-action=download-html]").click()
    document = download_info.value
    assert document.suggested_filename == f"inzage-{request.reference}.html"
    path = tmp_path / document.suggested_filename
    document.save_as(path)
    assert "Beste Fatima El Amrani" in path.read_text(encoding="utf-8")
    with page.expect_download() as download_info:
        page.locator("[data-action=download-json]").click()
    data_path = tmp_path / "data.json"
    download_info.value.save_as(data_path)
    data = json.loads(data_path.read_text(encoding="utf-8"))
    assert data["reference"] == request.reference and data["withheld"][0]["count"] == 1
    assert json_href

    # Decide and reply.
    page.get_by_label("Uitkomst").select_option("granted")
    page.get_by_label("Schriftelijk antwoord aan de verzoeker").fill(
        "Bijgaand het overzicht van uw gegevens en het gegevensbestand. Eén contactmoment "
        "laten wij weg omdat het gegevens van een ander bevat."
    )
    page.locator("[data-action=complete]").click()
    page.locator("[data-outcome=granted]").wait_for()
    screenshot(page, "rights-request-completed")
    request.refresh_from_db()
    assert request.status == "completed" and request.legal_hold.released_at is not None
    kinds = list(request.events.values_list("kind", flat=True))
    assert kinds[:2] == ["received", "identity_verified"] and kinds[-1] == "completed"
    assert kinds.count("export_downloaded") == 3
    page.watch.assert_clean(expected=("400",))
