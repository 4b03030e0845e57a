"""Admin pages of the knowledge base, for the functional administrator (/beheer/).

Articles are saved through the services (search index, vocabulary, version history); their
status only changes through the workflow (actions here, buttons on the article page).
"""

import datetime

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from klantcontact.forms import ValidatedInitialMixin

from . import selectors, services
from .forms import ArticleAdminForm, SynonymGroupAdminForm
from .models import Article, Category, SynonymGroup


class ReviewFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("review date passed")),
            ("soon", _("review due soon")),
            ("none", _("no review date")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.filter(review_by__lt=today)
        if self.value() == "soon":
            soon = today + datetime.timedelta(days=selectors.REVIEW_SOON_DAYS)
            return queryset.filter(review_by__gte=today, review_by__lte=soon)
        if self.value() == "none":
            return queryset.filter(review_by__isnull=True)
        return queryset


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "position"]
    list_editable = ["position"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "parent", "description", "position"]


def _status_action(target, description):
    @admin.action(description=description, permissions=["publish"])
    def action(modeladmin, request, queryset):
        done = 0
        for article in queryset:
            try:
                services.change_status(article, target, by=request.user)
                done += 1
            except ValidationError as exc:
                modeladmin.message_user(
                    request, f"{article.title}: {' '.join(exc.messages)}", messages.ERROR
                )
        if done:
            modeladmin.message_user(
                request,
                _("%(count)s article(s) changed to %(status)s.")
                % {"count": done, "status": Article.Status(target).label},
                messages.SUCCESS,
            )

    action.__name__ = f"make_{target}"
    return action


@admin.register(Article)
class ArticleAdmin(ValidatedInitialMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["title", "category", "status", "owner_name", "review_by", "updated_at"]
    list_filter = ["status", ReviewFilter, "category", "channels"]
    search_fields = ["title", "keywords", "slug", "summary"]
    list_select_related = ["category__parent", "owner"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["related", "owner"]
    readonly_fields = [
        "status",
        "version",
        "links",
        "created_at",
        "updated_at",
        "internal_at",
        "published_at",
        "archived_at",
        "reviewed_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "summary", "body"]}),
        (_("Finding it"), {"fields": ["keywords", "channels", "related"]}),
        (_("Keeping it current"), {"fields": ["owner", "review_by", "change_note"]}),
        (
            _("Status and history"),
            {
                "fields": [
                    "status",
                    "version",
                    "links",
                    "created_at",
                    "updated_at",
                    "internal_at",
                    "published_at",
                    "archived_at",
                    "reviewed_at",
                ]
            },
        ),
    ]
    actions = [
        _status_action(Article.Status.INTERNAL, _("Make available to staff (internal)")),
        _status_action(Article.Status.PUBLISHED, _("Publish")),
        _status_action(Article.Status.ARCHIVED, _("Archive")),
    ]

    @admin.display(description=_("owner"), ordering="owner__last_name")
    def owner_name(self, obj):
        if obj.owner_id is None:
            return "—"
        return obj.owner.get_full_name() or obj.owner.get_username()

    @admin.display(description=_("links"))
    def links(self, obj):
        if obj.pk is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            obj.get_absolute_url(),
            _("View and change status"),
            reverse("knowledgebase:article_versions", args=[obj.slug]),
            _("Version history"),
        )

    def has_publish_permission(self, request):
        return services.can_publish(request.user)

    def has_delete_permission(self, request, obj=None):
        # Archive instead of deleting; only an unused draft may go.
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or (obj.status == Article.Status.DRAFT and not obj.uses.exists())

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("owner", request.user.pk)
        initial.setdefault("review_by", services.default_review_date())
        return initial

    def save_model(self, request, obj, form, change):
        services.save_article(obj, by=request.user, record=False)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        note = form.cleaned_data.get("change_note") or ("" if change else _("Created."))
        services.record_version(form.instance, by=request.user, note=note)


@admin.register(SynonymGroup)
class SynonymGroupAdmin(admin.ModelAdmin):
    form = SynonymGroupAdminForm
    list_display = ["__str__", "note", "is_active", "updated_at"]
    list_filter = ["is_active"]
    search_fields = ["terms", "note"]

    def save_model(self, request, obj, form, change):
        services.save_synonym_group(obj)
