"""Rules of the knowledge base: saving and publishing articles, versions, feedback, gaps, flags.

Articles are always saved through ``save_article`` (or ``change_status`` / ``mark_reviewed``):
that keeps the weighted search vector, the search vocabulary and the version history current.
The search itself is ``knowledgebase.search.search_articles``.

Status workflow, in order: draft -> internal -> published -> archived.

- draft: being written; only the functional administrator sees it.
- internal: correct and usable by staff (search, suggestions), not yet approved to be passed
  on to tenants word for word.
- published: approved; the answer script may be given to tenants as is.
- archived: no longer valid; kept for the history, found by nobody.

Allowed moves (``TRANSITIONS``): one step forward, one step back to correct, archiving an
internal article that is never going to be published, and reopening an archived one as a
draft. Skipping a step (draft -> published) is refused.
"""

import datetime
import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Q, Value
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts import roles

from . import text
from .markdown import markdown_to_text
from .models import (
    Article,
    ArticleUse,
    ArticleVersion,
    Category,
    SearchGap,
    SynonymGroup,
    VocabularyWord,
)

Status = Article.Status

REVIEW_INTERVAL_DAYS = 365
REVIEW_SOON_DAYS = 30
# Feedback counts as poor with at least this many verdicts in the window and too few helpful.
POOR_FEEDBACK_MIN_VOTES = 5
POOR_FEEDBACK_HELPFUL_SHARE = 0.6
FEEDBACK_WINDOW_DAYS = 180
MOST_USED_WINDOW_DAYS = 90
# Gaps hold no personal data, but nobody needs them forever either.
GAP_RETENTION_DAYS = 365
GAP_VARIANTS_KEPT = 5

TRANSITIONS = {
    Status.DRAFT: (Status.INTERNAL,),
    Status.INTERNAL: (Status.PUBLISHED, Status.DRAFT, Status.ARCHIVED),
    Status.PUBLISHED: (Status.ARCHIVED, Status.INTERNAL),
    Status.ARCHIVED: (Status.DRAFT,),
}
STATUS_TIMESTAMP = {
    Status.INTERNAL: "internal_at",
    Status.PUBLISHED: "published_at",
    Status.ARCHIVED: "archived_at",
}


# --- Who may do what -------------------------------------------------------------------------


def can_read(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("knowledgebase.view_article"))


def can_maintain(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("knowledgebase.change_article"))


def can_publish(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("knowledgebase.publish_article"))


def can_manage_gaps(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("knowledgebase.change_searchgap"))


def can_see_dashboard(user) -> bool:
    return can_maintain(user) or roles.has_role(user, roles.TEAM_LEADER)


# --- Saving articles ---------------------------------------------------------------------------


def unique_slug(title: str, *, exclude_pk=None) -> str:
    base = slugify(title)[:180] or "artikel"
    slug, n = base, 2
    others = Article.objects.exclude(pk=exclude_pk) if exclude_pk else Article.objects.all()
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def default_review_date(today: datetime.date | None = None) -> datetime.date:
    return (today or timezone.localdate()) + datetime.timedelta(days=REVIEW_INTERVAL_DAYS)


@transaction.atomic
def save_article(
    article: Article,
    *,
    by=None,
    note: str = "",
    channels=None,
    related=None,
    record: bool = True,
) -> Article:
    """Save an article (new or changed), reindex it and record a version when it changed.

    ``channels`` and ``related`` (iterables) replace the many-to-many values when given.
    With ``record=False`` the caller records the version itself after saving relations
    (the admin saves many-to-many values after the article).
    """
    if not article.slug:
        article.slug = unique_slug(article.title, exclude_pk=article.pk)
    if article.pk is None and article.owner_id is None and by is not None:
        article.owner = by
    article.full_clean(exclude=["channels", "related", "search_vector"])
    article.save()
    if channels is not None:
        article.channels.set(channels)
    if related is not None:
        article.related.set([a for a in related if a.pk != article.pk])
    reindex_article(article)
    if record:
        record_version(article, by=by, note=note)
    return article


def _snapshot(article: Article) -> dict:
    return {
        "title": article.title,
        "summary": article.summary,
        "body": article.body,
        "keywords": article.keywords,
        "category": str(article.category) if article.category_id else "",
        "channels": ", ".join(sorted(c.name for c in article.channels.all())),
        "related": "\n".join(sorted(a.title for a in article.related.all())),
        "owner": _owner_label(article.owner) if article.owner_id else "",
        "status": article.status,
        "review_by": article.review_by,
    }


