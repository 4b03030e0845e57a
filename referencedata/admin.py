"""Admin page of the VERA reference codes: read-only, but each code's use can be switched."""

from django.contrib import admin

from .models import ReferenceCode


@admin.register(ReferenceCode)
class ReferenceCodeAdmin(admin.ModelAdmin):
    list_display = ["code_list", "code", "name", "valid_from", "valid_to", "is_active"]
    list_filter = ["code_list", "is_active"]
    search_fields = ["code", "name", "description"]
    list_editable = ["is_active"]
    # The codes come from the sector's VERA file; locally only their use can be switched.
    readonly_fields = [
        "code_list",
        "code",
        "name",
        "description",
        "valid_from",
        "valid_to",
        "parent",
        "information_domain",
        "source_missing_since",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
