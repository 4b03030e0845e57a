"""API clients: hashed tokens shown once, rotation and revocation, the service account that can
never log in, and the agreement gate (a third party needs a processor agreement in force)."""

import datetime
import hashlib

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import roles
from api import services
from api.models import ApiClient
from tests.factories import (
    AgreementFactory,
    ProcessingActivityFactory,
    api_activity,
    api_administrator,
    api_client,
)
from tests.factories.api import covering_agreement

pytestmark = pytest.mark.django_db

LOOKUP = reverse("api:caller_lookup")


def call(client, token, url=LOOKUP, **params):
    return client.get(url, params or {"phone": "0612345678"}, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_only_a_hash_of_the_token_is_stored(client):
    api, token = api_client(["lookup"])
    api.refresh_from_db()
    assert token.startswith(f"kc_{api.token_prefix}_")
    assert api.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = [str(value) for value in ApiClient.objects.filter(pk=api.pk).values().get().values()]
    assert not any(token in value or token.split("_", 2)[2] in value for value in stored)
    assert call(client, token).status_code == 200


def test_a_wrong_secret_with_a_known_prefix_is_refused(client):
    api, token = api_client(["lookup"])
    forged = f"kc_{api.token_prefix}_{'x' * 43}"
    response = call(client, forged)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_rotation_stops_the_old_token_at_once(client):
    api, old = api_client(["lookup"])
    new = services.rotate_token(api)
    assert new != old
    assert call(client, old).status_code == 401
    assert call(client, new).status_code == 200


def test_revoked_and_inactive_clients_get_401(client):
    api, token = api_client(["lookup"])
    services.revoke(api)
    assert call(client, token).status_code == 401
    other, other_token = api_client(["lookup"])
    other.is_active = False
    other.save()
    assert call(client, other_token).status_code == 401


def test_service_account_can_never_log_in():
    api, _token = api_client(["lookup"], slug="telefonie")
    user = api.service_user
    assert user.username == "api-telefonie"
    assert not user.has_usable_password()
    assert not user.is_active
    assert authenticate(username="api-telefonie", password="") is None


def test_agreement_gate_disables_a_third_party_client(client):
    activity = api_activity("telefonie")
    agreement = AgreementFactory(
        activities=[activity],
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date.today() + datetime.timedelta(days=400),
    )
    api, token = api_client(["lookup"], agreement=agreement)
    assert call(client, token).status_code == 200

    agreement.end_date = datetime.date.today() - datetime.timedelta(days=1)
    agreement.save()
    response = call(client, token)
    assert response.status_code == 403
    assert response.json()["type"] == "urn:klantcontact:problem:client-disabled"


def test_a_third_party_needs_an_agreement_covering_its_activity():
    activity = api_activity("telefonie")
    with pytest.raises(ValidationError) as caught:
        services.create_client(
            name="Zonder overeenkomst",
            slug="zonder",
            scopes=["lookup"],
            processing_activity=activity,
            third_party=True,
            requested_by=api_administrator(),
        )
    assert "agreement" in caught.value.message_dict
    other = AgreementFactory(activities=[ProcessingActivityFactory(approved=True)])
    with pytest.raises(ValidationError) as caught:
        services.create_client(
            name="Verkeerde overeenkomst",
            slug="verkeerd",
            scopes=["lookup"],
            processing_activity=activity,
            third_party=True,
            agreement=other,
            requested_by=api_administrator(),
        )
    assert "agreement" in caught.value.message_dict


def test_an_unapproved_activity_disables_the_client(client):
    api, token = api_client(["lookup"])
    api.processing_activity.status = "retired"
    api.processing_activity.save(update_fields=["status"])
    assert call(client, token).status_code == 403


def test_unknown_scopes_and_unapproved_activities_are_refused():
    draft = ProcessingActivityFactory()
    with pytest.raises(ValidationError) as caught:
        services.create_client(
            name="Fout",
            slug="fout",
            scopes=["everything"],
            processing_activity=draft,
            requested_by=api_administrator(),
        )
    assert {"scopes", "processing_activity"} <= set(caught.value.message_dict)
    assert not ApiClient.objects.exists()


def test_last_used_is_recorded(client):
    api, token = api_client(["lookup"])
    assert api.last_used_at is None
    call(client, token)
    api.refresh_from_db()
    assert api.last_used_at is not None


# --- Admin: the token is shown once --------------------------------------------------------------


@pytest.fixture
def officer(make_user):
    """An API administrator (the only role besides a superuser that manages API clients)."""
    return make_user("apibeheer", roles=[roles.API_ADMINISTRATOR])


def test_admin_shows_the_token_once_on_creation_and_rotation(client, officer, team_noord):
    client.force_login(officer)
    activity = api_activity()
    agreement = covering_agreement(activity)
    response = client.post(
        reverse("admin:api_apiclient_add"),
        {
            "name": "Huurdersportaal",
            "slug": "portaal",
            "description": "",
            "scopes": ["portal:intake", "kb:read"],
            "processing_activity": activity.pk,
            "agreement": agreement.pk,
            "teams": [team_noord.pk],
            "accountable": officer.pk,
            "rate_per_minute": 60,
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert b'data-page="api-token"' in response.content
    api = ApiClient.objects.get(slug="portaal")
    token = response.context["token"]
    assert api.token_hash == services.hash_token(token)
    assert "no-store" in response["Cache-Control"]
    assert api.service_user.username == "api-portaal"
    assert list(api.teams.all()) == [team_noord]
    assert api.created_by == officer

    change = client.get(reverse("admin:api_apiclient_change", args=[api.pk]))
    assert token.encode() not in change.content
    assert token.split("_", 2)[2].encode() not in change.content

    rotated = client.post(
        reverse("admin:api_apiclient_changelist"),
        {"action": "rotate_token", "_selected_action": [api.pk]},
    )
    new_token = rotated.context["token"]
    assert new_token != token
    api.refresh_from_db()
    assert api.token_hash == services.hash_token(new_token)
    assert (
        new_token.encode()
        not in client.get(reverse("admin:api_apiclient_change", args=[api.pk])).content
    )


def test_admin_revoke_action(client, officer):
    api, token = api_client(["lookup"])
    client.force_login(officer)
    client.post(
        reverse("admin:api_apiclient_changelist"),
        {"action": "revoke_token", "_selected_action": [api.pk]},
    )
    api.refresh_from_db()
    assert api.revoked_at is not None
    assert api.token_hash == ""
