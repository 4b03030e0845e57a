"""Rights of data subjects (AVG art. 15-21): the request register and what requests leave behind.

- ``DataSubjectRequest``: one request with its deadline, identity check, extension, decision and
  written reply; ``RequestEvent`` is its status history.
- ``WithheldItem``: a record left out of an access copy (third-party information), with the reason.
- ``AccessExport``: a produced access/portability copy; its content expires.
- ``Rectification`` and ``PersonStatement``: corrections and the person's own statement (art. 16).
- ``ProcessingRestriction`` (art. 18), ``Objection`` (art. 21) and ``SurveyOptOut``.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import SUBJECT_PERSON_KEY
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
    identity_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("identity verified by"),
    )
    extended_until = models.DateField(_("extended until"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    extension_told_at = models.DateTimeField(
        _("requester told of the extension at"), null=True, blank=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    refusal_reason = models.CharField(
        _("reason for refusal"), max_length=30, choices=RefusalReason.choices, blank=True
    )
    reply = models.TextField(_("written reply"), blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("completed by"),
    )
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
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("request event")
        verbose_name_plural = _("request events")
        ordering = ["at", "pk"]

    def __str__(self):
        return _("Request event #%(id)s") % {"id": self.pk}


class WithheldItem(models.Model):
    """A record left out of an access copy because it would reveal others' information."""

    class ItemKind(models.TextChoices):
        CONTACT_MOMENT = "contact_moment", _("contact moment")
        TASK = "task", _("task")
        SIGNAL = "signal", _("signal")

    request = models.ForeignKey(
        DataSubjectRequest,
        on_delete=models.CASCADE,
        related_name="withheld_items",
        verbose_name=_("request"),
    )
    item_kind = models.CharField(_("kind of record"), max_length=20, choices=ItemKind.choices)
    object_id = models.BigIntegerField(_("record"))
    reason = models.CharField(
        _("reason"),
        max_length=500,
        help_text=_("Why showing it would harm others (e.g. it names a neighbour who reported)."),
    )
    withheld_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("withheld by"),
    )
    withheld_at = models.DateTimeField(_("withheld at"), default=timezone.now)

    class Meta:
        verbose_name = _("withheld item")
        verbose_name_plural = _("withheld items")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "item_kind", "object_id"], name="rights_withheld_once"
            ),
        ]

    def __str__(self):
        return _("Withheld item #%(id)s") % {"id": self.pk}


class AccessExport(models.Model):
    """A produced copy (access or portability). Its content is blanked when it expires."""

    request = models.ForeignKey(
        DataSubjectRequest,
        on_delete=models.CASCADE,
        related_name="exports",
        verbose_name=_("request"),
    )
    produced_at = models.DateTimeField(_("produced at"), default=timezone.now)
    produced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("produced by"),
    )
    expires_at = models.DateTimeField(_("expires at"))
    content = models.JSONField(_("content"), null=True, blank=True, editable=False)
    sha256 = models.CharField(max_length=64, blank=True, editable=False)
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)

    class Meta:
        verbose_name = _("produced copy")
        verbose_name_plural = _("produced copies")
        ordering = ["-produced_at"]

    def __str__(self):
        return _("Copy #%(id)s") % {"id": self.pk}

    def is_expired(self, now=None) -> bool:
        return self.content is None or self.expires_at <= (now or timezone.now())