def _owner_label(user) -> str:
    return user.get_full_name() or user.get_username()


def record_version(article: Article, *, by=None, note: str = "") -> ArticleVersion | None:
    """Store the article as a new version, unless nothing changed since the last one."""
    snapshot = _snapshot(article)
    latest = article.versions.order_by("-number").first()
    if latest is not None and all(getattr(latest, k) == v for k, v in snapshot.items()):
        return None
    number = (latest.number if latest else 0) + 1
    version = ArticleVersion.objects.create(
        article=article,
        number=number,
        changed_by=by,
        changed_at=timezone.now(),
        note=(note or "")[:300],
        **snapshot,
    )
    Article.objects.filter(pk=article.pk).update(version=number)
    article.version = number
    return version


# --- Status workflow -------------------------------------------------------------------------


def allowed_transitions(article: Article) -> tuple:
    return TRANSITIONS.get(article.status, ())


def transition_problems(article: Article, target: str, today=None) -> list[str]:
    """Why the article cannot move to ``target`` (empty when it can)."""
    today = today or timezone.localdate()
    if target not in allowed_transitions(article):
        return [
            _("An article cannot go from %(current)s to %(target)s.")
            % {
                "current": Status(article.status).label,
                "target": Status(target).label,
            }
        ]
    problems = []
    if target in (Status.INTERNAL, Status.PUBLISHED):
        if not article.title.strip():
            problems.append(_("The article needs a title."))
        if not (article.body.strip() or article.summary.strip()):
            problems.append(_("The article needs a text."))
        if article.category_id is None:
            problems.append(_("Choose a category."))
    if target == Status.PUBLISHED:
        if not article.summary.strip():
            problems.append(_("An answer script is required to publish."))
        if article.owner_id is None:
            problems.append(_("An owner is required to publish."))
        if article.review_by is None or article.review_by <= today:
            problems.append(_("A review date in the future is required to publish."))
    return problems


@transaction.atomic
def change_status(article: Article, target: str, *, by=None, note: str = "") -> Article:
    """Move an article to another status, with its timestamp and a version.

    Raises ValidationError (Dutch messages) when the move is not allowed.
    """
    article = Article.objects.select_for_update().get(pk=article.pk)
    problems = transition_problems(article, target)
    if problems:
        raise ValidationError(problems)
    previous = article.status
    article.status = target
    now = timezone.now()
    if target in STATUS_TIMESTAMP:
        setattr(article, STATUS_TIMESTAMP[target], now)
    if previous == Status.ARCHIVED:
        article.archived_at = None
    article.save()
    reindex_article(article)
    default_note = _("Status: %(old)s → %(new)s") % {
        "old": Status(previous).label,
        "new": Status(target).label,
    }
    record_version(article, by=by, note=f"{default_note}. {note}".strip() if note else default_note)
    return article


@transaction.atomic
def mark_reviewed(article: Article, *, by=None, next_review: datetime.date | None = None):
    """The owner checked the article: it is correct until the next review date."""
    today = timezone.localdate()
    next_review = next_review or default_review_date(today)
    if next_review <= today:
        raise ValidationError(_("The next review date must be in the future."))
    article.reviewed_at = timezone.now()
    article.review_by = next_review
    article.save(update_fields=["reviewed_at", "review_by", "updated_at"])
    record_version(
        article,
        by=by,
        note=_("Reviewed; next review by %(date)s.") % {"date": date_format(next_review, "j F Y")},
    )
    return article


# --- Search index ----------------------------------------------------------------------------


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def index_texts(article: Article) -> dict[str, str]:
    """The text of each weight: title A, keywords B, answer script and category C, body D."""
    category = " ".join(c.name for c in article.category.lineage()) if article.category_id else ""
    return {
        "A": article.title,
        "B": ", ".join(article.keyword_list()),
        "C": f"{article.summary}\n{category}",
        "D": markdown_to_text(article.body),
    }


