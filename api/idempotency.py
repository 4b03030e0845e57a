"""Idempotency keys on creating calls (``Idempotency-Key`` header).

The key is stored in the same transaction as what the call creates: a retry with the same
key and the same body gets the first response again (``Idempotent-Replayed: true``) and
creates nothing; the same key with another body gets 409. On PostgreSQL a concurrent retry
waits on the unique index until the first call commits, then replays its answer. A call that
fails stores nothing, so it can be retried with the same key. Keys are kept
``API_IDEMPOTENCY_KEY_HOURS`` hours (pruned on write and hourly by a Celery task).
"""

import datetime
import hashlib
import json
import re

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from .models import IdempotencyKey
from .permissions import client_of
from .problems import Conflict

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
KEY_PATTERN = re.compile(r"^[A-Za-z0-9._:-]{1,255}$")

PARAMETER = OpenApiParameter(
    name=HEADER,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        "Any unique string (1-255 characters: letters, digits, '.', '_', ':', '-'), e.g. a "
        "UUID. A retry with the same key and body returns the first response and creates "
        "nothing; the same key with another body gets 409."
    ),
    pattern=KEY_PATTERN.pattern,
    response=False,
)


def cutoff(now=None) -> datetime.datetime:
    now = now or timezone.now()
    return now - datetime.timedelta(hours=settings.API_IDEMPOTENCY_KEY_HOURS)


def prune(now=None) -> int:
    deleted, _counts = IdempotencyKey.objects.filter(created_at__lt=cutoff(now)).delete()
    return deleted


def fingerprint(request) -> str:
    payload = json.dumps(
        {"method": request.method, "path": request.path, "body": request.data},
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def run(request, create) -> Response:
    """Run ``create()`` (returns a 2xx Response or raises) at most once per key."""
    key = request.headers.get(HEADER)
    if key is None:
        return create()
    if not KEY_PATTERN.match(key):
        raise ValidationError(
            {HEADER: [_("1 to 255 characters: letters, digits, '.', '_', ':' or '-'.")]}
        )
    client = client_of(request)
    digest = fingerprint(request)
    with transaction.atomic():
        IdempotencyKey.objects.filter(client=client, created_at__lt=cutoff()).delete()
        try:
            with transaction.atomic():
                record = IdempotencyKey.objects.create(client=client, key=key, request_hash=digest)
        except IntegrityError:
            record = IdempotencyKey.objects.get(client=client, key=key)
            if record.request_hash != digest:
                raise Conflict(
                    _("This Idempotency-Key was used for another request."),
                    code="idempotency-key-reused",
                    title="Idempotency-Key hergebruikt",
                ) from None
            if record.response_status is None:
                raise Conflict(
                    _("A request with this Idempotency-Key is still being handled."),
                    code="idempotency-key-in-use",
                ) from None
            return Response(
                record.response_body,
                status=record.response_status,
                headers={REPLAYED_HEADER: "true"},
            )
        response = create()
        record.response_status = response.status_code
        record.response_body = json.loads(json.dumps(response.data, default=str))
        record.save(update_fields=["response_status", "response_body"])
        response[REPLAYED_HEADER] = "false"
        return response
