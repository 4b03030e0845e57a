"""The survey export (seed 001): the only way e-mail addresses leave for a satisfaction survey,
refused without a processor agreement in force, each included person logged. Rows carry a
pseudonymous reference (``survey_reference``), never the database id."""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from audit.models import AccessLogEntry
from contacts.models import ContactMoment, EmailAddress
from klantcontact.errors import ApplicationError
from processingregister.models import ProcessingActivity

from ..selectors import SURVEY_ACTIVITY_CODE, start_of, survey_agreement, survey_candidates
from .opt_outs import opt_out_url


def survey_reference(person) -> str:
    """A pseudonymous reference for a person, stable per person, not the database id.

    An HMAC of the person's id with a secret of the corporation (``RIGHTS_SURVEY_REFERENCE_KEY``,
    else derived from ``SECRET_KEY``): the survey bureau can tell answers of the same person
    apart, but cannot learn who it is; only the corporation can recompute it.
    """
    person_id = getattr(person, "pk", person)
    secret = settings.RIGHTS_SURVEY_REFERENCE_KEY or settings.SECRET_KEY
    digest = salted_hmac("rights.survey-reference", str(person_id), secret=secret).hexdigest()
    return f"KT-{digest[:16].upper()}"


class SurveyExportRefused(ApplicationError):
    """The survey export may not be produced (no processor agreement in force)."""

    status = 403
    code = "survey-export-refused"

    def __init__(self, message=None):
        self.message = message or _(
            "The survey export is refused: no processor agreement in force covers the "
            "processing activity for satisfaction surveys. Ask the privacy officer to record "
            "the agreement in the processing register first."
        )
        super().__init__(self.message)

    def __str__(self):
        return str(self.message)


@dataclass
class SurveyExport:
    rows: list[dict] = field(default_factory=list)
    agreement: object = None
    activity: object = None


def survey_export(*, actor, subject_code=None, since=None, remote_addr=None, with_links=False):
    """The invitation file for a satisfaction survey (seed 001).

    Refused (``SurveyExportRefused``) unless a processor agreement in force covers the survey
    activity. Rows carry only the e-mail address, a pseudonymous reference and the subject and
    date of the latest (matching) contact; each included person gets an EXPORT entry in the
    access log (one bulk insert, actor = ``actor``). ``with_links`` adds the personal opt-out
    link (``opt_out_url``).
    """
    agreement = survey_agreement()
    if agreement is None:
        raise SurveyExportRefused()
    activity = ProcessingActivity.objects.filter(code=SURVEY_ACTIVITY_CODE).first()
    persons = list(survey_candidates(subject_code=subject_code, since=since))
    ids = [p.pk for p in persons]
    emails = _preferred_emails(ids)
    latest = _latest_contacts(ids, subject_code=subject_code, since=since)
    rows = []
    for person in persons:
        contact = latest.get(person.pk)
        row = {
            "email": emails[person.pk],
            "reference": survey_reference(person),
            "subject": contact.subject.name if contact else "",
            "contact_date": timezone.localdate(contact.occurred_at) if contact else None,
        }
        if with_links:
            row["opt_out_url"] = opt_out_url(person)
        rows.append(row)
    _log_export(persons, actor=actor, agreement=agreement, remote_addr=remote_addr)
    return SurveyExport(rows=rows, agreement=agreement, activity=activity)


def _preferred_emails(ids) -> dict[int, str]:
    """{person id: the preferred (else the first) e-mail address}."""
    emails: dict[int, str] = {}
    for person_id, address in (
        EmailAddress.objects.filter(person_id__in=ids)
        .order_by("person_id", "-is_preferred", "pk")
        .values_list("person_id", "address")
    ):
        emails.setdefault(person_id, address)
    return emails


def _latest_contacts(ids, *, subject_code, since) -> dict[int, ContactMoment]:
    """{person id: their latest contact moment, on ``subject_code`` since ``since`` if given}."""
    contacts = ContactMoment.objects.filter(person_id__in=ids).select_related("subject")
    if subject_code:
        contacts = contacts.filter(subject__code=subject_code)
    if since:
        contacts = contacts.filter(occurred_at__gte=start_of(since))
    latest: dict[int, ContactMoment] = {}
    for contact in contacts.order_by("person_id", "-occurred_at"):
        latest.setdefault(contact.person_id, contact)
    return latest


def _log_export(persons, *, actor, agreement, remote_addr):
    """One EXPORT entry in the access log per included person (one bulk insert)."""
    now = timezone.now()
    AccessLogEntry.objects.bulk_create(
        [
            AccessLogEntry(
                actor=actor if getattr(actor, "is_authenticated", False) else None,
                person_id=person.pk,
                what=AccessLogEntry.What.EXPORT,
                grant=AccessLogEntry.Grant.ROLE,
                reason=f"Tevredenheidsonderzoek ({agreement.reference})"[:300],
                at=now,
                remote_addr=remote_addr,
            )
            for person in persons
        ]
    )
