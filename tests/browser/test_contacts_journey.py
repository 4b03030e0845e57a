"""The staff's daily journey in Chromium: the phone rings, the card opens, a contact with a task
is registered in one submit, the task is closed, and both show on the timeline."""

import pytest
from django.conf import settings

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tenant(desk_tenant):
    return desk_tenant


def test_phone_lookup_register_with_task_close_and_timeline(page, live_server, tenant, screenshot):
    log_in(page, live_server, "medewerker", settings.DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/contacts/lookup/?phone=06-12345678")
    page.wait_for_url(f"{live_server.url}/klanten/{tenant.pk}/?channel=TEL")
    assert page.get_by_role("heading", level=1).inner_text() == "Fenna Dijkstra"

    page.locator("[data-action=register-contact]").click()
    # Channel preselected from the phone lookup; the subject has the focus.
    assert (
        page.get_by_label("Kanaal").evaluate("el => el.options[el.selectedIndex].text")
        == "Telefoon"
    )
    page.keyboard.press("Tab")  # focus starts on the subject
    page.get_by_label("Onderwerp").select_option(label="Reparatieverzoek")
    page.get_by_label("Samenvatting").fill("Lekkage onder het aanrecht, monteur nodig.")
    page.get_by_label("Uitkomst").select_option("repair_request")
    page.get_by_label("Gevraagde actie").fill("Loodgieter inplannen en huurder bellen.")
    page.locator("#id_assigned_team").select_option(label="Team Noord")
    screenshot(page, "contact-form")
    page.locator("[data-action=save-contact]").click()
    page.wait_for_url(f"{live_server.url}/klanten/{tenant.pk}/")
    assert "Contact geregistreerd." in page.locator(".messages").inner_text()
    timeline = page.locator("ol.timeline")
    assert "Lekkage onder het aanrecht" in timeline.inner_text()

    page.get_by_role("link", name="Reparatieverzoek").first.click()
    page.get_by_label("Afsluitnotitie").fill("Loodgieter is geweest, lekkage verholpen.")
    page.locator("[data-action=close-task]").click()
    page.goto(f"{live_server.url}/klanten/{tenant.pk}/")
    text = page.locator("ol.timeline").inner_text()
    assert "Loodgieter is geweest, lekkage verholpen." in text
    assert "Lekkage onder het aanrecht" in text
    assert page.locator("[data-entry=task-closed]").count() == 1
    screenshot(page, "card-after-journey")
    page.watch.assert_clean()


def test_caller_without_mandate_shows_the_warning_banner(page, live_server, tenant):
    log_in(page, live_server, "medewerker", settings.DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/klanten/{tenant.pk}/")
    assert page.locator("[data-banner=no-data]").count() == 0
    page.get_by_label("Wie belt er?").select_option("other")
    page.get_by_role("button", name="Toepassen").click()
    banner = page.locator("[data-banner=no-data]")
    assert banner.is_visible()
    assert "Geef geen informatie" in banner.inner_text()
    page.watch.assert_clean()
