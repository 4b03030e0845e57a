from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = _("Customer contacts")

    def ready(self):
        from . import names

        names.connect_signals()
