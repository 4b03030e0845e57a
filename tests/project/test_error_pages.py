"""The error pages staff see when something fails (drills/postgres_restart.sh): plain Dutch,
no details of the error, and rendered without touching the database (which may be down): these
tests have no database access, so a query would fail them."""

from django.contrib.sessions.exceptions import SessionInterrupted
from django.test import RequestFactory
from django.views import defaults


def test_a_server_error_is_a_plain_dutch_page_without_the_database():
    request = RequestFactory().get("/klanten/1/")
    response = defaults.server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert "Er ging iets mis" in html and "probeer het opnieuw" in html
    assert "Traceback" not in html and "Exception" not in html


def test_a_cut_off_session_save_gets_the_same_page():
    request = RequestFactory().get("/taken/")
    response = defaults.bad_request(request, SessionInterrupted("session deleted"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Er ging iets mis" in html and "session deleted" not in html
