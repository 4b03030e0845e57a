"""The data-minimisation app's configuration: on start it connects the lexicon signals."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DataminimisationConfig(AppConfig):
    name = "dataminimisation"
    verbose_name = _("Data minimisation")

    def ready(self):
        from . import signals  # noqa: F401  (lexicon cache invalidation)
