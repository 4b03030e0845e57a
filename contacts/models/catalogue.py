"""The managed lists contacts and tasks are classified by: contact subjects and task kinds,
each bound to a processing activity of the register."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import processing_activity_field


class ContactSubject(models.Model):
    """The managed list of what contacts are about (repair request, payment arrangement, ...).

    Each subject is bound to a processing activity of the register (purpose and legal basis).
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    asks_for_defect = models.BooleanField(
        _("asks for a defect"),
        default=False,
        help_text=_("Repair subjects: the employee picks the VERA defect type."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)
    processing_activity = processing_activity_field()

    class Meta:
        verbose_name = _("contact subject")
        verbose_name_plural = _("contact subjects")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class TaskKind(models.Model):
    """What a follow-up is: a task, a repair request, a callback or an internal note."""

    TASK = "task"
    REPAIR_REQUEST = "repair_request"
    CALLBACK = "callback"
    INTERNAL_NOTE = "internal_note"

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    default_days_due = models.PositiveSmallIntegerField(
        _("default days until due"), default=5, help_text=_("Working days, to preset the due date.")
    )
    processing_activity = processing_activity_field()

    class Meta:
        verbose_name = _("task kind")
        verbose_name_plural = _("task kinds")
        ordering = ["name"]

    def __str__(self):
        return self.name
