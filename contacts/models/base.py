"""What the contacts models share: the created/updated timestamps and the purpose-binding field."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


def processing_activity_field():
    """Purpose binding: the registered processing activity (purpose, legal basis) a subject,
    task kind or signal type belongs to; only approved activities make it selectable."""
    return models.ForeignKey(
        "processingregister.ProcessingActivity",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("processing activity"),
        help_text=_("The registered processing (purpose and legal basis) this belongs to."),
    )
