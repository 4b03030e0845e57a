import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from accounts.models import Team
from audit.models import SUBJECT_PERSON_KEY
from referencedata.models import CodeList, ReferenceCode

from .normalise import normalise_phone, normalise_postcode, person_search_name


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class Person(TimestampedModel):
    """A natural person the corporation has contact with: tenant, co-tenant, representative, ...

    Deliberately no free "internal note": what needs recording is a contact moment or a task.
    """

    relation_number = models.CharField(
        _("relation number"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Number of this person in the tenant administration."),
    )
    initials = models.CharField(_("initials"), max_length=20, blank=True)
    given_name = models.CharField(
        _("given name"), max_length=100, blank=True, help_text=_("Name the person is called by.")
    )
    surname_prefix = models.CharField(
        _("surname prefix"), max_length=20, blank=True, help_text=_("E.g. 'van der', 'de'.")
    )
    surname = models.CharField(_("surname"), max_length=150)
    date_of_birth = models.DateField(
        _("date of birth"),
        null=True,
        blank=True,
        help_text=_("Only when needed to tell persons apart."),
    )
    search_name = models.CharField(
        _("search name"),
        max_length=300,
        default="",
        editable=False,
        db_index=True,
        help_text=_("Folded name for searching; kept up to date on save."),
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        indexes = [models.Index(Lower("surname"), name="person_surname_lower_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(surname=""), name="person_surname_not_empty"
            ),
        ]

    def __str__(self):
        return _("Person #%(id)s") % {"id": self.pk}

    def save(self, *args, **kwargs):
        self.search_name = person_search_name(
            surname=self.surname,
            surname_prefix=self.surname_prefix,
            given_name=self.given_name,
            initials=self.initials,
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)

    def get_additional_data(self):
        return {SUBJECT_PERSON_KEY: self.pk}

    @property
    def full_name(self) -> str:
        first = self.given_name or self.initials
        return " ".join(part for part in (first, self.surname_prefix, self.surname) if part)

    @property
    def sort_name(self) -> str:
        """ "Jansen, P. van" the way Dutch registers sort."""
        rest = " ".join(
            part for part in (self.initials or self.given_name, self.surname_prefix) if part
        )
        return f"{self.surname}, {rest}" if rest else self.surname

    def clean(self):
        if self.date_of_birth and self.date_of_birth > datetime.date.today():
            raise ValidationError({"date_of_birth": _("A date of birth cannot be in the future.")})


class PersonUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Person, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("person permission of an employee")


class PersonGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Person, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("person permission of a group")


class PersonDetail(TimestampedModel):
    """Base for a person's contact details: one row per number or address."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, verbose_name=_("person"))
    is_preferred = models.BooleanField(_("preferred"), default=False)

    class Meta:
        abstract = True

    def get_additional_data(self):
        return {SUBJECT_PERSON_KEY: self.person_id}


class PhoneNumber(PersonDetail):
    class Kind(models.TextChoices):
        MOBILE = "mobile", _("mobile")
        HOME = "home", _("home")
        WORK = "work", _("work")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="phone_numbers", verbose_name=_("person")
    )
    number = models.CharField(
        _("phone number"), max_length=16, help_text=_("Stored in international form: +31612345678.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.MOBILE)

    class Meta:
        verbose_name = _("phone number")
        verbose_name_plural = _("phone numbers")
        indexes = [models.Index(fields=["number"], name="phonenumber_number_idx")]
        constraints = [
            models.UniqueConstraint(fields=["person", "number"], name="phone_unique_per_person"),
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(is_preferred=True),
                name="phone_one_preferred_per_person",
            ),
        ]

    def __str__(self):
        return _("Phone number #%(id)s") % {"id": self.pk}

    @property
    def display(self) -> str:
        """Dutch numbers the Dutch way: 06 12345678, 020 1234567; others as stored."""
        if self.number.startswith("+316") and len(self.number) == 12:
            return f"06 {self.number[4:]}"
        if self.number.startswith("+31") and len(self.number) == 12:
            local = "0" + self.number[3:]
            area = (
                3
                if local[:3]
                in {
                    "010",
                    "013",
                    "015",
                    "020",
                    "023",
                    "024",
                    "026",
                    "030",
                    "033",
                    "035",
                    "036",
                    "038",
                    "040",
                    "043",
                    "045",
                    "046",
                    "050",
                    "053",
                    "055",
                    "058",
                    "070",
                    "071",
                    "072",
                    "073",
                    "074",
                    "075",
                    "076",
                    "077",
                    "078",
                    "079",
                }
                else 4
            )
            return f"{local[:area]} {local[area:]}"
        return self.number

    def clean(self):
        try:
            self.number = normalise_phone(self.number)
        except ValidationError as exc:
            raise ValidationError({"number": exc.messages}) from exc


class EmailAddress(PersonDetail):
    class Kind(models.TextChoices):
        PRIVATE = "private", _("private")
        WORK = "work", _("work")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="email_addresses", verbose_name=_("person")
    )
    address = models.EmailField(_("e-mail address"), max_length=254)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PRIVATE)

    class Meta:
        verbose_name = _("e-mail address")
        verbose_name_plural = _("e-mail addresses")
        indexes = [models.Index(Lower("address"), name="emailaddress_lower_idx")]
        constraints = [
            models.UniqueConstraint(fields=["person", "address"], name="email_unique_per_person"),
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(is_preferred=True),
                name="email_one_preferred_per_person",
            ),
        ]

    def __str__(self):
        return _("E-mail address #%(id)s") % {"id": self.pk}

    def clean(self):
        self.address = (self.address or "").strip().lower()


class Unit(TimestampedModel):
    """A rented home (verhuureenheid), owned by the team of its district."""

    unit_number = models.CharField(
        _("unit number"), max_length=20, unique=True, help_text=_("VHE number of the home.")
    )
    street = models.CharField(_("street"), max_length=150)
    house_number = models.PositiveIntegerField(_("house number"))
    house_number_addition = models.CharField(
        _("addition"),
        max_length=10,
        blank=True,
        help_text=_("House letter or addition: 'A', '2-hoog'."),
    )
    postcode = models.CharField(_("postcode"), max_length=6, help_text=_("1234AB, without space."))
    town = models.CharField(_("town"), max_length=100)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="units", verbose_name=_("team")
    )

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["postcode", "house_number", "house_number_addition"]
        indexes = [
            models.Index(fields=["postcode", "house_number"], name="unit_address_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["postcode", "house_number", "house_number_addition"],
                name="unit_unique_address",
            ),
            models.CheckConstraint(
                condition=models.Q(house_number__gt=0), name="unit_house_number_positive"
            ),
        ]

    def __str__(self):
        # An address of a rented home is not personal data on its own; still keep it short.
        return _("Unit %(number)s") % {"number": self.unit_number}

    @property
    def address_line(self) -> str:
        addition = f" {self.house_number_addition}" if self.house_number_addition else ""
        return f"{self.street} {self.house_number}{addition}"

    @property
    def full_address(self) -> str:
        """ "Kerkstraat 12 A, 1234 AB Dorp": how the tenant reads their home's address."""
        return f"{self.address_line}, {self.postcode_display} {self.town}"

    @property
    def postcode_display(self) -> str:
        return (
            f"{self.postcode[:4]} {self.postcode[4:]}" if len(self.postcode) == 6 else self.postcode
        )

    def clean(self):
        try:
            self.postcode = normalise_postcode(self.postcode)
        except ValidationError as exc:
            raise ValidationError({"postcode": exc.messages}) from exc


def tenancy_current_q(day: datetime.date | None = None, *, prefix: str = "") -> models.Q:
    """The one rule of "current tenancy": started on or before ``day`` (today, local time) and
    not ended before it. ``prefix`` for a lookup through a relation (``"tenancy__"``)."""
    day = day or timezone.localdate()
    return models.Q(**{f"{prefix}start_date__lte": day}) & (
        models.Q(**{f"{prefix}end_date__isnull": True})
        | models.Q(**{f"{prefix}end_date__gte": day})
    )


class TenancyQuerySet(models.QuerySet):
    def current(self, day: datetime.date | None = None):
        """The tenancies running on ``day`` (today)."""
        return self.filter(tenancy_current_q(day))


class Tenancy(TimestampedModel):
    """A person's part in a rental contract for a unit: tenant, co-tenant, ...

    Co-tenants have their own row with the same contract number, so a co-tenant can leave
    (e.g. a waiver at divorce) while the contract continues. The end date is the event that
    retention periods count from.
    """

    contract_number = models.CharField(_("contract number"), max_length=20, db_index=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="tenancies", verbose_name=_("unit")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="tenancies", verbose_name=_("person")
    )
    role = models.ForeignKey(
        ReferenceCode,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"code_list": CodeList.RELATION_ROLE},
        verbose_name=_("role"),
        help_text=_("VERA relation role, e.g. tenant (HUU) or co-tenant (MDH)."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    objects = TenancyQuerySet.as_manager()

    class Meta:
        verbose_name = _("tenancy")
        verbose_name_plural = _("tenancies")
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["unit", "end_date"], name="tenancy_unit_end_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="tenancy_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["contract_number", "person"], name="tenancy_unique_person_per_contract"
            ),
        ]

    def __str__(self):
        return _("Tenancy #%(id)s") % {"id": self.pk}

    def get_additional_data(self):
        return {SUBJECT_PERSON_KEY: self.person_id}

    def is_current(self, day: datetime.date | None = None) -> bool:
        """``tenancy_current_q`` for a loaded tenancy."""
        day = day or timezone.localdate()
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)

    def clean(self):
        errors = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("A tenancy cannot end before it starts.")
        if self.role_id and self.role.code_list != CodeList.RELATION_ROLE:
            errors["role"] = _("Choose a relation role.")
        if errors:
            raise ValidationError(errors)


