"""Persons and their contact details: the person, their phone numbers and e-mail addresses, and
the per-person object permissions (django-guardian) that say which employee or team may open them.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from audit.models import SUBJECT_PERSON_KEY

from ..normalise import normalise_phone, person_search_name
from .base import TimestampedModel


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
