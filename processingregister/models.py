"""The processing register (art. 30 AVG), processor agreements and the data-breach register.

Models hold data and field-level validation; the rules that span records (approving an
activity, binding registrations, deadlines, reminders, exports) live in ``services``.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from . import countries
from .categories import CRIMINAL, NATIONAL_ID, ORDINARY, SPECIAL

BREACH_NOTIFICATION_HOURS = 72  # art. 33(1) AVG


def utc(value: datetime.datetime | None) -> datetime.datetime | None:
    """The same moment in UTC. Arithmetic and comparisons between two datetimes that share a
    zoneinfo tzinfo are wall-clock (Python ignores the offset then), which is off by an hour
    across a daylight-saving change; in UTC they count real elapsed time."""
    return value.astimezone(datetime.UTC) if value is not None else None


def _local(value: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y H:i")


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


# --- Reference lists of the register ----------------------------------------------------------


class Controller(TimestampedModel):
    """The controller (verwerkingsverantwoordelijke) and its contact points, art. 30(1)(a)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    address = models.TextField(_("postal address"))
    email = models.EmailField(_("e-mail address"), help_text=_("A function mailbox."))
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    chamber_of_commerce_number = models.CharField(
        _("Chamber of Commerce number"), max_length=8, blank=True
    )
    dpo_name = models.CharField(
        _("data protection officer"),
        max_length=200,
        help_text=_("Name of the data protection officer (FG) as registered with the AP."),
    )
    dpo_email = models.EmailField(_("e-mail address of the DPO"))
    dpo_phone = models.CharField(_("phone number of the DPO"), max_length=30, blank=True)
    representative = models.TextField(
        _("representative in the EU"),
        blank=True,
        help_text=_("Art. 27 AVG; only for a controller established outside the EU."),
    )

    class Meta:
        verbose_name = _("controller")
        verbose_name_plural = _("controllers")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Department(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]

    def __str__(self):
        return self.name


class DataSubjectCategory(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_vulnerable = models.BooleanField(
        _("vulnerable group"),
        default=False,
        help_text=_(
            "Persons who depend on the corporation or cannot easily stand up for themselves "
            "(e.g. applicants with a medical urgency). A reason to consider a DPIA."
        ),
    )

    class Meta:
        verbose_name = _("category of data subjects")
        verbose_name_plural = _("categories of data subjects")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PersonalDataCategory(models.Model):
    """A category of personal data. Rows from ``categories.CATALOGUE`` are synced on migrate and
    are the codes the per-app inventory declarations use; the officer may add others (for data
    held outside this application)."""

    class Kind(models.TextChoices):
        ORDINARY = ORDINARY, _("ordinary personal data")
        SPECIAL = SPECIAL, _("special category (art. 9 AVG)")
        CRIMINAL = CRIMINAL, _("criminal data (art. 10 AVG)")
        NATIONAL_ID = NATIONAL_ID, _("national identification number (art. 87 AVG)")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ORDINARY)
    description = models.TextField(_("description"), blank=True)
    in_catalogue = models.BooleanField(
        _("from the application's catalogue"),
        default=False,
        editable=False,
        help_text=_("Maintained in code; the inventory of database fields refers to it."),
    )

    class Meta:
        verbose_name = _("category of personal data")
        verbose_name_plural = _("categories of personal data")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_special(self) -> bool:
        return self.kind == self.Kind.SPECIAL

    @property
    def is_criminal(self) -> bool:
        return self.kind == self.Kind.CRIMINAL


class Party(TimestampedModel):
    """An outside organisation: processor, sub-processor, joint controller or recipient."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    chamber_of_commerce_number = models.CharField(
        _("Chamber of Commerce number"), max_length=8, blank=True
    )
    address = models.TextField(_("address"), blank=True)
    country = models.CharField(
        _("country of establishment"), max_length=2, choices=countries.CHOICES, default="NL"
    )
    contact = models.CharField(
        _("privacy contact"),
        max_length=200,
        blank=True,
        help_text=_("Preferably a function mailbox, e.g. privacy@supplier.nl."),
    )

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["name"]

    def __str__(self):
        return self.name


class InformationSystem(models.Model):
    name = models.CharField(_("name"), max_length=150, unique=True)
    description = models.TextField(_("description"), blank=True)
    supplier = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="systems",
        verbose_name=_("supplier"),
    )
    hosting = models.CharField(
        _("hosting"), max_length=200, blank=True, help_text=_("Where the data is stored.")
    )

    class Meta:
        verbose_name = _("system")
        verbose_name_plural = _("systems")
        ordering = ["name"]

    def __str__(self):
        return self.name


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
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact in the application"),
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
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("noted by"),
    )

    class Meta:
        verbose_name = _("register version")
        verbose_name_plural = _("register versions")
        ordering = ["-number"]

    def __str__(self):
        return _("Version %(number)s") % {"number": self.number}


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
