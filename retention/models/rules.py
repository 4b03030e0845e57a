"""Retention rules: how long one kind of record is kept, counted from which moment (``Trigger``),
and what happens then (``Action``).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcontact.db import employee_reference

from ..periods import PeriodUnit, add_period


def target_choices():
    """The record types the engine can enforce rules on (``retention.targets``)."""
    # a cycle: retention.targets imports these models
    from ..targets import REGISTRY

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
    review_owner = employee_reference(
        _("review owner"),
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
        # a cycle: retention.targets imports these models
        from ..targets import REGISTRY

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
