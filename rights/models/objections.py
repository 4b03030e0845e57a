"""Art. 21: ``Objection`` (to one purpose; that processing stops at once) and
``SurveyOptOut`` (no satisfaction-survey invitations, through staff or a link)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import SUBJECT_PERSON_KEY
from klantcontact.db import employee_reference

from .requests import DataSubjectRequest


class Objection(models.Model):
    """Art. 21: an objection to one purpose; that processing stops at once."""

    class Purpose(models.TextChoices):
        SURVEYS = "surveys", _("satisfaction surveys")
        INFORMATION_EVENINGS = "information_evenings", _("invitations to information evenings")
        NEWSLETTER = "newsletter", _("newsletter and residents' information by e-mail")
        RESIDENT_PARTICIPATION = "resident_participation", _("invitations to resident panels")
        # Sharing with partners on a covenant (not where the law requires it: art. 21 does not
        # apply to a legal obligation).
        DISCLOSURE = "disclosure", _("sharing with partners under a covenant")

    person = models.ForeignKey(
        "contacts.Person",
        on_delete=models.CASCADE,
        related_name="objections",
        verbose_name=_("person"),
    )
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    request = models.ForeignKey(
        DataSubjectRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="objections",
        verbose_name=_("request"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(fields=["person", "purpose"], name="rights_objection_once"),
        ]

    def __str__(self):
        return _("Objection #%(id)s") % {"id": self.pk}

    def get_additional_data(self):
        return {SUBJECT_PERSON_KEY: self.person_id}


class SurveyOptOut(models.Model):
    """The person does not want satisfaction-survey invitations (through staff or a link)."""

    class Via(models.TextChoices):
        STAFF = "staff", _("through an employee")
        LINK = "link", _("through the link in a survey e-mail")

    person = models.ForeignKey(
        "contacts.Person",
        on_delete=models.CASCADE,
        related_name="survey_opt_outs",
        verbose_name=_("person"),
    )
    via = models.CharField(_("via"), max_length=10, choices=Via.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    recorded_by = employee_reference(_("recorded by"))
    token_nonce = models.CharField(
        max_length=32, null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        verbose_name = _("survey opt-out")
        verbose_name_plural = _("survey opt-outs")
        ordering = ["-at"]

    def __str__(self):
        return _("Opt-out #%(id)s") % {"id": self.pk}

    def get_additional_data(self):
        return {SUBJECT_PERSON_KEY: self.person_id}
