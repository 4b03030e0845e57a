"""Look-ups in the search vocabulary and the synonym list, with the per-process caches: how many
articles have a stem, words similar to a typed one, completions of a word being typed, the
synonym index, and BM25's idf."""

import math
import time
from collections import defaultdict

from django.db import connection
from django.db.models import Count, Max

from .. import text
from ..models import Article, SynonymGroup, VocabularyWord

MAX_COMPLETIONS = 5


def stem_frequencies(stems) -> dict[str, int]:
    """{stem: number of searchable articles with it} (from the vocabulary)."""
    stems = sorted(set(stems))
    if not stems:
        return {}
    return dict(
        VocabularyWord.objects.filter(stem__in=stems)
        .values("stem")
        .annotate(n=Max("articles"))
        .values_list("stem", "n")
    )


# Per-process caches. The number of searchable articles only weighs words (idf), so a few
# minutes' delay is harmless; services clear it when an article is saved in this process.
_COUNT_TTL = 300.0
_cache: dict = {}


def searchable_count() -> int:
    cached = _cache.get("count")
    now = time.monotonic()
    if cached is None or now - cached[1] > _COUNT_TTL:
        count = Article.objects.filter(status__in=Article.SEARCHABLE_STATUSES).count()
        _cache["count"] = cached = (count, now)
    return cached[0]


def forget_cached_counts() -> None:
    _cache.pop("count", None)


def similar_words(tokens: list[str], complete: str | None):
    """({token: [(word, similarity), ...]}, [completions of ``complete``])."""
    similar: dict[str, list[tuple[str, float]]] = defaultdict(list)
    completions: list[str] = []
    if not tokens and not complete:
        return similar, completions
    if connection.vendor == "postgresql":
        table = VocabularyWord._meta.db_table
        with connection.cursor() as cursor:
            if tokens:
                cursor.execute(
                    f"""
                    SELECT t.token, v.word, v.sim
                    FROM unnest(%s::text[]) AS t(token)
                    CROSS JOIN LATERAL (
                        SELECT w.word, similarity(w.word, t.token) AS sim
                        FROM {table} w
                        WHERE w.word %% t.token
                        ORDER BY sim DESC, length(w.word), w.word
                        LIMIT 4
                    ) v
                    """,  # noqa: S608 - table name from the model, values are parameters
                    [tokens],
                )
                for token, word, sim in cursor.fetchall():
                    similar[token].append((word, float(sim)))
            if complete:
                cursor.execute(
                    f"SELECT word FROM {table} WHERE word LIKE %s "  # noqa: S608
                    "ORDER BY articles DESC, length(word), word LIMIT %s",
                    [complete + "%", MAX_COMPLETIONS],
                )
                completions = [row[0] for row in cursor.fetchall()]
        return similar, completions
    # SQLite: the vocabulary of a development database is small enough to scan.
    vocabulary = list(VocabularyWord.objects.values_list("word", "articles"))
    for token in tokens:
        scored = [(w, text.trigram_similarity(w, token)) for w, _n in vocabulary]
        scored = [(w, s) for w, s in scored if s >= 0.3]
        scored.sort(key=lambda ws: (-ws[1], len(ws[0]), ws[0]))
        similar[token] = scored[:4]
    if complete:
        matching = [(w, n) for w, n in vocabulary if w.startswith(complete)]
        matching.sort(key=lambda wn: (-wn[1], len(wn[0]), wn[0]))
        completions = [w for w, _n in matching[:MAX_COMPLETIONS]]
    return similar, completions


def synonym_index():
    """{stem: [(stems of a term, [words of every term in its group]), ...]}.

    Cached per process and rebuilt when the list changed (count and last change are compared on
    every search: one small query), so an edit by the administrator counts at once everywhere.
    """
    version = SynonymGroup.objects.filter(is_active=True).aggregate(
        n=Count("pk"), changed=Max("updated_at")
    )
    version = (version["n"], version["changed"])
    cached = _cache.get("synonyms")
    if cached is not None and cached[0] == version:
        return cached[1]
    index = defaultdict(list)
    for raw in SynonymGroup.objects.filter(is_active=True).values_list("terms", flat=True):
        terms = [tuple(text.content_words(text.words(t))) for t in SynonymGroup.split_terms(raw)]
        terms = [t for t in terms if t]
        if len(terms) < 2:
            continue
        for term in terms:
            stems = tuple(text.stem(w) for w in term)
            for stem in set(stems):
                index[stem].append((stems, terms))
    _cache["synonyms"] = (version, index)
    return index


def idf(frequency: int, total: int) -> float:
    """BM25's inverse document frequency: rare words weigh more."""
    total = max(total, 1)
    frequency = min(max(frequency, 0), total)
    return math.log(1 + (total - frequency + 0.5) / (frequency + 0.5))