def reindex_article(article: Article) -> None:
    """Recompute the stored search vector and add the article's words to the vocabulary."""
    if is_postgresql():
        from django.contrib.postgres.search import SearchVector

        from .search import CONFIG

        texts = index_texts(article)
        vector = None
        for weight, value in texts.items():
            part = SearchVector(Value(value), weight=weight, config=CONFIG)
            vector = part if vector is None else vector + part
        Article.objects.filter(pk=article.pk).update(search_vector=vector)
    words = _vocabulary_filter(article_words(article))
    if article.is_searchable:
        add_vocabulary(words)
    recount_vocabulary({text.stem(w) for w in words})
    from .search import forget_cached_counts

    forget_cached_counts()


def article_words(article: Article) -> set[str]:
    words = set()
    for value in index_texts(article).values():
        words.update(text.words(value))
    return words


def _vocabulary_filter(words) -> set[str]:
    return {
        w
        for w in words
        if 3 <= len(w) <= 40 and not w.isdigit() and w not in text.STOPWORDS and w.isalnum()
    }


def add_vocabulary(words) -> None:
    """Add new words (existing ones are left alone; the nightly rebuild recounts them)."""
    wanted = _vocabulary_filter(words)
    if wanted:
        VocabularyWord.objects.bulk_create(
            [VocabularyWord(word=w, stem=text.stem(w)) for w in sorted(wanted)],
            ignore_conflicts=True,
            batch_size=1000,
        )


