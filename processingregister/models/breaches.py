"""The data-breach register (art. 33(5) AVG) and the updates of a breach."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .activities import ProcessingActivity
from .agreements import Agreement
from .base import BREACH_NOTIFICATION_HOURS, TimestampedModel, _local, utc
from .reference import DataSubjectCategory, PersonalDataCategory

# --- Data breaches -------------------------------------------------------------------------------


class Decision(models.TextChoices):
    PENDING = "pending", _("not yet decided")
    NOTIFY = "notify", _("notify")
    DO_NOT_NOTIFY = "do_not_notify", _("do not notify")


class DataBreach(TimestampedModel):
    """One incident in the data-breach register (art. 33(5) AVG): notified or not."""

    class Cause(models.TextChoices):
        MISDIRECTED = "misdirected", _("sent to the wrong recipient")
        LOST_DEVICE = "lost_device", _("lost or stolen device or papers")
        HACKING = "hacking", _("hacking, malware or phishing")
        UNAUTHORISED_ACCESS = "unauthorised_access", _("unauthorised access by an employee")
        PROCESSOR = "processor", _("incident at a processor")
        PUBLICATION = "publication", _("published by mistake")
        DISPOSAL = "disposal", _("improper disposal")
        OTHER = "other", _("other")

    class Risk(models.TextChoices):
        UNASSESSED = "unassessed", _("not yet assessed")
        UNLIKELY = "unlikely", _("a risk is unlikely")
        RISK = "risk", _("risk to the data subjects")
        HIGH = "high", _("high risk to the data subjects")

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    title = models.CharField(
        _("short description"),
        max_length=200,
        help_text=_("No personal data: this appears in lists and reminders."),
    )
    aware_at = models.DateTimeField(
        _("aware at"),
        help_text=_("When the corporation became aware of the breach; the 72 hours run from here."),
    )
    occurred_from = models.DateTimeField(_("breach started"), null=True, blank=True)
    occurred_until = models.DateTimeField(_("breach ended"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
        editable=False,
    )
    description = models.TextField(_("what happened"))
    confidentiality = models.BooleanField(
        _("confidentiality"), default=False, help_text=_("Data seen by someone not entitled.")
    )
    integrity = models.BooleanField(
        _("integrity"), default=False, help_text=_("Data changed without authorisation.")
    )
    availability = models.BooleanField(
        _("availability"), default=False, help_text=_("Data lost or unavailable.")
    )
    cause = models.CharField(_("cause"), max_length=20, choices=Cause.choices)
    activities = models.ManyToManyField(
        ProcessingActivity,
        blank=True,
        related_name="breaches",
        verbose_name=_("processing activities involved"),
    )
    data_categories = models.ManyToManyField(
        PersonalDataCategory,
        blank=True,
        related_name="breaches",
        verbose_name=_("categories of personal data"),
    )
    subject_categories = models.ManyToManyField(
        DataSubjectCategory,
        blank=True,
        related_name="breaches",
        verbose_name=_("categories of data subjects"),
    )
    subjects_count = models.PositiveIntegerField(
        _("approximate number of data subjects"), null=True, blank=True
    )
    records_count = models.PositiveIntegerField(
        _("approximate number of records"), null=True, blank=True
    )
    consequences = models.TextField(_("likely consequences"), blank=True)
    measures = models.TextField(
        _("measures taken or proposed"),
        blank=True,
        help_text=_("To end the breach and to limit its consequences."),
    )
    risk = models.CharField(
        _("risk assessment"), max_length=12, choices=Risk.choices, default=Risk.UNASSESSED
    )
    processor_agreement = models.ForeignKey(
        Agreement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="breaches",
        verbose_name=_("processor involved"),
    )
    processor_reported_at = models.DateTimeField(
        _("reported by the processor at"), null=True, blank=True
    )
    authority_decision = models.CharField(
        _("notify the Autoriteit Persoonsgegevens"),
        max_length=15,
        choices=Decision.choices,
        default=Decision.PENDING,
    )
    authority_decision_reason = models.TextField(_("reasons for this decision"), blank=True)
    authority_decided_at = models.DateTimeField(_("decided at"), null=True, editable=False)
    authority_notified_at = models.DateTimeField(_("notified to the AP at"), null=True, blank=True)
    authority_reference = models.CharField(
        _("AP reference"), max_length=50, blank=True, help_text=_("The AP's notification number.")
    )
    delay_reason = models.TextField(
        _("reasons for the delay"),
        blank=True,
        help_text=_("Required when the AP is notified later than 72 hours after awareness."),
    )
    subjects_decision = models.CharField(
        _("inform the data subjects"),
        max_length=15,
        choices=Decision.choices,
        default=Decision.PENDING,
    )
    subjects_decision_reason = models.TextField(_("reasons for this decision"), blank=True)
    subjects_decided_at = models.DateTimeField(_("decided at"), null=True, editable=False)
    subjects_notified_at = models.DateTimeField(
        _("data subjects informed at"), null=True, blank=True
    )
    subjects_notification_method = models.CharField(
        _("how the data subjects were informed"), max_length=200, blank=True
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    last_reminder_at = models.DateTimeField(_("last reminder at"), null=True, editable=False)

    class Meta:
        verbose_name = _("data breach")
        verbose_name_plural = _("data breaches")
        ordering = ["-aware_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(authority_notified_at__isnull=True)
                | models.Q(authority_notified_at__gte=models.F("aware_at")),
                name="breach_authority_notified_after_awareness",
            ),
            models.CheckConstraint(
                condition=models.Q(subjects_notified_at__isnull=True)
                | models.Q(subjects_notified_at__gte=models.F("aware_at")),
                name="breach_subjects_notified_after_awareness",
            ),
            models.CheckConstraint(
                condition=models.Q(occurred_until__isnull=True)
                | models.Q(occurred_from__isnull=True)
                | models.Q(occurred_until__gte=models.F("occurred_from")),
                name="breach_period_in_order",
            ),
        ]

    def __str__(self):
        return self.reference or _("New data breach")

    @property
    def deadline(self) -> datetime.datetime | None:
        """72 hours of elapsed time after awareness (aware-at is an absolute moment, so a
        daylight-saving change in between does not make it 71 or 73 hours)."""
        if self.aware_at is None:
            return None
        return utc(self.aware_at) + datetime.timedelta(hours=BREACH_NOTIFICATION_HOURS)

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def clean(self):
        errors = {}
        now = timezone.now()
        aware = utc(self.aware_at)
        if aware and aware > now + datetime.timedelta(minutes=5):
            errors["aware_at"] = _("The moment of awareness cannot be in the future.")
        if aware:
            aware_text = _local(aware)
            for name, label in (
                ("authority_notified_at", _("The notification to the AP")),
                ("subjects_notified_at", _("Informing the data subjects")),
                ("closed_at", _("Closing the breach")),
            ):
                value = utc(getattr(self, name))
                if value and value < aware:
                    errors[name] = _(
                        "%(what)s (%(when)s) cannot be before the corporation became aware of "
                        "the breach (%(aware)s)."
                    ) % {"what": label, "when": _local(value), "aware": aware_text}
        if self.occurred_from and self.occurred_until and self.occurred_until < self.occurred_from:
            errors["occurred_until"] = _("The breach cannot end before it started.")
        if not (self.confidentiality or self.integrity or self.availability):
            errors["confidentiality"] = _(
                "Tick at least one kind of breach: confidentiality, integrity or availability."
            )
        errors.update(self._decision_errors())
        if errors:
            raise ValidationError(errors)

    def _decision_errors(self) -> dict:
        errors = {}
        if (
            self.authority_decision == Decision.DO_NOT_NOTIFY
            and not self.authority_decision_reason.strip()
        ):
            errors["authority_decision_reason"] = _(
                "Record why the breach is not notified to the AP (art. 33(5) AVG)."
            )
        if self.authority_notified_at and self.authority_decision != Decision.NOTIFY:
            errors["authority_notified_at"] = _(
                "A notification date requires the decision 'notify'."
            )
        deadline = self.deadline
        if (
            self.authority_notified_at
            and deadline
            and utc(self.authority_notified_at) > deadline
            and not self.delay_reason.strip()
        ):
            errors["delay_reason"] = _(
                "The AP was notified more than 72 hours after awareness: give the reasons for "
                "the delay (art. 33(1) AVG)."
            )
        if (
            self.subjects_decision == Decision.DO_NOT_NOTIFY
            and not self.subjects_decision_reason.strip()
        ):
            errors["subjects_decision_reason"] = _(
                "Record why the data subjects are not informed (art. 34(3) AVG)."
            )
        if self.subjects_notified_at and self.subjects_decision != Decision.NOTIFY:
            errors["subjects_notified_at"] = _(
                "A date of informing the data subjects requires the decision 'notify'."
            )
        if self.closed_at and Decision.PENDING in (
            self.authority_decision,
            self.subjects_decision,
        ):
            errors["closed_at"] = _(
                "A breach can only be closed once it is decided whether to notify the AP and "
                "the data subjects."
            )
        return errors


class BreachUpdate(models.Model):
    """A later update on a breach: new facts, or information given to the AP in phases."""

    breach = models.ForeignKey(
        DataBreach, on_delete=models.CASCADE, related_name="updates", verbose_name=_("data breach")
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    description = models.TextField(_("update"))
    sent_to_authority = models.BooleanField(_("sent to the AP as a follow-up"), default=False)

    class Meta:
        verbose_name = _("update")
        verbose_name_plural = _("updates")
        ordering = ["at"]

    def __str__(self):
        return _("Update #%(id)s") % {"id": self.pk}

    def clean(self):
        try:
            aware = utc(self.breach.aware_at)
        except DataBreach.DoesNotExist:
            return
        if aware and self.at and utc(self.at) < aware:
            raise ValidationError(
                {"at": _("An update cannot be dated before the breach became known.")}
            )
