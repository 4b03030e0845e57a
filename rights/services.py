"""Rules for the rights of data subjects (AVG art. 15-21) and the survey export.

Restriction (art. 18) is one rule in ``persondata.restriction`` (a guard on every declared
write, and ``check_not_restricted`` for an early refusal); the survey export
(``survey_export``) is the only way e-mail addresses leave for a satisfaction survey.
"""

import datetime
import hashlib
import json
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Coalesce
from django.utils import formats, timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from accounts import roles
from audit.models import AccessLogEntry
from persondata import restriction
from persondata.restriction import ProcessingRestricted  # noqa: F401  (part of this API)
from referencedata.models import CodeList

from .models import Objection, ProcessingRestriction, SurveyOptOut

# The processing activity of the register that satisfaction surveys belong to (seed 001).
SURVEY_ACTIVITY_CODE = "klanttevredenheid"


# --- Restriction (art. 18) -----------------------------------------------------------------------


def active_restriction(person):
    """The person's active restriction, or None."""
    person_id = getattr(person, "pk", person)
    if person_id is None:
        return None
    return (
        ProcessingRestriction.objects.filter(person_id=person_id, ended_at__isnull=True)
        .order_by("-started_at")
        .first()
    )


def is_restricted(person) -> bool:
    return restriction.is_restricted(person)


def is_privacy_officer(user) -> bool:
    return user is not None and roles.has_role(user, roles.PRIVACY_OFFICER)


# One rule for every path (persondata.restriction); kept under this name for the services.
check_not_restricted = restriction.check


def restricted_q(prefix: str = "") -> Exists:
    """An ``Exists`` expression: the person (``prefix`` + pk) has an active restriction."""
    return Exists(
        ProcessingRestriction.objects.filter(
            person_id=OuterRef(f"{prefix}pk"), ended_at__isnull=True
        )
    )


# --- Survey references and opt-out links --------------------------------------------------------


def survey_reference(person) -> str:
    """A pseudonymous reference for a person, stable per person, not the database id.

    An HMAC of the person's id with a secret of the corporation (``RIGHTS_SURVEY_REFERENCE_KEY``,
    else derived from ``SECRET_KEY``): the survey bureau can tell answers of the same person
    apart, but cannot learn who it is; only the corporation can recompute it.
    """
    person_id = getattr(person, "pk", person)
    secret = getattr(settings, "RIGHTS_SURVEY_REFERENCE_KEY", None) or settings.SECRET_KEY
    digest = salted_hmac("rights.survey-reference", str(person_id), secret=secret).hexdigest()
    return f"KT-{digest[:16].upper()}"


def has_opted_out_of_surveys(person) -> bool:
    person_id = getattr(person, "pk", person)
    return (
        SurveyOptOut.objects.filter(person_id=person_id).exists()
        or Objection.objects.filter(person_id=person_id, purpose=Objection.Purpose.SURVEYS).exists()
    )


# --- Survey export -------------------------------------------------------------------------------


class SurveyExportRefused(Exception):
    """The survey export may not be produced (no processor agreement in force)."""

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


def survey_agreement(day=None):
    """The processor agreement in force that covers the survey activity, or None."""
    from processingregister.models import Agreement
    from processingregister.services import agreement_state

    day = day or timezone.localdate()
    candidates = (
        Agreement.objects.filter(
            activities__code=SURVEY_ACTIVITY_CODE,
            role__in=(Agreement.Role.PROCESSOR, Agreement.Role.SUB_PROCESSOR),
        )
        .select_related("party")
        .order_by("-start_date", "pk")
        .distinct()
    )
    for agreement in candidates:
        if agreement_state(agreement, day) in ("in_force", "expiring"):
            return agreement
    return None


def survey_candidates(*, subject_code=None, since=None, day=None):
    """Persons who may be invited: current tenants with an e-mail address, not opted out, no
    objection to surveys, not restricted; with a contact on ``subject_code`` since ``since``
    when given."""
    from contacts.models import ContactMoment, EmailAddress, Person, Tenancy

    day = day or timezone.localdate()
    current_tenancy = Tenancy.objects.current(day).filter(person=OuterRef("pk"))
    persons = (
        Person.objects.filter(Exists(current_tenancy))
        .filter(Exists(EmailAddress.objects.filter(person=OuterRef("pk"))))
        .exclude(Exists(SurveyOptOut.objects.filter(person=OuterRef("pk"))))
        .exclude(
            Exists(
                Objection.objects.filter(person=OuterRef("pk"), purpose=Objection.Purpose.SURVEYS)
            )
        )
        .exclude(restricted_q())
    )
    if subject_code or since:
        contacts = ContactMoment.objects.filter(person=OuterRef("pk"))
        if subject_code:
            contacts = contacts.filter(subject__code=subject_code)
        if since:
            contacts = contacts.filter(occurred_at__gte=_start_of(since))
        persons = persons.filter(Exists(contacts))
    return persons.order_by("pk")


