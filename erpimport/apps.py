"""The ERP import app: persons, homes and tenancies loaded from the corporation's ERP."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ErpImportConfig(AppConfig):
    name = "erpimport"
    verbose_name = _("ERP import")
