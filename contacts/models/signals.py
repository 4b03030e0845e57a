"""Signals (signaleringen) on a person and their types, with sensitivity class and review date.

Not Django signals: the domain word for a short, objective note on a person.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.models import SUBJECT_PERSON_KEY
from referencedata.models import CodeList, ReferenceCode

from .. import hooks
from .base import processing_activity_field
from .persons import Person


class SignalType(models.Model):
    """A kind of signal (signalering) with its sensitivity class and review period.

    The card shows the ``card_label`` ("that" information) to everyone who may open the card;
    the content ("what") is for involved employees with the role for its sensitivity class.
    """

    class Sensitivity(models.TextChoices):
        ORDINARY = "ordinary", _("ordinary")
        SPECIAL = "special", _("special-category data (art. 9)")
        CRIMINAL = "criminal", _("criminal data (art. 10)")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    card_label = models.CharField(
        _("label on the card"),
        max_length=120,
        help_text=_("What everyone in scope sees, e.g. 'veiligheidssignaal: bezoek met twee'."),
    )
    vera_type = models.ForeignKey(
        ReferenceCode,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"code_list": CodeList.SIGNAL_TYPE},
        verbose_name=_("VERA signal type"),
    )
    vera_detail = models.ForeignKey(
        ReferenceCode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"code_list": CodeList.SIGNAL_DETAIL_TYPE},
        verbose_name=_("VERA signal detail type"),
    )
    sensitivity = models.CharField(
        _("sensitivity"), max_length=10, choices=Sensitivity.choices, default=Sensitivity.ORDINARY
    )
    review_after_days = models.PositiveSmallIntegerField(
        _("review after (days)"),
        default=365,
        help_text=_("Default period until the signal is reviewed."),
    )
    processing_activity = processing_activity_field()
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("signal type")
        verbose_name_plural = _("signal types")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Signal(models.Model):
    """A signal on a person: short, objective, with its legal basis and a review date."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="signals", verbose_name=_("person")
    )
    signal_type = models.ForeignKey(
        SignalType, on_delete=models.PROTECT, related_name="signals", verbose_name=_("signal type")
    )
    description = models.TextField(
        _("description"),
        max_length=1000,
        help_text=_("Objective facts: what happened, when. No opinions, no diagnoses."),
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=300,
        blank=True,
        help_text=_("Required for special-category and criminal data: the exception that applies."),
    )
    review_on = models.DateField(_("review on"))
    handlers = models.ManyToManyField(
        "accounts.User",
        related_name="handled_signals",
        blank=True,
        verbose_name=_("involved employees"),
    )
    created_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["-created_at"]
        permissions = [
            (
                "view_signal_content_ordinary",
                _("Open the content of ordinary signals (when involved)"),
            ),
            (
                "view_signal_content_special",
                _("Open the content of special-category signals (when involved)"),
            ),
            (
                "view_signal_content_criminal",
                _("Open the content of criminal-data signals (when involved)"),
            ),
        ]
        indexes = [models.Index(fields=["person", "ended_on"], name="signal_person_idx")]

    def __str__(self):
        return _("Signal #%(id)s") % {"id": self.pk}

    def get_additional_data(self):
        return {SUBJECT_PERSON_KEY: self.person_id}

    def clean(self):
        errors = {}
        if (
            self.signal_type_id
            and self.signal_type.sensitivity != SignalType.Sensitivity.ORDINARY
            and not self.legal_basis.strip()
        ):
            errors["legal_basis"] = _(
                "Record the legal basis for special-category or criminal data."
            )
        # A new or moved review date: at most the signal rule's period ahead, up to five years
        # only with a reason (retention.limits, seed 002 §5.4c). The reason is not a field of
        # the signal: the caller sets ``review_reason`` and records it (contacts.services).
        previous = (
            type(self).objects.filter(pk=self.pk).values_list("review_on", flat=True).first()
            if self.pk is not None
            else None
        )
        if self.review_on and (self.pk is None or previous != self.review_on):
            # The cap is retention's rule, registered through contacts.hooks.
            message = hooks.keep_date_error(
                self.review_on,
                reason=getattr(self, "review_reason", ""),
                target="signal",
                kind=self.signal_type.code if self.signal_type_id else None,
            )
            if message:
                errors["review_on"] = message
        if errors:
            raise ValidationError(errors)
