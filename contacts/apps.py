"""The customer-contacts app: on start it connects the signals that keep the per-process name
tables (``contacts.names``) fresh."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from . import names


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = _("Customer contacts")

    def ready(self):
        names.connect_signals()
