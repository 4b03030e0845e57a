import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from accounts.models import Team
from audit.models import SUBJECT_PERSON_KEY
from referencedata.models import CodeList, ReferenceCode

from .normalise import normalise_phone, normalise_postcode


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
    def postcode_display(self) -> str:
        return (
            f"{self.postcode[:4]} {self.postcode[4:]}" if len(self.postcode) == 6 else self.postcode
        )

    def clean(self):
        try:
            self.postcode = normalise_postcode(self.postcode)
        except ValidationError as exc:
            raise ValidationError({"postcode": exc.messages}) from exc


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
        day = day or datetime.date.today()
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)

    def clean(self):
        errors = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("A tenancy cannot end before it starts.")
        if self.role_id and self.role.code_list != CodeList.RELATION_ROLE:
            errors["role"] = _("Choose a relation role.")
        if errors:
            raise ValidationError(errors)
