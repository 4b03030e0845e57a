"""Admin for the API clients.

Only an API administrator or a superuser adds, changes, rotates and approves
(``api.grants.may_manage``); the functional administrator and the AVG officer may look. A new
client and a widening of a client are requests that another API administrator approves (the
action "Approve the pending request"; never one's own). Narrowing applies at once.

A token is shown exactly once: on the page right after a client is added, and right after a
rotation (the admin action "Rotate token"). It is never stored in plain text, never put in a
message or the session, and cannot be shown again; a lost token is replaced by rotating.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from . import grants, services
from .models import ApiClient, GrantRequest
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
            "accountable",
            "rate_per_minute",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("accountable")  # absent on the view-only page
        if field is not None:
            field.required = True
            field.queryset = User.objects.filter(is_active=True).exclude(
                username__startswith=services.SERVICE_USER_PREFIX
            )


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    form = ApiClientForm
    list_display = ["name", "slug", "scope_list", "third_party", "state", "last_used_at"]
    list_filter = ["third_party", "is_active"]
    search_fields = ["name", "slug"]
    filter_horizontal = ["teams"]
    readonly_fields = [
        "state",
        "pending",
        "service_user",
        "approved_at",
        "approved_by",
        "token_prefix",
        "token_issued_at",
        "token_expires_at",
        "revoked_at",
        "last_used_at",
        "created_at",
        "created_by",
    ]
    actions = ["approve_request", "reject_request", "rotate_token", "revoke_token"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "slug", "processing_activity"] if obj is not None else fields

    def has_add_permission(self, request):
        return super().has_add_permission(request) and grants.may_manage(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and grants.may_manage(request.user)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and grants.may_manage(request.user)

    def has_approve_permission(self, request):
        return request.user.has_perm("api.approve_apiclient") and grants.may_manage(request.user)

    @admin.display(description=_("pending request"))
    def pending(self, obj):
        grant = grants.pending_request(obj)
        if grant is None:
            return "-"
        return _("%(kind)s by %(person)s: scopes %(scopes)s, %(teams)s team(s)") % {
            "kind": grant.get_kind_display(),
            "person": grant.requested_by,
            "scopes": ", ".join(grant.scopes) or "-",
            "teams": len(grant.team_ids),
        }

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
        if grants.is_expired(obj):
            return _("token expired")
        return services.disabled_reason(obj) or _("in use")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.service_user = services.service_user_for(obj.slug)
            obj.created_by = request.user
        else:
            # Scopes and agreement change through api.grants.change_grant (save_related):
            # narrowing at once, widening only when another person approves.
            current = ApiClient.objects.get(pk=obj.pk)
            obj.scopes = current.scopes
            obj.agreement = current.agreement
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        client = form.instance
        if change:
            previous_teams = list(client.teams.all())
        super().save_related(request, form, formsets, change)
        data = form.cleaned_data
        if change:
            services.sync_teams(client, previous_teams)
            requested = grants.change_grant(
                client,
                scopes=data["scopes"],
                teams=data["teams"],
                agreement=data["agreement"],
                by=request.user,
            )
            if requested is not None:
                self.message_user(
                    request,
                    _("The wider scopes, teams or agreement await another person's approval."),
                    messages.WARNING,
                )
            return
        services.sync_teams(client, client.teams.all())
        grants.request_grant(
            client,
            kind=GrantRequest.Kind.CREATE,
            scopes=client.scopes,
            teams=data["teams"],
            agreement=client.agreement,
            by=request.user,
        )
        request._api_new_token = services.issue_token(client)

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
        return request.user.has_perm("api.rotate_apiclient") and grants.may_manage(request.user)

    def _decide(self, request, queryset, decide, done_message):
        decided = 0
        for client in queryset:
            grant = grants.pending_request(client)
            if grant is None:
                continue
            try:
                decide(grant, by=request.user)
            except (PermissionDenied, ValidationError) as exc:
                text = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
                self.message_user(request, f"{client.name}: {text}", messages.ERROR)
                continue
            decided += 1
        self.message_user(request, done_message % {"count": decided})

    @admin.action(description=_("Approve the pending request"), permissions=["approve"])
    def approve_request(self, request, queryset):
        self._decide(request, queryset, grants.approve, _("%(count)s request(s) approved."))

    @admin.action(description=_("Reject the pending request"), permissions=["approve"])
    def reject_request(self, request, queryset):
        self._decide(request, queryset, grants.reject, _("%(count)s request(s) rejected."))

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
