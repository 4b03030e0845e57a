"""Homes and who rents them: the unit (verhuureenheid), the tenancy, and the one rule of a
current tenancy (``tenancy_current_q``, also the tenancies' QuerySet ``current()``)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Team
from audit.models import SUBJECT_PERSON_KEY
from referencedata.models import CodeList, ReferenceCode

from ..normalise import normalise_postcode
from .base import TimestampedModel
from .persons import Person


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
