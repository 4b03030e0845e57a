"""Admin pages of the contacts app: units and the managed lists (subjects, task kinds), and the
mixin that keeps a restricted person's data from being edited in any admin."""

from django.contrib import admin

from persondata.restriction import check as check_not_restricted

from .models import ContactSubject, Person, TaskKind, Unit


class RestrictedPersonAdminMixin:
    """Refuse admin saves of a person's data while its processing is restricted (art. 18 AVG),
    except by the privacy officer. ``restricted_person_field`` names the person field ("" when
    the model is ``Person`` itself). Use it on every admin that edits a person's data."""

    restricted_person_field = "person"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        field = self.restricted_person_field

        class RestrictionGuardedForm(form_class):
            def clean(self):
                data = super().clean()
                if field == "" or isinstance(self.instance, Person):
                    person = self.instance if self.instance.pk else None
                else:
                    person = data.get(field) or getattr(self.instance, f"{field}_id", None)
                check_not_restricted(person, request.user)
                return data

        return RestrictionGuardedForm


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
