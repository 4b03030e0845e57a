"""Admin pages of the processing register, for the privacy officer (AVG-functionaris).

Entering and editing happens here; status changes (submit, approve, retire, review), the
register overview, exports and the unbound list are on the register pages (``/register/``),
which the admin links to. Nothing of the register is deleted: activities are retired,
breaches closed, agreements expire.
"""

import copy

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import selectors, services
from .models import (
    ActivityEvent,
    Agreement,
    BreachUpdate,
    Controller,
    DataBreach,
    DataSubjectCategory,
    Department,
    InformationSystem,
    Party,
    PersonalDataCategory,
    ProcessingActivity,
    RegisterVersion,
    SubProcessor,
    Transfer,
)

Status = ProcessingActivity.Status


class NoDeleteMixin:
    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Controller)
class ControllerAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ["name", "email", "dpo_name"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(DataSubjectCategory)
class DataSubjectCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_vulnerable"]
    list_filter = ["is_vulnerable"]
    search_fields = ["name", "code"]


@admin.register(PersonalDataCategory)
class PersonalDataCategoryAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ["name", "code", "kind", "in_catalogue"]
    list_filter = ["kind", "in_catalogue"]
    search_fields = ["name", "code", "description"]

    def get_readonly_fields(self, request, obj=None):
        # The catalogue's categories are maintained in code (the field inventory uses them).
        if obj is not None and obj.in_catalogue:
            return ["code", "name", "kind", "description", "in_catalogue"]
        return ["in_catalogue"]


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "contact"]
    list_filter = ["country"]
    search_fields = ["name", "chamber_of_commerce_number"]


@admin.register(InformationSystem)
class InformationSystemAdmin(admin.ModelAdmin):
    list_display = ["name", "supplier", "hosting"]
    list_select_related = ["supplier"]
    search_fields = ["name"]


# --- Processing activities ------------------------------------------------------------------------


class ProcessingActivityForm(forms.ModelForm):
    class Meta:  # model and fields come from the ModelAdmin
        widgets = {
            "subject_categories": forms.CheckboxSelectMultiple,
            "data_categories": forms.CheckboxSelectMultiple,
            "systems": forms.CheckboxSelectMultiple,
        }

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if instance.pk and instance.status == Status.APPROVED and not self.errors:
            probe = copy.copy(instance)
            for name, value in cleaned.items():
                if name not in ("subject_categories", "data_categories", "systems"):
                    setattr(probe, name, value)
            problems = services.approval_problems(
                probe,
                data_categories=list(cleaned.get("data_categories") or []),
                subject_categories=list(cleaned.get("subject_categories") or []),
            )
            if problems:
                raise ValidationError(
                    [gettext("This activity is approved; the change would leave it incomplete:")]
                    + problems
                )
        return cleaned


class TransferInline(admin.StackedInline):
    model = Transfer
    extra = 0
    fields = ["recipient", "country", "safeguard", "safeguard_details"]


