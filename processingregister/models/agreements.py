"""Processor agreements and covenants with other parties, and their sub-processors."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from .. import countries
from .activities import ProcessingActivity
from .base import BREACH_NOTIFICATION_HOURS, TimestampedModel
from .reference import Party, PersonalDataCategory

# --- Processor agreements and covenants ---------------------------------------------------------


class Agreement(TimestampedModel):
    """A processor agreement (verwerkersovereenkomst), joint-controller arrangement or covenant.

    The register's recipients are derived from these: an activity's recipients are the parties
    of the agreements linked to it.
    """

    class Role(models.TextChoices):
        PROCESSOR = "processor", _("processor")
        SUB_PROCESSOR = "sub_processor", _("sub-processor")
        JOINT_CONTROLLER = "joint_controller", _("joint controller (art. 26 AVG)")
        RECIPIENT = "recipient", _("recipient under a covenant")

    class EndOfTerm(models.TextChoices):
        RETURN = "return", _("return the data")
        DELETE = "delete", _("delete the data")
        RETURN_AND_DELETE = "return_and_delete", _("return the data, then delete it")

    reference = models.CharField(_("reference"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("counterparty")
    )
    role = models.CharField(_("role of the counterparty"), max_length=20, choices=Role.choices)
    activities = models.ManyToManyField(
        ProcessingActivity,
        blank=True,
        related_name="agreements",
        verbose_name=_("processing activities"),
    )
    purposes = models.TextField(
        _("purposes"), help_text=_("For what the counterparty may use the data, and only that.")
    )
    data_categories = models.ManyToManyField(
        PersonalDataCategory,
        blank=True,
        related_name="agreements",
        verbose_name=_("categories of personal data"),
    )
    security_measures = models.TextField(_("security measures"), blank=True)
    data_subject_rights = models.TextField(
        _("support for data subjects' rights"),
        blank=True,
        help_text=_("How requests for access, rectification and erasure are passed on and met."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("expiry date"), null=True, blank=True, help_text=_("Empty: for an indefinite period.")
    )
    end_of_term = models.CharField(
        _("at the end"), max_length=20, choices=EndOfTerm.choices, default=EndOfTerm.DELETE
    )
    end_of_term_details = models.TextField(
        _("what happens to the data at the end"),
        blank=True,
        help_text=_("Term, and how deletion is confirmed."),
    )
    liability = models.TextField(_("liability and sanctions"), blank=True)
    breach_notification_hours = models.PositiveSmallIntegerField(
        _("breach notification within (hours)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(BREACH_NOTIFICATION_HOURS)],
        help_text=_("How soon the counterparty must report a data breach to the corporation."),
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    expiry_warning_days = models.PositiveSmallIntegerField(_("warn days before expiry"), default=90)
    expiry_reminder_sent_for = models.DateField(
        _("expiry reminder sent for"), null=True, editable=False
    )
    document_name = models.CharField(_("document"), max_length=200, blank=True, editable=False)
    document_content_type = models.CharField(max_length=100, blank=True, editable=False)
    document_size = models.PositiveIntegerField(null=True, editable=False)
    document_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    document_uploaded_at = models.DateTimeField(null=True, editable=False)
    # The signed document itself, in the database: it is confidential and is only served to
    # the privacy officer through a login-protected view, never as a public media file.
    document_content = models.BinaryField(null=True, editable=False)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("processor agreements and covenants")
        ordering = ["party__name", "reference"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="agreement_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    @property
    def has_document(self) -> bool:
        return bool(self.document_name)

    def is_in_force(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _(
                "The expiry date (%(end)s) is before the start date (%(start)s)."
            ) % {
                "end": formats.date_format(self.end_date, "j F Y"),
                "start": formats.date_format(self.start_date, "j F Y"),
            }
        if (
            self.role in (self.Role.PROCESSOR, self.Role.SUB_PROCESSOR)
            and self.breach_notification_hours is None
        ):
            errors["breach_notification_hours"] = _(
                "Record within how many hours the processor must report a data breach."
            )
        if errors:
            raise ValidationError(errors)


class SubProcessor(models.Model):
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="sub_processors",
        verbose_name=_("agreement"),
    )
    name = models.CharField(_("name"), max_length=200)
    service = models.CharField(_("service"), max_length=200)
    country = models.CharField(
        _("where the data is processed"), max_length=2, choices=countries.CHOICES, default="NL"
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)

    class Meta:
        verbose_name = _("sub-processor")
        verbose_name_plural = _("sub-processors")
        ordering = ["name"]

    def __str__(self):
        return self.name
