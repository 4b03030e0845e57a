"""Tasks (the follow-up of a contact moment) and their events for the person's timeline."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Team
from audit.models import SUBJECT_PERSON_KEY

from .catalogue import TaskKind
from .contact_moments import ContactMoment
from .persons import Person


class Task(models.Model):
    """A follow-up of a contact moment: always points to the contact that caused it."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")

    REQUESTED_ACTION_MAX_LENGTH = 500

    contact_moment = models.ForeignKey(
        ContactMoment,
        on_delete=models.CASCADE,
        related_name="tasks",
        verbose_name=_("contact moment"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
        help_text=_("Copied from the contact moment, for the customer card."),
    )
    kind = models.ForeignKey(
        TaskKind, on_delete=models.PROTECT, related_name="+", verbose_name=_("kind")
    )
    requested_action = models.CharField(
        _("requested action"), max_length=REQUESTED_ACTION_MAX_LENGTH
    )
    assigned_team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("team"),
    )
    assigned_to = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("employee"),
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    closing_note = models.CharField(_("closing note"), max_length=500, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_date"]
        indexes = [
            # The inbox: open tasks of an employee or a team, first due first. Partial (open
            # tasks are a few percent of all), so the inbox reads its team's open tasks and not
            # every task the team ever had.
            models.Index(
                fields=["assigned_to", "due_date", "id"],
                condition=~models.Q(status="done"),
                name="task_open_assignee_idx",
            ),
            models.Index(
                fields=["assigned_team", "due_date", "id"],
                condition=~models.Q(status="done"),
                name="task_open_team_idx",
            ),
            # Open tasks of a person (the card), first due first: the person is copied onto the
            # task so that this is a range of one index. Matching the person's contact ids with
            # all open tasks instead cost 7-13 ms for a frequent caller at scale.
            models.Index(
                fields=["person", "due_date", "id"],
                condition=~models.Q(status="done"),
                name="task_open_person_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(assigned_team__isnull=False)
                | models.Q(assigned_to__isnull=False),
                name="task_has_assignee",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status="done", closed_at__isnull=False) & ~models.Q(closing_note="")
                )
                | (~models.Q(status="done") & models.Q(closed_at__isnull=True)),
                name="task_done_is_closed_with_note",
            ),
        ]

    def __str__(self):
        return _("Task #%(id)s") % {"id": self.pk}

    def save(self, *args, **kwargs):
        # The person comes with the contact moment; only a new task copies it (anonymising a
        # contact moment detaches its tasks' person in the same step, retention.targets).
        if self._state.adding and self.person_id is None and self.contact_moment_id is not None:
            self.person_id = self.contact_moment.person_id
        super().save(*args, **kwargs)

    def get_additional_data(self):
        return {
            SUBJECT_PERSON_KEY: self.contact_moment.person_id if self.contact_moment_id else None
        }


class TaskEvent(models.Model):
    """What happened to a task, for the person's timeline: created, taken, reassigned, closed."""

    class Kind(models.TextChoices):
        CREATED = "created", _("created")
        TAKEN = "taken", _("taken")
        REASSIGNED = "reassigned", _("reassigned")
        CLOSED = "closed", _("closed")
        REOPENED = "reopened", _("reopened")

    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="events", verbose_name=_("task")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        null=True,
        related_name="task_events",
        verbose_name=_("person"),
        help_text=_("Copied from the contact moment, for the timeline."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("task event")
        verbose_name_plural = _("task events")
        ordering = ["-at"]
        indexes = [models.Index(fields=["person", "-at", "-id"], name="taskevent_timeline_idx")]

    def __str__(self):
        return _("Task event #%(id)s") % {"id": self.pk}

    def get_additional_data(self):
        return {SUBJECT_PERSON_KEY: self.person_id}
