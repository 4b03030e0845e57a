"""Every URL of the project needs a login, except an explicit public list.

The URL resolver is walked, so a new view is covered the moment it is added to a urls.py.
"""

import re
import uuid

import pytest
from django.conf import settings
from django.urls import get_resolver, reverse

from tests.support.urls import walk

# (namespace:)name of the only views an anonymous visitor may open. The API's schema and its
# documentation page describe the interface and hold no personal data.
PUBLIC_VIEWS = {"login", "healthz", "admin:login", "api:schema", "api:docs"}
# The personal survey opt-out link in an e-mail works without login: its signed one-time token
# is the authority, and the page shows no personal data (tests/rights/test_rights_survey.py).
PUBLIC_VIEWS |= {"rights:survey_opt_out"}
# The sign-in through the identity provider: its start and its callback (404 unless enabled).
PUBLIC_VIEWS |= {"oidc_authentication_init", "oidc_authentication_callback"}
# Views that do nothing but end a session; anonymous use is harmless.
SESSION_END_VIEWS = {"logout", "admin:logout"}

SAMPLES = {
    "int": "1",
    "id": "1",
    "str": "x",
    "slug": "x",
    "path": "1",
    "uuid": str(uuid.UUID(int=1)),
}


def sample_path(route: str) -> str:
    """Turn a route (path converters and/or regex) into a concrete URL path."""

    def converter(match):
        kind = match.group(1) or "str"
        return SAMPLES.get(kind, "x")

    path = re.sub(r"<(?:(\w+):)?\w+>", converter, route)

    def group(match):
        body = match.group(2)
        literal = body.split("|")[0]
        return literal if re.fullmatch(r"[\w-]+", literal) else "x"

    path = re.sub(r"\(\?P<(\w+)>([^)]*)\)", group, path)
    path = path.replace("^", "").replace("$", "")
    return "/" + path


ALL_ROUTES = list(walk(get_resolver().url_patterns))
GUARDED_ROUTES = [r for r in ALL_ROUTES if r[1] not in PUBLIC_VIEWS | SESSION_END_VIEWS]


def test_the_walk_finds_the_project_views():
    names = {name for _, name, _ in ALL_ROUTES}
    assert {"home", "healthz", "login", "team_overview", "admin:index"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("route", "name", "pattern"), GUARDED_ROUTES, ids=[r for r, _, _ in GUARDED_ROUTES]
)
def test_anonymous_visitor_is_sent_to_login(client, route, name, pattern):
    path = sample_path(route)
    response = client.get(path)
    if response.status_code in (401, 403):
        return
    assert response.status_code == 302, (
        f"{path} answered {response.status_code} to an anonymous GET"
    )
    login_urls = (reverse(settings.LOGIN_URL), reverse("admin:login"))
    assert response["Location"].startswith(login_urls), (
        f"{path} redirects to {response['Location']}"
    )


# API views (policy "api", api.permissions.token_view) skip the login page on purpose: they
# authenticate every request by bearer token, never by session, and answer 401 without one.
TOKEN_VIEWS = {
    name
    for _route, name, pattern in ALL_ROUTES
    if getattr(pattern.callback, "access_policy", None) == "api"
}


def test_only_the_known_views_skip_login():
    """A view marked login_not_required must be on the public list (or be a token view)."""
    opened = {
        name or route
        for route, name, pattern in ALL_ROUTES
        if getattr(pattern.callback, "login_required", True) is False
    }
    allowed = PUBLIC_VIEWS | SESSION_END_VIEWS | TOKEN_VIEWS
    assert opened <= allowed, opened - allowed


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(TOKEN_VIEWS))
def test_token_views_need_a_token_even_with_a_session(client, make_user, name):
    """An employee's session opens no API view: no token, 401 (problem+json)."""
    route = next(route for route, n, _pattern in ALL_ROUTES if n == name)
    client.force_login(make_user("medewerker"))
    response = client.get(sample_path(route))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
def test_health_endpoint_is_public_and_machine_readable(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["checks"]["database"]["status"] == "ok"
