"""The processing register's configuration: its inventory check, category sync on migrate."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from .categories import sync_data_categories


class ProcessingregisterConfig(AppConfig):
    name = "processingregister"
    verbose_name = _("Processing register")

    def ready(self):
        from . import checks  # noqa: F401  (registers the personal-data inventory check)

        post_migrate.connect(
            sync_data_categories, sender=self, dispatch_uid="processingregister.sync_categories"
        )
