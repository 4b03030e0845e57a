"""Mandates (machtigingen): a representative's authority to act for a person."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.models import SUBJECT_PERSON_KEY
from referencedata.models import CodeList, ReferenceCode

from .base import TimestampedModel
from .persons import Person


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
