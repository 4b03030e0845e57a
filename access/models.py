"""Access-control models: break-the-glass grants, access alerts to review, notifications."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BreakGlassGrant(models.Model):
    """Time-limited access to one person's file outside the employee's scope, with a reason.

    Every grant is reviewed: it stays in the privacy officer's queue until it is marked
    justified or followed up.
    """

    class Reason(models.TextChoices):
        CALLER_ON_LINE = "caller_on_line", _("the person is on the line or at the desk")
        COLLEAGUE_ABSENT = "colleague_absent", _("covering for an absent colleague")
        URGENT_SAFETY = "urgent_safety", _("urgent: safety of a person or a home")
        CASE_TRANSFER = "case_transfer", _("the case is being transferred to my team")
        OTHER = "other", _("other (explain)")

    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="break_glass_grants",
        verbose_name=_("employee"),
    )
    person = models.ForeignKey(
        "contacts.Person",
        on_delete=models.CASCADE,
        related_name="break_glass_grants",
        verbose_name=_("person"),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    explanation = models.CharField(_("explanation"), max_length=500)
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))

    class Meta:
        verbose_name = _("break-the-glass access")
        verbose_name_plural = _("break-the-glass accesses")
        ordering = ["-granted_at"]
        indexes = [
            models.Index(fields=["employee", "person", "expires_at"], name="btg_active_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("granted_at")),
                name="btg_expires_after_grant",
            ),
        ]

    def __str__(self):
        return _("Break-the-glass #%(id)s") % {"id": self.pk}

    def is_active(self, now=None) -> bool:
        return (now or timezone.now()) < self.expires_at


class AccessAlert(models.Model):
    """An access event the privacy officer must review; closed only with a recorded outcome."""

    class Kind(models.TextChoices):
        BREAK_THE_GLASS = "break_the_glass", _("break-the-glass")
        MANY_OUTSIDE_INVOLVEMENT = "many_outside", _("many files viewed outside involvement")
        SIGNAL_CONTENT_PEAK = "signal_peak", _("signal content opened far more than peers")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("to review")
        JUSTIFIED = "justified", _("justified")
        FOLLOWED_UP = "followed_up", _("followed up")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("employee"),
    )
    grant = models.OneToOneField(
        BreakGlassGrant,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="alert",
        verbose_name=_("break-the-glass access"),
    )
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period until"), null=True, blank=True)
    figures = models.JSONField(
        _("figures"),
        default=dict,
        blank=True,
        help_text=_("Counts that raised the alert; no personal data."),
    )
    created_at = models.DateTimeField(_("raised at"), default=timezone.now)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING
    )
    outcome_note = models.CharField(_("outcome note"), max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    notified = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("notified"),
        help_text=_("Who was told of the break-the-glass (never the employee who used it)."),
    )

    class Meta:
        verbose_name = _("access alert")
        verbose_name_plural = _("access alerts")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["outcome", "-created_at"], name="alert_queue_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "employee", "period_start", "period_end"],
                condition=models.Q(grant__isnull=True),
                name="alert_once_per_period",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome="pending")
                | (~models.Q(outcome_note="") & models.Q(decided_at__isnull=False)),
                name="alert_decided_with_note",
            ),
        ]

    def __str__(self):
        return _("Access alert #%(id)s") % {"id": self.pk}


class Notification(models.Model):
    """An in-app message to an employee (e.g. a team leader about a break-the-glass access)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    text = models.CharField(_("text"), max_length=300)
    link = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]

    def __str__(self):
        return _("Notification #%(id)s") % {"id": self.pk}
