"""End-to-end journeys in a real headless Chromium (Debian's package), driven by Playwright."""

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from accounts import roles
from referencedata.models import CodeList, ReferenceCode
from tests.conftest import skip_or_fail
from tests.factories import (
    PersonFactory,
    PhoneNumberFactory,
    TenancyFactory,
    UnitFactory,
    contact_catalogue,
)

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Flags for a closed network: no background calls home, no component updates.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        skip_or_fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class PageWatch:
    """Collects what a page did that it should not: console errors and outside requests."""

    def __init__(self, page, origin):
        self.errors = []
        self.foreign_requests = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

        def on_request(request):
            parsed = urlparse(request.url)
            if (
                parsed.scheme in ("http", "https")
                and f"{parsed.scheme}://{parsed.netloc}" != origin
            ):
                self.foreign_requests.append(request.url)

        page.on("request", on_request)

    def assert_clean(self, *, expected=()):
        """No third-party requests and no console errors, except ``expected`` substrings
        (e.g. the 403 status of a refusal page the journey visits on purpose)."""
        assert self.foreign_requests == [], "third-party requests"
        errors = [e for e in self.errors if not any(part in e for part in expected)]
        assert errors == [], "console errors (CSP violations show up here)"


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.watch = PageWatch(page, live_server.url)
    yield page
    context.close()


@pytest.fixture
def screenshot():
    ARTIFACTS.mkdir(exist_ok=True)

    def _shot(page, name):
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    return _shot


ENROLLED_SECRETS = {}


@pytest.fixture(autouse=True)
def _forget_enrolled_secrets():
    ENROLLED_SECRETS.clear()


def log_in(page, live_server, username, password):
    """Log in through the login page, the second factor included for the roles that need one."""
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    complete_second_factor(page, username)


def complete_second_factor(page, username):
    """Set the second factor up as a new user does (secret read from the page, code computed
    like an authenticator app), or enter the next code of the secret set up earlier."""
    import time

    from tests.support.auth import totp_code

    if page.locator("[data-page=second-factor-enrol]").count():
        secret = page.locator("[data-secret]").inner_text()
        ENROLLED_SECRETS[username] = secret
        page.get_by_label("De code van zes cijfers die de app nu toont").fill(totp_code(secret))
        page.get_by_role("button", name="Bevestigen").click()
        page.locator("[data-page=second-factor-backup-codes]").wait_for()
        with page.expect_navigation():
            page.get_by_role("link", name="Verder").click()
    elif page.locator("[data-page=second-factor-verify]").count() and username in ENROLLED_SECRETS:
        # Codes are single-use: the next one (accepted one step early) after the enrolment code.
        page.get_by_label("Code", exact=True).fill(
            totp_code(ENROLLED_SECRETS[username], time.time() + 30)
        )
        with page.expect_navigation():
            page.get_by_role("button", name="Controleren").click()


def log_out(page, live_server):
    page.locator("[data-action=logout]").click()
    page.wait_for_url(f"{live_server.url}/login/")


@pytest.fixture
def desk_tenant(reference_codes, team_noord, make_user):
    """Fenna Dijkstra, tenant at Kerkstraat 7 in team Noord, with a preferred phone number; and
    "medewerker", an employee of that team, to log in as."""
    contact_catalogue()
    make_user("medewerker", roles=[roles.EMPLOYEE], teams=[team_noord])
    person = TenancyFactory(
        unit=UnitFactory(team=team_noord, street="Kerkstraat", house_number=7),
        person=PersonFactory(given_name="Fenna", surname="Dijkstra"),
        role=ReferenceCode.objects.get(code_list=CodeList.RELATION_ROLE, code="HUU"),
    ).person
    PhoneNumberFactory(person=person, number="+31612345678", is_preferred=True)
    return person
