"""The retention app's configuration: on start it registers its checks and connects signals."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "retention"
    verbose_name = _("Retention")

    def ready(self):
        from . import checks, signals  # noqa: F401 (checks registers the system checks)

        signals.connect()
