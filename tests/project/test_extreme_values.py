"""Bad input never gives a 500 (issue 18): every GET URL pattern, with extreme values in its path
parameters and in every query parameter a view or form of the project reads, answers with a
page, a clear message, a redirect or a 404 - never a server error.

The parameter names are collected from the code (``request.GET.get("...")`` and the fields of
every form of the project), so a new filter is covered without touching this test. The user is a
superuser with every role, in a team, second factor verified: the walk reaches every view."""

import re
from pathlib import Path

import pytest
from django import forms
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from accounts import roles
from klantcontact.converters import BIGINT_MAX
from persondata.registry import project_app_configs
from referencedata.models import CodeList, ReferenceCode
from tests.factories import PersonFactory, TenancyFactory, UnitFactory, contact_catalogue
from tests.support.auth import verified_login

ROOT = Path(__file__).resolve().parents[2]
APPS = [config.label for config in project_app_configs()] + ["klantcontact"]

EXTREMES = (
    "99999999999999999999999",
    str(BIGINT_MAX),
    "-1",
    "0",
    "0001-01",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01T00:00",
    "1e309",
    "NaN",
    "\x00",
    "'\"<script>",
    "a" * 3000,
)


def walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def query_parameter_names() -> list[str]:
    names = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                text = path.read_text(encoding="utf-8")
                names |= set(re.findall(r"GET\.get\(\s*[\"'](\w+)[\"']", text))
                names |= set(re.findall(r"GET\[[\"'](\w+)[\"']\]", text))
    get_resolver().url_patterns  # noqa: B018 - importing every view imports every form

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    for form in subclasses(forms.BaseForm):
        if form.__module__.split(".")[0] in APPS:
            names |= set(getattr(form, "base_fields", {}))
    return sorted(names)


# The admin pages too (their add pages take initial values from the query string:
# klantcontact.forms.ValidatedInitialMixin); the API has its own walk (schemathesis in CI).
ROUTES = [
    (name, pattern)
    for name, pattern in walk(get_resolver().url_patterns)
    if not name.startswith(("api:",))
]


def path_values(pattern, person_pk):
    """Keyword sets for the pattern's path parameters: an existing id, the largest id a bigint
    holds, and an overlong or odd string for the other converters."""
    converters = pattern.pattern.converters
    if not converters:
        return [{}]
    sets = []
    for number in (person_pk, BIGINT_MAX):
        kwargs = {}
        for key, converter in converters.items():
            numeric = converter.regex.startswith("[0-9]")
            kwargs[key] = number if numeric else ("x" * 300 if number == BIGINT_MAX else "a")
        sets.append(kwargs)
    return sets


@pytest.fixture
def superuser_client(db, reference_codes, team_noord, make_user):
    contact_catalogue()
    huu = ReferenceCode.objects.get(code_list=CodeList.RELATION_ROLE, code="HUU")
    person = TenancyFactory(unit=UnitFactory(team=team_noord), person=PersonFactory(), role=huu)
    user = make_user(
        "alles",
        roles=list(roles.ALL_ROLES),
        teams=[team_noord],
        leads=[team_noord],
        superuser=True,
    )
    client = Client(raise_request_exception=False)
    verified_login(client, user)
    return client, person.person.pk


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "pattern"), ROUTES, ids=[name for name, _ in ROUTES])
def test_extreme_values_never_give_a_server_error(superuser_client, name, pattern):
    client, person_pk = superuser_client
    names = query_parameter_names()
    failures = []
    for kwargs in path_values(pattern, person_pk):
        try:
            url = reverse(name, kwargs=kwargs)
        except NoReverseMatch:  # the converter refuses the value: there is no such URL
            continue
        for value in EXTREMES:
            response = client.get(url, dict.fromkeys(names, value))
            if response.status_code >= 500:
                failures.append(f"{url} ?*={value[:30]!r}: {response.status_code}")
    assert not failures, "\n".join(failures)


# --- The findings, one by one ----------------------------------------------------------------


@pytest.mark.django_db
def test_a_huge_page_number_shows_the_end_of_the_list(superuser_client):
    client, person_pk = superuser_client
    for url in (reverse("contacts:card", args=[person_pk]), reverse("contacts:tasks")):
        response = client.get(url, {"pagina": "99999999999999999999999"})
        assert response.status_code == 200, url


def test_page_numbers_are_bounded():
    from klantcontact.forms import MAX_PAGE, page_number

    assert [page_number(v) for v in (None, "", "x", "-3", "0", "2", " 7 ")] == [1, 1, 1, 1, 1, 2, 7]
    assert page_number("99999999999999999999999") == MAX_PAGE


@pytest.mark.django_db
def test_a_report_month_out_of_range_is_a_dutch_message(superuser_client):
    client, _person = superuser_client
    for month in ("0001-01", "9999-12", "2018-04"):
        response = client.get(reverse("rights:report"), {"month": month})
        assert response.status_code == 200
        assert "Kies een maand tussen 05-2018 en" in response.content.decode(), month
        csv = client.get(reverse("rights:report_csv"), {"month": month})
        assert csv.status_code == 200  # the current twelve months, as without a month
    assert (
        "Kies een maand"
        not in client.get(reverse("rights:report"), {"month": "2018-05"}).content.decode()
    )


@pytest.mark.django_db
def test_an_id_beyond_a_bigint_is_a_404(superuser_client):
    client, _person = superuser_client
    assert client.get(f"/klanten/{BIGINT_MAX}/").status_code == 404
    assert client.get("/klanten/99999999999999999999999/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "next_url",
    ["0", "contacts:search", "//evil.example/", "/\\evil.example", "https://evil.example/"],
)
def test_a_next_that_is_not_a_site_path_goes_to_the_start_page(superuser_client, next_url):
    client, _person = superuser_client
    response = client.get(reverse("otp_verify"), {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/"
