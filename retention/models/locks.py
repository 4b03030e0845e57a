"""The lease of a named lock in the database, for when there is no Redis."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RetentionLock(models.Model):
    """A lease on a named lock, for when there is no Redis (SQLite, development)."""

    name = models.CharField(_("name"), max_length=60, primary_key=True)
    token = models.CharField(_("holder"), max_length=64, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)

    class Meta:
        verbose_name = _("retention lock")
        verbose_name_plural = _("retention locks")

    def __str__(self):
        return self.name
