"""The API app's configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("API")

    def ready(self):
        # Registers the system check that production shares the throttle counts (W001);
        # at ready, not at import: the module reads the models and the cache.
        from . import throttling  # noqa: F401
