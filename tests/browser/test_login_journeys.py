import re

import pytest
from django.conf import settings

from accounts import otp, roles
from accounts.models import User
from tests.support.auth import KNOWN_SECRET, enrol, totp_code

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXPECTED_NAV = {
    "medewerker": (
        {roles.EMPLOYEE},
        {"home", "customers", "tasks", "knowledgebase", "retention"},
    ),
    "teamleider": (
        {roles.EMPLOYEE, roles.TEAM_LEADER},
        {"home", "customers", "tasks", "knowledgebase", "retention", "dashboard", "team"},
    ),
    "beheerder": (
        {roles.FUNCTIONAL_ADMINISTRATOR},
        {"home", "knowledgebase", "retention", "admin"},
    ),
    "avg": (
        {roles.PRIVACY_OFFICER},
        {"home", "access", "rights", "disclosures", "register", "retention", "audit", "admin"},
    ),
}


@pytest.fixture
def demo_roles(make_user, team_noord):
    for username, (user_roles, _nav) in EXPECTED_NAV.items():
        user = make_user(
            username,
            roles=user_roles,
            teams=[team_noord],
            leads=[team_noord] if roles.TEAM_LEADER in user_roles else [],
        )
        if otp.second_factor_required(user):
            enrol(user, KNOWN_SECRET)  # their authenticator app holds KNOWN_SECRET


def pass_second_factor(page, secret=KNOWN_SECRET):
    """The second step of a login: the code the authenticator app shows now."""
    page.locator("[data-page=second-factor-verify]").wait_for()
    page.get_by_label("Code", exact=True).fill(totp_code(secret))
    page.get_by_role("button", name="Controleren").click()


@pytest.mark.parametrize("username", EXPECTED_NAV)
def test_each_role_logs_in_and_sees_its_navigation(
    page, live_server, demo_roles, screenshot, username
):
    log_in(page, live_server, username, settings.DEMO_PASSWORD)
    if username in ("beheerder", "avg"):
        # The functional administrator and the privacy officer pass a second factor first.
        pass_second_factor(page)
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


def test_admin_pages_wait_for_the_second_factor(page, live_server, demo_roles, screenshot):
    log_in(page, live_server, "avg", settings.DEMO_PASSWORD)
    page.locator("[data-page=second-factor-verify]").wait_for()
    # Before the code, even a direct address of the admin pages leads back to the code page.
    page.goto(f"{live_server.url}/beheer/audit/logentry/")
    assert page.url.startswith(f"{live_server.url}/tweede-factor/?next=")
    page.get_by_label("Code", exact=True).fill("000000")
    page.get_by_role("button", name="Controleren").click()
    assert "Deze code klopt niet" in page.get_by_role("alert").inner_text()
    screenshot(page, "second-factor-verify")
    # A backup code works instead of the app (the wrong app code only throttles the app).
    codes = otp.new_backup_codes(User.objects.get(username="avg"))
    page.get_by_label("Code", exact=True).fill(codes[0])
    page.get_by_role("button", name="Controleren").click()
    page.wait_for_url(f"{live_server.url}/beheer/audit/logentry/")
    assert page.get_by_role("heading", level=1).count() >= 1
    page.watch.assert_clean()


def test_a_new_privacy_officer_sets_up_the_second_factor(page, live_server, make_user, screenshot):
    make_user("nieuw", roles=[roles.PRIVACY_OFFICER])
    page.goto(f"{live_server.url}/login/?next=/beheer/")
    page.get_by_label("Gebruikersnaam").fill("nieuw")
    page.get_by_label("Wachtwoord").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.locator("[data-page=second-factor-enrol]").wait_for()
    assert page.get_by_role("heading", level=1).inner_text() == "Tweestapsverificatie instellen"
    # The QR code is drawn on the page itself; the same secret is shown as text.
    qr = page.get_by_role("img", name="QR-code voor de authenticator-app")
    box = qr.bounding_box()
    assert box["width"] >= 200 and box["height"] >= 200
    secret = page.locator("[data-secret]").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{4})+", secret)
    screenshot(page, "second-factor-enrol")

    page.get_by_label("De code van zes cijfers die de app nu toont").fill(totp_code(secret))
    page.get_by_role("button", name="Bevestigen").click()
    page.locator("[data-page=second-factor-backup-codes]").wait_for()
    codes = page.locator("[data-backup-codes] code").all_inner_texts()
    assert len(codes) == 10
    screenshot(page, "second-factor-backup-codes")
    page.get_by_role("link", name="Verder").click()
    page.wait_for_url(f"{live_server.url}/beheer/")
    page.watch.assert_clean()


def test_five_wrong_passwords_show_the_lockout_page(page, live_server, demo_roles, screenshot):
    for _ in range(5):
        log_in(page, live_server, "medewerker", "niet-het-wachtwoord")
        page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Inloggen is tijdelijk geblokkeerd"
    assert "30 minuten" in page.get_by_role("alert").inner_text()
    screenshot(page, "login-locked")
    # The right password does not help during the lock-out.
    log_in(page, live_server, "medewerker", settings.DEMO_PASSWORD)
    page.wait_for_load_state()
    assert page.locator("[data-page=login-locked]").count() == 1
    page.get_by_role("link", name="Terug naar de inlogpagina").click()
    page.wait_for_url(f"{live_server.url}/login/")
