"""The customer-contacts app: on start it tells the access policy which models it guards
(``access.subjects``) and connects the signals that keep the per-process name tables
(``contacts.names``) fresh."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from access import subjects

from . import names


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = _("Customer contacts")

    def ready(self):
        # Models are importable only now (ready() runs after the app registry is loaded).
        from .models import Person, PersonUserObjectPermission, Task, Tenancy, Unit

        subjects.declare(
            person=Person,
            involvement=PersonUserObjectPermission,
            tenancy=Tenancy,
            unit=Unit,
            task=Task,
        )
        names.connect_signals()
