"""Legal holds: a person's data, or one record, kept out of the engine's reach for a while."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import SUBJECT_PERSON_KEY


class LegalHoldQuerySet(models.QuerySet):
    def active_on(self, day=None):
        day = day or timezone.localdate()
        return self.filter(released_at__isnull=True, starts_on__lte=day, ends_on__gte=day)


class LegalHold(models.Model):
    """Keeps a person's data, or one record, out of the retention engine's reach for a while."""

    class Reason(models.TextChoices):
        LITIGATION = "litigation", _("litigation or a legal claim")
        STATUTORY_DUTY = "statutory_duty", _("a statutory duty to keep")
        DATA_SUBJECT_REQUEST = "data_subject_request", _("an open data-subject request")
        INVESTIGATION = "investigation", _("an investigation")

    person = models.ForeignKey(
        "contacts.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="legal_holds",
        verbose_name=_("person"),
        help_text=_("The whole file of this person is held, unless one record is named."),
    )
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("record type"),
    )
    object_id = models.BigIntegerField(_("record"), null=True, blank=True)
    reason_kind = models.CharField(_("reason"), max_length=30, choices=Reason.choices)
    reason = models.TextField(
        _("explanation"),
        help_text=_("The case or request number and why it needs the data; no more than that."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner"),
        help_text=_("Who answers for this hold and releases it."),
    )
    starts_on = models.DateField(_("from"), default=timezone.localdate)
    ends_on = models.DateField(
        _("until"), help_text=_("The hold ends by itself after this date; extend it if needed.")
    )
    released_at = models.DateTimeField(_("released at"), null=True, blank=True, editable=False)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("released by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        ordering = ["-starts_on", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="retention_hold_record_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False)
                | (models.Q(content_type__isnull=False) & models.Q(object_id__isnull=False)),
                name="retention_hold_has_subject",
            ),
            models.CheckConstraint(
                condition=models.Q(content_type__isnull=True, object_id__isnull=True)
                | models.Q(content_type__isnull=False, object_id__isnull=False),
                name="retention_hold_record_complete",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="retention_hold_period",
            ),
        ]

    def __str__(self):
        return _("Legal hold #%(id)s") % {"id": self.pk}

    def get_additional_data(self):
        return {SUBJECT_PERSON_KEY: self.person_id}

    @property
    def is_record_hold(self) -> bool:
        return self.object_id is not None

    def is_active_on(self, day=None) -> bool:
        day = day or timezone.localdate()
        return self.released_at is None and self.starts_on <= day <= self.ends_on

    def clean(self):
        errors = {}
        if self.person_id is None and self.object_id is None:
            errors["person"] = _("Choose the person, or name the record, that is held.")
        if (self.content_type_id is None) != (self.object_id is None):
            errors["object_id"] = _("Name both the record type and the record.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("A hold cannot end before it starts.")
        if errors:
            raise ValidationError(errors)
