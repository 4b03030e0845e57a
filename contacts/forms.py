"""The customer-contact forms: search, a new person, a contact registration (turned into
``services.ContactInput``), a mandate, a signal and its review, the timeline filter, the task
forms and the dashboard period."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Team, User
from accounts.services import teams_of
from dataminimisation.forms import MinimisationGuardFormMixin
from klantcontact.widgets import QuickSelect
from processingregister.services import purpose_summary, selectable
from referencedata.models import CodeList, ReferenceCode

from . import selectors, services
from .models import (
    OUTCOME_TASK_KIND,
    ContactMoment,
    ContactSubject,
    Mandate,
    Person,
    SignalType,
    Task,
)
from .normalise import normalise_phone


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class QuickModelChoiceField(forms.ModelChoiceField):
    widget = QuickSelect


class CodeChoiceField(forms.ModelChoiceField):
    widget = QuickSelect

    def label_from_instance(self, obj):
        return obj.name


def usable_codes(code_list: str):
    return ReferenceCode.objects.of_list(code_list).usable().order_by("name")


def employees():
    return (
        User.objects.filter(is_active=True)
        .only("pk", "username", "first_name", "last_name")
        .order_by("first_name", "last_name")
    )


class EmployeeChoiceField(forms.ModelChoiceField):
    widget = QuickSelect

    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        max_length=100,
        required=False,
        help_text=_(
            "Name, postcode + house number, phone number, e-mail, relation or contract number"
        ),
    )


class PersonForm(forms.Form):
    """A new person: the least needed to recognise them again. No free-text notes."""

    initials = forms.CharField(label=_("Initials"), max_length=20, required=False)
    given_name = forms.CharField(label=_("Given name"), max_length=100, required=False)
    surname_prefix = forms.CharField(label=_("Surname prefix"), max_length=20, required=False)
    surname = forms.CharField(label=_("Surname"), max_length=150)
    phone = forms.CharField(label=_("Phone number"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)

    def clean_phone(self):
        raw = self.cleaned_data["phone"].strip()
        return normalise_phone(raw) if raw else ""

    def clean_surname(self):
        surname = self.cleaned_data["surname"].strip()
        if not surname:
            raise forms.ValidationError(_("Fill in the surname."))
        return surname


class ContactForm(MinimisationGuardFormMixin, forms.Form):
    """Register a contact in one submit, with its task when the outcome asks for one.

    The free texts pass the data-minimisation guard: special-category or criminal wording
    comes back highlighted with advice, unless the employee confirms with a reason.
    """

    guarded_fields = ("summary", "notes", "requested_action")
    minimisation_source = "contacts.registration"

    channel = CodeChoiceField(label=_("Channel"), queryset=ReferenceCode.objects.none())
    direction = forms.ChoiceField(
        label=_("Direction"),
        choices=ContactMoment.Direction.choices,
        initial=ContactMoment.Direction.INBOUND,
    )
    occurred_at = forms.DateTimeField(label=_("When"), widget=DateTimeInput())
    caller_kind = forms.ChoiceField(
        label=_("Who contacted us"), choices=ContactMoment.CallerKind.choices
    )
    mandate = QuickModelChoiceField(
        label=_("Mandate"), queryset=Mandate.objects.none(), required=False
    )
    subject = QuickModelChoiceField(label=_("Subject"), queryset=ContactSubject.objects.none())
    defect = CodeChoiceField(
        label=_("Defect"), queryset=ReferenceCode.objects.none(), required=False
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=ContactMoment.SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "What was asked and answered. No medical details: describe needs in general terms."
        ),
    )
    notes = forms.CharField(
        label=_("Notes"),
        max_length=ContactMoment.NOTES_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ContactMoment.Outcome.choices)
    forwarded_to = QuickModelChoiceField(
        label=_("Forwarded to"), queryset=Team.objects.none(), required=False
    )
    requested_action = forms.CharField(
        label=_("Requested action"),
        max_length=Task.REQUESTED_ACTION_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    assigned_team = QuickModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False
    )
    assigned_to = EmployeeChoiceField(
        label=_("Employee"), queryset=User.objects.none(), required=False
    )
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())
    team = QuickModelChoiceField(label=_("Registered for team"), queryset=Team.objects.none())

    def __init__(self, *args, person: Person | None, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.user = user
        self.fields["channel"].queryset = usable_codes(CodeList.CHANNEL)
        self.fields["defect"].queryset = usable_codes(CodeList.DEFECT_TYPE)
        # Purpose binding: only subjects of an approved processing activity can be chosen.
        self.fields["subject"].queryset = selectable(
            ContactSubject.objects.filter(is_active=True)
        ).select_related("processing_activity")
        active_teams = Team.objects.filter(is_active=True)
        self.fields["forwarded_to"].queryset = active_teams
        self.fields["assigned_team"].queryset = active_teams
        self.fields["assigned_to"].queryset = employees()
        self.fields["team"].queryset = teams_of(user)
        self.fields["subject"].widget.attrs["autofocus"] = True
        if person is not None and selectors.valid_mandates(person).exists():
            self.fields["mandate"].queryset = selectors.valid_mandates(person)
        elif person is not None:
            del self.fields["mandate"]
            self.fields["caller_kind"].choices = [
                choice
                for choice in ContactMoment.CallerKind.choices
                if choice[0] != ContactMoment.CallerKind.REPRESENTATIVE
            ]
        else:
            self.fields["caller_kind"].choices = [
                (ContactMoment.CallerKind.OTHER, ContactMoment.CallerKind.OTHER.label)
            ]
            del self.fields["mandate"]
        if not self.is_bound:
            self.initial.setdefault(
                "occurred_at", timezone.localtime().replace(second=0, microsecond=0)
            )

    def subject_purposes(self):
        """(subject id, purpose summary) for the purpose shown beside the subject choice."""
        return [
            (subject.pk, purpose_summary(subject.processing_activity))
            for subject in self.fields["subject"].queryset
        ]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        outcome = cleaned["outcome"]
        task = None
        if outcome in OUTCOME_TASK_KIND:
            task = services.TaskInput(
                requested_action=cleaned.get("requested_action", ""),
                due_date=cleaned.get("due_date") or services.default_due_date(outcome),
                assigned_team=cleaned.get("assigned_team"),
                assigned_to=cleaned.get("assigned_to"),
            )
        self.contact_input = services.ContactInput(
            person=self.person,
            channel=cleaned["channel"],
            direction=cleaned["direction"],
            occurred_at=cleaned["occurred_at"],
            caller_kind=cleaned["caller_kind"],
            mandate=cleaned.get("mandate"),
            subject=cleaned["subject"],
            defect=cleaned.get("defect"),
            summary=cleaned["summary"],
            notes=cleaned.get("notes", ""),
            outcome=outcome,
            forwarded_to=cleaned.get("forwarded_to"),
            team=cleaned["team"],
            task=task,
        )
        for name, message in services.contact_rule_errors(self.contact_input).items():
            self.add_error(name if name in self.fields else None, message)
        return cleaned


class TimelineFilterForm(forms.Form):
    channel = CodeChoiceField(
        label=_("Channel"), queryset=ReferenceCode.objects.none(), required=False
    )
    subject = QuickModelChoiceField(
        label=_("Subject"), queryset=ContactSubject.objects.all(), required=False
    )
    since = forms.DateField(label=_("From"), required=False, widget=DateInput())
    until = forms.DateField(label=_("Until"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = ReferenceCode.objects.of_list(CodeList.CHANNEL).order_by(
            "name"
        )

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end of the period lies before its start."))
        return cleaned

    def filters(self) -> selectors.TimelineFilter:
        if not self.is_valid():
            return selectors.TimelineFilter()
        return selectors.TimelineFilter(**self.cleaned_data)


class CloseTaskForm(MinimisationGuardFormMixin, forms.Form):
    guarded_fields = ("note",)
    minimisation_source = "contacts.task_closing"

    note = forms.CharField(
        label=_("Closing note"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReassignTaskForm(forms.Form):
    team = QuickModelChoiceField(
        label=_("Team"), queryset=Team.objects.filter(is_active=True), required=False
    )
    employee = EmployeeChoiceField(
        label=_("Employee"), queryset=User.objects.none(), required=False
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = employees()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("team") and not cleaned.get("employee"):
            raise forms.ValidationError(_("Choose a team or an employee."))
        return cleaned


class DashboardForm(forms.Form):
    weeks = forms.IntegerField(
        label=_("Weeks"), min_value=4, max_value=52, initial=12, required=False
    )


def today() -> datetime.date:
    return timezone.localdate()


# VERA relation roles that can represent a person.
REPRESENTATIVE_ROLES = ("BWI", "CUR", "BUD", "CPE", "AMB")


class MandateForm(forms.Form):
    """Register a representative's mandate: who, in which role, for what, how long, how checked."""

    representative_relation_number = forms.CharField(
        label=_("Relation number of the representative"),
        max_length=20,
        required=False,
        help_text=_("When the representative is already known. Otherwise fill in the name below."),
    )
    representative_initials = forms.CharField(label=_("Initials"), max_length=20, required=False)
    representative_surname_prefix = forms.CharField(
        label=_("Surname prefix"), max_length=20, required=False
    )
    representative_surname = forms.CharField(label=_("Surname"), max_length=150, required=False)
    role = CodeChoiceField(label=_("Role"), queryset=ReferenceCode.objects.none())
    scope = forms.ChoiceField(label=_("Scope"), choices=Mandate.Scope.choices)
    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput())
    valid_to = forms.DateField(label=_("Valid to"), required=False, widget=DateInput())
    verified_how = forms.ChoiceField(label=_("Verified how"), choices=Mandate.Verification.choices)
    verified_at = forms.DateField(label=_("Verified on"), widget=DateInput())

    def __init__(self, *args, represented: Person, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.represented = represented
        self.user = user
        self.fields["role"].queryset = usable_codes(CodeList.RELATION_ROLE).filter(
            code__in=REPRESENTATIVE_ROLES
        )
        if not self.is_bound:
            self.initial.setdefault("verified_at", timezone.localdate())
            self.initial.setdefault("valid_from", timezone.localdate())

    def clean(self):
        cleaned = super().clean()
        number = cleaned.get("representative_relation_number", "").strip().upper()
        surname = cleaned.get("representative_surname", "").strip()
        if number:
            # Only among the persons the employee may open: an unknown number and one outside
            # the scope get the same answer, and no name (issue 18).
            representative = services.representative_by_number(self.user, number)
            if representative is None:
                self.add_error("representative_relation_number", services.unknown_representative())
            elif representative.pk == self.represented.pk:
                self.add_error(
                    "representative_relation_number",
                    _("A person cannot be their own representative."),
                )
            cleaned["representative"] = representative
        elif not surname:
            self.add_error(
                "representative_surname",
                _("Fill in the representative's relation number or surname."),
            )
        valid_from, valid_to = cleaned.get("valid_from"), cleaned.get("valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            self.add_error("valid_to", _("A mandate cannot end before it starts."))
        verified_at = cleaned.get("verified_at")
        if verified_at and verified_at > timezone.localdate():
            self.add_error("verified_at", _("The verification date cannot be in the future."))
        return cleaned


class SignalForm(forms.Form):
    signal_type = QuickModelChoiceField(
        label=_("Kind of signal"), queryset=SignalType.objects.none()
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Objective facts: what happened and when. No opinions, no diagnoses."),
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        max_length=300,
        required=False,
        help_text=_("Required for special-category or criminal data: which exception applies."),
    )
    review_on = forms.DateField(
        label=_("Review on"),
        required=False,
        widget=DateInput(),
        help_text=_("Empty: the default period of the kind of signal."),
    )
    review_reason = forms.CharField(
        label=_("Reason for a later review date"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Only for a review date beyond the default period (at most five years ahead): why "
            "the signal must be kept that long."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signal_type"].queryset = selectable(SignalType.objects.filter(is_active=True))

    def clean(self):
        cleaned = super().clean()
        signal_type = cleaned.get("signal_type")
        if (
            signal_type is not None
            and signal_type.sensitivity != SignalType.Sensitivity.ORDINARY
            and not cleaned.get("legal_basis", "").strip()
        ):
            self.add_error(
                "legal_basis", _("Record the legal basis for special-category or criminal data.")
            )
        review_on = cleaned.get("review_on")
        if review_on and review_on <= timezone.localdate():
            self.add_error("review_on", _("Choose a date in the future."))
        return cleaned


class SignalReviewForm(forms.Form):
    keep_until = forms.DateField(
        label=_("Keep until"),
        required=False,
        widget=DateInput(),
        help_text=_("Empty: the signal ends today."),
    )
    note = forms.CharField(
        label=_("Reason to keep it longer"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Only for a date beyond the default period (at most five years ahead): why the "
            "signal must be kept that long."
        ),
    )
