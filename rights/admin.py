"""Admin of the rights app, for the privacy officer.

Requests are handled on the request pages (``/rechten/``), where the rules apply; the admin
shows them read-only. Statements and objections can be recorded here too; saves of a
restricted person's data are refused except for the privacy officer.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from contacts.admin import RestrictedPersonAdminMixin
from klantcontact.forms import ValidatedInitialMixin

from . import selectors
from .models import (
    AccessExport,
    DataSubjectRequest,
    Objection,
    PersonStatement,
    ProcessingRestriction,
    RequestEvent,
    SurveyOptOut,
    WithheldItem,
)


class OfficerAdmin(ValidatedInitialMixin, admin.ModelAdmin):
    """Visible to the privacy officer (by role) and superusers; nothing is deleted."""

    def _allowed(self, request):
        return request.user.is_active and (
            request.user.is_superuser or selectors.is_privacy_officer(request.user)
        )

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyOfficerAdmin(OfficerAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class RequestEventInline(admin.TabularInline):
    model = RequestEvent
    extra = 0
    fields = ["at", "kind", "by", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return True


@admin.register(DataSubjectRequest)
class DataSubjectRequestAdmin(ReadOnlyOfficerAdmin):
    list_display = [
        "reference",
        "kind",
        "received_at",
        "deadline_display",
        "status",
        "outcome",
        "refusal_reason",
        "assignee",
        "open_link",
    ]
    list_filter = ["kind", "status", "outcome", "refusal_reason"]
    search_fields = ["reference"]
    date_hierarchy = "received_at"
    inlines = [RequestEventInline]
    list_select_related = ["assignee"]

    @admin.display(description=_("deadline"))
    def deadline_display(self, obj):
        return obj.deadline

    @admin.display(description=_("handle"))
    def open_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("rights:detail", args=[obj.pk]), _("open")
        )


@admin.register(WithheldItem)
class WithheldItemAdmin(ReadOnlyOfficerAdmin):
    list_display = ["request", "item_kind", "object_id", "reason", "withheld_by", "withheld_at"]
    list_filter = ["item_kind"]


@admin.register(AccessExport)
class AccessExportAdmin(ReadOnlyOfficerAdmin):
    list_display = ["request", "produced_at", "produced_by", "expires_at", "download_count"]
    exclude = ["content"]


@admin.register(PersonStatement)
class PersonStatementAdmin(RestrictedPersonAdminMixin, OfficerAdmin):
    list_display = ["__str__", "record_kind", "received_on", "recorded_by"]
    list_filter = ["record_kind"]
    raw_id_fields = ["person", "request"]
    readonly_fields = ["recorded_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ProcessingRestriction)
class ProcessingRestrictionAdmin(ReadOnlyOfficerAdmin):
    list_display = ["__str__", "started_at", "ended_at", "request"]
    list_filter = ["ended_at"]


@admin.register(Objection)
class ObjectionAdmin(OfficerAdmin):
    list_display = ["__str__", "purpose", "received_at", "request"]
    list_filter = ["purpose"]
    raw_id_fields = ["person", "request"]
    readonly_fields = ["recorded_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(SurveyOptOut)
class SurveyOptOutAdmin(ReadOnlyOfficerAdmin):
    list_display = ["__str__", "via", "at"]
    list_filter = ["via"]
