"""The reference-data models: the VERA code lists and their codes, with validity periods."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class CodeList(models.TextChoices):
    """The VERA code lists the product uses (``Soort`` in the VERA CSV)."""

    CHANNEL = "COMMUNICATIEKANAAL", _("Communication channel")
    RELATION_ROLE = "RELATIEROLSOORT", _("Relation role")
    SIGNAL_TYPE = "SIGNALERINGSOORT", _("Signal type")
    SIGNAL_DETAIL_TYPE = "SIGNALERINGDETAILSOORT", _("Signal detail type")
    CASE_TYPE = "ZAAKTYPESOORT", _("Case type")
    CASE_DETAIL_TYPE = "ZAAKTYPEDETAILSOORT", _("Case detail type")
    DEFECT_TYPE = "DEFECTSOORT", _("Defect type")


class ReferenceCodeQuerySet(models.QuerySet):
    def of_list(self, code_list: str):
        return self.filter(code_list=code_list)

    def valid_on(self, day: datetime.date):
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=day),
        )

    def usable(self, day: datetime.date | None = None):
        """Codes that may be chosen today: valid per VERA and switched on locally."""
        return self.valid_on(day or datetime.date.today()).filter(is_active=True)


class ReferenceCode(models.Model):
    """One code of a VERA reference list (CC0, the housing sector's shared code lists)."""

    code_list = models.CharField(
        _("code list"), max_length=40, choices=CodeList.choices, help_text=_("VERA 'Soort'.")
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(
        _("valid to"), null=True, blank=True, help_text=_("First day the code is no longer valid.")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    information_domain = models.CharField(_("information domain"), max_length=100, blank=True)
    is_active = models.BooleanField(
        _("in use"),
        default=True,
        help_text=_("Switched off codes cannot be chosen for new registrations."),
    )
    source_missing_since = models.DateField(
        _("missing from source since"),
        null=True,
        blank=True,
        help_text=_("Set when a newer VERA file no longer lists this code; it is kept."),
    )

    objects = ReferenceCodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("reference code")
        verbose_name_plural = _("reference codes")
        ordering = ["code_list", "name"]
        constraints = [
            models.UniqueConstraint(fields=["code_list", "code"], name="referencecode_unique_code"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gt=models.F("valid_from")),
                name="referencecode_valid_period",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to
        )
