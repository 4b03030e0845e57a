"""The audit app's configuration (the audit trail)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        # auditlog (installed before this app) has registered the tracked models by now; the
        # masks need the declarations of every app, so only once the app registry is ready.
        from .masking import apply_to_registry

        apply_to_registry()
