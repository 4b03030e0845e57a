"""The request register (AVG art. 12): registering a request, verifying the requester's
identity, assigning, extending the deadline, and closing it with the written reply (completed
or withdrawn). Each change is an event in the request's history."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from contacts.models import Mandate
from referencedata.models import CodeList

from .. import hooks
from ..models import DataSubjectRequest, RequestEvent
from .deadlines import due_date_for, latest_extension_date, received_on
from .events import record_event, require_open
from .holds import extend_request_hold, place_request_hold, release_request_hold


def next_reference(day=None) -> str:
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


def request_errors(
    *, kind, person, received_at, channel, requester_kind, mandate, now=None
) -> dict[str, str]:
    """Validation of a new request (Dutch messages through gettext)."""
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
    request.legal_hold = place_request_hold(request, user=user)
    request.save(update_fields=["legal_hold"])
    record_event(request, RequestEvent.Kind.RECEIVED, user, request.channel.name, at=received_at)
    return request


def person_of(request):
    """The request's person, or the one refusal when their data was erased (the request stays,
    without the person, as proof)."""
    if request.person is None:
        raise ValidationError(_("This person's data has been erased."))
    return request.person


@transaction.atomic
def verify_identity(request, user, *, how, at=None):
    """Record how, when and by whom the requester's identity was established."""
    require_open(request)
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
    require_open(request)
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
    require_open(request)
    errors = extension_errors(request, until=until, reason=reason, told_at=told_at, today=today)
    if errors:
        raise ValidationError(errors)
    request.extended_until = until
    request.extension_reason = reason.strip()
    request.extension_told_at = told_at
    request.save(update_fields=["extended_until", "extension_reason", "extension_told_at"])
    extend_request_hold(request)
    record_event(
        request,
        RequestEvent.Kind.EXTENDED,
        user,
        _("until %(until)s: %(reason)s")
        % {"until": formats.date_format(until, "j-n-Y"), "reason": request.extension_reason},
    )
    return request


def completion_errors(request, *, outcome, reply, refusal_reason) -> dict[str, str]:
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
    obstacles = hooks.closing_obstacles(request)
    if obstacles:
        errors["__all__"] = " ".join(obstacles)
    return errors


@transaction.atomic
def complete(request, user, *, outcome, reply, refusal_reason=""):
    """Decide and close a request with the written, reasoned reply; releases its legal hold."""
    require_open(request)
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
    release_request_hold(request, user=user)
    record_event(request, RequestEvent.Kind.COMPLETED, user, request.get_outcome_display())
    return request


@transaction.atomic
def withdraw(request, user, *, note):
    require_open(request)
    if not (note or "").strip():
        raise ValidationError({"note": _("Record how and when the requester withdrew it.")})
    request.status = DataSubjectRequest.Status.WITHDRAWN
    request.completed_at = timezone.now()
    request.completed_by = user
    request.save(update_fields=["status", "completed_at", "completed_by"])
    release_request_hold(request, user=user)
    record_event(request, RequestEvent.Kind.WITHDRAWN, user, note.strip())
    return request
