"""Reads of the knowledge base: the flags on articles, the dashboard, the review reminders, the
category tree. Nothing here writes."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Article, ArticleUse, Category, SearchGap

Status = Article.Status

REVIEW_SOON_DAYS = 30
# Feedback counts as poor with at least this many verdicts in the window and too few helpful.
POOR_FEEDBACK_MIN_VOTES = 5
POOR_FEEDBACK_HELPFUL_SHARE = 0.6
FEEDBACK_WINDOW_DAYS = 180
MOST_USED_WINDOW_DAYS = 90

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
