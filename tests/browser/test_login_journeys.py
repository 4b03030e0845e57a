import pytest
from django.conf import settings

from accounts import roles

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXPECTED_NAV = {
    "medewerker": ({roles.EMPLOYEE}, {"home", "customers", "tasks"}),
    "teamleider": (
        {roles.EMPLOYEE, roles.TEAM_LEADER},
        {"home", "customers", "tasks", "dashboard", "team"},
    ),
    "beheerder": ({roles.FUNCTIONAL_ADMINISTRATOR}, {"home", "admin"}),
    "avg": ({roles.PRIVACY_OFFICER}, {"home", "audit", "admin"}),
}


@pytest.fixture
def demo_roles(make_user, team_noord):
    for username, (user_roles, _nav) in EXPECTED_NAV.items():
        make_user(
            username,
            roles=user_roles,
            teams=[team_noord],
            leads=[team_noord] if roles.TEAM_LEADER in user_roles else [],
        )


@pytest.mark.parametrize("username", EXPECTED_NAV)
def test_each_role_logs_in_and_sees_its_navigation(
    page, live_server, demo_roles, screenshot, username
):
    log_in(page, live_server, username, settings.DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Goedendag")

    nav = page.get_by_role("navigation", name="Hoofdnavigatie")
    keys = set(nav.locator("a[data-nav]").evaluate_all("els => els.map(e => e.dataset.nav)"))
    assert keys == EXPECTED_NAV[username][1]
    screenshot(page, f"home-{username}")

    # Every navigation item opens a page for this role (no 403 behind a visible link).
    for key in sorted(keys):
        link = nav.locator(f"a[data-nav='{key}']")
        href = link.get_attribute("href")
        response = page.goto(f"{live_server.url}{href}")
        assert response.status == 200, f"{username}: {href} -> {response.status}"
        page.go_back()

    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(f"{live_server.url}/login/")
    page.watch.assert_clean()


def test_wrong_password_is_refused_with_a_dutch_message(page, live_server, demo_roles):
    log_in(page, live_server, "medewerker", "niet-het-wachtwoord")
    alert = page.get_by_role("alert")
    assert "komen niet overeen" in alert.inner_text()
    assert page.url.startswith(f"{live_server.url}/login/")
    # The username stays filled in; the password does not.
    assert page.get_by_label("Gebruikersnaam").input_value() == "medewerker"
    assert page.get_by_label("Wachtwoord").input_value() == ""
    page.watch.assert_clean()


def test_login_page_is_keyboard_usable(page, live_server, demo_roles):
    page.goto(f"{live_server.url}/login/")
    # The username field has focus on arrival; Tab moves to the password, Enter submits.
    page.wait_for_function("document.activeElement && document.activeElement.id === 'id_username'")
    page.keyboard.type("medewerker")
    page.keyboard.press("Tab")
    page.keyboard.type(settings.DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")
    # The skip link is the first stop for keyboard users.
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Naar de inhoud"
    page.watch.assert_clean()
