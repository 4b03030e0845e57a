"""Admin pages of retention, for the privacy officer (AVG-functionaris).

Rules are edited here (never deleted: a rule is ended with its 'active to' date), legal holds
placed and released, reviews decided; runs, due dates and the erasure log are read-only. Record
references show the record type and number, never personal data.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from klantcontact.forms import ValidatedInitialMixin

from . import selectors, services
from .engine import COUNT_FIELDS
from .models import (
    ErasureLog,
    LegalHold,
    RetentionReview,
    RetentionRule,
    RetentionRun,
    RetentionRunRule,
    RetentionSchedule,
)


def record_label(content_type, object_id) -> str:
    if content_type is None or object_id is None:
        return "-"
    return f"{content_type.name} #{object_id}"


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RetentionRule)
class RetentionRuleAdmin(ValidatedInitialMixin, admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "data_category",
        "target",
        "trigger",
        "period",
        "action",
        "is_statutory",
        "active_from",
        "active_to",
    ]
    list_filter = ["action", "trigger", "is_statutory", "target", "data_category"]
    search_fields = ["code", "name", "legal_source"]
    raw_id_fields = ["review_owner"]
    readonly_fields = ["due_dates", "needs_recompute", "created_at", "updated_at"]
    actions = ["recompute"]
    fieldsets = [
        (None, {"fields": ["code", "name", "data_category", "processing_activity"]}),
        (
            _("Which records"),
            {"fields": ["target", "record_kinds"]},
        ),
        (
            _("Period"),
            {
                "fields": [
                    "trigger",
                    "trigger_field",
                    "event_code",
                    "period_amount",
                    "period_unit",
                    "action",
                    "is_statutory",
                    "review_owner",
                ]
            },
        ),
        (_("Legal source"), {"fields": ["legal_source"]}),
        (_("Validity"), {"fields": ["active_from", "active_to"]}),
        (
            _("Due dates"),
            {"fields": ["due_dates", "needs_recompute", "created_at", "updated_at"]},
        ),
    ]

    @admin.display(description=_("period"))
    def period(self, obj):
        return obj.period_display()

    @admin.display(description=_("due dates"))
    def due_dates(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        counts = selectors.schedule_counts(obj)
        return (
            gettext(
                "%(due)s due, %(scheduled)s with a later date, %(waiting)s waiting for their "
                "trigger, %(review)s in review, %(done)s done"
            )
            % counts
        )

    def has_delete_permission(self, request, obj=None):
        return False  # end a rule with its 'active to' date: run reports refer to it

    @admin.action(description=_("Recompute the due dates in the next run"))
    def recompute(self, request, queryset):
        count = queryset.update(needs_recompute=True, scheduled_up_to=0)
        self.message_user(
            request, gettext("%(count)s rules will be recomputed.") % {"count": count}
        )


class LegalHoldForm(forms.ModelForm):
    class Meta:
        model = LegalHold
        fields = [
            "person",
            "content_type",
            "object_id",
            "reason_kind",
            "reason",
            "owner",
            "starts_on",
            "ends_on",
        ]


@admin.register(LegalHold)
class LegalHoldAdmin(ValidatedInitialMixin, admin.ModelAdmin):
    form = LegalHoldForm
    list_display = [
        "__str__",
        "held",
        "reason_kind",
        "owner",
        "starts_on",
        "ends_on",
        "is_active",
    ]
    list_filter = ["reason_kind", "ends_on"]
    raw_id_fields = ["person", "owner"]
    readonly_fields = ["released_at", "released_by", "created_at"]
    actions = ["release"]

    @admin.display(description=_("held"))
    def held(self, obj):
        if obj.object_id is not None:
            return record_label(obj.content_type, obj.object_id)
        return gettext("Person #%(id)s") % {"id": obj.person_id}

    @admin.display(description=_("active"), boolean=True)
    def is_active(self, obj):
        return obj.is_active_on()

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("owner", request.user.pk)
        return initial

    def save_model(self, request, obj, form, change):
        if obj.person_id is None and obj.object_id is not None and obj.content_type_id:
            model = obj.content_type.model_class()
            record = model._base_manager.filter(pk=obj.object_id).first() if model else None
            if record is not None:
                obj.person_id = services.record_person_id(record)
        super().save_model(request, obj, form, change)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.released_at is not None:
            return [*LegalHoldForm.Meta.fields, *self.readonly_fields]
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return False  # release a hold: the release is part of the record

    @admin.action(description=_("Release the selected holds"))
    def release(self, request, queryset):
        released = 0
        for hold in queryset.filter(released_at__isnull=True):
            services.release_hold(hold, user=request.user)
            released += 1
        self.message_user(request, gettext("%(count)s holds released.") % {"count": released})


class ReviewDecisionForm(forms.ModelForm):
    decision = forms.ChoiceField(
        label=_("decision"), choices=RetentionReview.Decision.choices, widget=forms.RadioSelect
    )
    keep_until = forms.DateField(
        label=_("keep until"),
        required=False,
        help_text=_("Only when keeping: the record comes up for review again on this date."),
    )
    reason = forms.CharField(
        label=_("reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when keeping: why the record is still needed."),
    )

    class Meta:
        model = RetentionReview
        fields = ["decision", "keep_until", "reason"]

    def clean(self):
        data = super().clean()
        try:
            services.validate_decision(
                self.instance,
                decision=data.get("decision"),
                reason=(data.get("reason") or "").strip(),
                keep_until=data.get("keep_until"),
            )
        except ValidationError as exc:
            raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc) from exc
        return data


@admin.register(RetentionReview)
class RetentionReviewAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "rule",
        "record",
        "round",
        "due_on",
        "owner",
        "status",
        "decision",
        "keep_until",
    ]
    list_filter = ["status", "decision", "rule"]
    readonly_fields = [
        "rule",
        "record",
        "person",
        "round",
        "due_on",
        "owner",
        "created_at",
        "status",
        "decided_by",
        "decided_at",
        "previous",
    ]

    @admin.display(description=_("record"))
    def record(self, obj):
        return record_label(obj.content_type, obj.object_id)

    @admin.display(description=_("person"))
    def person(self, obj):
        return gettext("Person #%(id)s") % {"id": obj.person_id} if obj.person_id else "-"

    @admin.display(description=_("earlier decisions"))
    def previous(self, obj):
        earlier = RetentionReview.objects.filter(
            rule=obj.rule, object_id=obj.object_id, round__lt=obj.round
        ).order_by("round")
        lines = [
            gettext("Round %(round)s: %(decision)s %(until)s (%(date)s)")
            % {
                "round": review.round,
                "decision": review.get_decision_display() or review.get_status_display(),
                "until": review.keep_until.strftime("%d-%m-%Y") if review.keep_until else "",
                "date": timezone.localtime(review.decided_at).strftime("%d-%m-%Y")
                if review.decided_at
                else "-",
            }
            for review in earlier
        ]
        return "; ".join(lines) or "-"

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and obj.status == RetentionReview.Status.OPEN:
            kwargs["form"] = ReviewDecisionForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request, obj=None):
        return [*self.readonly_fields, "decision", "keep_until", "reason"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status == RetentionReview.Status.OPEN:
            return self.readonly_fields
        return [*self.readonly_fields, "decision", "keep_until", "reason"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return obj.status == RetentionReview.Status.OPEN and services.may_decide(request.user, obj)

    def save_model(self, request, obj, form, change):
        try:
            services.decide_review(
                obj,
                user=request.user,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data.get("reason") or "",
                keep_until=form.cleaned_data.get("keep_until"),
            )
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), level=messages.ERROR)

    def save_related(self, request, form, formsets, change):
        pass


class RunRuleInline(admin.TabularInline):
    model = RetentionRunRule
    fields = [
        "rule",
        "not_enforced",
        "phase",
        *COUNT_FIELDS,
        "duration_ms",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = [
        "__str__",
        "kind",
        "status",
        "as_of",
        "started_at",
        "finished_at",
        "tasks",
        "deleted",
        "anonymised",
        "sent_to_review",
        "skipped",
        "errors",
    ]
    list_filter = ["status", "kind"]
    inlines = [RunRuleInline]
    fields = [
        "kind",
        "status",
        "as_of",
        "rule_filter",
        "event_code",
        "started_at",
        "finished_at",
        "tasks",
        "error",
    ]

    def has_change_permission(self, request, obj=None):
        return False

    def _total(self, obj, name):
        return sum(getattr(report, name) for report in obj.rule_reports.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("rule_reports")

    @admin.display(description=_("deleted"))
    def deleted(self, obj):
        return self._total(obj, "deleted")

    @admin.display(description=_("anonymised"))
    def anonymised(self, obj):
        return self._total(obj, "anonymised")

    @admin.display(description=_("sent to review"))
    def sent_to_review(self, obj):
        return self._total(obj, "sent_to_review")

    @admin.display(description=_("kept (hold or longer duty)"))
    def skipped(self, obj):
        return self._total(obj, "skipped_hold") + self._total(obj, "kept_longer")

    @admin.display(description=_("errors"))
    def errors(self, obj):
        return self._total(obj, "errors")


@admin.register(RetentionSchedule)
class RetentionScheduleAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["__str__", "rule", "record", "person_id", "trigger_date", "due_on", "state"]
    list_filter = ["state", "rule"]
    search_fields = ["=object_id", "=person_id"]
    show_full_result_count = False

    @admin.display(description=_("record"))
    def record(self, obj):
        return record_label(obj.content_type, obj.object_id)


@admin.register(ErasureLog)
class ErasureLogAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["__str__", "person_id", "erased_at", "requested_by", "outcome"]
    list_filter = ["outcome"]
    search_fields = ["=person_id"]
    fields = [
        "person_id",
        "erased_at",
        "requested_by",
        "reason",
        "outcome",
        "person_deleted",
        "counts",
        "kept",
        "statement",
    ]
    readonly_fields = fields
