"""Demo API clients (called by seed_demo, DEBUG only): telephony, the tenant portal and the
survey bureau, each bound to its processing activity, with fixed demo tokens so the curl
examples in docs/api.md work after ``make run``. Never use these tokens outside a demo."""

from django.conf import settings

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
        "token": "kc_demotelfon_demo-token-telefonie-niet-voor-productie",
    },
    {
        "slug": "huurdersportaal",
        "name": "Huurdersportaal",
        "description": "Reparatieverzoeken en vragen uit het huurdersportaal (kanaal INT).",
        "scopes": [Scope.PORTAL_INTAKE, Scope.KB_READ, Scope.REFERENCE_READ],
        "activity": "klantcontact",
        "agreement": None,
        "teams": (),
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
        "token": "kc_demoenquet_demo-token-klantmeter-niet-voor-productie",
    },
)


def ensure_client(spec: dict, *, token: str | None) -> tuple[ApiClient, bool]:
    """Create or update a client from a spec (idempotent); sets the token when given."""
    activity = ProcessingActivity.objects.get(code=spec["activity"])
    agreement = Agreement.objects.get(reference=spec["agreement"]) if spec["agreement"] else None
    teams = list(Team.objects.filter(code__in=spec["teams"]))
    client = ApiClient.objects.filter(slug=spec["slug"]).first()
    if client is None:
        client, _token = services.create_client(
            name=spec["name"],
            slug=spec["slug"],
            description=spec["description"],
            scopes=spec["scopes"],
            processing_activity=activity,
            third_party=agreement is not None,
            agreement=agreement,
            teams=teams,
            token=token,
            rate_per_minute=spec.get("rate_per_minute", settings.API_DEFAULT_RATE_PER_MINUTE),
        )
        return client, True
    client.name = spec["name"]
    client.description = spec["description"]
    client.scopes = sorted(spec["scopes"])
    client.processing_activity = activity
    client.third_party = agreement is not None
    client.agreement = agreement
    client.is_active = True
    if "rate_per_minute" in spec:
        client.rate_per_minute = spec["rate_per_minute"]
    client.full_clean()
    client.save()
    services.sync_teams(client, teams)
    if token and client.token_hash != services.hash_token(token):
        services.issue_token(client, token=token)
    return client, False


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
