"""The accounts app's configuration: role-group sync, its check, the officer's art. 18 pass."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Employees and teams")

    def ready(self):
        from . import permissions  # noqa: F401  (registers the system check)

        # roles and the restriction guard use models: importable only once ready() runs
        from .roles import sync_role_groups

        post_migrate.connect(sync_role_groups, dispatch_uid="accounts.sync_role_groups")

        from django.contrib.auth.signals import user_logged_in  # (models, as above)

        from .otp import forget_provider_mfa  # (models, as above)

        user_logged_in.connect(forget_provider_mfa, dispatch_uid="accounts.forget_provider_mfa")

        from persondata import restriction  # (models, as above)

        from .roles import PRIVACY_OFFICER, has_role  # (models, as above)

        # The privacy officer may still process a restricted person's data (art. 18).
        restriction.register_officer_check(lambda user: has_role(user, PRIVACY_OFFICER))
