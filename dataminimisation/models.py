"""What staff may write down: the lexicon of sensitive wording and the log of confirmed hits.

The lexicon (``SensitiveTerm``) is data the privacy officer edits in the admin pages. The log
(``GuardOverride``) records that an employee kept flagged wording, why, and where; it stores the
categories and the character offsets of the flagged phrases, never the phrases themselves, so the
log holds no more special-category data than the record it points to.
"""

import re

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .normalise import fold

# An exception is a word pattern: letters, digits, spaces and hyphens, with * as a wildcard.
EXCEPTION_PATTERN = re.compile(r"[*?]*[^\W_](?:[^\W_]|[ \-*?])*")


class Category(models.TextChoices):
    HEALTH = "health", _("Health")
    ETHNICITY = "ethnicity", _("Ethnic origin")
    RELIGION = "religion", _("Religion or belief")
    POLITICS = "politics", _("Political opinion")
    UNION = "union", _("Trade union membership")
    SEXUAL_ORIENTATION = "sexual_orientation", _("Sexual orientation or sex life")
    CRIMINAL = "criminal", _("Criminal data")


class Subcategory(models.TextChoices):
    DIAGNOSIS = "diagnosis", _("Diagnosis or mental health")
    ILLNESS = "illness", _("Illness, injury or treatment")
    MEDICATION = "medication", _("Medication")
    DISABILITY = "disability", _("Disability")
    ADDICTION = "addiction", _("Addiction")
    PREGNANCY = "pregnancy", _("Pregnancy")
    ARREST = "arrest", _("Arrest or detention")
    CONVICTION = "conviction", _("Conviction or sentence")
    POLICE = "police", _("Police or justice")
    SUSPICION = "suspicion", _("Suspicion of an offence")


SUBCATEGORIES_OF = {
    Category.HEALTH: {
        Subcategory.DIAGNOSIS,
        Subcategory.ILLNESS,
        Subcategory.MEDICATION,
        Subcategory.DISABILITY,
        Subcategory.ADDICTION,
        Subcategory.PREGNANCY,
    },
    Category.CRIMINAL: {
        Subcategory.ARREST,
        Subcategory.CONVICTION,
        Subcategory.POLICE,
        Subcategory.SUSPICION,
    },
}


class MatchKind(models.TextChoices):
    WORD = "word", _("Whole word or phrase")
    STEM = "stem", _("Word stem with Dutch inflections")
    COMPOUND = "compound", _("Also as part of a compound word")


class SensitiveTerm(models.Model):
    """One entry of the lexicon: wording that reveals special-category or criminal data."""

    term = models.CharField(
        _("term"),
        max_length=100,
        help_text=_(
            "A word, a phrase or a word stem. Case and accents do not matter: 'patiënt' also "
            "finds 'Patient'."
        ),
    )
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    subcategory = models.CharField(
        _("subcategory"),
        max_length=30,
        choices=Subcategory.choices,
        blank=True,
        help_text=_("Only for health and criminal data."),
    )
    match_kind = models.CharField(
        _("match kind"),
        max_length=20,
        choices=MatchKind.choices,
        default=MatchKind.STEM,
        help_text=_(
            "Whole word: only this exact word or phrase. Word stem: also inflected forms "
            "(-e, -en, -s, -er, -t, -de, -heid, -isch, -ing, 'ge-' participles). Compound: "
            "anywhere inside a longer word, e.g. 'diabet' in 'diabetespatiënt'."
        ),
    )
    exceptions = models.TextField(
        _("exceptions"),
        blank=True,
        help_text=_(
            "Words that contain the term but must not raise a warning, one per line; '*' stands "
            "for any letters, e.g. 'politiek*' for the term 'politie'."
        ),
    )
    advice = models.TextField(
        _("advice"),
        blank=True,
        help_text=_("Shown to the employee on a hit. Empty: the standard advice of the category."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("sensitive term")
        verbose_name_plural = _("sensitive terms")
        ordering = ["category", "term"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "match_kind"], name="sensitive_term_unique_term_kind"
            ),
        ]

    def __str__(self):
        return f"{self.term} ({self.get_match_kind_display()})"

    @property
    def normalised_term(self) -> str:
        return " ".join(fold(self.term).split())

    @property
    def exception_patterns(self) -> list[str]:
        return [
            " ".join(fold(line).split()) for line in self.exceptions.splitlines() if line.strip()
        ]

    def clean(self):
        errors = {}
        normalised = self.normalised_term
        if not any(ch.isalnum() for ch in normalised):
            errors["term"] = _("Enter a word with at least one letter or digit.")
        elif self.match_kind == MatchKind.COMPOUND and " " in normalised:
            errors["match_kind"] = _("A phrase cannot be part of a compound word.")
        elif self.match_kind == MatchKind.COMPOUND and len(normalised) < 4:
            errors["term"] = _(
                "A compound part needs at least four letters, or it would match too many words."
            )
        if self.subcategory and self.subcategory not in SUBCATEGORIES_OF.get(self.category, ()):
            errors["subcategory"] = _("This subcategory does not belong to the chosen category.")
        for pattern in self.exception_patterns:
            if not EXCEPTION_PATTERN.fullmatch(pattern):
                errors["exceptions"] = _(
                    "Exception '%(pattern)s' is not a usable word pattern: use letters, spaces "
                    "and '*' only, with at least one letter."
                ) % {"pattern": pattern}
                break
        if "term" not in errors and normalised:
            duplicates = SensitiveTerm.objects.filter(match_kind=self.match_kind).exclude(
                pk=self.pk
            )
            for other in duplicates.only("term"):
                if other.normalised_term == normalised:
                    errors["term"] = _("This term is already in the lexicon.")
                    break
        if errors:
            raise ValidationError(errors)


class GuardOverride(models.Model):
    """An employee kept wording the guard flagged, with a reason: reviewed by the privacy officer.

    One row per free-text field. The flagged phrases are stored as category and character
    offsets into the saved text, not as words: the log must not become a second copy of the
    sensitive data. The officer sees the phrases by opening the record while it still exists.
    """

    created_at = models.DateTimeField(_("confirmed at"), auto_now_add=True, db_index=True)
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("employee"),
        on_delete=models.PROTECT,
        related_name="guard_overrides",
    )
    form = models.CharField(
        _("form"), max_length=150, help_text=_("The form or interface the text was entered in.")
    )
    field = models.CharField(_("field"), max_length=100)
    categories = models.CharField(
        _("categories"),
        max_length=200,
        help_text=_("The categories of the flagged phrases, comma-separated codes."),
    )
    highlights = models.JSONField(
        _("flagged phrases"),
        default=list,
        help_text=_("Category and start/end character offsets of each flagged phrase."),
    )
    text_length = models.PositiveIntegerField(
        _("text length"), help_text=_("Length of the text when it was saved.")
    )
    reason = models.TextField(_("reason"), help_text=_("Why the employee kept the wording."))
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("record type"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    object_id = models.CharField(_("record id"), max_length=64, blank=True)
    record = GenericForeignKey("content_type", "object_id")
    subject_person_id = models.BigIntegerField(
        _("data subject"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Id of the person the record is about, if any (for erasure and retention)."),
    )

    class Meta:
        verbose_name = _("guard override")
        verbose_name_plural = _("guard overrides")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="guard_override_record_idx"),
        ]

    def __str__(self):
        return _("Guard override #%(id)s") % {"id": self.pk}

    @property
    def category_list(self) -> list[str]:
        return [code for code in self.categories.split(",") if code]
