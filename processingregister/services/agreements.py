"""Processor agreements: keeping the signed document (its state and expiry are reads, in
``selectors``).
"""

import hashlib

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
DOCUMENT_TYPES = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", b"PK\x03\x04"),
}


def store_document(agreement, uploaded) -> None:
    """Keep the signed document with the agreement (PDF, DOCX or ODT, at most 10 MB)."""
    name = uploaded.name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in DOCUMENT_TYPES:
        raise ValidationError(_("Upload the agreement as a PDF, DOCX or ODT file."))
    if uploaded.size > DOCUMENT_MAX_BYTES:
        raise ValidationError(_("The document is larger than 10 MB."))
    content = b"".join(uploaded.chunks())
    content_type, magic = DOCUMENT_TYPES[suffix]
    if not content.startswith(magic):
        raise ValidationError(
            _("The file is not a real %(kind)s document.") % {"kind": suffix[1:].upper()}
        )
    agreement.document_name = name[:200]
    agreement.document_content_type = content_type
    agreement.document_size = len(content)
    agreement.document_sha256 = hashlib.sha256(content).hexdigest()
    agreement.document_uploaded_at = timezone.now()
    agreement.document_content = content
