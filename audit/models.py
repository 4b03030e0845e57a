from auditlog.models import AbstractLogEntry
from django.db import models
from django.utils.translation import gettext_lazy as _

SUBJECT_PERSON_KEY = "subject_person_id"


class LogEntry(AbstractLogEntry):
    """The project's audit-trail entry (``AUDITLOG_LOGENTRY_MODEL``).

    On top of django-auditlog's entry it knows which person (data subject) the entry describes,
    so that all entries about a person can be found and redacted when that person's data is
    erased: the changed values and representations are blanked; action, time and actor stay.
    """

    subject_person_id = models.BigIntegerField(
        _("data subject"),
        null=True,
        blank=True,
        help_text=_("Id of the person this entry describes, if any."),
    )
    redacted_at = models.DateTimeField(
        _("redacted at"),
        null=True,
        blank=True,
        help_text=_("When the personal data in this entry was blanked."),
    )
    redaction_reason = models.CharField(_("redaction reason"), max_length=200, blank=True)

    class Meta(AbstractLogEntry.Meta):
        swappable = "AUDITLOG_LOGENTRY_MODEL"
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "-timestamp"], name="audit_entry_object_idx"
            ),
            models.Index(
                fields=["subject_person_id", "-timestamp"], name="audit_entry_subject_idx"
            ),
        ]

    def save(self, *args, **kwargs):
        # Models describing a person put its id in ``get_additional_data()``; lift it into the
        # indexed column so redaction never has to scan JSON.
        data = self.additional_data or {}
        if self.subject_person_id is None and data.get(SUBJECT_PERSON_KEY) is not None:
            self.subject_person_id = data[SUBJECT_PERSON_KEY]
        super().save(*args, **kwargs)
