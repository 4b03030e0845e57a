"""Survey opt-outs: the personal, signed, one-time link in a survey e-mail, and the opt-out an
employee records. Whether a person opted out is a read (``rights.selectors``)."""

import datetime
import secrets

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse

from contacts.models import Person
from klantcontact.errors import ApplicationError

from ..models import SurveyOptOut

OPT_OUT_SALT = "rights.survey-opt-out"
# A survey e-mail's link stays valid for this long (a measurement's field work plus margin).
OPT_OUT_MAX_AGE = datetime.timedelta(days=90)


class OptOutLinkInvalid(ApplicationError):
    """The link was forged, expired or already used; ``reason`` says which."""

    status = 400
    code = "opt-out-link-invalid"

    def __init__(self, reason: str):
        self.reason = reason  # "invalid", "expired" or "used"
        super().__init__(reason)


def make_opt_out_token(person, *, nonce=None) -> str:
    """A signed token naming the person and a one-time nonce (no personal data in clear)."""
    person_id = getattr(person, "pk", person)
    return signing.dumps(
        {"p": person_id, "n": nonce or secrets.token_hex(12)}, salt=OPT_OUT_SALT, compress=True
    )


def read_opt_out_token(token: str, *, now=None) -> tuple[int, str]:
    """(person id, nonce) of a valid, unused token; else ``OptOutLinkInvalid``."""
    try:
        data = signing.loads(token, salt=OPT_OUT_SALT, max_age=OPT_OUT_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise OptOutLinkInvalid("expired") from exc
    except signing.BadSignature as exc:
        raise OptOutLinkInvalid("invalid") from exc
    if not isinstance(data, dict) or not isinstance(data.get("p"), int) or not data.get("n"):
        raise OptOutLinkInvalid("invalid")
    if SurveyOptOut.objects.filter(token_nonce=str(data["n"])).exists():
        raise OptOutLinkInvalid("used")
    return data["p"], str(data["n"])


@transaction.atomic
def opt_out_by_link(token: str):
    """Record the opt-out a survey e-mail's link asks for; the link works once."""
    person_id, nonce = read_opt_out_token(token)
    person = Person.objects.select_for_update().filter(pk=person_id).first()
    if person is None:
        raise OptOutLinkInvalid("invalid")
    try:
        with transaction.atomic():
            return SurveyOptOut.objects.create(
                person=person, via=SurveyOptOut.Via.LINK, token_nonce=nonce
            )
    except IntegrityError as exc:
        raise OptOutLinkInvalid("used") from exc


def opt_out_by_staff(person, *, user):
    """An employee records that the person wants no survey invitations (idempotent)."""
    existing = SurveyOptOut.objects.filter(person=person).first()
    if existing is not None:
        return existing
    return SurveyOptOut.objects.create(person=person, via=SurveyOptOut.Via.STAFF, recorded_by=user)


def opt_out_url(person, *, nonce=None) -> str:
    """Absolute personal opt-out link for a survey e-mail (no login; works once)."""
    path = reverse("rights:survey_opt_out", args=[make_opt_out_token(person, nonce=nonce)])
    base = settings.RIGHTS_PUBLIC_BASE_URL
    return f"{base.rstrip('/')}{path}"
