"""Use of articles and feedback on them: which articles helped in a contact, and verdicts given
on the article page."""

import re

from django.db import transaction
from django.utils import timezone

from ..models import Article, ArticleUse

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


def record_uses_from_contact_form(sender, *, contact, user, data, **kwargs) -> None:
    """Receiver of ``contacts.hooks.contact_registered``: the articles the employee used while
    registering (hidden inputs ``kb_articles`` and ``kb_feedback``)."""
    record_article_uses(
        contact, data.get("kb_articles", ""), user, feedback=data.get("kb_feedback", "")
    )
