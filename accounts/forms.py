"""The accounts app's forms: the second-factor code (authenticator app or backup code)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SecondFactorCodeForm(forms.Form):
    """One code: six digits from the authenticator app (or, when verifying, a backup code)."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        strip=True,
        error_messages={"required": _("Enter the code.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )

    def __init__(self, *args, digits_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if digits_only:
            self.fields["code"].widget.attrs.update({"inputmode": "numeric", "maxlength": "7"})