class Rectification(models.Model):
    """A correction of a record at a person's request; the change itself is in the audit trail."""

    request = models.ForeignKey(
        DataSubjectRequest,
        on_delete=models.CASCADE,
        related_name="rectifications",
        verbose_name=_("request"),
    )
    person = models.ForeignKey(
        "contacts.Person",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    record_label = models.CharField(_("record"), max_length=50)
    object_id = models.BigIntegerField(_("record id"))
    fields = models.CharField(_("fields corrected"), max_length=300)
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        verbose_name = _("rectification")
        verbose_name_plural = _("rectifications")
        ordering = ["-at"]

    def __str__(self):
        return _("Rectification #%(id)s") % {"id": self.pk}

    def get_additional_data(self):
        return {SUBJECT_PERSON_KEY: self.person_id}


class PersonStatement(models.Model):
    """The person's own statement added to a record they dispute (seed 004 art. 9.1)."""

    class RecordKind(models.TextChoices):
        PERSON = "person", _("personal details")
        CONTACT_MOMENT = "contact_moment", _("contact moment")
        SIGNAL = "signal", _("signal")

    person = models.ForeignKey(
        "contacts.Person",
        on_delete=models.CASCADE,
        related_name="statements",
        verbose_name=_("person"),
    )
    request = models.ForeignKey(
        DataSubjectRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("request"),
    )
    record_kind = models.CharField(
        _("disputed record"), max_length=20, choices=RecordKind.choices, default=RecordKind.PERSON
    )
    object_id = models.BigIntegerField(_("record id"), null=True, blank=True)
    statement = models.TextField(
        _("statement of the person"),
        max_length=2000,
        help_text=_("In the person's own words; it stays with the record."),
    )
    received_on = models.DateField(_("received on"), default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("statement of the person")
        verbose_name_plural = _("statements of persons")
        ordering = ["-received_on", "-pk"]

    def __str__(self):
        return _("Statement #%(id)s") % {"id": self.pk}

    def get_additional_data(self):
        return {SUBJECT_PERSON_KEY: self.person_id}


class ProcessingRestriction(models.Model):
    """Art. 18: while active, the person's data may be stored but not changed or exported
    (except by the privacy officer)."""

    person = models.ForeignKey(
        "contacts.Person",
        on_delete=models.CASCADE,
        related_name="processing_restrictions",
        verbose_name=_("person"),
    )
    request = models.ForeignKey(
        DataSubjectRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="restrictions",
        verbose_name=_("request"),
    )
    reason = models.CharField(
        _("reason"),
        max_length=300,
        help_text=_("E.g. 'accuracy disputed, being checked' (art. 18(1)(a))."),
    )
    started_at = models.DateTimeField(_("from"), default=timezone.now)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    ended_at = models.DateTimeField(_("until"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ended by"),
    )

    class Meta:
        verbose_name = _("processing restriction")
        verbose_name_plural = _("processing restrictions")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(ended_at__isnull=True),
                name="rights_one_active_restriction",
            ),
        ]

    def __str__(self):
        return _("Restriction #%(id)s") % {"id": self.pk}

    def get_additional_data(self):
        return {SUBJECT_PERSON_KEY: self.person_id}


class Objection(models.Model):
    """Art. 21: an objection to one purpose; that processing stops at once."""

    class Purpose(models.TextChoices):
        SURVEYS = "surveys", _("satisfaction surveys")
        INFORMATION_EVENINGS = "information_evenings", _("invitations to information evenings")
        NEWSLETTER = "newsletter", _("newsletter and residents' information by e-mail")
        RESIDENT_PARTICIPATION = "resident_participation", _("invitations to resident panels")
        # Sharing with partners on a covenant (not where the law requires it: art. 21 does not
        # apply to a legal obligation).
        DISCLOSURE = "disclosure", _("sharing with partners under a covenant")

    person = models.ForeignKey(
        "contacts.Person",
        on_delete=models.CASCADE,
        related_name="objections",
        verbose_name=_("person"),
    )
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    request = models.ForeignKey(
        DataSubjectRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="objections",
        verbose_name=_("request"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(fields=["person", "purpose"], name="rights_objection_once"),
        ]

    def __str__(self):
        return _("Objection #%(id)s") % {"id": self.pk}

    def get_additional_data(self):
        return {SUBJECT_PERSON_KEY: self.person_id}


class SurveyOptOut(models.Model):
    """The person does not want satisfaction-survey invitations (through staff or a link)."""

    class Via(models.TextChoices):
        STAFF = "staff", _("through an employee")
        LINK = "link", _("through the link in a survey e-mail")

    person = models.ForeignKey(
        "contacts.Person",
        on_delete=models.CASCADE,
        related_name="survey_opt_outs",
        verbose_name=_("person"),
    )
    via = models.CharField(_("via"), max_length=10, choices=Via.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    token_nonce = models.CharField(
        max_length=32, null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        verbose_name = _("survey opt-out")
        verbose_name_plural = _("survey opt-outs")
        ordering = ["-at"]

    def __str__(self):
        return _("Opt-out #%(id)s") % {"id": self.pk}

    def get_additional_data(self):
        return {SUBJECT_PERSON_KEY: self.person_id}
