"""Art. 18: ``ProcessingRestriction``, while active the person's data is stored but not
changed or exported."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import SUBJECT_PERSON_KEY
from klantcontact.db import employee_reference

from .requests import DataSubjectRequest


class ProcessingRestriction(models.Model):
    """Art. 18: while active, the person's data may be stored but not changed or exported
    (except by the privacy officer)."""

    person = models.ForeignKey(
        "contacts.Person",
        on_delete=models.CASCADE,
        related_name="processing_restrictions",
        verbose_name=_("person"),
    )
    request = models.ForeignKey(
        DataSubjectRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="restrictions",
        verbose_name=_("request"),
    )
    reason = models.CharField(
        _("reason"),
        max_length=300,
        help_text=_("E.g. 'accuracy disputed, being checked' (art. 18(1)(a))."),
    )
    started_at = models.DateTimeField(_("from"), default=timezone.now)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    ended_at = models.DateTimeField(_("until"), null=True, blank=True)
    ended_by = employee_reference(_("ended by"))

    class Meta:
        verbose_name = _("processing restriction")
        verbose_name_plural = _("processing restrictions")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(ended_at__isnull=True),
                name="rights_one_active_restriction",
            ),
        ]

    def __str__(self):
        return _("Restriction #%(id)s") % {"id": self.pk}

    def get_additional_data(self):
        return {SUBJECT_PERSON_KEY: self.person_id}
