"""The request register: ``DataSubjectRequest`` (one request with its deadline, identity
check, extension, decision and written reply) and ``RequestEvent``, its status history."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import SUBJECT_PERSON_KEY
from klantcontact.db import employee_reference
from referencedata.models import CodeList, ReferenceCode


class DataSubjectRequest(models.Model):
    class Kind(models.TextChoices):
        ACCESS = "access", _("access (art. 15)")
        RECTIFICATION = "rectification", _("rectification or completion (art. 16)")
        ERASURE = "erasure", _("erasure (art. 17)")
        RESTRICTION = "restriction", _("restriction of processing (art. 18)")
        PORTABILITY = "portability", _("data portability (art. 20)")
        OBJECTION = "objection", _("objection (art. 21)")

    class RequesterKind(models.TextChoices):
        SELF = "self", _("the person themself")
        REPRESENTATIVE = "representative", _("a representative with a mandate")

    class Verification(models.TextChoices):
        ID_AT_DESK = "id_at_desk", _("identity document seen at the desk")
        ID_COPY = "id_copy", _("shielded copy of an identity document")
        KNOWN_ADDRESS = "known_address", _("reply through the address known to us")
        CHECK_QUESTIONS = "check_questions", _("check questions by telephone")
        MANDATE = "mandate", _("representative's mandate and identity checked")

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        IDENTITY_VERIFIED = "identity_verified", _("identity verified, in progress")
        COMPLETED = "completed", _("completed")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Outcome(models.TextChoices):
        GRANTED = "granted", _("granted")
        PARTLY = "partly", _("partly granted")
        REFUSED = "refused", _("refused")

    class RefusalReason(models.TextChoices):
        STATUTORY_DUTY = "statutory_duty", _("a statutory duty to keep the data")
        LEGAL_HOLD = "legal_hold", _("the data is needed for a legal claim (legal hold)")
        THIRD_PARTY = "third_party", _("rights and freedoms of others (third-party information)")
        COMPELLING_GROUNDS = (
            "compelling_grounds",
            _("compelling legitimate grounds outweigh the objection"),
        )
        UNFOUNDED = "unfounded", _("manifestly unfounded or excessive (art. 12(5))")
        NO_DATA = "no_data", _("we hold no such data")
        DATA_CORRECT = "data_correct", _("the data is correct")

    OPEN_STATUSES = (Status.RECEIVED, Status.IDENTITY_VERIFIED)

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    kind = models.CharField(_("kind of request"), max_length=20, choices=Kind.choices)
    person = models.ForeignKey(
        "contacts.Person",
        on_delete=models.SET_NULL,
        null=True,
        related_name="data_subject_requests",
        verbose_name=_("data subject"),
        help_text=_("Empty once the person's data has been erased."),
    )
    requester_kind = models.CharField(
        _("requested by"), max_length=20, choices=RequesterKind.choices, default=RequesterKind.SELF
    )
    mandate = models.ForeignKey(
        "contacts.Mandate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mandate"),
        help_text=_("The representative's valid mandate."),
    )
    received_at = models.DateTimeField(_("received at"))
    channel = models.ForeignKey(
        ReferenceCode,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"code_list": CodeList.CHANNEL},
        verbose_name=_("channel"),
    )
    description = models.TextField(
        _("what is asked"),
        max_length=2000,
        blank=True,
        help_text=_("In the requester's words, briefly. No more personal data than needed."),
    )
    due_date = models.DateField(_("due date"), editable=False)
    identity_verified_how = models.CharField(
        _("identity verified how"), max_length=20, choices=Verification.choices, blank=True
    )
    identity_verified_at = models.DateTimeField(_("identity verified at"), null=True, blank=True)
    identity_verified_by = employee_reference(_("identity verified by"))
    extended_until = models.DateField(_("extended until"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    extension_told_at = models.DateTimeField(
        _("requester told of the extension at"), null=True, blank=True
    )
    assignee = employee_reference(_("handled by"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    refusal_reason = models.CharField(
        _("reason for refusal"), max_length=30, choices=RefusalReason.choices, blank=True
    )
    reply = models.TextField(_("written reply"), blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = employee_reference(_("completed by"))
    legal_hold = models.ForeignKey(
        "retention.LegalHold",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("legal hold"),
    )
    reminded_7_on = models.DateField(null=True, blank=True, editable=False)
    reminded_3_on = models.DateField(null=True, blank=True, editable=False)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("registered by"),
    )

    class Meta:
        verbose_name = _("data-subject request")
        verbose_name_plural = _("data-subject requests")
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["status", "due_date"], name="rights_request_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(requester_kind="representative")
                | models.Q(mandate__isnull=False),
                name="rights_representative_has_mandate",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="completed")
                | (
                    models.Q(identity_verified_at__isnull=False)
                    & ~models.Q(outcome="")
                    & ~models.Q(reply="")
                ),
                name="rights_completed_is_verified_and_decided",
            ),
        ]

    def __str__(self):
        return _("Request %(reference)s") % {"reference": self.reference or self.pk}

    def get_additional_data(self):
        return {SUBJECT_PERSON_KEY: self.person_id}

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def deadline(self):
        """The date the reply is due: the extended date if extended, else the due date."""
        return self.extended_until or self.due_date

    def is_overdue(self, day=None) -> bool:
        day = day or timezone.localdate()
        return self.is_open and self.deadline < day


class RequestEvent(models.Model):
    """The status history of a request: who did what when."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("received")
        IDENTITY_VERIFIED = "identity_verified", _("identity verified")
        ASSIGNED = "assigned", _("assigned")
        EXTENDED = "extended", _("extended")
        EXPORT_PRODUCED = "export_produced", _("copy produced")
        EXPORT_DOWNLOADED = "export_downloaded", _("copy downloaded")
        ITEM_WITHHELD = "item_withheld", _("item withheld")
        RECTIFIED = "rectified", _("data corrected")
        STATEMENT_ADDED = "statement_added", _("statement added")
        ERASED = "erased", _("data erased")
        RESTRICTED = "restricted", _("processing restricted")
        RESTRICTION_LIFTED = "restriction_lifted", _("restriction lifted")
        OBJECTION = "objection", _("objection recorded")
        REMINDER = "reminder", _("reminder sent")
        ESCALATED = "escalated", _("escalated to the privacy officer")
        COMPLETED = "completed", _("completed")
        WITHDRAWN = "withdrawn", _("withdrawn")

    request = models.ForeignKey(
        DataSubjectRequest,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("request"),
    )
    kind = models.CharField(_("what"), max_length=30, choices=Kind.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = employee_reference(_("by"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("request event")
        verbose_name_plural = _("request events")
        ordering = ["at", "pk"]

    def __str__(self):
        return _("Request event #%(id)s") % {"id": self.pk}
