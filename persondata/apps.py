"""The person-data registry's configuration: its system check and the restriction guard."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersondataConfig(AppConfig):
    """The data-subject registry: what the product holds about a person, declared once per
    model in ``<app>/personal_data.py`` and read by the access copy, retention, erasure,
    rectification, restriction and the overview of who holds what."""

    name = "persondata"
    verbose_name = _("Person-data registry")

    def ready(self):
        from . import checks  # noqa: F401  (registers the registry's system check)

        # the guard connects model signals: only once the app registry is ready
        from .restriction import connect_guard

        connect_guard()
