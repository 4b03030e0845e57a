"""API clients are a controlled grant (issue 18): only an API administrator or a superuser
requests and approves, never their own request (four eyes); a pending client's token is
refused; widening needs approval again, narrowing does not; every client is bound to an
agreement in force; the AVG officer is told; every API read names the accountable person;
tokens expire, with one reminder per expiry."""

import datetime

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from access.models import Notification
from accounts import roles
from api import grants, services
from api.models import ApiClient, GrantRequest
from audit.models import AccessLogEntry
from klantcontact.schedule import BEAT_SCHEDULE
from referencedata.models import CodeList, ReferenceCode
from tests.factories import (
    AgreementFactory,
    PersonFactory,
    PhoneNumberFactory,
    TenancyFactory,
    UnitFactory,
    api_activity,
    api_administrator,
    api_client,
)
from tests.factories.api import covering_agreement

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"
LOOKUP = reverse("api:caller_lookup")


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    cache.clear()


@pytest.fixture
def officer(make_user):
    user = make_user("avg", roles=[roles.PRIVACY_OFFICER])
    user.email = "avg@example.nl"
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def administrator(make_user):
    return make_user("fb", roles=[roles.FUNCTIONAL_ADMINISTRATOR])


@pytest.fixture
def tenant(reference_codes, team_noord):
    huu = ReferenceCode.objects.get(code_list=CodeList.RELATION_ROLE, code="HUU")
    tenancy = TenancyFactory(unit=UnitFactory(team=team_noord), person=PersonFactory(), role=huu)
    PhoneNumberFactory(person=tenancy.person, number="+31612345678")
    return tenancy.person


def lookup(client, token):
    return client.get(LOOKUP, {"phone": "0612345678"}, HTTP_AUTHORIZATION=f"Bearer {token}")


def request_client(by, **kwargs):
    activity = api_activity()
    return services.create_client(
        name=kwargs.pop("name", "Portaal"),
        slug=kwargs.pop("slug", "portaal"),
        scopes=kwargs.pop("scopes", ["lookup"]),
        processing_activity=activity,
        agreement=kwargs.pop("agreement", covering_agreement(activity)),
        requested_by=by,
        **kwargs,
    )


# --- (b) only an API administrator or a superuser -------------------------------------------


def test_the_functional_administrator_and_the_officer_cannot_create_or_approve(
    client, officer, administrator, team_noord
):
    for user in (officer, administrator):
        with pytest.raises(PermissionDenied):
            request_client(user, slug=f"via-{user.username}", name=user.username)
        client.force_login(user)
        assert client.get(reverse("admin:api_apiclient_add")).status_code == 403
    assert not ApiClient.objects.exists()

    pending, _token = api_client(["lookup"], approve=False)
    grant = grants.pending_request(pending)
    for user in (officer, administrator):
        with pytest.raises(PermissionDenied):
            grants.approve(grant, by=user)
    pending.refresh_from_db()
    assert pending.approved_at is None
    # The officer still sees the clients (to check them against the register).
    client.force_login(officer)
    assert client.get(reverse("admin:api_apiclient_changelist")).status_code == 200
    assert client.get(reverse("admin:api_apiclient_change", args=[pending.pk])).status_code == 200


def test_a_superuser_may_request_and_approve(make_user):
    boss = make_user("baas", superuser=True)
    client, _token = request_client(boss)
    grants.approve(grants.pending_request(client), by=api_administrator())
    client.refresh_from_db()
    assert client.approved_at is not None


# --- (a) four eyes ------------------------------------------------------------------------------


def test_the_requester_cannot_approve_their_own_request(client):
    requester = api_administrator("beheer-een")
    api, _token = api_client(["lookup"], approve=False, requested_by=requester)
    grant = grants.pending_request(api)
    with pytest.raises(PermissionDenied):
        grants.approve(grant, by=requester)
    grant.refresh_from_db()
    assert grant.state == GrantRequest.State.PENDING
    # The database refuses it too.
    with pytest.raises(IntegrityError), transaction.atomic():
        GrantRequest.objects.filter(pk=grant.pk).update(
            state=GrantRequest.State.APPROVED, decided_by=requester, decided_at=timezone.now()
        )
    # In the admin: the action names the refusal and approves nothing.
    client.force_login(requester)
    response = client.post(
        reverse("admin:api_apiclient_changelist"),
        {"action": "approve_request", "_selected_action": [api.pk]},
        follow=True,
    )
    assert response.status_code == 200
    api.refresh_from_db()
    assert api.approved_at is None
    # A colleague approves it.
    colleague = api_administrator("beheer-twee")
    client.force_login(colleague)
    client.post(
        reverse("admin:api_apiclient_changelist"),
        {"action": "approve_request", "_selected_action": [api.pk]},
    )
    api.refresh_from_db()
    assert api.approved_by == colleague
    grant.refresh_from_db()
    assert (grant.state, grant.requested_by, grant.decided_by) == ("approved", requester, colleague)


