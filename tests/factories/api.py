"""Factories for the API: clients (through the service) and their processing activity."""

from tests.factories.processingregister import ProcessingActivityFactory


def api_activity(code="klantcontact"):
    """An approved processing activity for API clients (the catalogue's, or a new one)."""
    from processingregister.models import ProcessingActivity

    activity = ProcessingActivity.objects.filter(code=code).first()
    if activity is None:
        activity = ProcessingActivityFactory(code=code, name=code, approved=True)
    return activity


def api_client(scopes=(), *, teams=(), slug=None, activity=None, agreement=None, rate=1000):
    """An API client through the service: returns (client, token). A third party when an
    agreement is given (it must cover ``activity``)."""
    from api import services as api_services
    from api.models import ApiClient

    slug = slug or f"client-{ApiClient.objects.count() + 1}"
    if agreement is not None and activity is None:
        activity = agreement.activities.first()
    return api_services.create_client(
        name=f"Client {slug}",
        slug=slug,
        scopes=list(scopes),
        processing_activity=activity or api_activity(),
        third_party=agreement is not None,
        agreement=agreement,
        teams=teams,
        rate_per_minute=rate,
    )
