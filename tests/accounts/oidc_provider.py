"""A real OpenID provider on loopback for the sign-in tests (oidc-provider-mock, in a thread).

``oidc_provider`` starts it once per test session on 127.0.0.1 (a free port); a test registers
its client, sets the claims of the next sign-in (``provider.set_claims``) and points the project
at it with ``oidc_settings`` (the discovery URL, the registered client's id and secret).
"""

import os
import threading
from dataclasses import dataclass
from urllib.parse import urljoin

import jinja2
import oidc_provider_mock
import pytest
import requests
import werkzeug.serving

from accounts import oidc

# The provider runs on plain http (loopback); authlib refuses that unless told.
os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")

# The provider's own page layout loads a stylesheet from a CDN; the tests run offline, so its
# pages get this plain layout instead (same blocks, nothing from outside).
OFFLINE_BASE_TEMPLATE = """<!doctype html>
<html lang="en"><main class="container">{% block content %}{{ content }}{% endblock %}</main></html>
"""


@dataclass
class Provider:
    url: str

    def endpoint(self, path: str) -> str:
        return urljoin(self.url + "/", path.lstrip("/"))

    @property
    def discovery_url(self) -> str:
        return self.endpoint(".well-known/openid-configuration")

    def register_client(self, redirect_uri: str) -> tuple[str, str]:
        response = requests.post(
            self.endpoint("oauth2/clients"),
            json={
                "redirect_uris": [redirect_uri],
                "token_endpoint_auth_method": "client_secret_post",
            },
            timeout=10,
        )
        response.raise_for_status()
        body = response.json()
        return body["client_id"], body["client_secret"]

    def set_claims(self, sub: str, **claims) -> None:
        """The claims the provider gives ``sub`` at their next sign-in (id token and userinfo)."""
        response = requests.put(self.endpoint(f"users/{sub}"), json=claims, timeout=10)
        response.raise_for_status()


@pytest.fixture(scope="session")
def oidc_provider():
    app = oidc_provider_mock.app()
    app.jinja_loader = jinja2.ChoiceLoader(
        [jinja2.DictLoader({"_base.html": OFFLINE_BASE_TEMPLATE}), app.jinja_loader]
    )
    server = werkzeug.serving.make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        yield Provider(url=f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        thread.join(5)
        server.server_close()


@pytest.fixture
def oidc_settings(settings, oidc_provider, live_server):
    """The project signs in through the test provider (a client registered for live_server)."""
    client_id, secret = oidc_provider.register_client(f"{live_server.url}/oidc/callback/")
    settings.OIDC_ENABLED = True
    settings.OIDC_PROVIDER_NAME = "Testprovider"
    settings.OIDC_DISCOVERY_URL = oidc_provider.discovery_url
    settings.OIDC_RP_CLIENT_ID = client_id
    settings.OIDC_RP_CLIENT_SECRET = secret
    oidc.forget_discovery()
    yield settings
    oidc.forget_discovery()
