"""django-axes (failed logins and lock-outs) under a Dutch name in the admin pages.

Listed in INSTALLED_APPS as "accounts.axes_config.LoginAttemptsConfig" instead of "axes"; the
app label stays "axes". (A module of its own: a second AppConfig in accounts/apps.py would stop
Django from picking AccountsConfig automatically.)
"""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class LoginAttemptsConfig(AxesAppConfig):
    verbose_name = _("Login security")
