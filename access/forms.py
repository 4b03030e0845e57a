"""Access-control forms: the break-the-glass reason and the officer's decision on an alert."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AccessAlert, BreakGlassGrant
from .services import EXPLANATION_MIN_LENGTH


class BreakGlassForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=BreakGlassGrant.Reason.choices)
    explanation = forms.CharField(
        label=_("Explanation"),
        min_length=EXPLANATION_MIN_LENGTH,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "A team leader (or else the privacy officer) is told, and the privacy officer "
            "reviews every access."
        ),
    )


class DecideAlertForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (AccessAlert.Outcome.JUSTIFIED, AccessAlert.Outcome.JUSTIFIED.label),
            (AccessAlert.Outcome.FOLLOWED_UP, AccessAlert.Outcome.FOLLOWED_UP.label),
        ],
    )
    note = forms.CharField(
        label=_("Note"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
