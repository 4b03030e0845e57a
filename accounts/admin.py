"""Admin pages of employees and teams, and of login security (lock-outs, login records)."""

from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import otp, services
from .models import ProviderGroupMapping, Team, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "is_active", "is_staff", "second_factor"]
    list_filter = ["is_active", "is_staff", "groups"]
    actions = ["reset_second_factor"]

    def get_queryset(self, request):
        enrolled = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(has_second_factor=Exists(enrolled))

    @admin.display(description=_("Second factor"), boolean=True, ordering="has_second_factor")
    def second_factor(self, obj):
        return obj.has_second_factor

    @admin.action(
        description=_("Reset the second factor (set up again at the next login)"),
        permissions=["reset_second_factor"],
    )
    def reset_second_factor(self, request, queryset):
        users = list(queryset)
        for user in users:
            otp.reset_second_factor(user)
        self.message_user(
            request,
            ngettext(
                "The second factor of %(count)s employee was reset.",
                "The second factor of %(count)s employees was reset.",
                len(users),
            )
            % {"count": len(users)},
            messages.SUCCESS,
        )

    def has_reset_second_factor_permission(self, request):
        # Recovery of a lost phone: only IT (superusers), after checking who is asking.
        return request.user.is_superuser


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "code"]
    readonly_fields = ["member_group", "leader_group"]
    fields = ["name", "code", "description", "is_active", "member_group", "leader_group"]

    def save_model(self, request, obj, form, change):
        services.provision_team(obj)

    def has_delete_permission(self, request, obj=None):
        # Teams own units and permissions; retire them (inactive) instead of deleting.
        return False


admin.site.site_header = _("Klantcontact administration")
admin.site.site_title = _("Klantcontact")
admin.site.index_title = _("Administration")


# --- Second factor and login security -----------------------------------------------------------
# Devices hold the TOTP secrets and backup codes: no admin pages for them. A superuser resets a
# lost second factor with the action on employees above.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)

# django-axes ships no Dutch; these of its messages appear in the admin pages and are
# translated in the project catalogue.
AXES_MESSAGES = (
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("User Agent"),
    gettext_noop("IP Address"),
    gettext_noop("HTTP Accept"),
    gettext_noop("Path"),
    gettext_noop("Attempt Time"),
    gettext_noop("Access lock out"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("Failed Logins"),
    gettext_noop("Logout Time"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("Form Data"),
    gettext_noop("Meta Data"),
    gettext_noop("Locked Out"),
    gettext_noop("Attempt Remaining"),
)


class LoginCountAdmin(axes_admin.AccessAttemptAdmin):
    """Current failure counts per username + IP address; a full count is a lock-out.

    Read-only; a superuser lifts a lock-out by deleting its count (or with
    ``manage.py axes_reset_username USERNAME``).
    """

    actions = ["lift_lockout"]

    @admin.action(
        description=_("Lift the lock-out (delete the failure count)"), permissions=["delete"]
    )
    def lift_lockout(self, request, queryset):
        count, _deleted = queryset.delete()
        self.message_user(
            request,
            ngettext("%(count)s failure count deleted.", "%(count)s failure counts deleted.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def has_change_permission(self, request, obj=None):
        return False


class LoginFailureLogAdmin(axes_admin.AccessFailureLogAdmin):
    """Every failed login (append-only here; removed by the nightly retention job)."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LoginLogAdmin(axes_admin.AccessLogAdmin):
    """Every successful login and logout (append-only here; removed by the retention job)."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for model, model_admin in (
    (AccessAttempt, LoginCountAdmin),
    (AccessFailureLog, LoginFailureLogAdmin),
    (AccessLog, LoginLogAdmin),
):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)


@admin.register(ProviderGroupMapping)
class ProviderGroupMappingAdmin(admin.ModelAdmin):
    """Which provider group gives which role or team (superuser only: no role holds these
    permissions). Applied at each employee's next sign-in through the identity provider."""

    list_display = ["provider_group", "role", "team", "team_leader"]
    list_filter = ["role", "team"]
    search_fields = ["provider_group"]
