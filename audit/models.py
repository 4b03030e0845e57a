"""The audit models: change entries that know their data subject, and the access log."""

from auditlog.models import AbstractLogEntry
from django.conf import settings
from django.db import models
from django.utils import timezone
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


class AccessLogEntry(models.Model):
    """One read of personal data: who saw which person's data, what, when, from where and why.

    Append-only: written once per view (search result lists write one row per person shown),
    never changed. Indexed both for "who viewed person X" and "what did employee Y view".
    """

    class What(models.TextChoices):
        CARD = "card", _("customer card")
        CONTACT_MOMENT = "contact_moment", _("contact moment")
        TASK = "task", _("task")
        SEARCH_RESULT = "search_result", _("search result")
        CALLER_LOOKUP = "caller_lookup", _("caller lookup")
        SIGNAL_CONTENT = "signal_content", _("signal content")
        ACCESS_LOG = "access_log", _("access log of the person")
        EXPORT = "export", _("export")

    class Grant(models.TextChoices):
        TEAM = "team", _("team scope")
        INVOLVEMENT = "involvement", _("involvement")
        BREAK_THE_GLASS = "break_the_glass", _("break-the-glass")
        ROLE = "role", _("role")
        API_CLIENT = "api_client", _("API client")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("employee"),
    )
    person_id = models.BigIntegerField(_("person"))
    what = models.CharField(_("what"), max_length=20, choices=What.choices)
    object_id = models.BigIntegerField(_("record"), null=True, blank=True)
    grant = models.CharField(_("grant"), max_length=20, choices=Grant.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)
    remote_addr = models.GenericIPAddressField(_("from address"), null=True, blank=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["person_id", "-at"], name="access_person_idx"),
            models.Index(fields=["actor", "-at"], name="access_actor_idx"),
        ]

    def __str__(self):
        return _("Access #%(id)s") % {"id": self.pk}

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Access log entries are append-only.")
        super().save(*args, **kwargs)
