"""Reads of the rights app: who is restricted or opted out, which persons a survey may invite,
the request register's lists, what may be withheld from or corrected in a copy, and what an
erasure would do. Nothing here writes; the writes are in ``rights.services``."""

import datetime

from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts import roles
from contacts.models import ContactMoment, EmailAddress, Person, Signal, Task, Tenancy
from persondata import registry, restriction
from processingregister.models import Agreement
from processingregister.services import agreement_state
from retention.services import erasure_preview as retention_erasure_preview
from retention.services import holds_for_person

from .models import (
    DataSubjectRequest,
    Objection,
    PersonStatement,
    ProcessingRestriction,
    SurveyOptOut,
)

# The processing activity of the register that satisfaction surveys belong to (seed 001).
SURVEY_ACTIVITY_CODE = "klanttevredenheid"


# --- Restriction (art. 18), objection (art. 21) and survey opt-out -------------------------------


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


def restricted_q(prefix: str = "") -> Exists:
    """An ``Exists`` expression: the person (``prefix`` + pk) has an active restriction."""
    return Exists(
        ProcessingRestriction.objects.filter(
            person_id=OuterRef(f"{prefix}pk"), ended_at__isnull=True
        )
    )


def has_opted_out_of_surveys(person) -> bool:
    person_id = getattr(person, "pk", person)
    return (
        SurveyOptOut.objects.filter(person_id=person_id).exists()
        or Objection.objects.filter(person_id=person_id, purpose=Objection.Purpose.SURVEYS).exists()
    )


def objects_to(person, purpose) -> bool:
    """Whether processing for ``purpose`` must stop for this person (objection or opt-out)."""
    if purpose == Objection.Purpose.SURVEYS:
        return has_opted_out_of_surveys(person)
    return Objection.objects.filter(person=person, purpose=purpose).exists()


# --- Survey invitations --------------------------------------------------------------------------


def survey_agreement(day=None):
    """The processor agreement in force that covers the survey activity, or None."""
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
            contacts = contacts.filter(occurred_at__gte=start_of(since))
        persons = persons.filter(Exists(contacts))
    return persons.order_by("pk")


def start_of(value):
    """A date as the aware moment its day starts; a datetime as it is."""
    if isinstance(value, datetime.datetime):
        return value
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))


# --- The request register ------------------------------------------------------------------------


def open_requests():
    return DataSubjectRequest.objects.filter(status__in=DataSubjectRequest.OPEN_STATUSES)


def request_list(*, state="open", kind="", today=None):
    """Requests for the register page, with deadline first; ``state``: open, overdue, due_soon,
    closed or all."""
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


# --- What a request may touch --------------------------------------------------------------------


def withheld_map(request) -> dict:
    """{(item kind, record id): reason} of the records withheld from the request's copy."""
    return {(w.item_kind, w.object_id): w.reason for w in request.withheld_items.all()}


def withholdable_items(request) -> dict[str, list]:
    """The records an employee may withhold from the copy: contact moments, tasks, signals."""
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


def rectifiable_fields(label: str) -> tuple:
    """What may be corrected in a record type: declared in the person-data registry
    (``rectifiable`` in each app's ``personal_data.py``)."""
    return registry.rectifiable_fields().get(label, ())


def statements_for(person):
    return list(PersonStatement.objects.filter(person=person).select_related("recorded_by"))


def erasure_obstacles(request, today=None) -> list[str]:
    """Reasons (Dutch) why the person's file cannot be erased now: other holds on the file.

    The request's own legal hold is deliberately not an obstacle: it protects the data *for*
    this request, and the erasure is what the request asks for.
    """
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
    own = [request.legal_hold_id] if request.legal_hold_id else []
    return retention_erasure_preview(request.person, today=today, ignore_holds=own)
