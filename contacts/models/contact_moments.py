"""Contact moments: one contact through a channel, the entry of a person's timeline, and which
of its outcomes call for a follow-up task (``OUTCOME_TASK_KIND``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Team
from audit.models import SUBJECT_PERSON_KEY
from referencedata.models import CodeList, ReferenceCode

from .catalogue import ContactSubject, TaskKind
from .mandates import Mandate
from .persons import Person
from .units import Unit


class ContactMoment(models.Model):
    """One contact with a person (or an anonymous caller) through a channel: the timeline entry."""

    class Direction(models.TextChoices):
        INBOUND = "in", _("inbound")
        OUTBOUND = "out", _("outbound")

    class CallerKind(models.TextChoices):
        SELF = "self", _("the person themself")
        REPRESENTATIVE = "representative", _("a representative with a mandate")
        OTHER = "other", _("someone else (no mandate)")

    class Outcome(models.TextChoices):
        ANSWERED = "answered", _("answered at first contact")
        TASK = "task", _("task created")
        REPAIR_REQUEST = "repair_request", _("repair request")
        CALLBACK = "callback", _("callback requested")
        INTERNAL_NOTE = "internal_note", _("internal note")
        FORWARDED = "forwarded", _("forwarded")

    SUMMARY_MAX_LENGTH = 280
    NOTES_MAX_LENGTH = 2000

    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contact_moments",
        verbose_name=_("person"),
        help_text=_("Empty for an anonymous contact."),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    channel = models.ForeignKey(
        ReferenceCode,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"code_list": CodeList.CHANNEL},
        verbose_name=_("channel"),
    )
    direction = models.CharField(
        _("direction"), max_length=3, choices=Direction.choices, default=Direction.INBOUND
    )
    occurred_at = models.DateTimeField(_("occurred at"))
    caller_kind = models.CharField(
        _("who contacted us"), max_length=20, choices=CallerKind.choices, default=CallerKind.SELF
    )
    mandate = models.ForeignKey(
        Mandate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mandate"),
        help_text=_("The representative's mandate, when a representative called."),
    )
    subject = models.ForeignKey(
        ContactSubject, on_delete=models.PROTECT, related_name="+", verbose_name=_("subject")
    )
    defect = models.ForeignKey(
        ReferenceCode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"code_list": CodeList.DEFECT_TYPE},
        verbose_name=_("defect"),
    )
    summary = models.CharField(
        _("summary"),
        max_length=SUMMARY_MAX_LENGTH,
        help_text=_("What was asked and answered, in a sentence or two. No medical details."),
    )
    notes = models.TextField(_("notes"), blank=True, max_length=NOTES_MAX_LENGTH)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    answered_at_first_contact = models.GeneratedField(
        expression=models.Q(outcome="answered"),
        output_field=models.BooleanField(),
        db_persist=True,
        verbose_name=_("answered at first contact"),
    )
    forwarded_to = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forwarded to"),
    )
    handled_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="contact_moments",
        verbose_name=_("handled by"),
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="contact_moments", verbose_name=_("team")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact moment")
        verbose_name_plural = _("contact moments")
        ordering = ["-occurred_at"]
        indexes = [
            # The timeline's order exactly (newest first, id breaking ties): a page is one
            # index range, and the person's contact ids come from the index alone.
            models.Index(fields=["person", "-occurred_at", "-id"], name="contact_timeline_idx"),
            models.Index(fields=["team", "occurred_at"], name="contact_team_time_idx"),
            models.Index(fields=["handled_by", "person"], name="contact_handler_idx"),
        ]
        constraints = [
            # A contact answered at first contact claims no further action.
            models.CheckConstraint(
                condition=~models.Q(outcome="answered") | models.Q(forwarded_to__isnull=True),
                name="contact_answered_no_follow_up",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="forwarded") | models.Q(forwarded_to__isnull=False),
                name="contact_forwarded_has_team",
            ),
            models.CheckConstraint(
                condition=~models.Q(caller_kind="representative") | models.Q(mandate__isnull=False),
                name="contact_representative_has_mandate",
            ),
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(caller_kind="other"),
                name="contact_anonymous_is_other",
            ),
        ]

    def __str__(self):
        return _("Contact moment #%(id)s") % {"id": self.pk}

    def get_additional_data(self):
        return {SUBJECT_PERSON_KEY: self.person_id}

    @property
    def follow_up_kind(self) -> str | None:
        """The task kind this outcome requires, or None."""
        return OUTCOME_TASK_KIND.get(self.outcome)


# Which outcomes create a follow-up, and of which kind.
OUTCOME_TASK_KIND = {
    ContactMoment.Outcome.TASK: TaskKind.TASK,
    ContactMoment.Outcome.REPAIR_REQUEST: TaskKind.REPAIR_REQUEST,
    ContactMoment.Outcome.CALLBACK: TaskKind.CALLBACK,
    ContactMoment.Outcome.INTERNAL_NOTE: TaskKind.INTERNAL_NOTE,
}
