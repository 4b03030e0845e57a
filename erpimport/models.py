"""One import run from the ERP: who started it, what it did, and which rows it refused."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    """A file or an API batch of persons, units or tenancies, imported (or tried in a dry run).

    The privacy officer reviews these in the admin: who loaded what, when, how many rows it
    created, changed, ended or refused. Refusals keep the row number and the reason, never the
    row's values (they are personal data, and the ERP still has them).
    """

    class Kind(models.TextChoices):
        PERSONS = "persons", _("persons")
        UNITS = "units", _("units")
        TENANCIES = "tenancies", _("tenancies")

    class Source(models.TextChoices):
        COMMAND = "command", _("management command")
        API = "api", _("API")

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    kind = models.CharField(
        _("kind"), max_length=12, choices=Kind.choices, help_text=_("What the rows describe.")
    )
    source = models.CharField(
        _("source"),
        max_length=10,
        choices=Source.choices,
        help_text=_("How the rows came in: the management command or the API."),
    )
    file_name = models.CharField(
        _("file name"),
        max_length=200,
        blank=True,
        help_text=_("Name of the imported file (without its folder); empty for an API batch."),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
        help_text=_("The employee or API client's service account; empty for a scheduled run."),
    )
    dry_run = models.BooleanField(
        _("dry run"), default=False, help_text=_("Checked and counted, nothing stored.")
    )
    full_sync = models.BooleanField(
        _("full sync"),
        default=False,
        help_text=_("The file holds everything: open tenancies missing from it were ended."),
    )
    started_at = models.DateTimeField(_("started at"), help_text=_("When the run began."))
    finished_at = models.DateTimeField(
        _("finished at"),
        null=True,
        blank=True,
        help_text=_("When the run ended; empty while running."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.RUNNING,
        help_text=_(
            "A failed run stored the chunks before the failure; running it again completes it."
        ),
    )
    rows = models.PositiveIntegerField(_("rows"), default=0, help_text=_("Rows read."))
    created = models.PositiveIntegerField(_("created"), default=0, help_text=_("Records created."))
    updated = models.PositiveIntegerField(
        _("updated"), default=0, help_text=_("Records of which at least one field changed.")
    )
    unchanged = models.PositiveIntegerField(
        _("unchanged"), default=0, help_text=_("Rows that matched the stored record exactly.")
    )
    ended = models.PositiveIntegerField(
        _("ended"), default=0, help_text=_("Tenancies ended by a full sync.")
    )
    refused = models.PositiveIntegerField(
        _("refused"), default=0, help_text=_("Rows refused, each with its row number and reason.")
    )
    refusals = models.JSONField(
        _("refusals"),
        default=list,
        blank=True,
        help_text=_("The first refused rows: row number and Dutch reason, no values."),
    )
    error = models.CharField(
        _("error"),
        max_length=300,
        blank=True,
        help_text=_("Why a failed run stopped (the kind of error, no personal data)."),
    )

    class Meta:
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        ordering = ["-started_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(finished_at__isnull=True)
                | models.Q(finished_at__gte=models.F("started_at")),
                name="importrun_finishes_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(full_sync=True) | models.Q(kind="tenancies"),
                name="importrun_full_sync_only_tenancies",
            ),
        ]

    def __str__(self):
        return _("Import run #%(id)s") % {"id": self.pk}