def recount_vocabulary(stems) -> None:
    """Recount how many searchable articles contain each of these stems (PostgreSQL).

    Called for the words of an article when it is saved; words an article lost are recounted
    by the nightly rebuild. SQLite needs no counts (it weighs words on the fly).
    """
    stems = sorted(stems)
    if not stems or not is_postgresql():
        return
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE knowledgebase_vocabularyword v SET articles = c.n
            FROM (
                SELECT s.stem, (
                    SELECT count(*) FROM knowledgebase_article a
                    WHERE a.status = ANY(%s)
                      AND a.search_vector @@ to_tsquery('simple', quote_literal(s.stem))
                ) AS n
                FROM unnest(%s::text[]) AS s(stem)
            ) c
            WHERE v.stem = c.stem AND v.articles <> c.n
            """,
            [list(Article.SEARCHABLE_STATUSES), stems],
        )


@transaction.atomic
def rebuild_vocabulary() -> int:
    """Rebuild the search vocabulary from searchable articles and the synonym list.

    Each word carries the number of searchable articles that contain its stem (the search
    weighs rare words above common ones). Readers keep seeing the old rows until the commit.
    """
    words = set()
    stem_articles = defaultdict(int)
    for article in Article.objects.searchable().select_related("category__parent"):
        found = _vocabulary_filter(article_words(article))
        words |= found
        for stem in {text.stem(w) for w in found}:
            stem_articles[stem] += 1
    for group in SynonymGroup.objects.filter(is_active=True):
        for term in group.term_list():
            words.update(_vocabulary_filter(text.words(term)))
    VocabularyWord.objects.all().delete()
    rows = []
    for word in sorted(words):
        stem = text.stem(word)
        rows.append(VocabularyWord(word=word, stem=stem, articles=stem_articles.get(stem, 0)))
    VocabularyWord.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def reindex_all(*, only_missing: bool = False) -> int:
    articles = Article.objects.select_related("category__parent")
    if only_missing:
        articles = articles.filter(search_vector__isnull=True)
    count = 0
    for article in articles.iterator(chunk_size=500):
        reindex_article(article)
        count += 1
    return count


def save_synonym_group(group: SynonymGroup) -> SynonymGroup:
    """Save a synonym group (words normalised); it counts for the next search at once."""
    group.full_clean()
    group.save()
    if group.is_active:
        words = set()
        for term in group.term_list():
            words.update(text.words(term))
        add_vocabulary(words)
    return group


# --- Use and feedback ------------------------------------------------------------------------

_ID_LIST_RE = re.compile(r"\d{1,12}")
_FEEDBACK_RE = re.compile(r"(\d{1,12})\s*:\s*([01])")
MAX_ARTICLES_PER_CONTACT = 20


def parse_article_ids(raw) -> list[int]:
    """Article ids from a form value ("12,15") or an iterable; unique, in order."""
    if raw is None:
        return []
    values = _ID_LIST_RE.findall(raw) if isinstance(raw, str) else [str(v) for v in raw]
    seen, ids = set(), []
    for value in values:
        try:
            number = int(value)
        except (TypeError, ValueError):
            continue
        if number not in seen:
            seen.add(number)
            ids.append(number)
    return ids[:MAX_ARTICLES_PER_CONTACT]


def parse_feedback(raw) -> dict[int, bool]:
    """Verdicts from a form value ("12:1,15:0") or a mapping {id: bool}."""
    if not raw:
        return {}
    if isinstance(raw, dict):
        return {int(k): bool(v) for k, v in raw.items() if v is not None}
    return {int(a): b == "1" for a, b in _FEEDBACK_RE.findall(str(raw))}


@transaction.atomic
def record_article_uses(contact_moment, article_ids, user, *, feedback=None) -> list[ArticleUse]:
    """Link the articles an employee used to the contact moment they registered.

    ``article_ids``: ids, or the value of the hidden ``kb_articles`` input ("12,15").
    ``feedback``: {id: helpful} or the value of the hidden ``kb_feedback`` input
    ("12:1,15:0"); an article with a verdict counts as used even when not in ``article_ids``.
    Unknown ids are ignored; calling again for the same contact updates the verdicts.
    """
    verdicts = parse_feedback(feedback)
    ids = parse_article_ids(article_ids)
    ids += [i for i in verdicts if i not in ids]
    existing_ids = set(Article.objects.filter(pk__in=ids).values_list("pk", flat=True))
    now = timezone.now()
    uses = []
    for article_id in ids:
        if article_id not in existing_ids:
            continue
        use, created = ArticleUse.objects.get_or_create(
            article_id=article_id,
            contact_moment=contact_moment,
            defaults={
                "used_by": user,
                "used_at": now,
                "source": ArticleUse.Source.CONTACT,
                "helpful": verdicts.get(article_id),
            },
        )
        if not created and article_id in verdicts and use.helpful != verdicts[article_id]:
            use.helpful = verdicts[article_id]
            use.save(update_fields=["helpful"])
        uses.append(use)
    return uses


def record_feedback(article: Article, user, helpful: bool) -> ArticleUse:
    """Feedback given on the article page: one verdict per employee, article and day."""
    today_start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    use = (
        ArticleUse.objects.filter(
            article=article,
            used_by=user,
            source=ArticleUse.Source.KNOWLEDGE_BASE,
            used_at__gte=today_start,
        )
        .order_by("-used_at")
        .first()
    )
    if use is None:
        return ArticleUse.objects.create(
            article=article,
            used_by=user,
            used_at=timezone.now(),
            source=ArticleUse.Source.KNOWLEDGE_BASE,
            helpful=helpful,
        )
    use.helpful = helpful
    use.save(update_fields=["helpful"])
    return use


# --- Gaps --------------------------------------------------------------------------------------


def record_gap(query: str, *, source: str = SearchGap.Source.NO_RESULTS) -> SearchGap | None:
    """Record a search without a useful result, scrubbed of personal data and grouped.

    Returns None when nothing meaningful is left after scrubbing.
    """
    scrubbed = text.strip_personal_data(query)
    key = text.gap_key(scrubbed)
    if not key or len(scrubbed) < 3:
        return None
    now = timezone.now()
    no_result = 1 if source == SearchGap.Source.NO_RESULTS else 0
    for _attempt in range(2):
        try:
            with transaction.atomic():
                gap = SearchGap.objects.select_for_update().filter(key=key).first()
                if gap is None:
                    return SearchGap.objects.create(
                        key=key,
                        example=scrubbed,
                        variants=[scrubbed],
                        count=1,
                        no_result_count=no_result,
                        first_seen=now,
                        last_seen=now,
                    )
                gap.count = F("count") + 1
                gap.no_result_count = F("no_result_count") + no_result
                gap.last_seen = now
                gap.example = scrubbed
                if scrubbed not in gap.variants:
                    gap.variants = [scrubbed, *gap.variants][:GAP_VARIANTS_KEPT]
                if gap.status == SearchGap.Status.RESOLVED:
                    gap.status = SearchGap.Status.OPEN  # asked again after the fix: look again
                gap.save()
                gap.refresh_from_db()
                return gap
        except IntegrityError:  # a parallel request created it first; update that one
            continue
    return None


def resolve_gap(gap: SearchGap, article: Article, *, by=None) -> SearchGap:
    gap.status = SearchGap.Status.RESOLVED
    gap.resolved_article = article
    gap.handled_at = timezone.now()
    gap.handled_by = by
    gap.save()
    return gap


def dismiss_gap(gap: SearchGap, *, by=None) -> SearchGap:
    gap.status = SearchGap.Status.DISMISSED
    gap.handled_at = timezone.now()
    gap.handled_by = by
    gap.save()
    return gap


def reopen_gap(gap: SearchGap, *, by=None) -> SearchGap:
    gap.status = SearchGap.Status.OPEN
    gap.handled_at = timezone.now()
    gap.handled_by = by
    gap.save()
    return gap


def purge_stale_gaps(today=None) -> int:
    cutoff = timezone.now() - datetime.timedelta(days=GAP_RETENTION_DAYS)
    deleted, _detail = SearchGap.objects.filter(last_seen__lt=cutoff).delete()
    return deleted


# --- Flags and the dashboard -------------------------------------------------------------------

FLAG_REVIEW_OVERDUE = "review_overdue"
FLAG_REVIEW_SOON = "review_soon"
FLAG_NO_REVIEW_DATE = "no_review_date"
FLAG_POOR_FEEDBACK = "poor_feedback"
FLAG_NO_OWNER = "no_owner"


def flag_labels() -> dict[str, str]:
    return {
        FLAG_REVIEW_OVERDUE: _("review date passed"),
        FLAG_REVIEW_SOON: _("review due soon"),
        FLAG_NO_REVIEW_DATE: _("no review date"),
        FLAG_POOR_FEEDBACK: _("poor feedback"),
        FLAG_NO_OWNER: _("no owner"),
    }


def feedback_counts(article_ids=None, *, since=None) -> dict[int, tuple[int, int]]:
    """{article id: (helpful, not helpful)} over the feedback window."""
    since = since or timezone.now() - datetime.timedelta(days=FEEDBACK_WINDOW_DAYS)
    uses = ArticleUse.objects.filter(used_at__gte=since, helpful__isnull=False)
    if article_ids is not None:
        uses = uses.filter(article_id__in=article_ids)
    rows = uses.values("article_id").annotate(
        yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False))
    )
    return {row["article_id"]: (row["yes"], row["no"]) for row in rows}


def is_poor_feedback(helpful: int, not_helpful: int) -> bool:
    votes = helpful + not_helpful
    return votes >= POOR_FEEDBACK_MIN_VOTES and helpful / votes < POOR_FEEDBACK_HELPFUL_SHARE


def article_flags(article: Article, *, feedback=None, today=None) -> list[str]:
    """What needs the administrator's attention on one article (searchable ones only)."""
    if not article.is_searchable:
        return []
    today = today or timezone.localdate()
    flags = []
    if article.review_by is None:
        flags.append(FLAG_NO_REVIEW_DATE)
    elif article.review_by < today:
        flags.append(FLAG_REVIEW_OVERDUE)
    elif article.review_by <= today + datetime.timedelta(days=REVIEW_SOON_DAYS):
        flags.append(FLAG_REVIEW_SOON)
    if feedback is None:
        feedback = feedback_counts([article.pk]).get(article.pk, (0, 0))
    if is_poor_feedback(*feedback):
        flags.append(FLAG_POOR_FEEDBACK)
    if article.owner_id is None:
        flags.append(FLAG_NO_OWNER)
    return flags


