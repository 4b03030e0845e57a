"""The disclosures app's configuration: it plugs its notices and report section into rights.

Rights knows nothing of this app, so it registers with rights' hooks: a request then creates
the art. 19 notices and stays open until they are done, and the management report counts the
disclosures per covenant.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosuresConfig(AppConfig):
    """The disclosure log: every sharing of a tenant's data with a third party (who, with whom,
    what, why, when), the rules before sharing, and the art. 19 notices afterwards."""

    name = "disclosures"
    verbose_name = _("Disclosures to third parties")

    def ready(self):
        # the hooks' sources import models: only once the app registry is ready
        from rights import hooks

        from . import selectors, services  # (the same: they import models)

        hooks.register_notice_source(services.NoticeSource)
        hooks.register_report_section(selectors.report_section)