def processing_activity_field():
    """Purpose binding: the registered processing activity (purpose, legal basis) a subject,
    task kind or signal type belongs to; only approved activities make it selectable."""
    return models.ForeignKey(
        "processingregister.ProcessingActivity",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("processing activity"),
        help_text=_("The registered processing (purpose and legal basis) this belongs to."),
    )


class ContactSubject(models.Model):
    """The managed list of what contacts are about (repair request, payment arrangement, ...).

    Each subject is bound to a processing activity of the register (purpose and legal basis).
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    asks_for_defect = models.BooleanField(
        _("asks for a defect"),
        default=False,
        help_text=_("Repair subjects: the employee picks the VERA defect type."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)
    processing_activity = processing_activity_field()

    class Meta:
        verbose_name = _("contact subject")
        verbose_name_plural = _("contact subjects")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class TaskKind(models.Model):
    """What a follow-up is: a task, a repair request, a callback or an internal note."""

    TASK = "task"
    REPAIR_REQUEST = "repair_request"
    CALLBACK = "callback"
    INTERNAL_NOTE = "internal_note"

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    default_days_due = models.PositiveSmallIntegerField(
        _("default days until due"), default=5, help_text=_("Working days, to preset the due date.")
    )
    processing_activity = processing_activity_field()

    class Meta:
        verbose_name = _("task kind")
        verbose_name_plural = _("task kinds")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Mandate(TimestampedModel):
    """A representative's authority to act for a person (machtiging): financial administrator,
    curator, contact person, family member with a written mandate, ...

    Only a valid mandate allows giving the representative information about the person.
    """

    class Scope(models.TextChoices):
        ALL = "all", _("everything")
        FINANCES = "finances", _("rent and finances")
        REPAIRS = "repairs", _("repairs and maintenance")
        TENANCY = "tenancy", _("the tenancy contract")

    class Verification(models.TextChoices):
        WRITTEN_MANDATE = "written_mandate", _("signed written mandate seen")
        COURT_ORDER = "court_order", _("court order seen")
        PUBLIC_REGISTER = "public_register", _("checked in the curatele/bewind register")

    represented = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="mandates_given",
        verbose_name=_("represented person"),
    )
    representative = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="mandates_held",
        verbose_name=_("representative"),
    )
    role = models.ForeignKey(
        ReferenceCode,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"code_list": CodeList.RELATION_ROLE},
        verbose_name=_("role"),
        help_text=_(
            "VERA relation role: financial administrator (BWI), curator (CUR), "
            "contact person (CPE), ..."
        ),
    )
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices, default=Scope.ALL)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    verified_how = models.CharField(_("verified how"), max_length=20, choices=Verification.choices)
    verified_at = models.DateField(_("verified on"))
    verified_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("verified by"),
    )

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="mandate_valid_period",
            ),
            models.CheckConstraint(
                condition=~models.Q(represented=models.F("representative")),
                name="mandate_not_self",
            ),
        ]

    def __str__(self):
        return _("Mandate #%(id)s") % {"id": self.pk}

    def get_additional_data(self):
        return {SUBJECT_PERSON_KEY: self.represented_id}

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def clean(self):
        errors = {}
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = _("A mandate cannot end before it starts.")
        if self.represented_id and self.represented_id == self.representative_id:
            errors["representative"] = _("A person cannot be their own representative.")
        if self.verified_at and self.verified_at > datetime.date.today():
            errors["verified_at"] = _("The verification date cannot be in the future.")
        if errors:
            raise ValidationError(errors)


class ContactMoment(models.Model):
    """One contact with a person (or an anonymous caller) through a channel: the timeline entry."""

    class Direction(models.TextChoices):
        INBOUND = "in", _("inbound")
        OUTBOUND = "out", _("outbound")

    class CallerKind(models.TextChoices):
        SELF = "self", _("the person themself")
        REPRESENTATIVE = "representative", _("a representative with a mandate")
        OTHER = "other", _("someone else (no mandate)")

    class Outcome(models.TextChoices):
        ANSWERED = "answered", _("answered at first contact")
        TASK = "task", _("task created")
        REPAIR_REQUEST = "repair_request", _("repair request")
        CALLBACK = "callback", _("callback requested")
        INTERNAL_NOTE = "internal_note", _("internal note")
        FORWARDED = "forwarded", _("forwarded")

    SUMMARY_MAX_LENGTH = 280
    NOTES_MAX_LENGTH = 2000

    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contact_moments",
        verbose_name=_("person"),
        help_text=_("Empty for an anonymous contact."),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    channel = models.ForeignKey(
        ReferenceCode,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"code_list": CodeList.CHANNEL},
        verbose_name=_("channel"),
    )
    direction = models.CharField(
        _("direction"), max_length=3, choices=Direction.choices, default=Direction.INBOUND
    )
    occurred_at = models.DateTimeField(_("occurred at"))
    caller_kind = models.CharField(
        _("who contacted us"), max_length=20, choices=CallerKind.choices, default=CallerKind.SELF
    )
    mandate = models.ForeignKey(
        Mandate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mandate"),
        help_text=_("The representative's mandate, when a representative called."),
    )
    subject = models.ForeignKey(
        ContactSubject, on_delete=models.PROTECT, related_name="+", verbose_name=_("subject")
    )
    defect = models.ForeignKey(
        ReferenceCode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"code_list": CodeList.DEFECT_TYPE},
        verbose_name=_("defect"),
    )
    summary = models.CharField(
        _("summary"),
        max_length=SUMMARY_MAX_LENGTH,
        help_text=_("What was asked and answered, in a sentence or two. No medical details."),
    )
    notes = models.TextField(_("notes"), blank=True, max_length=NOTES_MAX_LENGTH)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    answered_at_first_contact = models.GeneratedField(
        expression=models.Q(outcome="answered"),
        output_field=models.BooleanField(),
        db_persist=True,
        verbose_name=_("answered at first contact"),
    )
    forwarded_to = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forwarded to"),
    )
    handled_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="contact_moments",
        verbose_name=_("handled by"),
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="contact_moments", verbose_name=_("team")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact moment")
        verbose_name_plural = _("contact moments")
        ordering = ["-occurred_at"]
        indexes = [
            # The timeline's order exactly (newest first, id breaking ties): a page is one
            # index range, and the person's contact ids come from the index alone.
            models.Index(fields=["person", "-occurred_at", "-id"], name="contact_timeline_idx"),
            models.Index(fields=["team", "occurred_at"], name="contact_team_time_idx"),
            models.Index(fields=["handled_by", "person"], name="contact_handler_idx"),
        ]
        constraints = [
            # A contact answered at first contact claims no further action.
            models.CheckConstraint(
                condition=~models.Q(outcome="answered") | models.Q(forwarded_to__isnull=True),
                name="contact_answered_no_follow_up",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="forwarded") | models.Q(forwarded_to__isnull=False),
                name="contact_forwarded_has_team",
            ),
            models.CheckConstraint(
                condition=~models.Q(caller_kind="representative") | models.Q(mandate__isnull=False),
                name="contact_representative_has_mandate",
            ),
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(caller_kind="other"),
                name="contact_anonymous_is_other",
            ),
        ]

    def __str__(self):
        return _("Contact moment #%(id)s") % {"id": self.pk}

    def get_additional_data(self):
        return {SUBJECT_PERSON_KEY: self.person_id}

    @property
    def follow_up_kind(self) -> str | None:
        """The task kind this outcome requires, or None."""
        return OUTCOME_TASK_KIND.get(self.outcome)


# Which outcomes create a follow-up, and of which kind.
OUTCOME_TASK_KIND = {
    ContactMoment.Outcome.TASK: TaskKind.TASK,
    ContactMoment.Outcome.REPAIR_REQUEST: TaskKind.REPAIR_REQUEST,
    ContactMoment.Outcome.CALLBACK: TaskKind.CALLBACK,
    ContactMoment.Outcome.INTERNAL_NOTE: TaskKind.INTERNAL_NOTE,
}


class Task(models.Model):
    """A follow-up of a contact moment: always points to the contact that caused it."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")

    REQUESTED_ACTION_MAX_LENGTH = 500

    contact_moment = models.ForeignKey(
        ContactMoment,
        on_delete=models.CASCADE,
        related_name="tasks",
        verbose_name=_("contact moment"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
        help_text=_("Copied from the contact moment, for the customer card."),
    )
    kind = models.ForeignKey(
        TaskKind, on_delete=models.PROTECT, related_name="+", verbose_name=_("kind")
    )
    requested_action = models.CharField(
        _("requested action"), max_length=REQUESTED_ACTION_MAX_LENGTH
    )
    assigned_team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("team"),
    )
    assigned_to = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("employee"),
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    closing_note = models.CharField(_("closing note"), max_length=500, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_date"]
        indexes = [
            # The inbox: open tasks of an employee or a team, first due first. Partial (open
            # tasks are a few percent of all), so the inbox reads its team's open tasks and not
            # every task the team ever had.
            models.Index(
                fields=["assigned_to", "due_date", "id"],
                condition=~models.Q(status="done"),
                name="task_open_assignee_idx",
            ),
            models.Index(
                fields=["assigned_team", "due_date", "id"],
                condition=~models.Q(status="done"),
                name="task_open_team_idx",
            ),
            # Open tasks of a person (the card), first due first: the person is copied onto the
            # task so that this is a range of one index. Matching the person's contact ids with
            # all open tasks instead cost 7-13 ms for a frequent caller at scale.
            models.Index(
                fields=["person", "due_date", "id"],
                condition=~models.Q(status="done"),
                name="task_open_person_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(assigned_team__isnull=False)
                | models.Q(assigned_to__isnull=False),
                name="task_has_assignee",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status="done", closed_at__isnull=False) & ~models.Q(closing_note="")
                )
                | (~models.Q(status="done") & models.Q(closed_at__isnull=True)),
                name="task_done_is_closed_with_note",
            ),
        ]

    def __str__(self):
        return _("Task #%(id)s") % {"id": self.pk}

    def save(self, *args, **kwargs):
        # The person comes with the contact moment; only a new task copies it (anonymising a
        # contact moment detaches its tasks' person in the same step, retention.targets).
        if self._state.adding and self.person_id is None and self.contact_moment_id is not None:
            self.person_id = self.contact_moment.person_id
        super().save(*args, **kwargs)

    def get_additional_data(self):
        return {
            SUBJECT_PERSON_KEY: self.contact_moment.person_id if self.contact_moment_id else None
        }


