"""Retention: rules per data category, computed due dates, legal holds, reviews and run reports.

The rules say how long a kind of record is kept and what happens then; the engine
(``retention.engine``) computes a due date per record (``RetentionSchedule``) and, every night,
deletes, anonymises or sends for review exactly the records whose due date has passed, unless a
legal hold or a longer duty keeps them. Every run leaves a report without personal data.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import SUBJECT_PERSON_KEY

from .periods import PeriodUnit, add_period


def target_choices():
    """The record types the engine can enforce rules on (``retention.targets``)."""
    from .targets import REGISTRY

    return [(key, target.label) for key, target in REGISTRY.items()]


class Trigger(models.TextChoices):
    TENANCY_END = "tenancy_end", _("the end of the tenancy")
    LAST_CONTACT = "last_contact", _("the last contact with the person")
    CLOSED = "closed", _("the closing of the task or case")
    REVIEW_DATE = "review_date", _("the review date of the signal")
    DEREGISTRATION = "deregistration", _("the deregistration of the applicant")
    CREATED = "created", _("the creation of the record")
    DATE_FIELD = "date_field", _("a date field named in the rule")
    EVENT = "event", _("an event (for example the allocation of a home)")


class Action(models.TextChoices):
    DELETE = "delete", _("delete")
    ANONYMISE = "anonymise", _("anonymise")
    REVIEW = "review", _("review by a person")


class RetentionRuleQuerySet(models.QuerySet):
    def active_on(self, day):
        return self.filter(active_from__lte=day).filter(
            models.Q(active_to__isnull=True) | models.Q(active_to__gte=day)
        )

    def not_ended(self, day=None):
        day = day or timezone.localdate()
        return self.filter(models.Q(active_to__isnull=True) | models.Q(active_to__gte=day))


class RetentionRule(models.Model):
    """How long one kind of record is kept, counted from which moment, and what happens then."""

    code = models.SlugField(
        _("code"),
        max_length=60,
        unique=True,
        help_text=_("Stable key, used in run reports and on the command line. Never reuse one."),
    )
    name = models.CharField(_("name"), max_length=200)
    data_category = models.ForeignKey(
        "processingregister.PersonalDataCategory",
        on_delete=models.PROTECT,
        related_name="retention_rules",
        verbose_name=_("category of personal data"),
    )
    processing_activity = models.ForeignKey(
        "processingregister.ProcessingActivity",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="retention_rules",
        verbose_name=_("processing activity"),
        help_text=_("Only where the period differs per processing activity."),
    )
    target = models.CharField(
        _("records"),
        max_length=60,
        blank=True,
        choices=target_choices,
        help_text=_(
            "The records of this application the rule applies to. Empty: the data is not held "
            "in this application (the rule documents the policy, the engine has nothing to do)."
        ),
    )
    record_kinds = models.CharField(
        _("only these kinds"),
        max_length=300,
        blank=True,
        help_text=_(
            "Comma-separated codes that narrow the records (signal type, task kind or contact "
            "subject, depending on the records). Empty: all records."
        ),
    )
    trigger = models.CharField(
        _("counted from"), max_length=20, choices=Trigger.choices, default=Trigger.CREATED
    )
    trigger_field = models.CharField(
        _("date field"),
        max_length=60,
        blank=True,
        help_text=_("Only when counted from a date field: the field of the record."),
    )
    event_code = models.SlugField(
        _("event"),
        max_length=60,
        blank=True,
        help_text=_("Only when counted from an event, e.g. 'allocation'."),
    )
    period_amount = models.PositiveIntegerField(
        _("period"), default=0, help_text=_("0 means: at once.")
    )
    period_unit = models.CharField(
        _("unit"), max_length=10, choices=PeriodUnit.choices, default=PeriodUnit.YEARS
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    is_statutory = models.BooleanField(
        _("statutory retention duty"),
        default=False,
        help_text=_(
            "The law requires keeping the records this long: they are not removed earlier, not "
            "even on request, and the person they belong to is kept as long."
        ),
    )
    legal_source = models.TextField(
        _("legal source or reasoning"),
        help_text=_("The statutory provision, policy or balancing that sets this period."),
    )
    review_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("review owner"),
        help_text=_(
            "Review rules: who decides. Empty: the contact of the processing activity, "
            "otherwise the privacy officers."
        ),
    )
    active_from = models.DateField(_("active from"), default=timezone.localdate)
    active_to = models.DateField(_("active to"), null=True, blank=True)
    needs_recompute = models.BooleanField(
        _("due dates to be recomputed"),
        default=True,
        editable=False,
        help_text=_("Set when the trigger or period changed; the next run recomputes."),
    )
    scheduled_up_to = models.BigIntegerField(
        _("scheduled up to record"),
        default=0,
        editable=False,
        help_text=_("Records up to this id have a due date under this rule."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RetentionRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(active_to__isnull=True)
                | models.Q(active_to__gte=models.F("active_from")),
                name="retention_rule_active_period",
            ),
        ]

    def __str__(self):
        return self.code

    # Changing one of these makes every due date under the rule stale.
    RECOMPUTE_FIELDS = (
        "target",
        "record_kinds",
        "trigger",
        "trigger_field",
        "event_code",
        "period_amount",
        "period_unit",
    )

    def save(self, *args, **kwargs):
        if self.pk is not None:
            old = type(self).objects.filter(pk=self.pk).values(*self.RECOMPUTE_FIELDS).first()
            if old and any(old[name] != getattr(self, name) for name in self.RECOMPUTE_FIELDS):
                self.needs_recompute = True
                self.scheduled_up_to = 0
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = {
                        *kwargs["update_fields"],
                        "needs_recompute",
                        "scheduled_up_to",
                    }
        super().save(*args, **kwargs)

    # --- derived ----------------------------------------------------------------------------

    @property
    def target_spec(self):
        from .targets import REGISTRY

        return REGISTRY.get(self.target)

    @property
    def kinds(self) -> list[str]:
        return [code.strip() for code in self.record_kinds.split(",") if code.strip()]

    def due_from(self, trigger_date):
        if trigger_date is None:
            return None
        return add_period(trigger_date, self.period_amount, self.period_unit)

    def period_display(self) -> str:
        if self.period_amount == 0:
            return str(_("at once"))
        return f"{self.period_amount} {self.get_period_unit_display()}"

    def is_active_on(self, day) -> bool:
        return self.active_from <= day and (self.active_to is None or day <= self.active_to)

    # --- validation -------------------------------------------------------------------------

    def clean(self):
        errors = {}
        target = self.target_spec
        if self.trigger == Trigger.EVENT and not self.event_code:
            errors["event_code"] = _("Name the event the period counts from.")
        if self.trigger != Trigger.EVENT and self.event_code:
            errors["event_code"] = _("Only a rule counted from an event names an event.")
        if self.trigger == Trigger.DATE_FIELD and not self.trigger_field:
            errors["trigger_field"] = _("Name the date field the period counts from.")
        if self.trigger != Trigger.DATE_FIELD and self.trigger_field:
            errors["trigger_field"] = _("Only a rule counted from a date field names a field.")
        if target is not None:
            if not target.supports_trigger(self.trigger):
                errors["trigger"] = _("These records have no such moment; choose another.")
            elif (
                self.trigger == Trigger.DATE_FIELD and self.trigger_field not in target.date_fields
            ):
                errors["trigger_field"] = _("Choose one of: %(fields)s.") % {
                    "fields": ", ".join(target.date_fields) or "-"
                }
            if self.action not in target.actions and not (
                self.action == Action.REVIEW and Action.DELETE in target.actions
            ):
                errors["action"] = _("These records cannot be handled this way.")
            if self.kinds and not target.kind_field:
                errors["record_kinds"] = _("These records have no kinds to choose from.")
        elif self.record_kinds:
            errors["record_kinds"] = _("Only a rule on records of this application names kinds.")
        if self.action == Action.REVIEW and self.is_statutory:
            errors["is_statutory"] = _(
                "A statutory period ends in deletion or anonymisation, not in a review."
            )
        if errors:
            raise ValidationError(errors)


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


class LegalHoldQuerySet(models.QuerySet):
    def active_on(self, day=None):
        day = day or timezone.localdate()
        return self.filter(released_at__isnull=True, starts_on__lte=day, ends_on__gte=day)


class LegalHold(models.Model):
    """Keeps a person's data, or one record, out of the retention engine's reach for a while."""

    class Reason(models.TextChoices):
        LITIGATION = "litigation", _("litigation or a legal claim")
        STATUTORY_DUTY = "statutory_duty", _("a statutory duty to keep")
        DATA_SUBJECT_REQUEST = "data_subject_request", _("an open data-subject request")
        INVESTIGATION = "investigation", _("an investigation")

    person = models.ForeignKey(
        "contacts.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="legal_holds",
        verbose_name=_("person"),
        help_text=_("The whole file of this person is held, unless one record is named."),
    )
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("record type"),
    )
    object_id = models.BigIntegerField(_("record"), null=True, blank=True)
    reason_kind = models.CharField(_("reason"), max_length=30, choices=Reason.choices)
    reason = models.TextField(
        _("explanation"),
        help_text=_("The case or request number and why it needs the data; no more than that."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner"),
        help_text=_("Who answers for this hold and releases it."),
    )
    starts_on = models.DateField(_("from"), default=timezone.localdate)
    ends_on = models.DateField(
        _("until"), help_text=_("The hold ends by itself after this date; extend it if needed.")
    )
    released_at = models.DateTimeField(_("released at"), null=True, blank=True, editable=False)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("released by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        ordering = ["-starts_on", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="retention_hold_record_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False)
                | (models.Q(content_type__isnull=False) & models.Q(object_id__isnull=False)),
                name="retention_hold_has_subject",
            ),
            models.CheckConstraint(
                condition=models.Q(content_type__isnull=True, object_id__isnull=True)
                | models.Q(content_type__isnull=False, object_id__isnull=False),
                name="retention_hold_record_complete",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="retention_hold_period",
            ),
        ]

    def __str__(self):
        return _("Legal hold #%(id)s") % {"id": self.pk}

    def get_additional_data(self):
        return {SUBJECT_PERSON_KEY: self.person_id}

    @property
    def is_record_hold(self) -> bool:
        return self.object_id is not None

    def is_active_on(self, day=None) -> bool:
        day = day or timezone.localdate()
        return self.released_at is None and self.starts_on <= day <= self.ends_on

    def clean(self):
        errors = {}
        if self.person_id is None and self.object_id is None:
            errors["person"] = _("Choose the person, or name the record, that is held.")
        if (self.content_type_id is None) != (self.object_id is None):
            errors["object_id"] = _("Name both the record type and the record.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("A hold cannot end before it starts.")
        if errors:
            raise ValidationError(errors)


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
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("came up on"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    keep_until = models.DateField(_("keep until"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
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


class ErasureLog(models.Model):
    """Tombstone of an erasure on request: that, when and by whom; never what.

    Kept outside the erased data so it can be replayed after restoring a backup made before
    the erasure (``services.replay_erasures``). Only ids and counts, no personal data.
    """

    class Outcome(models.TextChoices):
        COMPLETE = "complete", _("erased completely")
        PARTIAL = "partial", _("erased, some data kept for a duty or hold")
        REFUSED = "refused", _("refused: legal hold")

    person_id = models.BigIntegerField(_("person"), db_index=True)
    erased_at = models.DateTimeField(_("erased at"), default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    reason = models.CharField(
        _("reason"),
        max_length=300,
        help_text=_("The request and its reference number; no personal data."),
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    counts = models.JSONField(_("counts"), default=dict, help_text=_("Per record type."))
    kept = models.JSONField(
        _("kept"), default=list, help_text=_("What was kept and why, per record type; no data.")
    )
    person_deleted = models.BooleanField(_("person deleted"), default=False)

    class Meta:
        verbose_name = _("erasure log entry")
        verbose_name_plural = _("erasure log")
        ordering = ["-erased_at"]

    def __str__(self):
        return _("Erasure #%(id)s") % {"id": self.pk}

    @property
    def statement(self) -> str:
        return tombstone_text(timezone.localdate(self.erased_at))


def tombstone_text(day) -> str:
    return _("Data erased at the data subject's request on %(date)s") % {
        "date": day.strftime("%d-%m-%Y")
    }


class RetentionLock(models.Model):
    """A lease on a named lock, for when there is no Redis (SQLite, development)."""

    name = models.CharField(_("name"), max_length=60, primary_key=True)
    token = models.CharField(_("holder"), max_length=64, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)

    class Meta:
        verbose_name = _("retention lock")
        verbose_name_plural = _("retention locks")

    def __str__(self):
        return self.name
