"""Admin pages for the privacy officer: the lexicon (editable) and the override log (read-only)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .forms import MinimisationGuardFormMixin
from .models import Category, GuardOverride, SensitiveTerm
from .services import resolve_highlights


class LexiconTryForm(MinimisationGuardFormMixin, forms.Form):
    """Type a text and see what the guard says: the lexicon as an employee meets it."""

    guarded_fields = ("text",)
    text = forms.CharField(
        label=_("Text"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Nothing you type here is stored."),
    )


@admin.register(SensitiveTerm)
class SensitiveTermAdmin(admin.ModelAdmin):
    list_display = ["term", "match_kind", "category", "subcategory", "is_active", "updated_at"]
    list_filter = ["category", "subcategory", "match_kind", "is_active"]
    search_fields = ["term", "exceptions", "advice"]
    list_editable = ["is_active"]
    ordering = ["category", "term"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["term", "match_kind", "category", "subcategory", "is_active"]}),
        (_("Avoiding false alarms"), {"fields": ["exceptions"]}),
        (_("Advice to the employee"), {"fields": ["advice"]}),
        (_("History"), {"fields": ["created_at", "updated_at"]}),
    ]
    change_list_template = "admin/dataminimisation/sensitiveterm/change_list.html"

    def get_urls(self):
        try_view = self.admin_site.admin_view(self.try_lexicon_view)
        return [
            path("try/", try_view, name="dataminimisation_sensitiveterm_try"),
            *super().get_urls(),
        ]

    def try_lexicon_view(self, request):
        """Try the current lexicon on a text; nothing is stored."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = LexiconTryForm(request.POST or None)
        checked = False
        if request.method == "POST":
            form.is_valid()
            checked = "text" not in form.errors or bool(form.minimisation_findings)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Try the lexicon"),
            "form": form,
            "checked": checked,
            "changelist_url": reverse("admin:dataminimisation_sensitiveterm_changelist"),
        }
        return TemplateResponse(request, "admin/dataminimisation/sensitiveterm/try.html", context)


class CategoryFilter(admin.SimpleListFilter):
    title = _("category")
    parameter_name = "category"

    def lookups(self, request, model_admin):
        return Category.choices

    def queryset(self, request, queryset):
        if self.value() in Category.values:
            return queryset.filter(categories__regex=rf"(^|,){self.value()}(,|$)")
        return queryset


@admin.register(GuardOverride)
class GuardOverrideAdmin(admin.ModelAdmin):
    """Read-only: who kept flagged wording, where, which categories, and why."""

    list_display = [
        "created_at",
        "employee_name",
        "form",
        "field",
        "category_labels",
        "record_label",
    ]
    list_filter = [CategoryFilter, ("created_at", admin.DateFieldListFilter), "form", "field"]
    date_hierarchy = "created_at"
    search_fields = ["reason"]
    list_select_related = ["employee", "content_type"]
    fields = [
        "created_at",
        "employee_name",
        "form",
        "field",
        "category_labels",
        "record_label",
        "flagged_phrases",
        "reason",
        "subject_person_id",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # removed only with the record's data (erasure, retention)

    @admin.display(description=_("employee"), ordering="employee__last_name")
    def employee_name(self, obj):
        return obj.employee.get_full_name() or obj.employee.get_username()

    @admin.display(description=_("categories"))
    def category_labels(self, obj):
        labels = dict(Category.choices)
        return ", ".join(str(labels.get(code, code)) for code in obj.category_list)

    @admin.display(description=_("record"))
    def record_label(self, obj):
        if obj.content_type_id is None:
            return _("(not saved)")
        return f"{obj.content_type.name} #{obj.object_id}"

    @admin.display(description=_("flagged phrases"))
    def flagged_phrases(self, obj):
        pieces = resolve_highlights(obj)
        if pieces is None:
            return _(
                "No longer available: the record was deleted or its text changed since. The log "
                "keeps only the categories and positions, not the words."
            )
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "", "<li><mark>{}</mark> ({})</li>", ((p.text, p.category_label) for p in pieces)
            ),
        )
