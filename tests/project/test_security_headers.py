"""The headers every response carries (klantcontact.middleware.SecurityHeadersMiddleware): no
storing of pages with personal data, no browser features, and a health check that names no
software. The walk over every page is in tests/access/test_permission_matrix.py, over every API
endpoint in tests/api/test_api_scopes.py."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache

from klantcontact.middleware import SecurityHeadersMiddleware


def through_middleware(view):
    return SecurityHeadersMiddleware(view)(RequestFactory().get("/"))


def parts(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_a_page_without_cache_header_is_not_stored():
    response = through_middleware(lambda request: HttpResponse("persoonsgegevens"))
    assert parts(response) == {"no-store", "private"}
    assert "microphone=()" in response["Permissions-Policy"]
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_a_view_cannot_make_a_page_cacheable_by_accident():
    @cache_control(max_age=3600, public=True)
    def cached(request):
        return HttpResponse("x")

    assert parts(through_middleware(cached)) == {"no-store", "private"}


def test_a_view_that_already_forbids_storing_keeps_its_own_header():
    @never_cache
    def view(request):
        return HttpResponse("x")

    assert {"no-store", "private", "no-cache", "must-revalidate"} <= parts(through_middleware(view))


@pytest.mark.django_db
def test_the_login_page_is_not_stored(client):
    response = client.get(reverse("login"))
    assert {"no-store", "private"} <= parts(response)
    assert response["Permissions-Policy"]


@pytest.mark.django_db
def test_healthz_names_no_database_vendor_or_version(client):
    response = client.get("/healthz")
    assert response.json()["checks"]["database"] == {"status": "ok"}
    body = response.content.decode().lower()
    for vendor in ("sqlite", "postgres", "redis", "django", "version"):
        assert vendor not in body
