"""The erasure log: every erasure on request (art. 17 AVG) and what it kept, and the tombstone
text of anonymised contacts.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ErasureLog(models.Model):
    """Tombstone of an erasure on request: that, when and by whom; never what.

    Kept outside the erased data so it can be replayed after restoring a backup made before
    the erasure (``services.replay.replay_erasures``). Only ids and counts, no personal data.
    """

    class Outcome(models.TextChoices):
        COMPLETE = "complete", _("erased completely")
        PARTIAL = "partial", _("erased, some data kept for a duty or hold")
        REFUSED = "refused", _("refused: legal hold")

    person_id = models.BigIntegerField(_("person"), db_index=True)
    erased_at = models.DateTimeField(_("erased at"), default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    reason = models.CharField(
        _("reason"),
        max_length=300,
        help_text=_("The request and its reference number; no personal data."),
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    counts = models.JSONField(_("counts"), default=dict, help_text=_("Per record type."))
    kept = models.JSONField(
        _("kept"), default=list, help_text=_("What was kept and why, per record type; no data.")
    )
    person_deleted = models.BooleanField(_("person deleted"), default=False)

    class Meta:
        verbose_name = _("erasure log entry")
        verbose_name_plural = _("erasure log")
        ordering = ["-erased_at"]

    def __str__(self):
        return _("Erasure #%(id)s") % {"id": self.pk}

    @property
    def statement(self) -> str:
        return tombstone_text(timezone.localdate(self.erased_at))


def tombstone_text(day) -> str:
    return _("Data erased at the data subject's request on %(date)s") % {
        "date": day.strftime("%d-%m-%Y")
    }
