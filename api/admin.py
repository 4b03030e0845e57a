"""Admin for the API clients (privacy officer / functional administrator).

A token is shown exactly once: on the page right after a client is added, and right after a
rotation (the admin action "Rotate token"). It is never stored in plain text, never put in a
message or the session, and cannot be shown again; a lost token is replaced by rotating.
"""

from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from . import services
from .models import ApiClient
from .scopes import Scope


class ApiClientForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("scopes"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = ApiClient
        fields = [
            "name",
            "slug",
            "description",
            "scopes",
            "processing_activity",
            "third_party",
            "agreement",
            "teams",
            "rate_per_minute",
            "is_active",
        ]


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    form = ApiClientForm
    list_display = ["name", "slug", "scope_list", "third_party", "state", "last_used_at"]
    list_filter = ["third_party", "is_active"]
    search_fields = ["name", "slug"]
    filter_horizontal = ["teams"]
    readonly_fields = [
        "state",
        "service_user",
        "token_prefix",
        "token_issued_at",
        "revoked_at",
        "last_used_at",
        "created_at",
        "created_by",
    ]
    actions = ["rotate_token", "revoke_token"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "slug"] if obj is not None else fields

    @admin.display(description=_("scopes"))
    def scope_list(self, obj):
        return ", ".join(obj.scopes or [])

    @admin.display(description=_("state"))
    def state(self, obj):
        if obj.pk is None:
            return "-"
        if not obj.is_active:
            return _("inactive")
        if obj.revoked_at is not None:
            return _("token revoked")
        return services.disabled_reason(obj) or _("in use")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.service_user = services.service_user_for(obj.slug)
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.sync_teams(form.instance, form.instance.teams.all())
        if not change:
            request._api_new_token = services.issue_token(form.instance)

    def response_add(self, request, obj, post_url_continue=None):
        token = getattr(request, "_api_new_token", None)
        if token:
            return self.token_page(request, obj, token)
        return super().response_add(request, obj, post_url_continue)

    def token_page(self, request, client, token):
        response = TemplateResponse(
            request,
            "admin/api/apiclient/token.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "client": client,
                "token": token,
                "title": _("Token of %(name)s") % {"name": client.name},
            },
        )
        response["Cache-Control"] = "no-store"
        return response

    def has_rotate_permission(self, request):
        return request.user.has_perm("api.rotate_apiclient")

    @admin.action(description=_("Rotate token (shows the new token once)"), permissions=["rotate"])
    def rotate_token(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Rotate one client at a time."), messages.ERROR)
            return None
        client = queryset.get()
        return self.token_page(request, client, services.rotate_token(client))

    @admin.action(description=_("Revoke token"), permissions=["rotate"])
    def revoke_token(self, request, queryset):
        for client in queryset:
            services.revoke(client)
        self.message_user(request, _("%(count)s token(s) revoked.") % {"count": queryset.count()})