@admin.register(ProcessingActivity)
class ProcessingActivityAdmin(NoDeleteMixin, admin.ModelAdmin):
    form = ProcessingActivityForm
    inlines = [TransferInline]
    list_display = ["name", "code", "department", "status", "legal_basis", "review_date"]
    list_filter = ["status", "department", "legal_basis", "dpia_needed"]
    list_select_related = ["department"]
    search_fields = ["name", "code", "purposes"]
    readonly_fields = ["status_and_actions", "replaced_by", "approved_at", "last_reviewed_on"]
    actions = ["submit_selected", "approve_selected"]
    fieldsets = [
        (None, {"fields": ["name", "code", "status_and_actions", "replaced_by"]}),
        (
            _("Controller and responsibility (art. 30(1)(a))"),
            {"fields": ["controller", "department", "process_owner", "owner_user"]},
        ),
        (
            _("Purposes and legal basis (art. 30(1)(b), art. 6)"),
            {"fields": ["purposes", "legal_basis", "legal_basis_explanation"]},
        ),
        (
            _("Data subjects and personal data (art. 30(1)(c))"),
            {"fields": ["subject_categories", "data_categories"]},
        ),
        (
            _("Special categories and criminal data (art. 9 and 10)"),
            {
                "fields": [
                    "special_category_condition",
                    "special_category_explanation",
                    "criminal_data_basis",
                    "criminal_data_explanation",
                ]
            },
        ),
        (
            _("Recipients (art. 30(1)(d))"),
            {
                "fields": ["statutory_recipients", "internal_access"],
                "description": _(
                    "Processors, joint controllers and covenant partners are not typed here: "
                    "they follow from the agreements linked to this activity."
                ),
            },
        ),
        (
            _("Retention (art. 30(1)(f))"),
            {
                "fields": [
                    "retention_period",
                    "retention_unit",
                    "retention_trigger",
                    "retention_explanation",
                ]
            },
        ),
        (
            _("Security and systems (art. 30(1)(g))"),
            {"fields": ["security_measures", "systems"]},
        ),
        (
            _("DPIA and review"),
            {
                "fields": [
                    "dpia_needed",
                    "dpia_reference",
                    "dpia_explanation",
                    "review_date",
                    "last_reviewed_on",
                    "approved_at",
                ]
            },
        ),
    ]

    @admin.display(description=_("status"))
    def status_and_actions(self, obj):
        if obj is None or obj.pk is None:
            return gettext("draft")
        return format_html(
            '{} · <a href="{}">{}</a>',
            obj.get_status_display(),
            reverse("processingregister:activity_detail", args=[obj.code]),
            gettext("Change the status and see the history in the register"),
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            services.record_created(obj, request.user)

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        extra_context["unbound_count"] = selectors.unbound_count()
        extra_context["unbound_url"] = reverse("processingregister:unbound")
        extra_context["register_url"] = reverse("processingregister:dashboard")
        return super().changelist_view(request, extra_context=extra_context)

    def _bulk(self, request, queryset, action, done_message):
        done = 0
        for activity in queryset:
            try:
                action(activity, request.user)
            except ValidationError as exc:
                self.message_user(
                    request,
                    gettext("%(name)s: %(problems)s")
                    % {"name": activity.name, "problems": " ".join(exc.messages)},
                    messages.ERROR,
                )
            else:
                done += 1
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Submit the selected activities for review"))
    def submit_selected(self, request, queryset):
        self._bulk(request, queryset, services.submit_for_review, gettext("%(count)d submitted."))

    @admin.action(
        description=_("Approve the selected activities"),
        permissions=["approve"],
    )
    def approve_selected(self, request, queryset):
        self._bulk(request, queryset, services.approve, gettext("%(count)d approved."))

    def has_approve_permission(self, request):
        return request.user.has_perm("processingregister.approve_processingactivity")


@admin.register(ActivityEvent)
class ActivityEventAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ["at", "activity", "kind", "from_status", "to_status", "by"]
    list_filter = ["kind", "to_status"]
    list_select_related = ["activity", "by"]
    search_fields = ["activity__name", "activity__code", "note"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(RegisterVersion)
class RegisterVersionAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ["number", "created_at", "created_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# --- Agreements -----------------------------------------------------------------------------------


class AgreementForm(forms.ModelForm):
    document = forms.FileField(
        label=_("signed document"),
        required=False,
        help_text=_("PDF, DOCX or ODT, at most 10 MB. Replaces the current document."),
    )

    class Meta:  # model and fields come from the ModelAdmin
        widgets = {
            "activities": forms.CheckboxSelectMultiple,
            "data_categories": forms.CheckboxSelectMultiple,
        }

    def clean_document(self):
        uploaded = self.cleaned_data.get("document")
        if uploaded:
            services.store_document(self.instance, uploaded)
        return uploaded


class SubProcessorInline(admin.TabularInline):
    model = SubProcessor
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(NoDeleteMixin, admin.ModelAdmin):
    form = AgreementForm
    inlines = [SubProcessorInline]
    list_display = ["reference", "title", "party", "role", "start_date", "end_date", "state"]
    list_filter = ["role", "party"]
    list_select_related = ["party"]
    search_fields = ["reference", "title", "party__name"]
    readonly_fields = ["current_document"]
    fieldsets = [
        (None, {"fields": ["reference", "title", "party", "role"]}),
        (
            _("What the agreement covers"),
            {"fields": ["activities", "purposes", "data_categories"]},
        ),
        (
            _("Obligations"),
            {
                "fields": [
                    "security_measures",
                    "data_subject_rights",
                    "breach_notification_hours",
                    "liability",
                ]
            },
        ),
        (
            _("Term"),
            {
                "fields": [
                    "signed_on",
                    "start_date",
                    "end_date",
                    "expiry_warning_days",
                    "end_of_term",
                    "end_of_term_details",
                ]
            },
        ),
        (_("Document"), {"fields": ["current_document", "document"]}),
    ]

    @admin.display(description=_("state"))
    def state(self, obj):
        return {
            "future": gettext("not yet in force"),
            "in_force": gettext("in force"),
            "expiring": gettext("expires soon"),
            "expired": gettext("expired"),
        }[selectors.agreement_state(obj)]

    @admin.display(description=_("current document"))
    def current_document(self, obj):
        if obj is None or not obj.has_document:
            return gettext("No document uploaded yet.")
        return format_html(
            '<a href="{}">{}</a> ({} kB, {})',
            reverse("processingregister:agreement_document", args=[obj.pk]),
            obj.document_name,
            (obj.document_size or 0) // 1024,
            timezone.localtime(obj.document_uploaded_at).strftime("%d-%m-%Y %H:%M"),
        )


# --- Data breaches --------------------------------------------------------------------------------


class DataBreachForm(forms.ModelForm):
    class Meta:  # model and fields come from the ModelAdmin
        widgets = {
            "activities": forms.CheckboxSelectMultiple,
            "data_categories": forms.CheckboxSelectMultiple,
            "subject_categories": forms.CheckboxSelectMultiple,
        }


class BreachUpdateInline(admin.StackedInline):
    model = BreachUpdate
    extra = 0

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DataBreach)
class DataBreachAdmin(NoDeleteMixin, admin.ModelAdmin):
    form = DataBreachForm
    inlines = [BreachUpdateInline]
    list_display = [
        "reference",
        "title",
        "aware_at",
        "deadline_display",
        "authority_decision",
        "subjects_decision",
        "closed_at",
    ]
    list_filter = ["authority_decision", "subjects_decision", "risk", "cause"]
    search_fields = ["reference", "title", "authority_reference"]
    readonly_fields = [
        "reference",
        "deadline_display",
        "authority_decided_at",
        "subjects_decided_at",
        "reported_by",
    ]
    fieldsets = [
        (None, {"fields": ["reference", "title", "reported_by"]}),
        (
            _("When"),
            {"fields": ["aware_at", "deadline_display", "occurred_from", "occurred_until"]},
        ),
        (
            _("What happened"),
            {
                "fields": [
                    "description",
                    "confidentiality",
                    "integrity",
                    "availability",
                    "cause",
                    "processor_agreement",
                    "processor_reported_at",
                ]
            },
        ),
        (
            _("Who and what is affected"),
            {
                "fields": [
                    "activities",
                    "data_categories",
                    "subject_categories",
                    "subjects_count",
                    "records_count",
                ]
            },
        ),
        (
            _("Consequences and measures"),
            {"fields": ["consequences", "measures", "risk"]},
        ),
        (
            _("Autoriteit Persoonsgegevens (art. 33)"),
            {
                "fields": [
                    "authority_decision",
                    "authority_decision_reason",
                    "authority_decided_at",
                    "authority_notified_at",
                    "authority_reference",
                    "delay_reason",
                ]
            },
        ),
        (
            _("Data subjects (art. 34)"),
            {
                "fields": [
                    "subjects_decision",
                    "subjects_decision_reason",
                    "subjects_decided_at",
                    "subjects_notified_at",
                    "subjects_notification_method",
                ]
            },
        ),
        (_("Closing"), {"fields": ["closed_at"]}),
    ]

    @admin.display(description=_("deadline (72 hours)"))
    def deadline_display(self, obj):
        if obj is None or obj.aware_at is None:
            return gettext("72 hours after the moment of awareness")
        state = services.breach_state(obj)
        deadline = timezone.localtime(state.deadline).strftime("%d-%m-%Y %H:%M")
        if state.authority_pending:
            return f"{deadline} ({services.format_remaining(state.remaining)})"
        return deadline

    def save_model(self, request, obj, form, change):
        if change:
            previous = DataBreach.objects.get(pk=obj.pk)
            services.update_breach(obj, previous)
        else:
            services.register_breach(obj, request.user)
