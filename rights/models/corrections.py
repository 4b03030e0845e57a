"""Art. 16: ``Rectification`` (a correction made at a request; the change itself is in the
audit trail) and ``PersonStatement`` (the person's own statement on a record they dispute)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import SUBJECT_PERSON_KEY

from .requests import DataSubjectRequest


class Rectification(models.Model):
    """A correction of a record at a person's request; the change itself is in the audit trail."""

    request = models.ForeignKey(
        DataSubjectRequest,
        on_delete=models.CASCADE,
        related_name="rectifications",
        verbose_name=_("request"),
    )
    person = models.ForeignKey(
        "contacts.Person",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    record_label = models.CharField(_("record"), max_length=50)
    object_id = models.BigIntegerField(_("record id"))
    fields = models.CharField(_("fields corrected"), max_length=300)
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        verbose_name = _("rectification")
        verbose_name_plural = _("rectifications")
        ordering = ["-at"]

    def __str__(self):
        return _("Rectification #%(id)s") % {"id": self.pk}

    def get_additional_data(self):
        return {SUBJECT_PERSON_KEY: self.person_id}


class PersonStatement(models.Model):
    """The person's own statement added to a record they dispute (seed 004 art. 9.1)."""

    class RecordKind(models.TextChoices):
        PERSON = "person", _("personal details")
        CONTACT_MOMENT = "contact_moment", _("contact moment")
        SIGNAL = "signal", _("signal")

    person = models.ForeignKey(
        "contacts.Person",
        on_delete=models.CASCADE,
        related_name="statements",
        verbose_name=_("person"),
    )
    request = models.ForeignKey(
        DataSubjectRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("request"),
    )
    record_kind = models.CharField(
        _("disputed record"), max_length=20, choices=RecordKind.choices, default=RecordKind.PERSON
    )
    object_id = models.BigIntegerField(_("record id"), null=True, blank=True)
    statement = models.TextField(
        _("statement of the person"),
        max_length=2000,
        help_text=_("In the person's own words; it stays with the record."),
    )
    received_on = models.DateField(_("received on"), default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("statement of the person")
        verbose_name_plural = _("statements of persons")
        ordering = ["-received_on", "-pk"]

    def __str__(self):
        return _("Statement #%(id)s") % {"id": self.pk}

    def get_additional_data(self):
        return {SUBJECT_PERSON_KEY: self.person_id}
