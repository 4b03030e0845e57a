"""The disclosure log (one aggregate: a disclosure with the persons it concerned).

A disclosure is one act of sharing personal data with a third party: a covenant partner (the
municipality for early debt detection, a neighbourhood team), a processor (a contractor), or an
authority that asks under a legal article (the police, a bailiff, a court). It records who
shared, with whom, under which agreement and legal basis, which categories of data (the
register's categories, not free text), through which channel and when: the tenant's access copy
says who received their data (art. 15(1)(c) AVG) and after a rectification, erasure or
restriction the recipients are notified (art. 19).

A case conference (Zorg- en Veiligheidshuis, wijkteam) is recorded as "that" only: the meeting,
the partner and the kind of signal, never what was said (seed 003 §2.4: oral sharing of special
or criminal data is not registered in the corporation's systems).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantcontact.db import employee_reference


class Basis(models.TextChoices):
    COVENANT = "covenant", _("covenant with the partner")
    PROCESSOR = "processor", _("processor agreement (the partner works for us)")
    LEGAL_OBLIGATION = "legal_obligation", _("legal obligation")
    COURT_ORDER = "court_order", _("court order or formal demand")
    CONSENT = "consent", _("consent of the tenant")


# The bases that need an agreement in force with the recipient, and those that override an
# objection or restriction (the law requires the sharing; the form asks which article).
NEEDS_AGREEMENT = frozenset({Basis.COVENANT, Basis.PROCESSOR})
OVERRIDES_OBJECTION = frozenset({Basis.LEGAL_OBLIGATION, Basis.COURT_ORDER})


class Channel(models.TextChoices):
    CASE_CONFERENCE = "case_conference", _("case conference (orally)")
    SECURE_MAIL = "secure_mail", _("secure e-mail")
    API = "api", _("link between systems (API)")
    FILE = "file", _("file transfer")
    LETTER = "letter", _("letter")
    PHONE = "phone", _("telephone")


class ArrearsPosition(models.Model):
    """A tenancy's rent arrears on a day, as the tenant administration (ERP) reports it: the
    input of the periodic early-warning disclosure to the municipality (Wet gemeentelijke
    schuldhulpverlening, art. 4a). Imported, never typed in."""

    tenancy = models.ForeignKey(
        "contacts.Tenancy",
        on_delete=models.CASCADE,
        related_name="arrears_positions",
        verbose_name=_("tenancy"),
        help_text=_("The tenancy in arrears."),
    )
    as_of = models.DateField(_("as of"), help_text=_("The day of the position in the ERP."))
    months_overdue = models.DecimalField(
        _("months overdue"),
        max_digits=4,
        decimal_places=1,
        help_text=_("How many months' rent is unpaid."),
    )
    amount_cents = models.PositiveIntegerField(
        _("amount (cents)"), help_text=_("The unpaid amount, in euro cents.")
    )
    imported_at = models.DateTimeField(
        _("imported at"), auto_now_add=True, help_text=_("When it was loaded from the ERP.")
    )

    class Meta:
        verbose_name = _("rent arrears position")
        verbose_name_plural = _("rent arrears positions")
        ordering = ["-as_of", "tenancy"]
        constraints = [
            models.UniqueConstraint(fields=["tenancy", "as_of"], name="arrears_once_per_day"),
            models.CheckConstraint(
                condition=models.Q(months_overdue__gte=0), name="arrears_months_not_negative"
            ),
        ]

    def __str__(self):
        return f"Huurachterstand #{self.pk}"

    @property
    def amount_display(self) -> str:
        return f"€ {self.amount_cents // 100},{self.amount_cents % 100:02d}"


class DisclosureRun(models.Model):
    """One run of a periodic disclosure under a covenant (the monthly arrears signal to the
    municipality): what it selected, left out and sent."""

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    kind = models.CharField(
        _("kind"), max_length=40, help_text=_("Which periodic disclosure, e.g. 'arrears'.")
    )
    agreement = models.ForeignKey(
        "processingregister.Agreement",
        on_delete=models.PROTECT,
        related_name="disclosure_runs",
        verbose_name=_("covenant"),
        help_text=_("The covenant the periodic disclosure is made under."),
    )
    as_of = models.DateField(_("as of"), help_text=_("The day the selection was made for."))
    started_at = models.DateTimeField(_("started at"), default=timezone.now, help_text=_("Start."))
    finished_at = models.DateTimeField(
        _("finished at"), null=True, blank=True, help_text=_("End; empty while running.")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.RUNNING,
        help_text=_("Whether the run finished."),
    )
    selected = models.PositiveIntegerField(
        _("selected"), default=0, help_text=_("Tenants that met the covenant's criteria.")
    )
    disclosed = models.PositiveIntegerField(
        _("disclosed"), default=0, help_text=_("Tenants in the export (each logged).")
    )
    left_out = models.JSONField(
        _("left out"),
        default=dict,
        blank=True,
        help_text=_("How many were left out, per reason (objection, restriction); no names."),
    )
    export = models.TextField(
        _("export"),
        blank=True,
        help_text=_("The file in the agreed format, emptied when the run's retention ends."),
    )
    error = models.CharField(_("error"), max_length=200, blank=True, help_text=_("Failure."))

    class Meta:
        verbose_name = _("periodic disclosure run")
        verbose_name_plural = _("periodic disclosure runs")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "agreement", "as_of"],
                condition=models.Q(status="done"),
                name="disclosure_run_once_per_day",
            ),
        ]

    def __str__(self):
        return f"Verstrekkingsrun #{self.pk} ({self.kind}, {self.as_of})"


class Disclosure(models.Model):
    """One sharing of personal data with a third party."""

    recipient = models.ForeignKey(
        "processingregister.Party",
        on_delete=models.PROTECT,
        related_name="disclosures",
        verbose_name=_("recipient"),
        help_text=_("The organisation that received the data (a party of the register)."),
    )
    agreement = models.ForeignKey(
        "processingregister.Agreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disclosures",
        verbose_name=_("agreement or covenant"),
        help_text=_("The covenant or processor agreement the sharing falls under."),
    )
    basis = models.CharField(
        _("legal basis"),
        max_length=20,
        choices=Basis.choices,
        help_text=_("Why the corporation may share this data with this recipient."),
    )
    basis_reference = models.CharField(
        _("article or reference"),
        max_length=200,
        blank=True,
        help_text=_(
            "For a legal obligation the article (e.g. 'art. 4a Wgs'), for a court order its "
            "reference."
        ),
    )
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, help_text=_("How it was shared.")
    )
    categories = models.ManyToManyField(
        "processingregister.PersonalDataCategory",
        related_name="disclosures",
        verbose_name=_("categories of data"),
        help_text=_("What was shared, in the register's categories."),
    )
    purpose = models.CharField(
        _("purpose"),
        max_length=300,
        help_text=_("What the recipient needs it for, in a few words; no content of the case."),
    )
    meeting = models.CharField(
        _("meeting"),
        max_length=200,
        blank=True,
        help_text=_("For a case conference: which meeting (e.g. 'casusoverleg ZVH Noord')."),
    )
    signal_type = models.ForeignKey(
        "contacts.SignalType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kind of signal"),
        help_text=_("For a case conference: the kind of signal discussed, never its content."),
    )
    disclosed_at = models.DateTimeField(
        _("disclosed at"), default=timezone.now, help_text=_("When the data was shared.")
    )
    recorded_by = employee_reference(
        _("recorded by"),
        help_text=_("The employee who shared it (empty: an automatic run or link)."),
    )
    recorded_at = models.DateTimeField(
        _("recorded at"), auto_now_add=True, help_text=_("When it was recorded here.")
    )
    run = models.ForeignKey(
        DisclosureRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="disclosures",
        verbose_name=_("periodic run"),
        help_text=_("The periodic run it was part of."),
    )
    person_count = models.PositiveIntegerField(
        _("number of persons"),
        default=0,
        help_text=_("How many persons it concerned; stays when a person's link is erased."),
    )

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        ordering = ["-disclosed_at", "-pk"]
        indexes = [models.Index(fields=["disclosed_at"], name="disclosure_at_idx")]
        constraints = [
            # A covenant or processor agreement is named, never assumed.
            models.CheckConstraint(
                condition=~models.Q(basis__in=["covenant", "processor"])
                | models.Q(agreement__isnull=False),
                name="disclosure_agreement_for_its_basis",
            ),
            # A legal obligation or court order names its article or reference.
            models.CheckConstraint(
                condition=~models.Q(basis__in=["legal_obligation", "court_order"])
                | ~models.Q(basis_reference=""),
                name="disclosure_reference_for_its_basis",
            ),
            # A case conference: the meeting is named, the content is not recorded.
            models.CheckConstraint(
                condition=~models.Q(channel="case_conference") | ~models.Q(meeting=""),
                name="disclosure_meeting_for_a_case_conference",
            ),
        ]

    def __str__(self):
        return f"Verstrekking #{self.pk}"

    @property
    def categories_text(self) -> str:
        return ", ".join(c.name for c in self.categories.all())


class DisclosedPerson(models.Model):
    """A person a disclosure concerned."""

    disclosure = models.ForeignKey(
        Disclosure,
        on_delete=models.CASCADE,
        related_name="persons",
        verbose_name=_("disclosure"),
        help_text=_("The disclosure."),
    )
    person = models.ForeignKey(
        "contacts.Person",
        on_delete=models.CASCADE,
        related_name="disclosures",
        verbose_name=_("person"),
        help_text=_("The person whose data was shared."),
    )

    class Meta:
        verbose_name = _("person in a disclosure")
        verbose_name_plural = _("persons in disclosures")
        constraints = [
            models.UniqueConstraint(fields=["disclosure", "person"], name="disclosed_person_once")
        ]

    def __str__(self):
        return f"Verstrekking #{self.disclosure_id}: persoon #{self.person_id}"


class RecipientNotice(models.Model):
    """Art. 19 AVG: a recipient of the affected data, to be told of a rectification, erasure or
    restriction. Created when the request does it; the request cannot be closed while one is
    open."""

    class State(models.TextChoices):
        OPEN = "open", _("to notify")
        NOTIFIED = "notified", _("notified")
        EXPLAINED = "explained", _("not notified, with reason")

    request = models.ForeignKey(
        "rights.DataSubjectRequest",
        on_delete=models.CASCADE,
        related_name="recipient_notices",
        verbose_name=_("request"),
        help_text=_("The rectification, erasure or restriction request."),
    )
    recipient = models.ForeignKey(
        "processingregister.Party",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recipient"),
        help_text=_("Who received the data."),
    )
    since = models.DateTimeField(
        _("received since"), help_text=_("The first disclosure to this recipient.")
    )
    disclosure_count = models.PositiveIntegerField(
        _("disclosures"), default=1, help_text=_("How many disclosures to this recipient.")
    )
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=State.choices,
        default=State.OPEN,
        help_text=_("Whether the recipient was told."),
    )
    note = models.CharField(
        _("note"),
        max_length=500,
        blank=True,
        help_text=_("How and when notified, or why not (impossible or disproportionate effort)."),
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True, help_text=_("When."))
    done_by = employee_reference(
        _("done by"),
        help_text=_("Who marked it."),
    )

    class Meta:
        verbose_name = _("notice to a recipient (art. 19)")
        verbose_name_plural = _("notices to recipients (art. 19)")
        ordering = ["recipient__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "recipient"], name="notice_once_per_request"
            ),
            # A done notice says how, or why not (services.mark_notice); the constraint asks
            # for the moment, not the note: an erasure empties the note and keeps the notice.
            models.CheckConstraint(
                condition=models.Q(state="open") | models.Q(done_at__isnull=False),
                name="notice_done_with_a_moment",
            ),
        ]

    def __str__(self):
        return f"Kennisgeving #{self.pk}"
