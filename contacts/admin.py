from django.contrib import admin

from .models import Unit


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
