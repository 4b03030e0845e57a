"""Processing activities (art. 30 AVG), their choices, transfers, history and register versions."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcontact.db import employee_reference

from .. import countries
from .base import TimestampedModel
from .reference import (
    Controller,
    DataSubjectCategory,
    Department,
    InformationSystem,
    PersonalDataCategory,
)

# --- Processing activities ---------------------------------------------------------------------


class LegalBasis(models.TextChoices):
    CONSENT = "a", _("Consent (art. 6(1)(a) AVG)")
    CONTRACT = "b", _("Performance of a contract (art. 6(1)(b) AVG)")
    LEGAL_OBLIGATION = "c", _("Legal obligation (art. 6(1)(c) AVG)")
    VITAL_INTEREST = "d", _("Vital interest (art. 6(1)(d) AVG)")
    PUBLIC_TASK = "e", _("Public task (art. 6(1)(e) AVG)")
    LEGITIMATE_INTEREST = "f", _("Legitimate interest (art. 6(1)(f) AVG)")


class SpecialCategoryCondition(models.TextChoices):
    EXPLICIT_CONSENT = "a", _("Explicit consent (art. 9(2)(a) AVG)")
    EMPLOYMENT = "b", _("Employment and social security law (art. 9(2)(b) AVG)")
    VITAL_INTEREST = "c", _("Vital interest (art. 9(2)(c) AVG)")
    NOT_FOR_PROFIT = "d", _("Not-for-profit body (art. 9(2)(d) AVG)")
    MADE_PUBLIC = "e", _("Made public by the data subject (art. 9(2)(e) AVG)")
    LEGAL_CLAIMS = "f", _("Legal claims (art. 9(2)(f) AVG)")
    PUBLIC_INTEREST = "g", _("Substantial public interest on a legal basis (art. 9(2)(g) AVG)")
    CARE = "h", _("Health or social care (art. 9(2)(h) AVG)")
    PUBLIC_HEALTH = "i", _("Public health (art. 9(2)(i) AVG)")
    ARCHIVING = "j", _("Archiving, research or statistics (art. 9(2)(j) AVG)")


class CriminalDataBasis(models.TextChoices):
    CONSENT = "uavg-32a", _("Explicit consent (art. 32(a) UAVG)")
    MADE_PUBLIC = "uavg-32b", _("Made public by the data subject (art. 32(b) UAVG)")
    VITAL_INTEREST = "uavg-32c", _("Vital interest (art. 32(c) UAVG)")
    LEGAL_CLAIMS = "uavg-32d", _("Legal claims (art. 32(d) UAVG)")
    PUBLIC_INTEREST = "uavg-32f", _("Substantial public interest (art. 32(f) UAVG)")
    PROTECTION = "uavg-33", _("Protection against criminal acts (art. 33(4) UAVG)")
    OTHER_LAW = "law", _("Another statutory provision")


class RetentionUnit(models.TextChoices):
    DAYS = "days", _("days")
    WEEKS = "weeks", _("weeks")
    MONTHS = "months", _("months")
    YEARS = "years", _("years")


class RetentionTrigger(models.TextChoices):
    CONTACT = "contact", _("the date of the contact")
    CASE_CLOSED = "case_closed", _("the closing of the case or request")
    RELATIONSHIP_END = "relationship_end", _("the end of the customer relationship")
    TENANCY_END = "tenancy_end", _("the end of the tenancy")
    DEBT_SETTLED = "debt_settled", _("full payment or the end of the payment arrangement")
    ALLOCATION = "allocation", _("the allocation of the home")
    SURVEY_CLOSED = "survey_closed", _("the end of the survey")
    RECORDED = "recorded", _("the moment of recording")
    ACCOUNT_END = "account_end", _("the end of employment or of the account")
    OTHER = "other", _("another moment (see explanation)")


class DpiaNeeded(models.TextChoices):
    UNDETERMINED = "undetermined", _("not yet determined")
    YES = "yes", _("yes")
    NO = "no", _("no")


class ProcessingActivity(TimestampedModel):
    """One processing activity of the register, with everything art. 30(1) AVG asks for.

    Other apps bind their registrations (contact subjects, task kinds, signal types) to an
    activity with a ``processing_activity`` foreign key (PROTECT); ``services.unbound_records``
    finds every such model.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_REVIEW = "in_review", _("in review")
        APPROVED = "approved", _("approved")
        RETIRED = "retired", _("retired")

    code = models.SlugField(
        _("code"),
        max_length=60,
        unique=True,
        help_text=_("Stable key that other parts of the application bind to. Never reuse one."),
    )
    name = models.CharField(_("name"), max_length=200)
    controller = models.ForeignKey(
        Controller,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("controller"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("department"),
    )
    process_owner = models.CharField(
        _("process owner"),
        max_length=150,
        blank=True,
        help_text=_("The function responsible for this processing, e.g. 'Manager Woonservice'."),
    )
    owner_user = employee_reference(
        _("contact in the application"),
        help_text=_("Receives the review reminders together with the privacy officers."),
    )
    purposes = models.TextField(_("purposes"), blank=True)
    legal_basis = models.CharField(
        _("legal basis"), max_length=1, choices=LegalBasis.choices, blank=True
    )
    legal_basis_explanation = models.TextField(
        _("explanation of the legal basis"),
        blank=True,
        help_text=_(
            "The contract or statutory provision; for a legitimate interest the balancing test."
        ),
    )
    subject_categories = models.ManyToManyField(
        DataSubjectCategory,
        blank=True,
        related_name="activities",
        verbose_name=_("categories of data subjects"),
    )
    data_categories = models.ManyToManyField(
        PersonalDataCategory,
        blank=True,
        related_name="activities",
        verbose_name=_("categories of personal data"),
    )
    special_category_condition = models.CharField(
        _("exception for special categories (art. 9(2))"),
        max_length=1,
        choices=SpecialCategoryCondition.choices,
        blank=True,
    )
    special_category_explanation = models.TextField(
        _("explanation of the art. 9 exception"), blank=True
    )
    criminal_data_basis = models.CharField(
        _("basis for criminal data (art. 10)"),
        max_length=10,
        choices=CriminalDataBasis.choices,
        blank=True,
    )
    criminal_data_explanation = models.TextField(_("explanation of the art. 10 basis"), blank=True)
    internal_access = models.TextField(
        _("internal access"),
        blank=True,
        help_text=_("Which functions or teams may see the data, and why."),
    )
    statutory_recipients = models.TextField(
        _("recipients without an agreement"),
        blank=True,
        help_text=_(
            "Only recipients that receive data because the law says so (e.g. the municipality "
            "for early detection of debts). Processors and covenant partners come from the "
            "agreements."
        ),
    )
    retention_period = models.PositiveIntegerField(
        _("retention period"), null=True, blank=True, help_text=_("0 means: delete at once.")
    )
    retention_unit = models.CharField(
        _("unit"), max_length=10, choices=RetentionUnit.choices, default=RetentionUnit.YEARS
    )
    retention_trigger = models.CharField(
        _("counted from"), max_length=20, choices=RetentionTrigger.choices, blank=True
    )
    retention_explanation = models.TextField(_("explanation of the retention period"), blank=True)
    security_measures = models.TextField(
        _("technical and organisational measures"),
        blank=True,
        help_text=_("A general description (art. 32 AVG)."),
    )
    systems = models.ManyToManyField(
        InformationSystem, blank=True, related_name="activities", verbose_name=_("systems")
    )
    dpia_needed = models.CharField(
        _("DPIA needed"), max_length=15, choices=DpiaNeeded.choices, default=DpiaNeeded.UNDETERMINED
    )
    dpia_reference = models.CharField(_("DPIA reference"), max_length=100, blank=True)
    dpia_explanation = models.TextField(
        _("explanation of the DPIA decision"),
        blank=True,
        help_text=_("Why a DPIA is or is not needed, and its main conclusions."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("replaced by"),
        editable=False,
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, editable=False)
    review_date = models.DateField(
        _("review date"),
        null=True,
        blank=True,
        help_text=_("When this activity must be reviewed again; reminders are sent before."),
    )
    last_reviewed_on = models.DateField(_("last reviewed on"), null=True, editable=False)
    review_reminder_sent_on = models.DateField(
        _("review reminder sent on"), null=True, editable=False
    )

    class Meta:
        verbose_name = _("processing activity")
        verbose_name_plural = _("processing activities")
        ordering = ["name"]
        permissions = [
            ("approve_processingactivity", _("Can approve and retire processing activities")),
            ("bind_records", _("Can bind registrations to a processing activity")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(replaced_by=models.F("id")),
                name="activity_not_replaced_by_itself",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    def retention_display(self) -> str:
        if self.retention_period is None or not self.retention_trigger:
            return ""
        trigger = self.get_retention_trigger_display()
        if self.retention_trigger == RetentionTrigger.OTHER:
            return _("%(period)s %(unit)s (see the explanation)") % {
                "period": self.retention_period,
                "unit": self.get_retention_unit_display(),
            }
        if self.retention_period == 0:
            return _("Delete immediately after %(trigger)s") % {"trigger": trigger}
        return _("%(period)s %(unit)s after %(trigger)s") % {
            "period": self.retention_period,
            "unit": self.get_retention_unit_display(),
            "trigger": trigger,
        }


class Transfer(models.Model):
    """A transfer of personal data to a country outside the EEA, with its safeguard."""

    class Safeguard(models.TextChoices):
        ADEQUACY = "adequacy", _("Adequacy decision (art. 45 AVG)")
        SCC = "scc", _("Standard contractual clauses (art. 46(2)(c) AVG)")
        BCR = "bcr", _("Binding corporate rules (art. 47 AVG)")
        CODE_OR_CERTIFICATION = "code", _("Code of conduct or certification (art. 46(2)(e-f) AVG)")
        DEROGATION = "derogation", _("Derogation for a specific situation (art. 49 AVG)")

    activity = models.ForeignKey(
        ProcessingActivity,
        on_delete=models.CASCADE,
        related_name="transfers",
        verbose_name=_("processing activity"),
    )
    recipient = models.CharField(_("recipient"), max_length=200)
    country = models.CharField(_("country"), max_length=2, choices=countries.THIRD_COUNTRY_CHOICES)
    safeguard = models.CharField(
        _("safeguard"), max_length=12, choices=Safeguard.choices, blank=True
    )
    safeguard_details = models.TextField(
        _("documentation of the safeguard"),
        blank=True,
        help_text=_("Which decision, clauses or rules; where the documentation is kept."),
    )

    class Meta:
        verbose_name = _("transfer to a third country")
        verbose_name_plural = _("transfers to third countries")
        ordering = ["country", "recipient"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(safeguard=""), name="transfer_has_a_safeguard"
            ),
        ]

    def __str__(self):
        return f"{self.recipient} ({countries.name(self.country)})"

    def clean(self):
        errors = {}
        if self.country and countries.in_eea(self.country):
            errors["country"] = _(
                "%(country)s is in the EEA: that is not a transfer to a third country."
            ) % {"country": countries.name(self.country)}
        if not self.safeguard:
            errors["safeguard"] = _(
                "A transfer outside the EEA is only allowed with a safeguard: choose an "
                "adequacy decision, standard contractual clauses, binding corporate rules, a "
                "code of conduct or certification, or a documented derogation."
            )
        elif not self.safeguard_details.strip():
            errors["safeguard_details"] = _(
                "Document the safeguard: which decision or clauses apply and where they are kept."
            )
        if errors:
            raise ValidationError(errors)


class ActivityEvent(models.Model):
    """The history of an activity: status changes and reviews, with who and why."""

    class Kind(models.TextChoices):
        CREATED = "created", _("created")
        SUBMITTED = "submitted", _("submitted for review")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned to draft")
        RETIRED = "retired", _("retired")
        REVIEWED = "reviewed", _("reviewed")

    activity = models.ForeignKey(
        ProcessingActivity,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("processing activity"),
    )
    kind = models.CharField(_("event"), max_length=12, choices=Kind.choices)
    from_status = models.CharField(
        _("from status"), max_length=12, choices=ProcessingActivity.Status.choices, blank=True
    )
    to_status = models.CharField(
        _("to status"), max_length=12, choices=ProcessingActivity.Status.choices
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = employee_reference(_("by"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["activity", "-at"], name="activity_event_idx")]

    def __str__(self):
        return _("History entry #%(id)s") % {"id": self.pk}


class RegisterVersion(models.Model):
    """A version of the register: a new number whenever the approved content changed."""

    number = models.PositiveIntegerField(_("version"), unique=True)
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    created_at = models.DateTimeField(_("since"), default=timezone.now)
    created_by = employee_reference(_("noted by"))

    class Meta:
        verbose_name = _("register version")
        verbose_name_plural = _("register versions")
        ordering = ["-number"]

    def __str__(self):
        return _("Version %(number)s") % {"number": self.number}
