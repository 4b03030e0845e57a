"""Access and portability copies: ``AccessExport`` (a produced copy; its content expires) and
``WithheldItem`` (a record left out of a copy because it reveals others, with the reason)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .requests import DataSubjectRequest


class WithheldItem(models.Model):
    """A record left out of an access copy because it would reveal others' information."""

    class ItemKind(models.TextChoices):
        CONTACT_MOMENT = "contact_moment", _("contact moment")
        TASK = "task", _("task")
        SIGNAL = "signal", _("signal")

    request = models.ForeignKey(
        DataSubjectRequest,
        on_delete=models.CASCADE,
        related_name="withheld_items",
        verbose_name=_("request"),
    )
    item_kind = models.CharField(_("kind of record"), max_length=20, choices=ItemKind.choices)
    object_id = models.BigIntegerField(_("record"))
    reason = models.CharField(
        _("reason"),
        max_length=500,
        help_text=_("Why showing it would harm others (e.g. it names a neighbour who reported)."),
    )
    withheld_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("withheld by"),
    )
    withheld_at = models.DateTimeField(_("withheld at"), default=timezone.now)

    class Meta:
        verbose_name = _("withheld item")
        verbose_name_plural = _("withheld items")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "item_kind", "object_id"], name="rights_withheld_once"
            ),
        ]

    def __str__(self):
        return _("Withheld item #%(id)s") % {"id": self.pk}


class AccessExport(models.Model):
    """A produced copy (access or portability). Its content is blanked when it expires."""

    request = models.ForeignKey(
        DataSubjectRequest,
        on_delete=models.CASCADE,
        related_name="exports",
        verbose_name=_("request"),
    )
    produced_at = models.DateTimeField(_("produced at"), default=timezone.now)
    produced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("produced by"),
    )
    expires_at = models.DateTimeField(_("expires at"))
    content = models.JSONField(_("content"), null=True, blank=True, editable=False)
    sha256 = models.CharField(max_length=64, blank=True, editable=False)
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)

    class Meta:
        verbose_name = _("produced copy")
        verbose_name_plural = _("produced copies")
        ordering = ["-produced_at"]

    def __str__(self):
        return _("Copy #%(id)s") % {"id": self.pk}

    def is_expired(self, now=None) -> bool:
        return self.content is None or self.expires_at <= (now or timezone.now())