def test_a_pending_clients_token_is_refused(client, tenant):
    api, token = api_client(["lookup"], approve=False)
    response = lookup(client, token)
    assert response.status_code == 403
    assert response["Content-Type"] == PROBLEM
    assert response.json()["type"] == "urn:klantcontact:problem:client-disabled"
    grants.approve(grants.pending_request(api), by=api_administrator("beheer-twee"))
    assert lookup(client, token).status_code == 200


def test_widening_scopes_or_teams_needs_approval_again_narrowing_does_not(
    client, tenant, team_noord, team_zuid
):
    api, token = api_client(["lookup"], teams=[team_noord])
    requester = api_administrator("beheer-een")
    grant = grants.change_grant(
        api,
        scopes=["lookup", "persons:read"],
        teams=[team_noord, team_zuid],
        agreement=api.agreement,
        by=requester,
    )
    assert grant is not None and grant.kind == GrantRequest.Kind.WIDEN
    api.refresh_from_db()
    assert api.scopes == ["lookup"]
    assert list(api.teams.all()) == [team_noord]
    person_url = reverse("api:person", kwargs={"id": tenant.pk})
    refused = client.get(person_url, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert refused.status_code == 403
    assert lookup(client, token).status_code == 200  # the approved grant keeps working

    with pytest.raises(PermissionDenied):
        grants.approve(grant, by=requester)
    grants.approve(grant, by=api_administrator("beheer-twee"))
    api.refresh_from_db()
    assert api.scopes == ["lookup", "persons:read"]
    assert set(api.teams.all()) == {team_noord, team_zuid}
    assert client.get(person_url, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200

    narrowed = grants.change_grant(
        api, scopes=["lookup"], teams=[team_noord], agreement=api.agreement, by=requester
    )
    assert narrowed is None
    api.refresh_from_db()
    assert api.scopes == ["lookup"]
    assert list(api.teams.all()) == [team_noord]


def test_widening_in_the_admin_waits_for_approval(client, team_noord):
    api, _token = api_client(["lookup"], teams=[team_noord])
    editor = api_administrator("beheer-een")
    client.force_login(editor)
    response = client.post(
        reverse("admin:api_apiclient_change", args=[api.pk]),
        {
            "name": api.name,
            "description": "",
            "scopes": ["lookup", "persons:read"],
            "third_party": "",
            "agreement": api.agreement_id,
            "teams": [team_noord.pk],
            "accountable": editor.pk,
            "rate_per_minute": 60,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    api.refresh_from_db()
    assert api.scopes == ["lookup"]
    assert api.rate_per_minute == 60  # what widens nothing applies at once
    grant = grants.pending_request(api)
    assert grant.scopes == ["lookup", "persons:read"] and grant.requested_by == editor


# --- (c) bound to an agreement in force -----------------------------------------------------------


def test_a_client_without_an_agreement_in_force_is_refused(client):
    requester = api_administrator()
    with pytest.raises(ValidationError) as caught:
        request_client(requester, agreement=None)
    assert "agreement" in caught.value.message_dict
    expired = AgreementFactory(
        activities=[api_activity()],
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date.today() - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as caught:
        request_client(requester, agreement=expired)
    assert "agreement" in caught.value.message_dict
    assert not ApiClient.objects.exists()

    # An internal client made before the rule, without an agreement, is refused until bound.
    api, token = api_client(["lookup"])
    ApiClient.objects.filter(pk=api.pk).update(agreement=None, third_party=False)
    response = lookup(client, token)
    assert response.status_code == 403
    assert response.json()["type"] == "urn:klantcontact:problem:client-disabled"


# --- (d) the AVG officer is told ------------------------------------------------------------------


def test_the_officer_is_notified_of_requests_and_approvals(
    officer, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.MAIL_CONFIGURED = True
    with django_capture_on_commit_callbacks(execute=True):
        api, _token = api_client(["lookup", "persons:read"], approve=False)
    notes = list(Notification.objects.filter(recipient=officer))
    assert len(notes) == 1
    assert "persons:read" in notes[0].text
    assert notes[0].link == reverse("admin:api_apiclient_change", args=[api.pk])
    assert [mail.to for mail in mailoutbox] == [["avg@example.nl"]]

    with django_capture_on_commit_callbacks(execute=True):
        grants.approve(grants.pending_request(api), by=api_administrator("beheer-twee"))
    assert Notification.objects.filter(recipient=officer).count() == 2
    assert len(mailoutbox) == 2


# --- (e) every API read names the accountable person ---------------------------------------------


def test_access_log_rows_name_the_accountable_person(client, tenant, team_noord, make_user):
    owner = make_user("eigenaar")
    api, token = api_client(["lookup", "persons:read"], teams=[team_noord], accountable=owner)
    assert lookup(client, token).status_code == 200
    person_url = reverse("api:person", kwargs={"id": tenant.pk})
    assert client.get(person_url, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    rows = list(AccessLogEntry.objects.filter(person_id=tenant.pk).order_by("pk"))
    assert [row.what for row in rows] == ["caller_lookup", "card"]
    for row in rows:
        assert row.actor == api.service_user
        assert f"API-client {api.slug}" in row.reason
        assert "verantwoordelijke: Eigenaar (eigenaar)" in row.reason


# --- (f) tokens expire, with one reminder per expiry -------------------------------------------


def test_a_token_expires_after_the_lifetime(client, tenant, settings):
    settings.API_TOKEN_LIFETIME_DAYS = 365
    api, token = api_client(["lookup"])
    api.refresh_from_db()
    lifetime = api.token_expires_at - api.token_issued_at
    assert lifetime == datetime.timedelta(days=365)
    ApiClient.objects.filter(pk=api.pk).update(
        token_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = lookup(client, token)
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["type"] == "urn:klantcontact:problem:token-expired"
    assert body["status"] == 401
    assert "WWW-Authenticate" in response

    new_token = services.rotate_token(api)
    assert lookup(client, new_token).status_code == 200


def test_one_reminder_per_client_per_expiry(make_user, settings):
    settings.API_TOKEN_REMINDER_DAYS = 30
    owner = make_user("eigenaar")
    api, _token = api_client(["lookup"], accountable=owner)
    far = api_client(["lookup"])[0]  # a year to go: no reminder
    soon = timezone.now() + datetime.timedelta(days=10)
    ApiClient.objects.filter(pk=api.pk).update(token_expires_at=soon)
    Notification.objects.all().delete()

    assert grants.send_expiry_reminders() == 1
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    assert {"eigenaar", "beheer-aanvrager", "beheer-goedkeurder"} <= recipients
    count = Notification.objects.count()
    assert grants.send_expiry_reminders() == 0  # the next day: nothing again
    assert Notification.objects.count() == count

    # A rotation sets a new expiry; when that one comes near, one reminder again.
    services.rotate_token(api)
    later = timezone.now() + datetime.timedelta(days=5)
    ApiClient.objects.filter(pk=api.pk).update(token_expires_at=later)
    assert grants.send_expiry_reminders() == 1
    assert not Notification.objects.filter(link__contains=f"/{far.pk}/").exists()


def test_the_reminder_is_scheduled():
    assert BEAT_SCHEDULE["api-remind-expiring-tokens"]["task"] == "api.tasks.remind_expiring_tokens"


def test_editing_a_pending_client_keeps_the_request_of_its_requester(client, team_noord):
    requester = api_administrator("beheer-een")
    api, _token = api_client(["lookup"], teams=[team_noord], approve=False, requested_by=requester)
    colleague = api_administrator("beheer-twee")
    grants.change_grant(
        api, scopes=["lookup"], teams=[team_noord], agreement=api.agreement, by=colleague
    )
    grant = grants.pending_request(api)
    assert grant.requested_by == requester  # the colleague changed nothing of the grant
    with pytest.raises(PermissionDenied):
        grants.approve(grant, by=requester)
    grants.approve(grant, by=colleague)
