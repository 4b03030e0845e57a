"""The knowledge base: articles that answer tenants' questions, and what staff do with them.

Rules (publishing, versions, search index, feedback, gaps) live in the ``services`` package,
reads in ``selectors`` and the search in the ``search`` package; these models hold data and
validation only. Articles are saved through
``services.save_article`` so the search vector, the vocabulary and the version history stay
current.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from audit.models import SUBJECT_PERSON_KEY
from klantcontact.db import employee_reference
from referencedata.models import CodeList, ReferenceCode

from . import text


class Category(models.Model):
    """A node of the category tree ("Huur en betalen" > "Betalingsregeling")."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent category"),
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=100, help_text=_("Lower numbers are shown first.")
    )

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="kb_category_unique_name"),
        ]

    def __str__(self):
        return " › ".join(node.name for node in self.lineage())

    def lineage(self) -> list["Category"]:
        """This category and its ancestors, root first."""
        nodes, node, seen = [], self, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            nodes.append(node)
            node = node.parent
        return list(reversed(nodes))

    def descendant_ids(self) -> set[int]:
        ids, frontier = {self.pk}, [self.pk]
        while frontier:
            frontier = list(
                Category.objects.filter(parent_id__in=frontier)
                .exclude(pk__in=ids)
                .values_list("pk", flat=True)
            )
            ids.update(frontier)
        return ids

    def clean(self):
        node = self.parent
        while node is not None:
            if node.pk == self.pk and self.pk is not None:
                raise ValidationError(
                    {"parent": _("A category cannot be placed under itself or its own children.")}
                )
            node = node.parent


class ArticleQuerySet(models.QuerySet):
    def searchable(self):
        """Articles staff find in search and suggestions: internal and published."""
        return self.filter(status__in=Article.SEARCHABLE_STATUSES)

    def visible_to(self, user):
        # a cycle: the services import these models
        from . import services

        if services.can_maintain(user):
            return self.all()
        return self.searchable()


