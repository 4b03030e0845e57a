"""Forms of the rights app: they validate input; the rules are in ``services``."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import roles
from contacts.forms import CodeChoiceField, DateInput, DateTimeInput, usable_codes
from contacts.models import Mandate, Person
from referencedata.models import CodeList

from .models import DataSubjectRequest, Objection, PersonStatement, WithheldItem


class ActionForm(forms.Form):
    """A form on the request page: its own id prefix, because several forms share the page
    (and field names such as "reason")."""

    form_id = "action"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.form_id}_%s")
        super().__init__(*args, **kwargs)


class EmployeeField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


def request_handlers():
    """Who can handle requests: the privacy officers."""
    return (
        get_user_model()
        .objects.filter(groups__name=roles.PRIVACY_OFFICER, is_active=True)
        .distinct()
        .order_by("first_name", "last_name")
    )


class MandateField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _("%(role)s, valid from %(start)s (mandate #%(id)s)") % {
            "role": obj.role.name,
            "start": obj.valid_from.strftime("%d-%m-%Y"),
            "id": obj.pk,
        }


class RequestForm(forms.Form):
    """A new request. The person is found by relation number and surname together, so a typo
    cannot attach the request to someone else."""

    kind = forms.ChoiceField(label=_("Kind of request"), choices=DataSubjectRequest.Kind.choices)
    relation_number = forms.CharField(label=_("Relation number"), max_length=20)
    surname = forms.CharField(
        label=_("Surname"), max_length=150, help_text=_("As a check on the relation number.")
    )
    received_at = forms.DateTimeField(label=_("Received at"), widget=DateTimeInput())
    channel = CodeChoiceField(label=_("Channel"), queryset=usable_codes(CodeList.CHANNEL))
    requester_kind = forms.ChoiceField(
        label=_("Requested by"),
        choices=DataSubjectRequest.RequesterKind.choices,
        initial=DataSubjectRequest.RequesterKind.SELF,
    )
    mandate = MandateField(
        label=_("Mandate of the representative"),
        queryset=Mandate.objects.select_related("role"),
        required=False,
        help_text=_("Only when a representative makes the request."),
    )
    description = forms.CharField(
        label=_("What is asked"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    assignee = EmployeeField(label=_("Handled by"), queryset=request_handlers(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = usable_codes(CodeList.CHANNEL)
        self.fields["assignee"].queryset = request_handlers()
        if not self.is_bound:
            self.initial.setdefault(
                "received_at", timezone.localtime().replace(second=0, microsecond=0)
            )

    def clean(self):
        data = super().clean()
        number, surname = data.get("relation_number"), data.get("surname")
        if number and surname:
            person = Person.objects.filter(
                relation_number__iexact=number.strip(), surname__iexact=surname.strip()
            ).first()
            if person is None:
                raise forms.ValidationError(
                    _(
                        "No person found with this relation number and surname. Check both on "
                        "the request letter or form."
                    )
                )
            data["person"] = person
        return data


class VerifyForm(ActionForm):
    form_id = "verify"

    how = forms.ChoiceField(
        label=_("How was the identity verified?"),
        choices=DataSubjectRequest.Verification.choices,
    )
    at = forms.DateTimeField(label=_("When"), widget=DateTimeInput(), required=False)


class AssignForm(ActionForm):
    form_id = "assign"

    assignee = EmployeeField(label=_("Handled by"), queryset=request_handlers())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = request_handlers()


class ExtendForm(ActionForm):
    form_id = "extend"

    until = forms.DateField(label=_("New deadline"), widget=DateInput())
    reason = forms.CharField(
        label=_("Why is more time needed?"), widget=forms.Textarea(attrs={"rows": 2})
    )
    told_at = forms.DateTimeField(
        label=_("Requester told at"),
        widget=DateTimeInput(),
        help_text=_("When the requester was told of the extension and its reason."),
    )


class WithholdForm(ActionForm):
    form_id = "withhold"

    item = forms.ChoiceField(label=_("Record"))
    reason = forms.CharField(
        label=_("Why withhold it?"),
        max_length=500,
        help_text=_("Whose rights does it protect? E.g. 'names the neighbour who reported'."),
    )

    def __init__(self, *args, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = []
        labels = dict(WithheldItem.ItemKind.choices)
        for kind, records in (items or {}).items():
            for record in records:
                choices.append((f"{kind}:{record.pk}", _describe(kind, record, labels)))
        self.fields["item"].choices = choices

    def clean_item(self):
        kind, _sep, pk = self.cleaned_data["item"].partition(":")
        return kind, int(pk)


def _describe(kind, record, labels) -> str:
    if kind == "contact_moment":
        text = f"{record.occurred_at:%d-%m-%Y} {record.subject.name}: {record.summary}"
    elif kind == "task":
        text = f"{record.created_at:%d-%m-%Y} {record.kind.name}: {record.requested_action}"
    else:
        text = f"{record.created_at:%d-%m-%Y} {record.signal_type.name}"
    return f"{labels[kind]} #{record.pk} · {text[:90]}"


class RectifyForm(ActionForm):
    """Corrections of the person's name details (other records: in their own screens)."""

    form_id = "rectify"

    initials = forms.CharField(label=_("Initials"), max_length=20, required=False)
    given_name = forms.CharField(label=_("Given name"), max_length=100, required=False)
    surname_prefix = forms.CharField(label=_("Surname prefix"), max_length=20, required=False)
    surname = forms.CharField(label=_("Surname"), max_length=150)
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=DateInput())


