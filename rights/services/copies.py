"""Access (art. 15) and portability (art. 20) copies: withholding a record that reveals others,
producing the stored copy, its signed download links, logging each download, and blanking
copies past their expiry. Rendering a copy (HTML, JSON, PDF) is in ``rights.exports``."""

import datetime
import hashlib

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AccessLogEntry
from klantcontact.errors import ApplicationError

from ..exports import copy_json_text
from ..gather import gather_personal_data
from ..models import AccessExport, RequestEvent, WithheldItem
from ..selectors import withheld_map, withholdable_items
from .events import record_event, require_open
from .restrictions import check_not_restricted

# A produced copy can be downloaded for this long; then its content is blanked.
EXPORT_VALID_DAYS = 14
DOWNLOAD_SALT = "rights.export-download"
COPY_KINDS = ("access", "portability")


@transaction.atomic
def withhold_item(request, user, *, item_kind, object_id, reason):
    """Leave one record out of the copy because it reveals others; the reason is recorded."""
    require_open(request)
    if request.kind not in COPY_KINDS:
        raise ValidationError(_("Only an access or portability request produces a copy."))
    if not (reason or "").strip():
        raise ValidationError(
            {"reason": _("Record why this item is withheld (whose rights it protects).")}
        )
    items = withholdable_items(request).get(item_kind)
    if items is None or not any(item.pk == object_id for item in items):
        raise ValidationError({"object_id": _("This record does not belong to this person.")})
    item, created = WithheldItem.objects.get_or_create(
        request=request,
        item_kind=item_kind,
        object_id=object_id,
        defaults={"reason": reason.strip()[:500], "withheld_by": user},
    )
    if not created:
        raise ValidationError(_("This item is already withheld."))
    record_event(
        request,
        RequestEvent.Kind.ITEM_WITHHELD,
        user,
        f"{item.get_item_kind_display()} #{object_id}: {item.reason}",
    )
    return item


@transaction.atomic
def produce_copy(request, user, *, remote_addr=None):
    """Gather everything about the person into a stored copy that expires; logged."""
    require_open(request)
    if request.kind not in COPY_KINDS:
        raise ValidationError(_("Only an access or portability request produces a copy."))
    if request.identity_verified_at is None:
        raise ValidationError(
            _("Verify the requester's identity before producing a copy of the data.")
        )
    if request.person_id is None:
        raise ValidationError(_("This person's data has been erased; there is nothing to copy."))
    check_not_restricted(request.person, user)
    content = gather_personal_data(request.person, request=request, withheld=withheld_map(request))
    text = copy_json_text(content)
    export = AccessExport.objects.create(
        request=request,
        produced_by=user,
        expires_at=timezone.now() + datetime.timedelta(days=EXPORT_VALID_DAYS),
        content=content,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )
    AccessLogEntry.objects.create(
        actor=user,
        person_id=request.person_id,
        what=AccessLogEntry.What.EXPORT,
        grant=AccessLogEntry.Grant.ROLE,
        reason=f"Kopie voor verzoek {request.reference}",
        remote_addr=remote_addr,
    )
    record_event(request, RequestEvent.Kind.EXPORT_PRODUCED, user, f"#{export.pk}")
    return export


def download_token(export, fmt: str) -> str:
    return signing.dumps({"e": export.pk, "f": fmt}, salt=DOWNLOAD_SALT)


class DownloadExpired(ApplicationError):
    status = 410
    code = "download-expired"


def read_download_token(token: str, *, now=None):
    """The export and format of a download link; ``DownloadExpired`` when the link or the copy
    has expired, or the link was tampered with."""
    try:
        data = signing.loads(
            token, salt=DOWNLOAD_SALT, max_age=datetime.timedelta(days=EXPORT_VALID_DAYS)
        )
    except signing.BadSignature as exc:  # includes SignatureExpired
        raise DownloadExpired() from exc
    export = AccessExport.objects.select_related("request").filter(pk=data.get("e")).first()
    if export is None or data.get("f") not in ("html", "json", "pdf") or export.is_expired(now):
        raise DownloadExpired()
    return export, data["f"]


@transaction.atomic
def record_download(export, user, fmt: str, *, remote_addr=None):
    AccessExport.objects.filter(pk=export.pk).update(download_count=F("download_count") + 1)
    person_id = export.content.get("person", {}).get("id") if export.content else None
    if person_id is not None:
        AccessLogEntry.objects.create(
            actor=user,
            person_id=person_id,
            what=AccessLogEntry.What.EXPORT,
            grant=AccessLogEntry.Grant.ROLE,
            reason=f"Download kopie ({fmt}) verzoek {export.request.reference}",
            remote_addr=remote_addr,
        )
    record_event(export.request, RequestEvent.Kind.EXPORT_DOWNLOADED, user, fmt.upper())


def expire_copies(now=None) -> int:
    """Blank the content of copies past their expiry (data minimisation)."""
    now = now or timezone.now()
    return AccessExport.objects.filter(expires_at__lte=now, content__isnull=False).update(
        content=None
    )