@dataclass
class FlaggedArticle:
    article: Article
    flags: list[str]
    helpful: int = 0
    not_helpful: int = 0


@dataclass
class UsageRow:
    article: Article
    uses: int
    contacts: int
    answered_first: int
    helpful: int
    not_helpful: int

    @property
    def first_contact_share(self) -> int | None:
        return round(100 * self.answered_first / self.contacts) if self.contacts else None

    @property
    def helpful_share(self) -> int | None:
        votes = self.helpful + self.not_helpful
        return round(100 * self.helpful / votes) if votes else None


@dataclass
class Dashboard:
    status_counts: dict = field(default_factory=dict)
    flagged: list = field(default_factory=list)
    flag_counts: dict = field(default_factory=dict)
    most_used: list = field(default_factory=list)
    open_gaps: list = field(default_factory=list)
    open_gap_count: int = 0
    uses_in_window: int = 0
    contacts_with_article: int = 0
    contacts_with_article_answered: int = 0

    @property
    def first_contact_share(self) -> int | None:
        if not self.contacts_with_article:
            return None
        return round(100 * self.contacts_with_article_answered / self.contacts_with_article)


def flagged_articles(today=None) -> list[FlaggedArticle]:
    today = today or timezone.localdate()
    articles = list(
        Article.objects.searchable().select_related("category", "owner").order_by("title")
    )
    feedback = feedback_counts([a.pk for a in articles])
    rows = []
    for article in articles:
        counts = feedback.get(article.pk, (0, 0))
        flags = article_flags(article, feedback=counts, today=today)
        if flags:
            rows.append(FlaggedArticle(article, flags, *counts))
    order = [FLAG_REVIEW_OVERDUE, FLAG_POOR_FEEDBACK, FLAG_NO_REVIEW_DATE, FLAG_NO_OWNER]
    order.append(FLAG_REVIEW_SOON)

    def sort_key(row):
        first = min(order.index(f) for f in row.flags)
        return (first, row.article.review_by or datetime.date.min, row.article.title)

    return sorted(rows, key=sort_key)


