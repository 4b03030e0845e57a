"""The access-log write path: outside a transaction one INSERT (on PostgreSQL with an
asynchronous commit), inside a transaction part of it. Either way the same complete rows."""

import pytest
from django.db import connection, transaction
from django.test import RequestFactory

from audit.models import AccessLogEntry
from audit.services import log_access, log_search_results

Grant = AccessLogEntry.Grant
What = AccessLogEntry.What


def _request(user):
    request = RequestFactory().get("/klanten/41/", REMOTE_ADDR="10.0.0.5")
    request.user = user
    return request


def _rows():
    return list(
        AccessLogEntry.objects.order_by("pk").values_list(
            "actor_id", "person_id", "what", "object_id", "grant", "reason", "remote_addr"
        )
    )


@pytest.mark.django_db(transaction=True)
def test_reads_outside_a_transaction_are_logged_completely(make_user):
    user = make_user("lezer")
    request = _request(user)
    assert not connection.in_atomic_block  # the path a plain GET takes
    log_access(
        request, person_id=41, what=What.CARD, grant=Grant.BREAK_THE_GLASS, object_id=41,
        reason="r" * 400,
    )  # fmt: skip
    assert log_search_results(request, [(42, Grant.TEAM), (43, Grant.INVOLVEMENT)]) == 2
    assert log_search_results(request, []) == 0
    assert _rows() == [
        (user.pk, 41, What.CARD, 41, Grant.BREAK_THE_GLASS, "r" * 300, "10.0.0.5"),
        (user.pk, 42, What.SEARCH_RESULT, None, Grant.TEAM, "", "10.0.0.5"),
        (user.pk, 43, What.SEARCH_RESULT, None, Grant.INVOLVEMENT, "", "10.0.0.5"),
    ]
    assert AccessLogEntry.objects.filter(at__isnull=True).count() == 0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # the asynchronous commit did not leak
            cursor.execute("SHOW synchronous_commit")
            assert cursor.fetchone()[0] == "on"


@pytest.mark.django_db
def test_inside_a_transaction_the_record_goes_with_it(make_user):
    request = _request(make_user("lezer"))
    with pytest.raises(RuntimeError), transaction.atomic():
        log_access(request, person_id=41, what=What.CARD, grant=Grant.TEAM, object_id=41)
        raise RuntimeError
    assert _rows() == []
    log_access(request, person_id=41, what=What.CARD, grant=Grant.TEAM, object_id=41)
    assert [row[1:5] for row in _rows()] == [(41, What.CARD, 41, Grant.TEAM)]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("with_session", [True, False])
def test_a_read_is_logged_with_or_without_a_session_save_to_follow(make_user, with_session):
    """With a stored session (pages) the insert may commit asynchronously, since the session
    save commits synchronously before the response; without one (API tokens) it commits
    synchronously. The rows are the same either way."""
    from django.contrib.sessions.backends.db import SessionStore

    from audit.services import _session_commit_follows

    user = make_user("lezer")
    request = _request(user)
    if with_session:
        request.session = SessionStore()
        request.session["_auth_user_id"] = str(user.pk)
    assert _session_commit_follows(request) is with_session
    log_access(request, person_id=44, what=What.CARD, grant=Grant.TEAM, object_id=44)
    assert _rows() == [(user.pk, 44, What.CARD, 44, Grant.TEAM, "", "10.0.0.5")]
