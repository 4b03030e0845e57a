"""The search index of the articles: the stored vector (PostgreSQL) and the search vocabulary.

``reindex_article`` runs on every save (``articles.save_article``); ``rebuild_vocabulary`` and
``reindex_all`` run nightly (``tasks.rebuild_search_index``). What goes into the index per
weight is ``knowledgebase.search.index.index_texts``.
"""

from collections import defaultdict

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import Value

from .. import text
from ..models import Article, SynonymGroup, VocabularyWord
from ..search.index import CONFIG, index_texts
from ..search.vocabulary import forget_cached_counts


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def reindex_article(article: Article) -> None:
    """Recompute the stored search vector and add the article's words to the vocabulary."""
    if is_postgresql():
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
