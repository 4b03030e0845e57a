"""Sign-in through the identity provider in headless Chromium: a real OpenID provider
(oidc-provider-mock on loopback, tests/accounts/oidc_provider.py), the live server, and the
provider's own pages clicked through as an employee would."""

import re
from urllib.parse import parse_qs, urlparse

import pytest

from accounts import roles
from accounts.models import ProviderGroupMapping
from tests.accounts.oidc_provider import oidc_provider, oidc_settings  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Anything but loopback is refused before it leaves the browser (the tests run offline).
NOT_LOOPBACK = re.compile(r"^https?://(?!(localhost|127\.0\.0\.1)[:/])")


@pytest.fixture
def provider_page(page, oidc_settings, team_noord):  # noqa: F811 (fixture)
    ProviderGroupMapping.objects.create(provider_group="grp-woonservice", role=roles.EMPLOYEE)
    ProviderGroupMapping.objects.create(provider_group="grp-noord", team=team_noord)
    ProviderGroupMapping.objects.create(provider_group="grp-avg", role=roles.PRIVACY_OFFICER)
    page.route(NOT_LOOPBACK, lambda route: route.abort())
    return page


def sign_in_at_provider(page, live_server, sub):
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("link", name="Inloggen via Testprovider").click()
    page.locator("input[name=sub]").fill(sub)
    with page.expect_navigation():
        page.get_by_role("button", name="Authorize").click()


def test_employee_signs_in_through_the_provider_and_out_again(
    provider_page,
    live_server,
    oidc_provider,  # noqa: F811 (fixture)
    screenshot,
):
    page = provider_page
    oidc_provider.set_claims(
        "emp-1", given_name="Fenna", family_name="Dijkstra", groups=["grp-woonservice", "grp-noord"]
    )
    page.goto(f"{live_server.url}/login/")
    screenshot(page, "oidc-login-page")
    sign_in_at_provider(page, live_server, "emp-1")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator(".account-name").inner_text() == "Fenna Dijkstra"
    assert page.locator(".account-roles").inner_text() == "Medewerker Woonservice"
    screenshot(page, "oidc-signed-in")

    ended = []
    page.on(
        "request",
        lambda request: (
            request.url.startswith(f"{oidc_provider.url}/oauth2/end_session")
            and ended.append(request.url)
        ),
    )
    page.locator("[data-action=logout]").click()
    page.get_by_role("button", name="End session").click()  # the provider's end-session page
    page.wait_for_url(f"{live_server.url}/login/")
    query = parse_qs(urlparse(ended[0]).query)
    assert query["post_logout_redirect_uri"] == [f"{live_server.url}/login/"]
    assert query["id_token_hint"]
    page.goto(f"{live_server.url}/")
    assert urlparse(page.url).path == "/login/"  # the session is gone


def test_unmapped_groups_get_the_dutch_no_access_page(
    provider_page,
    live_server,
    oidc_provider,  # noqa: F811 (fixture)
    screenshot,
):
    page = provider_page
    oidc_provider.set_claims("ext-1", groups=["grp-somewhere-else"])
    sign_in_at_provider(page, live_server, "ext-1")
    page.locator("[data-page=no-access]").wait_for()
    assert page.get_by_role("heading", name="Geen toegang tot Klantcontact").is_visible()
    assert "niet in een groep die toegang geeft tot Klantcontact" in page.content()
    screenshot(page, "oidc-no-access")


def test_privacy_officer_without_mfa_at_the_provider_is_sent_to_the_totp_step(
    provider_page,
    live_server,
    oidc_provider,  # noqa: F811 (fixture)
):
    page = provider_page
    oidc_provider.set_claims("avg-1", groups=["grp-avg"], amr=["pwd"])
    sign_in_at_provider(page, live_server, "avg-1")
    page.locator("[data-page=second-factor-enrol]").wait_for()
    page.goto(f"{live_server.url}/rechten/")
    assert urlparse(page.url).path == "/tweede-factor/instellen/"


def test_privacy_officer_with_mfa_at_the_provider_skips_the_totp_step(
    provider_page,
    live_server,
    oidc_provider,  # noqa: F811 (fixture)
):
    page = provider_page
    oidc_provider.set_claims("avg-2", groups=["grp-avg"], amr=["pwd", "mfa"])
    sign_in_at_provider(page, live_server, "avg-2")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator(".account-roles").inner_text() == "AVG-functionaris"
