"""Due dates: the computed due date of one record under one rule (``RetentionSchedule``)."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .rules import RetentionRule


class RetentionSchedule(models.Model):
    """The computed due date of one record under one rule.

    No due date (``due_on`` empty) while the trigger has not happened: a running tenancy, an
    open task. ``kept_until`` is set by a review decision to keep the record.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("waiting")
        REVIEW = "review", _("in review")
        DONE = "done", _("done")

    # No single-column indexes: the composite ones below cover rule and record type.
    rule = models.ForeignKey(
        RetentionRule,
        on_delete=models.PROTECT,
        related_name="schedules",
        verbose_name=_("rule"),
        db_index=False,
    )
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("record type"),
        db_index=False,
    )
    object_id = models.BigIntegerField(_("record"))
    person_id = models.BigIntegerField(_("person"), null=True, blank=True)
    trigger_date = models.DateField(_("trigger date"), null=True, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    kept_until = models.DateField(_("kept until"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        verbose_name = _("due date")
        verbose_name_plural = _("due dates")
        constraints = [
            models.UniqueConstraint(fields=["rule", "object_id"], name="retention_schedule_unique"),
        ]
        indexes = [
            models.Index(fields=["rule", "state", "due_on", "id"], name="retention_due_idx"),
            models.Index(fields=["content_type", "object_id"], name="retention_record_idx"),
            models.Index(fields=["person_id", "state"], name="retention_person_idx"),
        ]

    def __str__(self):
        return _("Due date #%(id)s") % {"id": self.pk}
