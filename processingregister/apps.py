from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessingregisterConfig(AppConfig):
    name = "processingregister"
    verbose_name = _("Processing register")
