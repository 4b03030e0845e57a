"""The one short form from the card: record a disclosure of this tenant's data."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.models import SignalType
from dataminimisation.forms import MinimisationGuardFormMixin
from persondata import registry
from processingregister.inventory import stored_fields
from processingregister.models import Agreement, Party, PersonalDataCategory

from . import services
from .models import Basis, Channel


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"


class AgreementField(forms.ModelChoiceField):
    """Each agreement with what it covers, so the employee sees before sending whether the
    categories they share are named (the rule checks it again on submit)."""

    def label_from_instance(self, obj):
        covers = ", ".join(c.name for c in obj.data_categories.all())
        return f"{obj.party.name}: {obj.reference} {obj.title} ({covers})"


def offered_categories():
    """The register's categories, never free text: those of the data the product holds about a
    person (the classification of the fields of the models the person-data registry declares)
    and those an agreement in force names (data shared from another system, e.g. arrears from
    the ERP)."""
    declared = {entry.label for entry in registry.entries()}
    codes = {row.category for row in stored_fields() if row.model_label in declared}
    codes -= {"medewerker", "autorisatie", "logging"}  # about employees and systems
    named = PersonalDataCategory.objects.filter(
        agreements__in=[a.pk for a in services.agreements_in_force()]
    ).values_list("code", flat=True)
    return PersonalDataCategory.objects.filter(code__in=codes | set(named)).order_by("name")


class DisclosureForm(MinimisationGuardFormMixin, forms.Form):
    guarded_fields = ("purpose",)
    minimisation_source = "disclosures.record"

    agreement = AgreementField(
        label=_("Covenant or agreement"),
        queryset=Agreement.objects.none(),
        required=False,
        help_text=_("Only agreements in force today are offered."),
    )
    recipient = forms.ModelChoiceField(
        label=_("Recipient without an agreement"),
        queryset=Party.objects.order_by("name"),
        required=False,
        help_text=_("Only for a legal obligation or a court order (e.g. the police)."),
    )
    basis = forms.ChoiceField(label=_("Legal basis"), choices=Basis.choices)
    basis_reference = forms.CharField(
        label=_("Article or reference"),
        max_length=200,
        required=False,
        help_text=_("For a legal obligation the article, for a court order its reference."),
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("What was shared"),
        queryset=PersonalDataCategory.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    channel = forms.ChoiceField(label=_("How"), choices=Channel.choices)
    meeting = forms.CharField(
        label=_("Meeting"),
        max_length=200,
        required=False,
        help_text=_("For a case conference: which meeting. What was said is not recorded."),
    )
    signal_type = forms.ModelChoiceField(
        label=_("Kind of signal discussed"),
        queryset=SignalType.objects.filter(is_active=True).order_by("name"),
        required=False,
    )
    purpose = forms.CharField(
        label=_("What the recipient needs it for"),
        max_length=300,
        help_text=_("A few words, no content of the case."),
    )
    disclosed_at = forms.DateTimeField(
        label=_("When"), widget=DateTimeInput(), initial=timezone.now, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = (
            Agreement.objects.filter(pk__in=[a.pk for a in services.agreements_in_force()])
            .select_related("party")
            .prefetch_related("data_categories")
        )
        self.fields["categories"].queryset = offered_categories()

    def clean(self):
        cleaned = super().clean()
        agreement, recipient = cleaned.get("agreement"), cleaned.get("recipient")
        if agreement is None and recipient is None:
            self.add_error("agreement", _("Choose the covenant, or the recipient."))
        if agreement is not None and recipient is not None and recipient != agreement.party:
            self.add_error("recipient", _("The recipient is the party of the agreement."))
        return cleaned

    def disclosure_input(self, person) -> services.DisclosureInput:
        data = self.cleaned_data
        agreement = data.get("agreement")
        return services.DisclosureInput(
            persons=[person],
            recipient=agreement.party if agreement else data.get("recipient"),
            agreement=agreement,
            basis=data["basis"],
            basis_reference=data.get("basis_reference", ""),
            channel=data["channel"],
            categories=list(data["categories"]),
            purpose=data["purpose"],
            meeting=data.get("meeting", ""),
            signal_type=data.get("signal_type"),
            disclosed_at=data.get("disclosed_at") or timezone.now(),
        )