class TaskEvent(models.Model):
    """What happened to a task, for the person's timeline: created, taken, reassigned, closed."""

    class Kind(models.TextChoices):
        CREATED = "created", _("created")
        TAKEN = "taken", _("taken")
        REASSIGNED = "reassigned", _("reassigned")
        CLOSED = "closed", _("closed")
        REOPENED = "reopened", _("reopened")

    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="events", verbose_name=_("task")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        null=True,
        related_name="task_events",
        verbose_name=_("person"),
        help_text=_("Copied from the contact moment, for the timeline."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("task event")
        verbose_name_plural = _("task events")
        ordering = ["-at"]
        indexes = [models.Index(fields=["person", "-at", "-id"], name="taskevent_timeline_idx")]

    def __str__(self):
        return _("Task event #%(id)s") % {"id": self.pk}

    def get_additional_data(self):
        return {SUBJECT_PERSON_KEY: self.person_id}


class SignalType(models.Model):
    """A kind of signal (signalering) with its sensitivity class and review period.

    The card shows the ``card_label`` ("that" information) to everyone who may open the card;
    the content ("what") is for involved employees with the role for its sensitivity class.
    """

    class Sensitivity(models.TextChoices):
        ORDINARY = "ordinary", _("ordinary")
        SPECIAL = "special", _("special-category data (art. 9)")
        CRIMINAL = "criminal", _("criminal data (art. 10)")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    card_label = models.CharField(
        _("label on the card"),
        max_length=120,
        help_text=_("What everyone in scope sees, e.g. 'veiligheidssignaal: bezoek met twee'."),
    )
    vera_type = models.ForeignKey(
        ReferenceCode,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"code_list": CodeList.SIGNAL_TYPE},
        verbose_name=_("VERA signal type"),
    )
    vera_detail = models.ForeignKey(
        ReferenceCode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"code_list": CodeList.SIGNAL_DETAIL_TYPE},
        verbose_name=_("VERA signal detail type"),
    )
    sensitivity = models.CharField(
        _("sensitivity"), max_length=10, choices=Sensitivity.choices, default=Sensitivity.ORDINARY
    )
    review_after_days = models.PositiveSmallIntegerField(
        _("review after (days)"),
        default=365,
        help_text=_("Default period until the signal is reviewed."),
    )
    processing_activity = processing_activity_field()
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("signal type")
        verbose_name_plural = _("signal types")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Signal(models.Model):
    """A signal on a person: short, objective, with its legal basis and a review date."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="signals", verbose_name=_("person")
    )
    signal_type = models.ForeignKey(
        SignalType, on_delete=models.PROTECT, related_name="signals", verbose_name=_("signal type")
    )
    description = models.TextField(
        _("description"),
        max_length=1000,
        help_text=_("Objective facts: what happened, when. No opinions, no diagnoses."),
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=300,
        blank=True,
        help_text=_("Required for special-category and criminal data: the exception that applies."),
    )
    review_on = models.DateField(_("review on"))
    handlers = models.ManyToManyField(
        "accounts.User",
        related_name="handled_signals",
        blank=True,
        verbose_name=_("involved employees"),
    )
    created_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["-created_at"]
        permissions = [
            (
                "view_signal_content_ordinary",
                _("Open the content of ordinary signals (when involved)"),
            ),
            (
                "view_signal_content_special",
                _("Open the content of special-category signals (when involved)"),
            ),
            (
                "view_signal_content_criminal",
                _("Open the content of criminal-data signals (when involved)"),
            ),
        ]
        indexes = [models.Index(fields=["person", "ended_on"], name="signal_person_idx")]

    def __str__(self):
        return _("Signal #%(id)s") % {"id": self.pk}

    def get_additional_data(self):
        return {SUBJECT_PERSON_KEY: self.person_id}

    def clean(self):
        errors = {}
        if (
            self.signal_type_id
            and self.signal_type.sensitivity != SignalType.Sensitivity.ORDINARY
            and not self.legal_basis.strip()
        ):
            errors["legal_basis"] = _(
                "Record the legal basis for special-category or criminal data."
            )
        # A new or moved review date: at most the signal rule's period ahead, up to five years
        # only with a reason (retention.limits, seed 002 §5.4c). The reason is not a field of
        # the signal: the caller sets ``review_reason`` and records it (contacts.services).
        previous = (
            type(self).objects.filter(pk=self.pk).values_list("review_on", flat=True).first()
            if self.pk is not None
            else None
        )
        if self.review_on and (self.pk is None or previous != self.review_on):
            from retention.limits import keep_date_error

            message = keep_date_error(
                self.review_on,
                reason=getattr(self, "review_reason", ""),
                target="signal",
                kind=self.signal_type.code if self.signal_type_id else None,
            )
            if message:
                errors["review_on"] = message
        if errors:
            raise ValidationError(errors)
