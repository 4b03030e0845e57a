from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Team, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "groups"]


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
