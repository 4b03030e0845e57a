"""The reference-data app's configuration (the VERA code lists)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferencedataConfig(AppConfig):
    name = "referencedata"
    verbose_name = _("Reference data (VERA)")
