"""The guard on the free-text fields of a form: the form mixin and ``record_override``.

Usage (a form, its view, its template)::

    class ContactMomentForm(MinimisationGuardFormMixin, forms.ModelForm):
        guarded_fields = ("summary", "notes")

    if form.is_valid():
        with transaction.atomic():
            contact = form.save()
            record_override(form, contact, request.user)

    {% include "dataminimisation/findings.html" with form=form %}

On a hit the form is invalid: a non-field error, an error with advice on each affected field,
and ``form.minimisation_findings`` (per field: the text cut into segments with the flagged
phrases marked) for the template. What the employee typed stays in the bound form. Ticking
``minimisation_confirm`` with a reason (``minimisation_reason``) lets the form pass; the view
then calls ``record_override`` after saving, which logs a ``GuardOverride`` per field.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Category
from .normalise import fold

CONFIRM_FIELD = "minimisation_confirm"
REASON_FIELD = "minimisation_reason"
TOKEN_NAME = "minimisation_token"  # noqa: S105 (a form field name, not a secret)
GUARD_FIELDS = (CONFIRM_FIELD, REASON_FIELD)


@dataclass(frozen=True)
class FieldFindings:
    """What the guard found in one field, ready for a template."""

    name: str
    label: str
    html_id: str
    text: str
    findings: list
    segments: list
    advice: list
    category_labels: list


def findings_token(findings: dict[str, list]) -> str:
    """A keyed digest of what was flagged (field, category, phrase), independent of offsets.

    The confirm box only covers the phrases the employee saw: new flagged wording added in the
    same submit asks again. Keyed with the secret key, so the digest does not reveal the words.
    """
    items = sorted(
        (name, f.category, " ".join(fold(f.phrase).split()))
        for name, field_findings in findings.items()
        for f in field_findings
    )
    value = "\n".join("\t".join(item) for item in items)
    return salted_hmac("dataminimisation.confirm", value).hexdigest()


def _category_labels(findings) -> list[str]:
    return [str(Category(code).label) for code in services.categories_of(findings)]


class MinimisationGuardFormMixin:
    """Warns about special-category and criminal wording in ``guarded_fields``.

    Put it before the form base class (``class F(MinimisationGuardFormMixin, forms.Form)``);
    a form that overrides ``clean()`` must call ``super().clean()``.
    """

    guarded_fields: tuple[str, ...] = ()
    # How the form is named in the override log; default: the form class's dotted path.
    minimisation_source: str | None = None
    minimisation_reason_min_length = 15
    minimisation_reason_max_length = 500

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        missing = [name for name in self.guarded_fields if name not in self.fields]
        if missing:
            raise ImproperlyConfigured(
                f"{type(self).__name__}.guarded_fields names unknown fields: {missing}"
            )
        self.fields[CONFIRM_FIELD] = forms.BooleanField(
            required=False,
            label=_("These words must stay: I have checked that recording them is necessary"),
        )
        self.fields[REASON_FIELD] = forms.CharField(
            required=False,
            max_length=self.minimisation_reason_max_length,
            strip=True,
            widget=forms.Textarea(attrs={"rows": 2}),
            label=_("Reason"),
            help_text=_(
                "Why must this be recorded? The privacy officer reads this. Do not repeat the "
                "sensitive details."
            ),
        )
        self.minimisation_findings: dict[str, FieldFindings] = {}
        self.minimisation_confirmed = False
        self.minimisation_token = ""
        self._minimisation_texts: dict[str, str] = {}
        self._minimisation_raw: dict[str, list] = {}

    # --- template helpers ---------------------------------------------------------------------

    @property
    def minimisation_token_name(self) -> str:
        return self.add_prefix(TOKEN_NAME)

    def fields_without_guard(self):
        """The visible bound fields except the guard's own (the include renders those)."""
        return [bf for bf in self.visible_fields() if bf.name not in GUARD_FIELDS]

    # --- validation ---------------------------------------------------------------------------

    def clean(self):
        cleaned_data = super().clean()
        self._check_minimisation(cleaned_data)
        return cleaned_data

    def _guarded_texts(self, cleaned_data) -> dict[str, str]:
        texts = {}
        for name in self.guarded_fields:
            # A field invalid for another reason still shows what it contains.
            value = cleaned_data[name] if name in cleaned_data else self[name].value()
            texts[name] = value if isinstance(value, str) else ""
        return texts

    def _check_minimisation(self, cleaned_data) -> None:
        texts = self._guarded_texts(cleaned_data)
        raw = services.scan_fields(texts)
        self._minimisation_texts = texts
        self._minimisation_raw = raw
        self.minimisation_findings = {
            name: FieldFindings(
                name=name,
                label=str(self.fields[name].label or name),
                html_id=self[name].id_for_label,
                text=texts[name],
                findings=findings,
                segments=services.segments(texts[name], findings),
                advice=services.advice_for(findings),
                category_labels=_category_labels(findings),
            )
            for name, findings in raw.items()
        }
        self.minimisation_token = findings_token(raw) if raw else ""
        if not raw:
            return

        if not cleaned_data.get(CONFIRM_FIELD):
            self._add_findings_errors(raw)
            return
        if self._override_is_valid(cleaned_data):
            self.minimisation_confirmed = True

    def _add_findings_errors(self, raw) -> None:
        """Unconfirmed findings: the form-wide warning, and per field what it may reveal with
        the advice."""
        all_findings = [f for findings in raw.values() for f in findings]
        categories = ", ".join(_category_labels(all_findings)).lower()
        self.add_error(
            None,
            forms.ValidationError(
                _(
                    "The text may contain special-category or criminal personal data "
                    "(%(categories)s). Rephrase the marked words, or confirm with a reason "
                    "why they must be recorded."
                ),
                code="minimisation",
                params={"categories": categories},
            ),
        )
        for name, item in self.minimisation_findings.items():
            errors = [
                forms.ValidationError(
                    _("May reveal: %(categories)s."),
                    code="minimisation",
                    params={"categories": ", ".join(item.category_labels).lower()},
                ),
                *(forms.ValidationError(a, code="minimisation") for a in item.advice),
            ]
            self.add_error(name, errors)

    def _override_is_valid(self, cleaned_data) -> bool:
        """A confirmed override passes with the token of the findings shown and a reason long
        enough that does not itself repeat the sensitive details; otherwise the error."""
        posted_token = self.data.get(self.minimisation_token_name, "")
        if not constant_time_compare(posted_token, self.minimisation_token):
            self.add_error(
                None,
                forms.ValidationError(
                    _(
                        "The marked words changed since the warning. Check them again and "
                        "confirm once more."
                    ),
                    code="minimisation_changed",
                ),
            )
            return False
        reason = (cleaned_data.get(REASON_FIELD) or "").strip()
        if len(reason) < self.minimisation_reason_min_length:
            self.add_error(
                REASON_FIELD,
                forms.ValidationError(
                    _("Give the reason why this must be recorded, in at least %(min)d characters."),
                    code="minimisation_reason",
                    params={"min": self.minimisation_reason_min_length},
                ),
            )
            return False
        if services.scan(reason):
            self.add_error(
                REASON_FIELD,
                forms.ValidationError(
                    _(
                        "Do not repeat the sensitive details in the reason: explain only why "
                        "they must be recorded."
                    ),
                    code="minimisation_reason_sensitive",
                ),
            )
            return False
        return True

    @property
    def minimisation_reason(self) -> str:
        return (self.cleaned_data.get(REASON_FIELD) or "").strip()

    @property
    def minimisation_source_label(self) -> str:
        cls = type(self)
        return self.minimisation_source or f"{cls.__module__}.{cls.__qualname__}"


def record_override(form, instance, user, *, field_map: dict[str, str] | None = None):
    """After saving a guarded form, log the confirmed findings (no-op when nothing was confirmed).

    ``instance`` is the saved record (its text is where the stored offsets point);
    ``field_map`` maps form field names to the record's attribute names when they differ.
    Call it in the same transaction as the save. Returns the ``GuardOverride`` rows.
    """
    if not getattr(form, "minimisation_confirmed", False):
        return []
    field_map = field_map or {}
    texts, findings = {}, {}
    for name, field_findings in form._minimisation_raw.items():
        text = form._minimisation_texts.get(name, "")
        stored = getattr(instance, field_map.get(name, name), None) if instance else None
        if isinstance(stored, str) and stored != text:
            # The view changed the text before saving: point the offsets at what was stored.
            text, field_findings = stored, services.scan(stored)
        if field_findings:
            texts[name], findings[name] = text, field_findings
    if not findings:
        return []
    return services.record_overrides(
        employee=user,
        source=form.minimisation_source_label,
        texts=texts,
        findings=findings,
        reason=form.minimisation_reason,
        instance=instance,
    )