def _start_of(value):
    if isinstance(value, datetime.datetime):
        return value
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))


def survey_export(*, actor, subject_code=None, since=None, remote_addr=None, with_links=False):
    """The invitation file for a satisfaction survey (seed 001).

    Refused (``SurveyExportRefused``) unless a processor agreement in force covers the survey
    activity. Rows carry only the e-mail address, a pseudonymous reference and the subject and
    date of the latest (matching) contact; each included person gets an EXPORT entry in the
    access log (one bulk insert, actor = ``actor``). ``with_links`` adds the personal opt-out
    link (``opt_out_url``).
    """
    from contacts.models import ContactMoment, EmailAddress
    from processingregister.models import ProcessingActivity

    agreement = survey_agreement()
    if agreement is None:
        raise SurveyExportRefused()
    activity = ProcessingActivity.objects.filter(code=SURVEY_ACTIVITY_CODE).first()
    persons = list(survey_candidates(subject_code=subject_code, since=since))
    ids = [p.pk for p in persons]
    emails: dict[int, str] = {}
    for person_id, address in (
        EmailAddress.objects.filter(person_id__in=ids)
        .order_by("person_id", "-is_preferred", "pk")
        .values_list("person_id", "address")
    ):
        emails.setdefault(person_id, address)
    contacts = ContactMoment.objects.filter(person_id__in=ids).select_related("subject")
    if subject_code:
        contacts = contacts.filter(subject__code=subject_code)
    if since:
        contacts = contacts.filter(occurred_at__gte=_start_of(since))
    latest: dict[int, ContactMoment] = {}
    for contact in contacts.order_by("person_id", "-occurred_at"):
        latest.setdefault(contact.person_id, contact)
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
    return SurveyExport(rows=rows, agreement=agreement, activity=activity)


OPT_OUT_SALT = "rights.survey-opt-out"
# A survey e-mail's link stays valid for this long (a measurement's field work plus margin).
OPT_OUT_MAX_AGE = datetime.timedelta(days=90)


class OptOutLinkInvalid(Exception):
    """The link was forged, expired or already used; ``reason`` says which."""

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
    from contacts.models import Person

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
    path = _reverse_opt_out(make_opt_out_token(person, nonce=nonce))
    base = getattr(settings, "RIGHTS_PUBLIC_BASE_URL", "") or ""
    return f"{base.rstrip('/')}{path}"


def _reverse_opt_out(token: str) -> str:
    from django.urls import reverse

    return reverse("rights:survey_opt_out", args=[token])


# --- Deadlines -----------------------------------------------------------------------------------

# AVG art. 12(3): a reply within one month of receipt, extendable by two further months.
# (The corporation's older regulation said four weeks (seed 004 art. 8.2); the AVG's month
# replaced it.)
EXTENSION_MONTHS = 2
# Reminders to the handler this many days before the deadline.
REMINDER_DAYS = (7, 3)


def due_date_for(received: datetime.date) -> datetime.date:
    """The reply deadline of a request received on ``received``: THE counting rule.

    One month from receipt: the same day number in the next month. When the next month has no
    such day, its last day: 31 January → 28 February (29 February in a leap year), 31 March →
    30 April, 29 January 2027 → 28 February 2027. A request received on 29 February is due on
    29 March. The day of receipt does not count; the deadline day itself does.
    """
    from retention.periods import add_months

    return add_months(received, 1)


def latest_extension_date(received: datetime.date) -> datetime.date:
    """The furthest a deadline can be extended to: one month plus two months from receipt."""
    from retention.periods import add_months

    return add_months(received, 1 + EXTENSION_MONTHS)


def received_on(request) -> datetime.date:
    return timezone.localdate(request.received_at)


# --- The request register ------------------------------------------------------------------------

# An open request holds the person's file this long past its deadline; the daily task renews
# the hold while the request stays open, and closing the request releases it.
HOLD_MARGIN_DAYS = 60


def _models():
    from .models import DataSubjectRequest, RequestEvent

    return DataSubjectRequest, RequestEvent


