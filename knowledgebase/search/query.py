"""The search itself: ``search_articles`` and what it returns."""

import time
from dataclasses import dataclass, field

from django.db import connection

from referencedata.models import CodeList, ReferenceCode

from .. import text
from ..models import Article, Category
from .analysis import AnalysedQuery, analyse
from .ranking import rank_postgresql, rank_python, title_fallback_postgresql, title_fallback_python


@dataclass
class SearchHit:
    article: Article
    score: float


@dataclass
class SearchResult:
    query: str
    hits: list[SearchHit] = field(default_factory=list)
    analysed: AnalysedQuery | None = None
    fallback: bool = False
    milliseconds: float = 0.0

    @property
    def articles(self) -> list[Article]:
        return [hit.article for hit in self.hits]

    def __len__(self):
        return len(self.hits)

    def __bool__(self):
        return bool(self.hits)

    @property
    def corrected_query(self) -> str | None:
        """The query with typing errors corrected ("Did you mean ..."), if any were."""
        if not self.analysed or not self.analysed.corrections:
            return None
        fixes = self.analysed.corrections
        return " ".join(fixes.get(token, token) for token in text.query_tokens(self.query))


def _channel_id(channel):
    if channel in (None, ""):
        return None
    if hasattr(channel, "pk"):
        return channel.pk
    value = str(channel).strip()
    if value.isdigit():
        return int(value)
    return (
        ReferenceCode.objects.filter(code_list=CodeList.CHANNEL, code=value.upper())
        .values_list("pk", flat=True)
        .first()
    )


def _category_ids(category):
    if category in (None, ""):
        return None
    if not isinstance(category, Category):
        try:
            category = Category.objects.filter(pk=int(category)).first()
        except (TypeError, ValueError):
            category = None
        if category is None:
            return set()
    return category.descendant_ids()


def search_articles(
    query: str,
    *,
    channel=None,
    category=None,
    statuses=None,
    limit: int = 10,
    as_you_type: bool = False,
) -> SearchResult:
    """Find the articles that answer ``query``, best first.

    ``channel``: a VERA channel (instance, id or code such as "TEL"): articles for that channel
    or for all channels. ``category``: a category (instance or id), including its
    subcategories. ``statuses``: which statuses count (default internal and published).
    ``as_you_type``: the last word may be incomplete (suggestions while typing).
    """
    started = time.perf_counter()
    result = SearchResult(query=query or "")
    statuses = tuple(statuses or Article.SEARCHABLE_STATUSES)
    limit = max(1, min(int(limit), 50))
    analysed = analyse(query or "", as_you_type=as_you_type)
    result.analysed = analysed
    channel_id = _channel_id(channel)
    category_ids = _category_ids(category)
    if category_ids == set():
        return result
    postgres = connection.vendor == "postgresql"
    ranked = []
    if analysed is not None:
        rank = rank_postgresql if postgres else rank_python
        ranked = rank(analysed, statuses, channel_id, category_ids, limit)
    if not ranked and query and not as_you_type:
        fallback = title_fallback_postgresql if postgres else title_fallback_python
        ranked = fallback(query, statuses, channel_id, category_ids, limit)
        result.fallback = bool(ranked)
    if ranked:
        articles = Article.objects.select_related("category__parent").in_bulk(
            [pk for pk, _score in ranked]
        )
        result.hits = [SearchHit(articles[pk], value) for pk, value in ranked if pk in articles]
    result.milliseconds = (time.perf_counter() - started) * 1000
    return result
