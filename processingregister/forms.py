"""Forms of the register pages: the filter, status-change notes and binding a registration."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import selectors, services
from .models import Department, LegalBasis, ProcessingActivity

Status = ProcessingActivity.Status


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    department = forms.ChoiceField(label=_("Department"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All but retired")), *Status.choices, ("all", _("All"))],
    )
    legal_basis = forms.ChoiceField(
        label=_("Legal basis"),
        required=False,
        choices=[("", _("All legal bases")), *LegalBasis.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [
            ("", _("All departments")),
            *Department.objects.order_by("name").values_list("code", "name"),
        ]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the history"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("What must change"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what must change before the activity can be approved.")},
    )


class ReviewForm(NoteForm):
    next_review = forms.DateField(
        label=_("Next review"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: one year from today."),
    )


class RetireForm(NoteForm):
    replaced_by = forms.ModelChoiceField(
        label=_("Replaced by"),
        required=False,
        queryset=ProcessingActivity.objects.none(),
        empty_label=_("(not replaced)"),
    )
    move_bindings = forms.BooleanField(
        label=_("Move the bound registrations to the replacement"),
        required=False,
        help_text=_("Only to an approved replacement. Otherwise they become unbound."),
    )

    def __init__(self, *args, activity=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = ProcessingActivity.objects.exclude(status=Status.RETIRED).order_by("name")
        if activity is not None:
            queryset = queryset.exclude(pk=activity.pk)
        self.fields["replaced_by"].queryset = queryset

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("move_bindings") and not services.is_approved(cleaned.get("replaced_by")):
            self.add_error(
                "move_bindings", _("Registrations can only be moved to an approved replacement.")
            )
        return cleaned


class BindForm(forms.Form):
    model = forms.CharField(widget=forms.HiddenInput)
    pk = forms.CharField(widget=forms.HiddenInput)
    activity = forms.ModelChoiceField(
        label=_("Processing activity"),
        queryset=ProcessingActivity.objects.none(),
        empty_label=_("Choose an approved activity"),
        error_messages={"required": _("Choose the processing activity.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = selectors.approved_activities()

    def clean_model(self):
        label = self.cleaned_data["model"]
        for model in selectors.bound_models():
            if model._meta.label == label:
                return model
        raise forms.ValidationError(_("This kind of registration cannot be bound."))