class StatementForm(ActionForm):
    form_id = "statement"

    record_kind = forms.ChoiceField(label=_("About"), choices=PersonStatement.RecordKind.choices)
    object_id = forms.IntegerField(
        label=_("Record number"),
        required=False,
        help_text=_("The number of the contact moment or signal (see the list above)."),
    )
    statement = forms.CharField(
        label=_("Statement of the person"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class RestrictForm(ActionForm):
    form_id = "restrict"

    reason = forms.CharField(label=_("Why restrict processing?"), max_length=300)


class EraseForm(ActionForm):
    """Erasure cannot be undone: the officer confirms after seeing what goes and what stays
    (``retention.services.erasure_preview``, on the request page)."""

    form_id = "erase"

    confirm = forms.BooleanField(
        label=_("I have checked what is erased and what is kept"),
        error_messages={
            "required": _("Confirm that you have checked what is erased and what is kept.")
        },
    )


class ObjectionForm(ActionForm):
    form_id = "objection"

    purpose = forms.ChoiceField(label=_("Objects to"), choices=Objection.Purpose.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class CompleteForm(ActionForm):
    form_id = "complete"

    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", "—"), *DataSubjectRequest.Outcome.choices]
    )
    refusal_reason = forms.ChoiceField(
        label=_("Reason for (partial) refusal"),
        choices=[("", "—"), *DataSubjectRequest.RefusalReason.choices],
        required=False,
    )
    reply = forms.CharField(
        label=_("Written reply to the requester"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What was done, and for a refusal the reasons and the right to complain."),
    )


class WithdrawForm(ActionForm):
    form_id = "withdraw"

    note = forms.CharField(label=_("How and when was it withdrawn?"), max_length=500)


class ListFilterForm(forms.Form):
    STATES = [
        ("open", _("open")),
        ("due_soon", _("due within 7 days")),
        ("overdue", _("overdue")),
        ("closed", _("closed")),
        ("all", _("all")),
    ]
    state = forms.ChoiceField(label=_("Show"), choices=STATES, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("all kinds")), *DataSubjectRequest.Kind.choices],
        required=False,
    )


# The AVG applies from 25 May 2018: the first month a request under it can be in the report.
REPORT_FIRST_MONTH = datetime.date(2018, 5, 1)


class ReportForm(forms.Form):
    month = forms.CharField(
        label=_("Up to and including month"),
        required=False,
        widget=forms.TextInput(attrs={"type": "month"}),
    )

    def clean_month(self):
        value = self.cleaned_data["month"]
        if not value:
            return timezone.localdate().replace(day=1)
        try:
            month = datetime.datetime.strptime(value, "%Y-%m").date()
        except ValueError as exc:
            raise forms.ValidationError(_("Choose a month.")) from exc
        # Requests exist from the AVG's start (May 2018) until now; a month far outside that
        # is a typing error, and the year 1 made the report's twelve months before it a 500.
        this_month = timezone.localdate().replace(day=1)
        if not REPORT_FIRST_MONTH <= month <= this_month:
            raise forms.ValidationError(
                _("Choose a month between %(first)s and %(last)s.")
                % {"first": f"{REPORT_FIRST_MONTH:%m-%Y}", "last": f"{this_month:%m-%Y}"}
            )
        return month
