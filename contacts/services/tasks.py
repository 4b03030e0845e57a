"""Tasks: the one way a task is made, and taking, reassigning and closing it; each change
leaves an event in the task's history. The lists of tasks are in ``contacts.selectors.tasks``."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access import policy as access
from persondata.restriction import check as check_not_restricted
from processingregister.services import is_approved

from ..models import Task, TaskEvent


def create_task(
    user,
    contact,
    *,
    kind,
    requested_action: str,
    assigned_team,
    assigned_to=None,
    due_date: datetime.date | None = None,
    error_field: str = "kind",
) -> Task:
    """The one way a task is made (the contact form, the API): its kind must be bound to an
    approved processing activity; the assignee becomes involved with the person; the task's
    history starts with "created". ``error_field``: where the kind's refusal is shown (the
    contact form chooses the kind through the outcome). Runs inside the caller's transaction."""
    if not is_approved(kind.processing_activity):
        raise ValidationError(
            {
                error_field: _(
                    "This kind of follow-up is not bound to an approved processing activity."
                )
            }
        )
    task = Task.objects.create(
        contact_moment=contact,
        kind=kind,
        requested_action=requested_action.strip(),
        assigned_team=assigned_team,
        assigned_to=assigned_to,
        due_date=due_date,
        created_by=user,
    )
    if task.assigned_to is not None and contact.person_id is not None:
        access.record_involvement(task.assigned_to, contact.person)
    _event(task, TaskEvent.Kind.CREATED, user)
    return task


def _event(task: Task, kind: str, user, note: str = "") -> TaskEvent:
    return TaskEvent.objects.create(
        task=task, person_id=task.contact_moment.person_id, kind=kind, by=user, note=note
    )


# Who may work on a task is an access rule: one definition, in the access policy.
can_act_on_task = access.can_act_on_task


def _require(condition: bool, message: str):
    if not condition:
        raise ValidationError(message)


@transaction.atomic
def take_task(user, task: Task) -> Task:
    task = Task.objects.select_for_update().get(pk=task.pk)
    _require(can_act_on_task(user, task), _("You cannot work on this task."))
    _require(task.status != Task.Status.DONE, _("This task is already closed."))
    check_not_restricted(task.contact_moment.person_id, user)
    task.assigned_to = user
    task.status = Task.Status.IN_PROGRESS
    task.save(update_fields=["assigned_to", "status"])
    access.record_involvement(user, task.contact_moment.person)
    _event(task, TaskEvent.Kind.TAKEN, user)
    return task


@transaction.atomic
def reassign_task(user, task: Task, *, team=None, employee=None, note: str = "") -> Task:
    task = Task.objects.select_for_update().get(pk=task.pk)
    _require(can_act_on_task(user, task), _("You cannot work on this task."))
    _require(task.status != Task.Status.DONE, _("This task is already closed."))
    _require(team is not None or employee is not None, _("Choose a team or an employee."))
    check_not_restricted(task.contact_moment.person_id, user)
    task.assigned_team = team
    task.assigned_to = employee
    task.status = Task.Status.OPEN
    task.save(update_fields=["assigned_team", "assigned_to", "status"])
    if employee is not None:
        access.record_involvement(employee, task.contact_moment.person)
    _event(task, TaskEvent.Kind.REASSIGNED, user, note.strip())
    return task


@transaction.atomic
def close_task(user, task: Task, *, note: str) -> Task:
    task = Task.objects.select_for_update().get(pk=task.pk)
    _require(can_act_on_task(user, task), _("You cannot work on this task."))
    _require(task.status != Task.Status.DONE, _("This task is already closed."))
    _require(bool((note or "").strip()), _("Write a closing note: what was done."))
    check_not_restricted(task.contact_moment.person_id, user)
    task.status = Task.Status.DONE
    task.closing_note = note.strip()
    task.closed_at = timezone.now()
    task.closed_by = user
    task.save(update_fields=["status", "closing_note", "closed_at", "closed_by"])
    _event(task, TaskEvent.Kind.CLOSED, user, task.closing_note)
    return task