class Article(models.Model):
    class Status(models.TextChoices):
        # In workflow order; see services.TRANSITIONS for the allowed moves.
        DRAFT = "draft", _("draft")
        INTERNAL = "internal", _("internal")
        PUBLISHED = "published", _("published")
        ARCHIVED = "archived", _("archived")

    SEARCHABLE_STATUSES = (Status.INTERNAL, Status.PUBLISHED)

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("Part of the address of the article; keep it when the title changes."),
    )
    summary = models.TextField(
        _("answer script"),
        max_length=1500,
        blank=True,
        help_text=_(
            "The short answer an employee can give straight away, in two to five sentences. "
            "Required to publish."
        ),
    )
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_(
            "The full explanation. Markdown: # heading, - list, 1. steps, **bold**, *italic*, "
            "[text](https://...) and > for a 'let op' note. HTML is shown as text."
        ),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("category"),
    )
    keywords = models.TextField(
        _("keywords and synonyms"),
        blank=True,
        help_text=_(
            "Words tenants and colleagues use for this subject, separated by commas, including "
            "everyday words and common misspellings: 'lekkage, lek, druppelt, water door plafond'."
        ),
    )
    channels = models.ManyToManyField(
        ReferenceCode,
        blank=True,
        related_name="+",
        limit_choices_to={"code_list": CodeList.CHANNEL},
        verbose_name=_("channels"),
        help_text=_("Channels the answer applies to. Leave empty when it applies to all."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_articles",
        verbose_name=_("owner"),
        help_text=_("Keeps the article correct and reviews it before its review date."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    review_by = models.DateField(
        _("review by"),
        null=True,
        blank=True,
        help_text=_("Date by which the owner checks that the article is still correct."),
    )
    related = models.ManyToManyField(
        "self", blank=True, symmetrical=True, verbose_name=_("related articles")
    )

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    internal_at = models.DateTimeField(_("made internal at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("last reviewed at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)

    # Kept current by services.save_article (PostgreSQL only; the SQLite fallback needs none).
    # Weighted: title A, keywords B, answer script and category C, body D. GIN-indexed in
    # migration 0002 (PostgreSQL only, so it is not declared in Meta.indexes).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["title"]
        indexes = [
            models.Index(fields=["status", "review_by"], name="kb_article_status_review_idx"),
        ]
        permissions = [
            ("publish_article", _("Change the status of articles (publish, archive)")),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("knowledgebase:article", args=[self.slug])

    @property
    def is_searchable(self) -> bool:
        return self.status in self.SEARCHABLE_STATUSES

    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.replace(";", ",").split(",") if k.strip()]


class ArticleVersion(models.Model):
    """A snapshot of an article after each change: what it said, who changed it, and why."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="versions", verbose_name=_("article")
    )
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("answer script"), blank=True)
    body = models.TextField(_("body"), blank=True)
    keywords = models.TextField(_("keywords and synonyms"), blank=True)
    category = models.CharField(_("category"), max_length=300, blank=True)
    channels = models.CharField(_("channels"), max_length=300, blank=True)
    related = models.TextField(_("related articles"), blank=True)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Article.Status.choices)
    review_by = models.DateField(_("review by"), null=True, blank=True)
    changed_by = employee_reference(_("changed by"))
    changed_at = models.DateTimeField(_("changed at"))
    note = models.CharField(_("change note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("article version")
        verbose_name_plural = _("article versions")
        ordering = ["article", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="kb_version_unique_number"),
        ]

    def __str__(self):
        return _("Article #%(article)s version %(number)s") % {
            "article": self.article_id,
            "number": self.number,
        }


class ArticleUse(models.Model):
    """An article an employee used to answer a contact, with their verdict on it.

    Linked to the contact moment it was used for, so the dashboard can show which articles
    resolve contacts at first contact. The verdict (helpful or not) is per use.
    """

    class Source(models.TextChoices):
        CONTACT = "contact", _("while registering a contact")
        KNOWLEDGE_BASE = "kennisbank", _("in the knowledge base")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="uses", verbose_name=_("article")
    )
    contact_moment = models.ForeignKey(
        "contacts.ContactMoment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="article_uses",
        verbose_name=_("contact moment"),
    )
    used_by = employee_reference(_("used by"))
    used_at = models.DateTimeField(_("used at"), db_index=True)
    source = models.CharField(
        _("where"), max_length=12, choices=Source.choices, default=Source.CONTACT
    )
    helpful = models.BooleanField(_("helpful"), null=True, blank=True)

    class Meta:
        verbose_name = _("article use")
        verbose_name_plural = _("article uses")
        ordering = ["-used_at"]
        indexes = [models.Index(fields=["article", "-used_at"], name="kb_use_article_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "contact_moment"],
                condition=models.Q(contact_moment__isnull=False),
                name="kb_use_once_per_contact",
            ),
        ]

    def __str__(self):
        return _("Article use #%(id)s") % {"id": self.pk}

    def get_additional_data(self):
        moment = self.contact_moment
        person_id = getattr(moment, "person_id", None) if moment is not None else None
        return {SUBJECT_PERSON_KEY: person_id} if person_id else None


class SynonymGroup(models.Model):
    """Words that mean the same to a tenant: 'lekkage ~ daklekkage ~ waterschade'.

    A search for any of them also finds articles with the others. Kept by the functional
    administrator; takes effect at once (no reindexing).
    """

    terms = models.TextField(
        _("words"),
        help_text=_(
            "Two or more words or short phrases that mean the same, separated by commas or ~, "
            "e.g. 'lekkage ~ daklekkage ~ waterschade' or 'ex ~ ex-partner ~ ex-man ~ ex-vrouw'."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym list")
        ordering = ["terms"]

    def __str__(self):
        return " ~ ".join(self.term_list())[:120]

    @staticmethod
    def split_terms(raw: str) -> list[str]:
        seen, terms = set(), []
        for part in (raw or "").replace("~", ",").replace(";", ",").replace("\n", ",").split(","):
            term = " ".join(text.words(part))
            if term and term not in seen:
                seen.add(term)
                terms.append(term)
        return terms

    def term_list(self) -> list[str]:
        return self.split_terms(self.terms)

    def clean(self):
        terms = self.term_list()
        if len(terms) < 2:
            raise ValidationError({"terms": _("Enter at least two words that mean the same.")})
        if any(len(term) > 60 for term in terms):
            raise ValidationError({"terms": _("Keep each word or phrase under 60 characters.")})
        self.terms = " ~ ".join(terms)


class SearchGap(models.Model):
    """A question staff searched for without finding a useful article, grouped by its words.

    Only the scrubbed query is kept (no digits, e-mail addresses, postcodes or names after a
    form of address), so no personal data lands here.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        RESOLVED = "resolved", _("resolved by an article")
        DISMISSED = "dismissed", _("dismissed")

    class Source(models.TextChoices):
        NO_RESULTS = "no_results", _("search without results")
        NOT_USEFUL = "not_useful", _("reported: nothing useful")

    key = models.CharField(_("grouping key"), max_length=200, unique=True)
    example = models.CharField(_("query"), max_length=200)
    variants = models.JSONField(_("phrasings"), default=list, blank=True)
    count = models.PositiveIntegerField(_("times"), default=0)
    no_result_count = models.PositiveIntegerField(_("times without results"), default=0)
    first_seen = models.DateTimeField(_("first seen"))
    last_seen = models.DateTimeField(_("last seen"), db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    resolved_article = models.ForeignKey(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resolved_gaps",
        verbose_name=_("answered by"),
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    handled_by = employee_reference(_("handled by"))

    class Meta:
        verbose_name = _("knowledge gap")
        verbose_name_plural = _("knowledge gaps")
        ordering = ["-count", "-last_seen"]
        indexes = [models.Index(fields=["status", "-count"], name="kb_gap_status_count_idx")]

    def __str__(self):
        return self.example


class VocabularyWord(models.Model):
    """A word that occurs in searchable articles or the synonym list.

    The search corrects typing errors towards these words (trigram similarity, PostgreSQL) and
    completes the last word while typing. Rebuilt nightly; saving an article adds its words.
    """

    word = models.CharField(_("word"), max_length=40, unique=True)
    stem = models.CharField(_("stem"), max_length=40, db_index=True)
    articles = models.PositiveIntegerField(
        _("articles"), default=1, help_text=_("Number of searchable articles with this stem.")
    )

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self):
        return self.word
