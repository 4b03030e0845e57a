"""Run reports: one row per run (``RetentionRun``) and one per rule in it (``RetentionRunRule``),
with counts only, no personal data.
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .rules import RetentionRule


class RetentionRun(models.Model):
    """One run of the engine: nightly, from the command line, for an event or an erasure.

    Holds no personal data: counts per rule are in ``RetentionRunRule``.
    """

    class Kind(models.TextChoices):
        NIGHTLY = "nightly", _("nightly")
        MANUAL = "manual", _("command line")
        EVENT = "event", _("event")
        ERASURE = "erasure", _("erasure on request")

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")
        INTERRUPTED = "interrupted", _("interrupted")

    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RUNNING
    )
    as_of = models.DateField(_("evaluated at"))
    rule_filter = models.CharField(_("only rules"), max_length=600, blank=True)
    event_code = models.CharField(_("event"), max_length=60, blank=True)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    tasks = models.PositiveIntegerField(_("tasks"), default=0)
    error = models.CharField(
        _("error"), max_length=200, blank=True, help_text=_("The kind of error, never its data.")
    )

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["status", "-finished_at"], name="retention_run_status_idx")]

    def __str__(self):
        return _("Retention run #%(id)s") % {"id": self.pk}

    @property
    def duration(self):
        if self.finished_at is None:
            return None
        return self.finished_at - self.started_at


class RetentionRunRule(models.Model):
    """What one run did under one rule: counts only, no record ids, no personal data."""

    class Phase(models.TextChoices):
        SCHEDULE = "schedule", _("computing due dates")
        PROCESS = "process", _("handling due records")
        DONE = "done", _("done")

    run = models.ForeignKey(
        RetentionRun, on_delete=models.CASCADE, related_name="rule_reports", verbose_name=_("run")
    )
    rule = models.ForeignKey(
        RetentionRule, on_delete=models.PROTECT, related_name="+", verbose_name=_("rule")
    )
    phase = models.CharField(
        _("phase"), max_length=10, choices=Phase.choices, default=Phase.SCHEDULE
    )
    not_enforced = models.BooleanField(
        _("not enforced here"),
        default=False,
        help_text=_("The rule's records are not held in this application."),
    )
    scheduled = models.PositiveIntegerField(_("due dates computed"), default=0)
    rescheduled = models.PositiveIntegerField(_("due dates moved"), default=0)
    deleted = models.PositiveIntegerField(_("deleted"), default=0)
    anonymised = models.PositiveIntegerField(_("anonymised"), default=0)
    sent_to_review = models.PositiveIntegerField(_("sent to review"), default=0)
    skipped_hold = models.PositiveIntegerField(_("skipped for a legal hold"), default=0)
    kept_longer = models.PositiveIntegerField(
        _("kept for a longer duty"),
        default=0,
        help_text=_("Other data of the person must be kept longer (statutory or decided)."),
    )
    errors = models.PositiveIntegerField(_("errors"), default=0)
    duration_ms = models.PositiveBigIntegerField(_("duration (ms)"), default=0)
    cursor_due = models.DateField(_("due-date cursor"), null=True, blank=True)
    cursor_id = models.BigIntegerField(_("schedule cursor"), default=0)
    refresh_cursor = models.BigIntegerField(_("record cursor"), default=0)

    class Meta:
        verbose_name = _("run report per rule")
        verbose_name_plural = _("run reports per rule")
        ordering = ["rule__code"]
        constraints = [
            models.UniqueConstraint(fields=["run", "rule"], name="retention_run_rule_unique"),
        ]

    def __str__(self):
        return _("Run report #%(id)s") % {"id": self.pk}
