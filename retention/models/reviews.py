"""Reviews: a person decides on a record whose period ended under a rule that asks for review
(delete now, or keep until a date with a reason).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import SUBJECT_PERSON_KEY
from klantcontact.db import employee_reference

from .rules import RetentionRule
from .schedules import RetentionSchedule


class RetentionReview(models.Model):
    """A review task: the owner decides explicitly to delete a record now or keep it until a date.

    The decision is recorded here and in the audit trail; a kept record comes up again for
    review on the date it was kept until (a new review, round + 1).
    """

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DECIDED = "decided", _("decided")
        CLOSED = "closed", _("closed without decision")

    class Decision(models.TextChoices):
        DELETE = "delete", _("delete now")
        KEEP = "keep", _("keep until a date")

    schedule = models.ForeignKey(
        RetentionSchedule,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviews",
        verbose_name=_("due date"),
    )
    rule = models.ForeignKey(
        RetentionRule, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("rule")
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("record type")
    )
    object_id = models.BigIntegerField(_("record"))
    person_id = models.BigIntegerField(_("person"), null=True, blank=True, db_index=True)
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    owner = employee_reference(_("owner"))
    due_on = models.DateField(_("came up on"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    keep_until = models.DateField(_("keep until"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = employee_reference(_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("retention review")
        verbose_name_plural = _("retention reviews")
        ordering = ["status", "due_on", "pk"]
        permissions = [("decide_retentionreview", _("Can decide retention reviews"))]
        indexes = [
            models.Index(fields=["status", "owner"], name="retention_review_inbox_idx"),
            models.Index(fields=["content_type", "object_id"], name="retention_review_record_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(decision="keep") | models.Q(keep_until__isnull=False),
                name="retention_review_keep_has_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="decided") | ~models.Q(decision=""),
                name="retention_review_decided_has_decision",
            ),
        ]

    def __str__(self):
        return _("Retention review #%(id)s") % {"id": self.pk}

    def get_additional_data(self):
        return {SUBJECT_PERSON_KEY: self.person_id}
