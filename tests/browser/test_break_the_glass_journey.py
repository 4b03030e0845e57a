"""Break-the-glass end to end in Chromium: refusal with a reason, access, the team leader's
notification, and the privacy officer's review."""

import pytest
from django.conf import settings

from accounts import roles
from referencedata.models import CodeList, ReferenceCode
from tests.factories import PersonFactory, TenancyFactory, UnitFactory, contact_catalogue

from .conftest import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def outsider(reference_codes, team_noord, team_zuid, make_user):
    contact_catalogue()
    make_user("medewerker", roles=[roles.EMPLOYEE], teams=[team_noord])
    make_user("teamleider", roles=[roles.EMPLOYEE, roles.TEAM_LEADER], leads=[team_noord])
    make_user("avg", roles=[roles.PRIVACY_OFFICER])
    return TenancyFactory(
        unit=UnitFactory(team=team_zuid),
        person=PersonFactory(given_name="Noor", surname="Visser"),
        role=ReferenceCode.objects.get(code_list=CodeList.RELATION_ROLE, code="HUU"),
    ).person


def test_break_the_glass_is_signalled_and_reviewed(page, live_server, outsider, screenshot):
    log_in(page, live_server, "medewerker", settings.DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/klanten/{outsider.pk}/")
    assert page.locator("[data-page=break-the-glass]").is_visible()
    assert "Visser" not in page.content()
    screenshot(page, "break-the-glass-refusal")
    page.get_by_label("Reden").select_option("colleague_absent")
    page.get_by_label("Toelichting").fill("Collega van Zuid ziek, huurder belt over lekkage.")
    page.locator("[data-action=break-the-glass]").click()
    page.wait_for_url(f"{live_server.url}/klanten/{outsider.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Noor Visser"
    assert page.locator("[data-banner=break-the-glass]").is_visible()
    # The refusal page answers 403 on purpose; nothing else may go wrong.
    page.watch.assert_clean(expected=["status of 403"])
    log_out(page, live_server)

    log_in(page, live_server, "teamleider", settings.DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("[data-notifications='1']").is_visible()
    page.locator("a.notifications-link").click()
    assert "toegang doorbroken" in page.locator(".notifications").inner_text()
    log_out(page, live_server)

    log_in(page, live_server, "avg", settings.DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/toegang/")
    item = page.locator("[data-alert]").first
    assert "Collega van Zuid ziek" in item.inner_text()
    item.locator("select[name=outcome]").select_option("justified")
    item.locator("input[name=note]").fill("Nagevraagd bij teamleider Zuid: terecht.")
    item.locator("[data-action=decide]").click()
    assert page.locator("[data-alert]").count() == 0
    assert "Nagevraagd bij teamleider Zuid" in page.locator("table").inner_text()
    screenshot(page, "access-review")
    page.watch.assert_clean(expected=["status of 403"])
