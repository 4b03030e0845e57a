"""Sign-in through a real OpenID provider (oidc-provider-mock on loopback) against the live
server, over HTTP with ``requests`` following the redirects: nothing inside Django is mocked."""

import html
import re
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from axes.models import AccessAttempt

from accounts import roles
from accounts.models import ExternalIdentity, ProviderGroupMapping, User

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def mappings(team_noord):
    ProviderGroupMapping.objects.create(provider_group="grp-woonservice", role=roles.EMPLOYEE)
    ProviderGroupMapping.objects.create(provider_group="grp-noord", team=team_noord)
    ProviderGroupMapping.objects.create(
        provider_group="grp-beheer", role=roles.FUNCTIONAL_ADMINISTRATOR
    )


def sign_in(provider, live_server, sub, session=None):
    """Start at the project, pick ``sub`` on the provider's page; the final response."""
    session = session or requests.Session()
    start = session.get(f"{live_server.url}/oidc/inloggen/", timeout=10)
    assert start.url.startswith(provider.url), start.url
    query = parse_qs(urlparse(start.url).query)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"]  # PKCE
    return session, session.post(start.url, data={"sub": sub}, timeout=10)


def test_a_mapped_employee_signs_in_and_gets_role_and_team(
    oidc_settings, oidc_provider, live_server, mappings, team_noord
):
    oidc_provider.set_claims(
        "u-100",
        given_name="Fenna",
        family_name="Dijkstra",
        email="f.dijkstra@example.nl",
        groups=["grp-woonservice", "grp-noord", "grp-unknown"],
    )
    _session, response = sign_in(oidc_provider, live_server, "u-100")
    assert response.status_code == 200
    assert response.url == f"{live_server.url}/"
    assert "Medewerker Woonservice" in response.text
    user = ExternalIdentity.objects.get(subject="u-100").user
    assert (user.first_name, user.last_name, user.email) == (
        "Fenna",
        "Dijkstra",
        "f.dijkstra@example.nl",
    )
    assert roles.user_roles(user) == {roles.EMPLOYEE}
    assert user.groups.filter(pk=team_noord.member_group_id).exists()
    assert not user.has_usable_password()


def test_the_next_sign_in_takes_away_what_the_claim_no_longer_carries(
    oidc_settings, oidc_provider, live_server, mappings, team_noord
):
    oidc_provider.set_claims("u-101", groups=["grp-woonservice", "grp-noord"])
    sign_in(oidc_provider, live_server, "u-101")
    oidc_provider.set_claims("u-101", groups=["grp-noord"], email="new@example.nl")
    _session, response = sign_in(oidc_provider, live_server, "u-101")
    assert response.url == f"{live_server.url}/"
    user = User.objects.get(external_identity__subject="u-101")
    assert roles.user_roles(user) == set()
    assert user.groups.filter(pk=team_noord.member_group_id).exists()
    assert User.objects.filter(external_identity__subject="u-101").count() == 1


def test_matched_on_the_subject_never_on_the_email(
    oidc_settings, oidc_provider, live_server, mappings, make_user
):
    local = make_user("f.dijkstra@example.nl", roles=[roles.PRIVACY_OFFICER])
    local.email = "f.dijkstra@example.nl"
    local.save()
    oidc_provider.set_claims(
        "u-102",
        email="f.dijkstra@example.nl",
        preferred_username="f.dijkstra@example.nl",
        groups=["grp-woonservice"],
    )
    sign_in(oidc_provider, live_server, "u-102")
    user = User.objects.get(external_identity__subject="u-102")
    assert user.pk != local.pk and user.username == "f.dijkstra@example.nl-2"
    assert roles.user_roles(local) == {roles.PRIVACY_OFFICER}  # the local account untouched


