"""Registering a contact moment: the form's input, every business rule of a registration, and
storing the contact with its task (together or not at all)."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access import policy as access
from persondata.restriction import check as check_not_restricted
from processingregister.services import is_approved
from referencedata.models import CodeList, ReferenceCode

from ..models import OUTCOME_TASK_KIND, ContactMoment, ContactSubject, Mandate, Person, TaskKind
from .tasks import create_task
from .working_days import add_working_days

# Clock skew allowed for "now" on the contact form.
FUTURE_TOLERANCE = datetime.timedelta(minutes=5)


@dataclass
class TaskInput:
    requested_action: str
    due_date: datetime.date
    assigned_team: object = None
    assigned_to: object = None


@dataclass
class ContactInput:
    person: Person | None
    channel: ReferenceCode
    direction: str
    occurred_at: datetime.datetime
    caller_kind: str
    subject: ContactSubject
    summary: str
    outcome: str
    team: object
    notes: str = ""
    unit: object = None
    mandate: Mandate | None = None
    defect: ReferenceCode | None = None
    forwarded_to: object = None
    task: TaskInput | None = None
    errors: dict = field(default_factory=dict)


def contact_rule_errors(data: ContactInput, *, now=None) -> dict[str, str]:
    """All business rules of a contact registration; {field: Dutch message}."""
    now = now or timezone.now()
    errors = {}
    today = timezone.localdate()
    if data.occurred_at and data.occurred_at > now + FUTURE_TOLERANCE:
        errors["occurred_at"] = _("A contact cannot take place in the future.")
    if data.channel is not None and (
        data.channel.code_list != CodeList.CHANNEL
        or not data.channel.is_active
        or not data.channel.is_valid_on(today)
    ):
        errors["channel"] = _("This channel is not in use; choose another.")
    if data.subject is not None and not data.subject.is_active:
        errors["subject"] = _("This subject is no longer in use; choose another.")
    elif data.subject is not None and not is_approved(data.subject.processing_activity):
        errors["subject"] = _("This subject is not bound to an approved processing activity.")
    if data.defect is not None and data.defect.code_list != CodeList.DEFECT_TYPE:
        errors["defect"] = _("Choose a defect type.")
    if data.person is None and data.caller_kind != ContactMoment.CallerKind.OTHER:
        errors["caller_kind"] = _("An anonymous contact is always 'someone else'.")
    if data.caller_kind == ContactMoment.CallerKind.REPRESENTATIVE:
        if data.mandate is None:
            errors["mandate"] = _("Choose the representative's mandate.")
        elif data.person is None or data.mandate.represented_id != data.person.pk:
            errors["mandate"] = _("This mandate is not for this person.")
        elif not data.mandate.is_valid_on(today):
            errors["mandate"] = _("This mandate is not valid today.")
    if data.outcome == ContactMoment.Outcome.FORWARDED and data.forwarded_to is None:
        errors["forwarded_to"] = _("Choose the team the contact is forwarded to.")
    if data.outcome != ContactMoment.Outcome.FORWARDED and data.forwarded_to is not None:
        errors["forwarded_to"] = _("Only a forwarded contact names a team to forward to.")
    needs_task = data.outcome in OUTCOME_TASK_KIND
    if needs_task and data.task is None:
        errors["requested_action"] = _("Describe what needs to be done.")
    if not needs_task and data.task is not None:
        errors["outcome"] = _("A contact answered at first contact or forwarded has no task.")
    if needs_task and data.task is not None:
        if not (data.task.requested_action or "").strip():
            errors["requested_action"] = _("Describe what needs to be done.")
        if data.task.assigned_team is None and data.task.assigned_to is None:
            errors["assigned_team"] = _("Assign the task to a team or an employee.")
        if data.task.due_date and data.task.due_date < today:
            errors["due_date"] = _("The due date cannot be in the past.")
    return errors


@transaction.atomic
def register_contact(user, data: ContactInput) -> ContactMoment:
    """Store a contact and, when its outcome asks for one, its task: together or not at all."""
    check_not_restricted(data.person, user)
    errors = contact_rule_errors(data)
    if errors:
        raise ValidationError(errors)
    contact = ContactMoment(
        person=data.person,
        unit=data.unit,
        channel=data.channel,
        direction=data.direction,
        occurred_at=data.occurred_at,
        caller_kind=data.caller_kind,
        mandate=data.mandate
        if data.caller_kind == ContactMoment.CallerKind.REPRESENTATIVE
        else None,
        subject=data.subject,
        defect=data.defect,
        summary=data.summary.strip(),
        notes=data.notes.strip(),
        outcome=data.outcome,
        forwarded_to=data.forwarded_to,
        handled_by=user,
        team=data.team,
    )
    contact.full_clean()
    contact.save()
    access.record_involvement(user, data.person)
    if data.task is not None:
        create_task(
            user,
            contact,
            kind=TaskKind.objects.get(code=OUTCOME_TASK_KIND[data.outcome]),
            requested_action=data.task.requested_action,
            assigned_team=data.task.assigned_team,
            assigned_to=data.task.assigned_to,
            due_date=data.task.due_date,
            error_field="outcome",
        )
    return contact


def default_due_date(outcome: str, start: datetime.date | None = None) -> datetime.date | None:
    code = OUTCOME_TASK_KIND.get(outcome)
    if code is None:
        return None
    days = (
        TaskKind.objects.filter(code=code).values_list("default_days_due", flat=True).first() or 5
    )
    return add_working_days(start or timezone.localdate(), days)