def most_used_articles(*, days: int = MOST_USED_WINDOW_DAYS, limit: int = 10) -> list[UsageRow]:
    since = timezone.now() - datetime.timedelta(days=days)
    rows = (
        ArticleUse.objects.filter(used_at__gte=since)
        .values("article_id")
        .annotate(
            uses=Count("pk"),
            contacts=Count("pk", filter=Q(contact_moment__isnull=False)),
            answered_first=Count("pk", filter=Q(contact_moment__answered_at_first_contact=True)),
            helpful_votes=Count("pk", filter=Q(helpful=True)),
            unhelpful_votes=Count("pk", filter=Q(helpful=False)),
        )
        .order_by("-uses", "article_id")[:limit]
    )
    rows = list(rows)
    articles = Article.objects.select_related("category").in_bulk([r["article_id"] for r in rows])
    return [
        UsageRow(
            article=articles[r["article_id"]],
            uses=r["uses"],
            contacts=r["contacts"],
            answered_first=r["answered_first"],
            helpful=r["helpful_votes"],
            not_helpful=r["unhelpful_votes"],
        )
        for r in rows
        if r["article_id"] in articles
    ]


def dashboard(today=None) -> Dashboard:
    today = today or timezone.localdate()
    board = Dashboard()
    counts = dict(Article.objects.values_list("status").annotate(n=Count("pk")))
    board.status_counts = [(Status(s).label, s, counts.get(s, 0)) for s in Status.values]
    board.flagged = flagged_articles(today)
    flag_counts = defaultdict(int)
    for row in board.flagged:
        for flag in row.flags:
            flag_counts[flag] += 1
    labels = flag_labels()
    board.flag_counts = [(labels[f], f, flag_counts[f]) for f in labels]
    board.most_used = most_used_articles()
    open_gaps = SearchGap.objects.filter(status=SearchGap.Status.OPEN)
    board.open_gap_count = open_gaps.count()
    board.open_gaps = list(open_gaps.order_by("-count", "-last_seen")[:10])
    since = timezone.now() - datetime.timedelta(days=MOST_USED_WINDOW_DAYS)
    window = ArticleUse.objects.filter(used_at__gte=since)
    board.uses_in_window = window.count()
    moments = window.filter(contact_moment__isnull=False)
    board.contacts_with_article = moments.values("contact_moment").distinct().count()
    board.contacts_with_article_answered = (
        moments.filter(contact_moment__answered_at_first_contact=True)
        .values("contact_moment")
        .distinct()
        .count()
    )
    return board


def review_reminders(today=None) -> dict:
    """{owner: [FlaggedArticle, ...]} for owners with overdue, soon-due or poorly rated articles."""
    per_owner = defaultdict(list)
    for row in flagged_articles(today):
        if row.article.owner_id and row.article.owner.email and row.article.owner.is_active:
            per_owner[row.article.owner].append(row)
    return dict(per_owner)


# --- Version diff ----------------------------------------------------------------------------

DIFF_FIELDS = (
    ("title", "title"),
    ("status", "status"),
    ("category", "category"),
    ("owner", "owner"),
    ("review_by", "review_by"),
    ("channels", "channels"),
    ("keywords", "keywords"),
    ("summary", "summary"),
    ("body", "body"),
    ("related", "related"),
)
LONG_FIELDS = {"summary", "body", "keywords", "related"}


@dataclass
class DiffLine:
    kind: str  # "equal", "insert", "delete", "skip"
    segments: list  # [(text, changed)]


