"""Reference lists of the register: controller, departments, categories, parties, systems."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .. import countries
from ..categories import CRIMINAL, NATIONAL_ID, ORDINARY, SPECIAL
from .base import TimestampedModel

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
