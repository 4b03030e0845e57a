from django.contrib import admin

from .models import ContactSubject, TaskKind, Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = [
        "unit_number",
        "street",
        "house_number",
        "house_number_addition",
        "postcode",
        "town",
        "team",
    ]
    list_filter = ["team", "town"]
    search_fields = ["unit_number", "street", "postcode"]
    list_select_related = ["team"]


@admin.register(ContactSubject)
class ContactSubjectAdmin(admin.ModelAdmin):
    """The functional administrator keeps the subject list; retire subjects, never delete them."""

    list_display = ["name", "code", "asks_for_defect", "is_active", "sort_order"]
    list_editable = ["is_active", "sort_order"]
    list_filter = ["is_active", "asks_for_defect"]
    search_fields = ["name", "code", "description"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TaskKind)
class TaskKindAdmin(admin.ModelAdmin):
    """The four kinds are part of the product; only their names and default terms change."""

    list_display = ["name", "code", "default_days_due"]
    readonly_fields = ["code"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