def test_an_account_without_a_mapped_group_gets_the_no_access_page(
    oidc_settings, oidc_provider, live_server, mappings
):
    oidc_provider.set_claims("u-103", groups=["grp-elsewhere"])
    session, response = sign_in(oidc_provider, live_server, "u-103")
    assert response.status_code == 403
    assert "Geen toegang tot Klantcontact" in response.text
    assert "niet in een groep die toegang geeft" in response.text
    home = session.get(f"{live_server.url}/", timeout=10)
    assert home.url.startswith(f"{live_server.url}/login/")  # not logged in
    assert not AccessAttempt.objects.exists()  # no failed login counted against the address


def test_a_privileged_role_without_mfa_at_the_provider_passes_the_totp_step(
    oidc_settings, oidc_provider, live_server, mappings
):
    oidc_provider.set_claims("u-104", groups=["grp-beheer"], amr=["pwd"])
    _session, response = sign_in(oidc_provider, live_server, "u-104")
    assert urlparse(response.url).path == "/tweede-factor/instellen/"


def test_mfa_at_the_provider_counts_as_the_second_factor(
    oidc_settings, oidc_provider, live_server, mappings
):
    oidc_provider.set_claims("u-105", groups=["grp-beheer"], amr=["pwd", "mfa"])
    session, response = sign_in(oidc_provider, live_server, "u-105")
    assert response.url == f"{live_server.url}/"
    admin = session.get(f"{live_server.url}/beheer/", timeout=10)
    assert admin.status_code == 200 and urlparse(admin.url).path == "/beheer/"


def test_an_acr_from_the_configured_list_counts_as_mfa(
    oidc_settings, oidc_provider, live_server, mappings
):
    oidc_settings.OIDC_MFA_ACR = ["urn:example:loa:high"]
    oidc_provider.set_claims("u-106", groups=["grp-beheer"], acr="urn:example:loa:high")
    _session, response = sign_in(oidc_provider, live_server, "u-106")
    assert response.url == f"{live_server.url}/"


def test_sign_out_ends_the_session_at_the_provider(
    oidc_settings, oidc_provider, live_server, mappings
):
    oidc_provider.set_claims("u-107", groups=["grp-woonservice"])
    session, _response = sign_in(oidc_provider, live_server, "u-107")
    home = session.get(f"{live_server.url}/", timeout=10)
    token = session.cookies["csrftoken"]
    out = session.post(
        f"{live_server.url}/logout/",
        data={"csrfmiddlewaretoken": token},
        headers={"Referer": home.url},
        timeout=10,
    )
    # A page that moves on to the provider by itself (a redirect would break CSP form-action).
    assert out.status_code == 200 and "Uitgelogd" in out.text
    location = html.unescape(re.search(r'href="([^"]+)" data-end-session', out.text).group(1))
    assert f'content="0;url={html.escape(location)}"' in out.text
    end_session = urlparse(location)
    assert f"{end_session.scheme}://{end_session.netloc}" == oidc_provider.url
    assert end_session.path == "/oauth2/end_session"
    query = parse_qs(end_session.query)
    assert query["id_token_hint"][0].count(".") == 2  # a JWT
    assert query["post_logout_redirect_uri"] == [f"{live_server.url}/login/"]
    page = session.get(location, timeout=10)  # the provider's end-session page
    assert page.status_code == 200
    again = session.get(f"{live_server.url}/", timeout=10)
    assert again.url.startswith(f"{live_server.url}/login/")  # the session is gone


def test_the_login_page_offers_the_provider(oidc_settings, live_server):
    page = requests.get(f"{live_server.url}/login/", timeout=10)
    assert "Inloggen via Testprovider" in page.text


def test_a_refusal_at_the_provider_returns_to_the_login_page_with_a_dutch_message(
    oidc_settings, oidc_provider, live_server
):
    session = requests.Session()
    start = session.get(f"{live_server.url}/oidc/inloggen/", timeout=10)
    response = session.post(start.url, data={"action": "deny"}, timeout=10)
    assert urlparse(response.url).path == "/login/"
    assert "Inloggen via Testprovider is niet gelukt" in response.text