@dataclass
class FieldDiff:
    name: str
    label: str
    old: str = ""
    new: str = ""
    lines: list = field(default_factory=list)

    @property
    def is_long(self) -> bool:
        return bool(self.lines)


def _display(version: ArticleVersion, name: str) -> str:
    value = getattr(version, name)
    if name == "status":
        return Status(value).label if value else ""
    if name == "review_by":
        return date_format(value, "j F Y") if value else ""
    return value or ""


def _lines_for(name: str, value: str) -> list[str]:
    if name == "keywords":
        return [k.strip() for k in value.replace(";", ",").split(",") if k.strip()]
    return value.splitlines()


def _word_segments(old: str, new: str):
    """Word-level change marks for a replaced line: (old segments, new segments)."""
    a, b = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    old_segments, new_segments = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            old_segments.append(("".join(a[i1:i2]), False))
            new_segments.append(("".join(b[j1:j2]), False))
        else:
            if i2 > i1:
                old_segments.append(("".join(a[i1:i2]), True))
            if j2 > j1:
                new_segments.append(("".join(b[j1:j2]), True))
    return _merge_segments(old_segments), _merge_segments(new_segments)


def _merge_segments(segments):
    """Join neighbouring changes, including the spaces between them: 'twee maanden.'."""
    marked = list(segments)
    for index in range(1, len(marked) - 1):
        value, changed = marked[index]
        if not changed and not value.strip() and marked[index - 1][1] and marked[index + 1][1]:
            marked[index] = (value, True)
    merged = []
    for value, changed in marked:
        if merged and merged[-1][1] == changed:
            merged[-1] = (merged[-1][0] + value, changed)
        elif value:
            merged.append((value, changed))
    return merged


def _line_diff(old_lines: list[str], new_lines: list[str], context: int = 2) -> list[DiffLine]:
    out = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for index, group in enumerate(matcher.get_grouped_opcodes(context)):
        if index:
            out.append(DiffLine("skip", [("…", False)]))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out.extend(DiffLine("equal", [(line, False)]) for line in old_lines[i1:i2])
                continue
            removed, added = old_lines[i1:i2], new_lines[j1:j2]
            if tag == "replace" and len(removed) == len(added):
                pairs = [_word_segments(o, n) for o, n in zip(removed, added, strict=True)]
                out.extend(DiffLine("delete", old) for old, _new in pairs)
                out.extend(DiffLine("insert", new) for _old, new in pairs)
                continue
            out.extend(DiffLine("delete", [(line, True)]) for line in removed)
            out.extend(DiffLine("insert", [(line, True)]) for line in added)
    return out


def version_diff(old: ArticleVersion | None, new: ArticleVersion) -> list[FieldDiff]:
    """What changed from ``old`` to ``new``, field by field, readable (no raw diff syntax)."""
    labels = {
        "title": _("Title"),
        "status": _("Status"),
        "category": _("Category"),
        "owner": _("Owner"),
        "review_by": _("Review by"),
        "channels": _("Channels"),
        "keywords": _("Keywords and synonyms"),
        "summary": _("Answer script"),
        "body": _("Body"),
        "related": _("Related articles"),
    }
    diffs = []
    for name, _attr in DIFF_FIELDS:
        before = _display(old, name) if old is not None else ""
        after = _display(new, name)
        if before == after:
            continue
        entry = FieldDiff(name=name, label=labels[name], old=before, new=after)
        if name in LONG_FIELDS:
            entry.lines = _line_diff(_lines_for(name, before), _lines_for(name, after))
        diffs.append(entry)
    return diffs


# --- Category helpers ------------------------------------------------------------------------


def category_tree() -> list[tuple[Category, int, int]]:
    """(category, depth, number of searchable articles in it and below), in tree order."""
    categories = list(Category.objects.all())
    children = defaultdict(list)
    for category in categories:
        children[category.parent_id].append(category)
    counts = dict(
        Article.objects.searchable()
        .values_list("category_id")
        .annotate(n=Count("pk"))
        .values_list("category_id", "n")
    )

    def total(category):
        return counts.get(category.pk, 0) + sum(total(c) for c in children[category.pk])

    rows = []

    def walk(parent_id, depth):
        for category in sorted(children[parent_id], key=lambda c: (c.position, c.name)):
            rows.append((category, depth, total(category)))
            if depth < 5:
                walk(category.pk, depth + 1)

    walk(None, 0)
    return rows
