"""Articles: saving, versions, the status workflow and reviews.

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

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..models import Article, ArticleVersion
from .index import reindex_article

Status = Article.Status

REVIEW_INTERVAL_DAYS = 365

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
