"""The register's version: a fingerprint of the approved content and the numbered versions."""

import hashlib
import json

from django.db import transaction
from django.utils import timezone, translation

from ..exports import export_record
from ..models import (
    RegisterVersion,
)
from ..selectors import Status, register_queryset


def register_fingerprint() -> str:
    """A hash of the approved register's content; it changes when the register changes."""
    with translation.override("nl"):
        day = timezone.localdate()
        content = [
            export_record(a, day)
            for a in register_queryset().filter(status=Status.APPROVED).order_by("code")
        ]
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


@transaction.atomic
def current_version(user=None) -> RegisterVersion:
    """The register's version; a new number when the approved content changed since the last."""
    fingerprint = register_fingerprint()
    latest = RegisterVersion.objects.select_for_update().order_by("-number").first()
    if latest is not None and latest.fingerprint == fingerprint:
        return latest
    return RegisterVersion.objects.create(
        number=(latest.number + 1) if latest else 1,
        fingerprint=fingerprint,
        created_by=user if user and user.is_authenticated else None,
    )
