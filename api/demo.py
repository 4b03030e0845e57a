"""Demo API clients (called by seed_demo, DEBUG only): telephony, the tenant portal and the
survey bureau, each bound to its processing activity, with fixed demo tokens so the curl
examples in docs/api.md work after ``make run``. Never use these tokens outside a demo."""

from django.conf import settings
from django.utils import timezone

from accounts.models import Team
from processingregister.models import Agreement, ProcessingActivity

from . import services
from .models import ApiClient
from .scopes import Scope

DEMO_CLIENTS = (
    {
        "slug": "telefonie",
        "name": "Telefonieplatform BelWijs",
        "description": "Nummerherkenning: opent de klantkaart bij een inkomend gesprek.",
        "scopes": [Scope.LOOKUP],
        "activity": "telefonie",
        "agreement": "VO-2025-007",
        "teams": (),
        "third_party": True,
        "token": "kc_demotelfon_demo-token-telefonie-niet-voor-productie",
    },
    {
        "slug": "huurdersportaal",
        "name": "Huurdersportaal",
        "description": "Reparatieverzoeken en vragen uit het huurdersportaal (kanaal INT).",
        "scopes": [Scope.PORTAL_INTAKE, Scope.KB_READ, Scope.REFERENCE_READ],
        "activity": "klantcontact",
        "agreement": "VO-2024-002",  # hosting and management of the portal's processing
        "teams": (),
        "third_party": False,
        "token": "kc_demoportal_demo-token-huurdersportaal-niet-voor-productie",
    },
    {
        "slug": "klantmeter",
        "name": "KlantMeter Onderzoek",
        "description": "Onderzoeksbureau: haalt de e-maillijst voor de tevredenheidsmeting op.",
        "scopes": [Scope.SURVEY_EXPORT],
        "activity": "klanttevredenheid",
        "agreement": "VO-2024-011",
        "teams": (),
        "third_party": True,
        "token": "kc_demoenquet_demo-token-klantmeter-niet-voor-productie",
    },
)


def ensure_client(spec: dict, *, token: str | None) -> tuple[ApiClient, bool]:
    """Create or update a client from a spec (idempotent); sets the token when given.

    Development only (``seed_demo`` under DEBUG, ``api_demo_client`` outside production): the
    client counts as approved without a second person, like the clients that existed before
    the four-eyes rule (migration 0002). Real clients are requested and approved in the admin.
    """
    activity = ProcessingActivity.objects.get(code=spec["activity"])
    agreement = _agreement(spec, activity)
    teams = list(Team.objects.filter(code__in=spec["teams"]))
    client = ApiClient.objects.filter(slug=spec["slug"]).first()
    created = client is None
    if created:
        client = ApiClient(slug=spec["slug"], service_user=services.service_user_for(spec["slug"]))
    client.name = spec["name"]
    client.description = spec["description"]
    client.scopes = sorted(spec["scopes"])
    client.processing_activity = activity
    client.third_party = spec.get("third_party", False)
    client.agreement = agreement
    client.is_active = True
    client.approved_at = client.approved_at or timezone.now()
    client.rate_per_minute = spec.get("rate_per_minute", settings.API_DEFAULT_RATE_PER_MINUTE)
    client.full_clean()
    client.save()
    services.sync_teams(client, teams)
    if created or (token and client.token_hash != services.hash_token(token)):
        services.issue_token(client, token=token)
    return client, created


def _agreement(spec: dict, activity):
    """The spec's agreement, or else any agreement in force that covers the activity."""
    if spec.get("agreement"):
        return Agreement.objects.get(reference=spec["agreement"])
    return next(
        (
            agreement
            for agreement in Agreement.objects.filter(activities=activity).order_by("reference")
            if services.agreement_state(agreement) in services.USABLE_AGREEMENT_STATES
        ),
        None,
    )


def seed_demo_data() -> list[str]:
    if not settings.DEBUG:  # fixed tokens only ever in a development demo
        return []
    lines = []
    for spec in DEMO_CLIENTS:
        if not ProcessingActivity.objects.filter(code=spec["activity"]).exists():
            continue
        client, _created = ensure_client(spec, token=spec["token"])
        lines.append(
            f"API client {client.slug} ({', '.join(client.scopes)}): "
            f"Authorization: Bearer {spec['token']}"
        )
    return lines
