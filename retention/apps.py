"""The retention app's configuration: on start it registers its checks and connects signals."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from contacts import hooks


class RetentionConfig(AppConfig):
    name = "retention"
    verbose_name = _("Retention")

    def ready(self):
        from . import checks, signals  # noqa: F401 (checks registers the system checks)

        signals.connect()
        # The cap on a signal's review date is this app's rule (it reads the models, which are
        # ready only now); contacts asks for it by hook.
        from .limits import keep_date_error

        hooks.register_keep_date_check(keep_date_error)
