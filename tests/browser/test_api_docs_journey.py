"""The API documentation (Swagger UI) in a real headless Chromium under the site's
Content-Security-Policy: it renders the schema's operations, with no CSP violations or other
console errors and no request to another host (all assets come from drf-spectacular-sidecar,
served as the site's own static files)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_renders_under_the_csp(page, live_server):
    response = page.goto(f"{live_server.url}/api/v1/docs/")
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() >= 14
    assert page.get_by_text("/api/v1/portal/intake/").count() >= 1
    page.watch.assert_clean()