def next_reference(day=None) -> str:
    DataSubjectRequest, _e = _models()
    year = (day or timezone.localdate()).year
    prefix = f"AVG-{year}-"
    numbers = [
        int(ref.rsplit("-", 1)[1])
        for ref in DataSubjectRequest.objects.filter(reference__startswith=prefix).values_list(
            "reference", flat=True
        )
        if ref.rsplit("-", 1)[1].isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def record_event(request, kind, user=None, note="", at=None):
    _r, RequestEvent = _models()
    return RequestEvent.objects.create(
        request=request,
        kind=kind,
        by=user if getattr(user, "is_authenticated", False) else None,
        note=(note or "")[:500],
        at=at or timezone.now(),
    )


def _hold_until(request) -> datetime.date:
    return request.deadline + datetime.timedelta(days=HOLD_MARGIN_DAYS)


def _place_request_hold(request, user):
    from retention.models import LegalHold
    from retention.services import place_hold

    owner = request.assignee or user
    with translation.override(settings.LANGUAGE_CODE):
        reason = _("Open data-subject request %(reference)s (%(kind)s).") % {
            "reference": request.reference,
            "kind": request.get_kind_display(),
        }
    return place_hold(
        owner=owner,
        reason_kind=LegalHold.Reason.DATA_SUBJECT_REQUEST,
        reason=reason,
        ends_on=_hold_until(request),
        person=request.person,
        starts_on=min(received_on(request), timezone.localdate()),
    )


def _release_request_hold(request, user):
    from retention.services import release_hold

    hold = request.legal_hold
    if hold is not None and hold.released_at is None:
        release_hold(hold, user=user)


def request_errors(
    *, kind, person, received_at, channel, requester_kind, mandate, now=None
) -> dict[str, str]:
    """Validation of a new request (Dutch messages through gettext)."""
    from contacts.models import Mandate

    DataSubjectRequest, _e = _models()
    now = now or timezone.now()
    errors = {}
    if kind not in DataSubjectRequest.Kind.values:
        errors["kind"] = _("Choose the kind of request.")
    if person is None:
        errors["person"] = _("Choose the person the request is about.")
    if received_at is None:
        errors["received_at"] = _("Record when the request was received.")
    elif received_at > now:
        errors["received_at"] = _("The date of receipt cannot be in the future.")
    if channel is None or channel.code_list != CodeList.CHANNEL:
        errors["channel"] = _("Choose the channel through which the request came in.")
    if requester_kind == DataSubjectRequest.RequesterKind.REPRESENTATIVE:
        if mandate is None:
            errors["mandate"] = _(
                "A representative can only make a request with a valid mandate. Choose the "
                "mandate, or record it on the customer card first."
            )
        elif person is not None and mandate.represented_id != person.pk:
            errors["mandate"] = _("This mandate is not for this person.")
        elif received_at is not None and not mandate.is_valid_on(timezone.localdate(received_at)):
            errors["mandate"] = _("This mandate was not valid on the day the request came in.")
        elif (
            mandate.scope != Mandate.Scope.ALL
            and kind != DataSubjectRequest.Kind.ACCESS
            and "mandate" not in errors
        ):
            errors["mandate"] = _(
                "This mandate covers only part of the person's affairs; for this request the "
                "representative needs a mandate for everything."
            )
    elif mandate is not None:
        errors["mandate"] = _("Only a representative's request names a mandate.")
    return errors


@transaction.atomic
def register_request(
    user,
    *,
    kind,
    person,
    received_at,
    channel,
    requester_kind="self",
    mandate=None,
    description="",
    assignee=None,
):
    """Register a request: computes the deadline and places the legal hold on the person."""
    DataSubjectRequest, RequestEvent = _models()
    errors = request_errors(
        kind=kind,
        person=person,
        received_at=received_at,
        channel=channel,
        requester_kind=requester_kind,
        mandate=mandate,
    )
    if errors:
        raise ValidationError(errors)
    request = DataSubjectRequest(
        reference=next_reference(timezone.localdate(received_at)),
        kind=kind,
        person=person,
        requester_kind=requester_kind,
        mandate=mandate
        if requester_kind == DataSubjectRequest.RequesterKind.REPRESENTATIVE
        else None,
        received_at=received_at,
        channel=channel,
        description=(description or "").strip(),
        due_date=due_date_for(timezone.localdate(received_at)),
        assignee=assignee or user,
        created_by=user,
    )
    request.full_clean()
    request.save()
    request.legal_hold = _place_request_hold(request, user)
    request.save(update_fields=["legal_hold"])
    record_event(request, RequestEvent.Kind.RECEIVED, user, request.channel.name, at=received_at)
    return request


def person_of(request):
    """The request's person, or the one refusal when their data was erased (the request stays,
    without the person, as proof)."""
    if request.person is None:
        raise ValidationError(_("This person's data has been erased."))
    return request.person


def _require_open(request):
    if not request.is_open:
        raise ValidationError(_("This request is closed; nothing can be changed any more."))


@transaction.atomic
def verify_identity(request, user, *, how, at=None):
    """Record how, when and by whom the requester's identity was established."""
    DataSubjectRequest, RequestEvent = _models()
    _require_open(request)
    at = at or timezone.now()
    errors = {}
    if how not in DataSubjectRequest.Verification.values:
        errors["how"] = _("Choose how the identity was verified.")
    elif (
        how == DataSubjectRequest.Verification.MANDATE
        and request.requester_kind != DataSubjectRequest.RequesterKind.REPRESENTATIVE
    ):
        errors["how"] = _("A mandate only verifies a representative's request.")
    if at > timezone.now():
        errors["at"] = _("The verification cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    request.identity_verified_how = how
    request.identity_verified_at = at
    request.identity_verified_by = user
    request.status = DataSubjectRequest.Status.IDENTITY_VERIFIED
    request.save(
        update_fields=[
            "identity_verified_how",
            "identity_verified_at",
            "identity_verified_by",
            "status",
        ]
    )
    record_event(
        request,
        RequestEvent.Kind.IDENTITY_VERIFIED,
        user,
        request.get_identity_verified_how_display(),
    )
    return request


@transaction.atomic
def assign(request, user, assignee):
    _r, RequestEvent = _models()
    _require_open(request)
    request.assignee = assignee
    request.save(update_fields=["assignee"])
    record_event(
        request,
        RequestEvent.Kind.ASSIGNED,
        user,
        assignee.get_full_name() or assignee.get_username(),
    )
    return request


def extension_errors(request, *, until, reason, told_at, today=None, now=None) -> dict[str, str]:
    today = today or timezone.localdate()
    now = now or timezone.now()
    errors = {}
    if today > request.due_date:
        errors["__all__"] = _(
            "An extension is only possible within the first month, so until %(due)s. That "
            "date has passed: the request must be answered now."
        ) % {"due": formats.date_format(request.due_date, "j F Y")}
        return errors
    if not (reason or "").strip():
        errors["reason"] = _(
            "Record why more time is needed (e.g. the number or complexity of the requests)."
        )
    latest = latest_extension_date(received_on(request))
    if until is None:
        errors["until"] = _("Choose the new deadline.")
    elif until <= request.due_date:
        errors["until"] = _("The new deadline must be after the current one (%(due)s).") % {
            "due": formats.date_format(request.due_date, "j F Y")
        }
    elif until > latest:
        errors["until"] = _(
            "A deadline can be extended by at most two months, so until %(latest)s at the latest."
        ) % {"latest": formats.date_format(latest, "j F Y")}
    if told_at is None:
        errors["told_at"] = _(
            "Record when the requester was told about the extension and why; this must happen "
            "within the first month."
        )
    elif told_at > now:
        errors["told_at"] = _("The requester cannot have been told in the future.")
    elif timezone.localdate(told_at) > request.due_date:
        errors["told_at"] = _("The requester must be told within the first month (by %(due)s).") % {
            "due": formats.date_format(request.due_date, "j F Y")
        }
    elif told_at < request.received_at:
        errors["told_at"] = _("The requester cannot have been told before the request came in.")
    return errors


@transaction.atomic
def extend(request, user, *, until, reason, told_at, today=None):
    """Extend the deadline by up to two months: only within the first month, with a reason,
    and with the moment the requester was told."""
    from retention.models import LegalHold

    _r, RequestEvent = _models()
    _require_open(request)
    errors = extension_errors(request, until=until, reason=reason, told_at=told_at, today=today)
    if errors:
        raise ValidationError(errors)
    request.extended_until = until
    request.extension_reason = reason.strip()
    request.extension_told_at = told_at
    request.save(update_fields=["extended_until", "extension_reason", "extension_told_at"])
    if request.legal_hold_id:
        LegalHold.objects.filter(pk=request.legal_hold_id, ends_on__lt=_hold_until(request)).update(
            ends_on=_hold_until(request)
        )
    record_event(
        request,
        RequestEvent.Kind.EXTENDED,
        user,
        _("until %(until)s: %(reason)s")
        % {"until": formats.date_format(until, "j-n-Y"), "reason": request.extension_reason},
    )
    return request


def completion_errors(request, *, outcome, reply, refusal_reason) -> dict[str, str]:
    DataSubjectRequest, RequestEvent = _models()
    Kind, Outcome = DataSubjectRequest.Kind, DataSubjectRequest.Outcome
    errors = {}
    if request.identity_verified_at is None:
        errors["__all__"] = _(
            "A request without a verified identity cannot be completed. Record first how the "
            "requester's identity was established (or record that the request was withdrawn)."
        )
        return errors
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose the outcome: granted, partly granted or refused.")
    if not (reply or "").strip():
        errors["reply"] = _("Write the reply to the requester: what was done and why.")
    if outcome in (Outcome.PARTLY, Outcome.REFUSED) and not refusal_reason:
        errors["refusal_reason"] = _(
            "A (partial) refusal needs its reason; the reply must explain it to the requester."
        )
    if outcome == Outcome.GRANTED and refusal_reason:
        errors["refusal_reason"] = _("A granted request has no reason for refusal.")
    if (
        outcome in (Outcome.GRANTED, Outcome.PARTLY)
        and request.kind in (Kind.ACCESS, Kind.PORTABILITY)
        and not request.exports.exists()
    ):
        errors["outcome"] = _("Produce the copy for the requester before completing this request.")
    if (
        outcome in (Outcome.GRANTED, Outcome.PARTLY)
        and request.kind == Kind.ERASURE
        and not request.events.filter(kind=RequestEvent.Kind.ERASED).exists()
    ):
        errors["outcome"] = _("Carry out the erasure before completing this request as granted.")
    if (
        outcome in (Outcome.GRANTED, Outcome.PARTLY)
        and request.kind == Kind.RESTRICTION
        and not request.restrictions.exists()
    ):
        errors["outcome"] = _("Record the restriction before completing this request as granted.")
    if (
        outcome in (Outcome.GRANTED, Outcome.PARTLY)
        and request.kind == Kind.OBJECTION
        and not request.objections.exists()
    ):
        errors["outcome"] = _("Record the objection before completing this request as granted.")
    # Art. 19: every recipient of the affected data notified, or why not (disclosures app).
    from . import hooks

    obstacles = hooks.closing_obstacles(request)
    if obstacles:
        errors["__all__"] = " ".join(obstacles)
    return errors


@transaction.atomic
def complete(request, user, *, outcome, reply, refusal_reason=""):
    """Decide and close a request with the written, reasoned reply; releases its legal hold."""
    DataSubjectRequest, RequestEvent = _models()
    _require_open(request)
    errors = completion_errors(request, outcome=outcome, reply=reply, refusal_reason=refusal_reason)
    if errors:
        raise ValidationError(errors)
    request.outcome = outcome
    request.refusal_reason = refusal_reason or ""
    request.reply = reply.strip()
    request.status = DataSubjectRequest.Status.COMPLETED
    request.completed_at = timezone.now()
    request.completed_by = user
    request.save(
        update_fields=[
            "outcome",
            "refusal_reason",
            "reply",
            "status",
            "completed_at",
            "completed_by",
        ]
    )
    _release_request_hold(request, user)
    record_event(request, RequestEvent.Kind.COMPLETED, user, request.get_outcome_display())
    return request


@transaction.atomic
def withdraw(request, user, *, note):
    DataSubjectRequest, RequestEvent = _models()
    _require_open(request)
    if not (note or "").strip():
        raise ValidationError({"note": _("Record how and when the requester withdrew it.")})
    request.status = DataSubjectRequest.Status.WITHDRAWN
    request.completed_at = timezone.now()
    request.completed_by = user
    request.save(update_fields=["status", "completed_at", "completed_by"])
    _release_request_hold(request, user)
    record_event(request, RequestEvent.Kind.WITHDRAWN, user, note.strip())
    return request


def open_requests():
    DataSubjectRequest, _e = _models()
    return DataSubjectRequest.objects.filter(status__in=DataSubjectRequest.OPEN_STATUSES)


def request_list(*, state="open", kind="", today=None):
    """Requests for the register page, with deadline first; ``state``: open, overdue, due_soon,
    closed or all."""
    DataSubjectRequest, _e = _models()
    today = today or timezone.localdate()
    requests = DataSubjectRequest.objects.select_related("person", "assignee", "channel")
    deadline = Coalesce("extended_until", "due_date")
    requests = requests.annotate(deadline_on=deadline)
    if state in ("open", "overdue", "due_soon"):
        requests = requests.filter(status__in=DataSubjectRequest.OPEN_STATUSES)
    if state == "overdue":
        requests = requests.filter(deadline_on__lt=today)
    elif state == "due_soon":
        requests = requests.filter(
            deadline_on__gte=today, deadline_on__lte=today + datetime.timedelta(days=7)
        )
    elif state == "closed":
        requests = requests.exclude(status__in=DataSubjectRequest.OPEN_STATUSES)
    if kind:
        requests = requests.filter(kind=kind)
    if state == "closed":
        return requests.order_by("-completed_at", "-pk")
    return requests.order_by("deadline_on", "pk")


# --- Reminders and escalation --------------------------------------------------------------------


def _notify(users, text, link):
    from access.models import Notification

    Notification.objects.bulk_create(
        [Notification(recipient=u, text=text[:300], link=link) for u in users]
    )


def _officers():
    from django.contrib.auth import get_user_model

    return list(
        get_user_model()
        .objects.filter(groups__name=roles.PRIVACY_OFFICER, is_active=True)
        .distinct()
        .order_by("pk")
    )


def send_deadline_reminders(today=None) -> int:
    """Remind the handler 7 and 3 days before the deadline (once each). Returns the count."""
    from django.urls import reverse

    _r, RequestEvent = _models()
    today = today or timezone.localdate()
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for request in open_requests().select_related("assignee"):
            days = (request.deadline - today).days
            for mark, field_name in ((7, "reminded_7_on"), (3, "reminded_3_on")):
                if days > mark or days < 0 or getattr(request, field_name) is not None:
                    continue
                if mark == 7 and days <= 3:
                    continue  # the 3-day reminder covers it
                recipients = [request.assignee] if request.assignee else _officers()
                text = _(
                    "Data-subject request %(reference)s must be answered by %(deadline)s "
                    "(%(days)s days left)."
                ) % {
                    "reference": request.reference,
                    "deadline": formats.date_format(request.deadline, "j-n-Y"),
                    "days": days,
                }
                _notify(recipients, text, reverse("rights:detail", args=[request.pk]))
                setattr(request, field_name, today)
                request.save(update_fields=[field_name])
                record_event(request, RequestEvent.Kind.REMINDER, None, text)
                sent += 1
    return sent


def escalate_overdue(today=None) -> int:
    """Overdue open requests go to the privacy officers (once per request)."""
    from django.urls import reverse

    _r, RequestEvent = _models()
    today = today or timezone.localdate()
    officers = _officers()
    escalated = 0
    with translation.override(settings.LANGUAGE_CODE):
        for request in open_requests().filter(escalated_at__isnull=True):
            if request.deadline >= today:
                continue
            text = _(
                "Overdue: data-subject request %(reference)s should have been answered by "
                "%(deadline)s."
            ) % {
                "reference": request.reference,
                "deadline": formats.date_format(request.deadline, "j-n-Y"),
            }
            _notify(officers, text, reverse("rights:detail", args=[request.pk]))
            request.escalated_at = timezone.now()
            request.save(update_fields=["escalated_at"])
            record_event(request, RequestEvent.Kind.ESCALATED, None, text)
            escalated += 1
    return escalated


def renew_request_holds(today=None) -> int:
    """Keep the hold of every open request alive while the request is open."""
    from retention.models import LegalHold

    today = today or timezone.localdate()
    renewed = 0
    for request in open_requests().filter(legal_hold__isnull=False):
        until = max(_hold_until(request), today + datetime.timedelta(days=HOLD_MARGIN_DAYS))
        renewed += LegalHold.objects.filter(
            pk=request.legal_hold_id,
            released_at__isnull=True,
            ends_on__lt=today + datetime.timedelta(days=7),
        ).update(ends_on=until)
    return renewed


# --- Access and portability: withholding, producing and downloading the copy ---------------------

# A produced copy can be downloaded for this long; then its content is blanked.
EXPORT_VALID_DAYS = 14
DOWNLOAD_SALT = "rights.export-download"
COPY_KINDS = ("access", "portability")


def _withheld_map(request) -> dict:
    return {(w.item_kind, w.object_id): w.reason for w in request.withheld_items.all()}


def withholdable_items(request) -> dict[str, list]:
    """The records an employee may withhold from the copy: contact moments, tasks, signals."""
    from contacts.models import ContactMoment, Signal, Task

    if request.person_id is None:
        return {"contact_moment": [], "task": [], "signal": []}
    return {
        "contact_moment": list(
            ContactMoment.objects.filter(person_id=request.person_id)
            .select_related("subject", "channel")
            .order_by("-occurred_at")
        ),
        "task": list(
            Task.objects.filter(contact_moment__person_id=request.person_id)
            .select_related("kind")
            .order_by("-created_at")
        ),
        "signal": list(
            Signal.objects.filter(person_id=request.person_id)
            .select_related("signal_type")
            .order_by("-created_at")
        ),
    }


@transaction.atomic
def withhold_item(request, user, *, item_kind, object_id, reason):
    """Leave one record out of the copy because it reveals others; the reason is recorded."""
    from .models import RequestEvent, WithheldItem

    _require_open(request)
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
    from .gather import gather_personal_data
    from .models import AccessExport, RequestEvent

    _require_open(request)
    if request.kind not in COPY_KINDS:
        raise ValidationError(_("Only an access or portability request produces a copy."))
    if request.identity_verified_at is None:
        raise ValidationError(
            _("Verify the requester's identity before producing a copy of the data.")
        )
    if request.person_id is None:
        raise ValidationError(_("This person's data has been erased; there is nothing to copy."))
    check_not_restricted(request.person, user)
    content = gather_personal_data(request.person, request=request, withheld=_withheld_map(request))
    text = _json_text(content)
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


def _json_text(content) -> str:
    return json.dumps(content, ensure_ascii=False, indent=2, sort_keys=False, cls=DjangoJSONEncoder)


def download_token(export, fmt: str) -> str:
    return signing.dumps({"e": export.pk, "f": fmt}, salt=DOWNLOAD_SALT)


class DownloadExpired(Exception):
    pass


def read_download_token(token: str, *, now=None):
    """The export and format of a download link; ``DownloadExpired`` when the link or the copy
    has expired, or the link was tampered with."""
    from .models import AccessExport

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


def render_copy(export, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of a produced copy."""
    from django.template.loader import render_to_string

    reference = export.request.reference
    if fmt == "json":
        return (
            _json_text(export.content).encode(),
            "application/json; charset=utf-8",
            f"inzage-{reference}.json",
        )
    if fmt == "pdf":
        from .pdf import render_access_pdf

        return render_access_pdf(export.content), "application/pdf", f"inzage-{reference}.pdf"
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string("rights/access_document.html", {"doc": export.content})
    return html.encode(), "text/html; charset=utf-8", f"inzage-{reference}.html"


def document_csp(html: bytes) -> str:
    """The Content-Security-Policy for the stand-alone document: no scripts, no outside
    requests, only its own inline style block (by hash), so it also reads well offline."""
    import base64
    import re

    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(block).digest()).decode() + "'"
        for block in re.findall(rb"<style>(.*?)</style>", html, flags=re.S)
    ]
    styles = " ".join(hashes) or "'none'"
    return (
        f"default-src 'none'; style-src {styles}; "
        "img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


@transaction.atomic
def record_download(export, user, fmt: str, *, remote_addr=None):
    from .models import AccessExport, RequestEvent

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
    from .models import AccessExport

    now = now or timezone.now()
    return AccessExport.objects.filter(expires_at__lte=now, content__isnull=False).update(
        content=None
    )


# --- Rectification and completion (art. 16) ------------------------------------------------------


def rectifiable_fields(label: str) -> tuple:
    """What may be corrected in a record type: declared in the person-data registry
    (``rectifiable`` in each app's ``personal_data.py``)."""
    from persondata import registry

    return registry.rectifiable_fields().get(label, ())


@transaction.atomic
def rectify(request, user, record, changes: dict):
    """Correct fields of a record of the person; the change goes to the audit trail (auditlog),
    and a ``Rectification`` links it to the request."""
    from .models import Rectification, RequestEvent

    _require_open(request)
    if request.identity_verified_at is None:
        raise ValidationError(_("Verify the requester's identity before correcting data."))
    from persondata import registry

    label = record._meta.label
    allowed = rectifiable_fields(label)
    if not allowed:
        raise ValidationError(_("This kind of record cannot be corrected here."))
    entry = registry.entry_for(label)
    if not entry.records([request.person_id]).filter(pk=record.pk).exists():
        raise ValidationError(_("This record does not belong to the person of the request."))
    check_not_restricted(request.person_id, user)
    changed = []
    for name, value in changes.items():
        if name not in allowed:
            raise ValidationError({name: _("This field cannot be corrected here.")})
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed.append(name)
    if not changed:
        raise ValidationError(_("Nothing was changed."))
    record.full_clean()
    record.save()
    from . import hooks

    hooks.data_changed(request, user)
    rectification = Rectification.objects.create(
        request=request,
        person_id=request.person_id,
        record_label=label,
        object_id=record.pk,
        fields=", ".join(changed),
        by=user,
    )
    record_event(
        request,
        RequestEvent.Kind.RECTIFIED,
        user,
        f"{record._meta.verbose_name} #{record.pk}: {', '.join(changed)}",
    )
    return rectification


@transaction.atomic
def add_statement(person, user, *, statement, record_kind="person", object_id=None, request=None):
    """Attach the person's own statement to a record they dispute (seed 004 art. 9.1)."""
    from contacts.models import ContactMoment, Signal

    from .models import PersonStatement, RequestEvent

    if not (statement or "").strip():
        raise ValidationError({"statement": _("Write down the person's statement.")})
    check_not_restricted(person, user)
    lookups = {"contact_moment": ContactMoment, "signal": Signal}
    if record_kind in lookups:
        if (
            object_id is None
            or not lookups[record_kind].objects.filter(pk=object_id, person=person).exists()
        ):
            raise ValidationError(
                {"object_id": _("Choose the record of this person the statement is about.")}
            )
    elif record_kind != PersonStatement.RecordKind.PERSON:
        raise ValidationError({"record_kind": _("Choose what the statement is about.")})
    else:
        object_id = None
    item = PersonStatement.objects.create(
        person=person,
        request=request,
        record_kind=record_kind,
        object_id=object_id,
        statement=statement.strip(),
        recorded_by=user,
    )
    if request is not None:
        record_event(
            request, RequestEvent.Kind.STATEMENT_ADDED, user, item.get_record_kind_display()
        )
    return item


def statements_for(person):
    from .models import PersonStatement

    return list(PersonStatement.objects.filter(person=person).select_related("recorded_by"))


# --- Erasure (art. 17) ---------------------------------------------------------------------------


def erasure_obstacles(request, today=None) -> list[str]:
    """Reasons (Dutch) why the person's file cannot be erased now: other holds on the file.

    The request's own legal hold is deliberately not an obstacle: it protects the data *for*
    this request, and the erasure is what the request asks for.
    """
    from retention.services import holds_for_person

    if request.person_id is None:
        return [_("This person's data has already been erased.")]
    own = request.legal_hold_id
    return [
        _("Legal hold: %(reason)s (%(kind)s, until %(until)s)")
        % {
            "reason": hold.reason,
            "kind": hold.get_reason_kind_display(),
            "until": formats.date_format(hold.ends_on, "j-n-Y"),
        }
        for hold in holds_for_person(request.person, today)
        if hold.object_id is None and hold.pk != own
    ]


def erasure_preview(request, *, today=None) -> dict:
    """What erasing this request's person would do now (``retention.services.erasure_preview``):
    shown before the officer confirms. The request's own hold does not count, as in
    ``erase_for_request`` (which releases it first)."""
    from retention.services import erasure_preview as preview

    own = [request.legal_hold_id] if request.legal_hold_id else []
    return preview(request.person, today=today, ignore_holds=own)


@transaction.atomic
def erase_for_request(request, user, *, today=None):
    """Erase the person's data through the retention engine's erasure path.

    Other legal holds refuse it (ValidationError listing them: a refusal reason for the reply);
    records a statutory period keeps stay (the erasure log says which), the rest goes and the
    contacts keep the tombstone note. The request's own hold is released first (inside this
    transaction: if the erasure fails, the hold is back).
    """
    from retention.services import ErasureRefused, erase_person

    from .models import DataSubjectRequest, RequestEvent

    _require_open(request)
    if request.kind != DataSubjectRequest.Kind.ERASURE:
        raise ValidationError(_("Only an erasure request erases data."))
    if request.identity_verified_at is None:
        raise ValidationError(_("Verify the requester's identity before erasing data."))
    obstacles = erasure_obstacles(request, today)
    if obstacles:
        raise ValidationError(
            [_("The data cannot be erased now:")] + obstacles,
            code="held",
        )
    check_not_restricted(request.person_id, user)
    _release_request_hold(request, user)
    # Art. 19: the recipients are known from the person's links, which the erasure removes.
    from . import hooks

    hooks.data_changed(request, user)
    try:
        log = erase_person(
            request.person, requested_by=user, reason=f"Verzoek {request.reference}", today=today
        )
    except ErasureRefused as exc:
        raise ValidationError(_("A legal hold keeps this person's data.")) from exc
    from retention.erasure import describe_kept

    kept = describe_kept(log.kept, reasons=not log.person_deleted)
    if log.person_deleted:
        note = (
            _("complete; kept by a legal duty: %(kept)s") % {"kept": kept}
            if kept
            else _("complete")
        )
    else:
        note = _("partly; kept: %(kept)s") % {"kept": kept}
    record_event(request, RequestEvent.Kind.ERASED, user, note)
    return log


# --- Restriction (art. 18) and objection (art. 21) -----------------------------------------------


@transaction.atomic
def restrict(person, user, *, reason, request=None):
    from .models import RequestEvent

    if not (reason or "").strip():
        raise ValidationError({"reason": _("Record why processing is restricted.")})
    if is_restricted(person):
        raise ValidationError(_("Processing of this person's data is already restricted."))
    restriction = ProcessingRestriction.objects.create(
        person=person, reason=reason.strip()[:300], request=request, started_by=user
    )
    if request is not None:
        from . import hooks

        hooks.data_changed(request, user)
        record_event(request, RequestEvent.Kind.RESTRICTED, user, restriction.reason)
    return restriction


@transaction.atomic
def lift_restriction(person, user, *, request=None):
    from .models import RequestEvent

    restriction = active_restriction(person)
    if restriction is None:
        raise ValidationError(_("Processing of this person's data is not restricted."))
    restriction.ended_at = timezone.now()
    restriction.ended_by = user
    restriction.save(update_fields=["ended_at", "ended_by"])
    request = request or restriction.request
    if request is not None:
        record_event(request, RequestEvent.Kind.RESTRICTION_LIFTED, user)
    return restriction


@transaction.atomic
def record_objection(person, user, *, purpose, request=None, note=""):
    """Art. 21: the processing for ``purpose`` stops at once (idempotent per purpose)."""
    from .models import RequestEvent

    if purpose not in Objection.Purpose.values:
        raise ValidationError({"purpose": _("Choose the purpose the person objects to.")})
    objection, created = Objection.objects.get_or_create(
        person=person,
        purpose=purpose,
        defaults={"request": request, "note": (note or "").strip()[:300], "recorded_by": user},
    )
    if request is not None:
        if objection.request_id is None:
            objection.request = request
            objection.save(update_fields=["request"])
        record_event(request, RequestEvent.Kind.OBJECTION, user, objection.get_purpose_display())
    return objection


def objects_to(person, purpose) -> bool:
    """Whether processing for ``purpose`` must stop for this person (objection or opt-out)."""
    if purpose == Objection.Purpose.SURVEYS:
        return has_opted_out_of_surveys(person)
    return Objection.objects.filter(person=person, purpose=purpose).exists()
