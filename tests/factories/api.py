"""Factories for the API: clients (through the service) and their processing activity."""

from tests.factories.processingregister import AgreementFactory, ProcessingActivityFactory


def api_activity(code="klantcontact"):
    """An approved processing activity for API clients (the catalogue's, or a new one)."""
    from processingregister.models import ProcessingActivity

    activity = ProcessingActivity.objects.filter(code=code).first()
    if activity is None:
        activity = ProcessingActivityFactory(code=code, name=code, approved=True)
    return activity


def api_administrator(username="beheer-api"):
    """An employee with the role API administrator (requests and approves API clients)."""
    from accounts import roles
    from accounts.models import User

    user, _created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": "Beheer", "last_name": username, "is_staff": True},
    )
    user.groups.add(roles.role_group(roles.API_ADMINISTRATOR))
    return user


def covering_agreement(activity):
    """An agreement in force that covers ``activity`` (every client is bound to one)."""
    import datetime

    return AgreementFactory(
        activities=[activity],
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date.today() + datetime.timedelta(days=400),
    )


def api_client(
    scopes=(),
    *,
    teams=(),
    slug=None,
    activity=None,
    agreement=None,
    rate=1000,
    approve=True,
    requested_by=None,
    accountable=None,
):
    """An API client through the service: returns (client, token). A third party when an
    agreement is given (it must cover ``activity``); otherwise bound to a new agreement that
    covers it. Requested by one API administrator and approved by another (``approve``)."""
    from api import grants
    from api import services as api_services
    from api.models import ApiClient

    slug = slug or f"client-{ApiClient.objects.count() + 1}"
    if agreement is not None and activity is None:
        activity = agreement.activities.first()
    activity = activity or api_activity()
    requester = requested_by or api_administrator("beheer-aanvrager")
    client, token = api_services.create_client(
        name=f"Client {slug}",
        slug=slug,
        scopes=list(scopes),
        processing_activity=activity,
        third_party=agreement is not None,
        agreement=agreement or covering_agreement(activity),
        teams=teams,
        rate_per_minute=rate,
        requested_by=requester,
        accountable=accountable,
    )
    if approve:
        grant = grants.pending_request(client)
        client = grants.approve(grant, by=api_administrator("beheer-goedkeurder"))
    return client, token
