"""The knowledge-base search: one function, ``search_articles``, used by the search page, the
suggestions beside the contact form and (later) the API.

How a query is handled:

1. **Words.** The query is folded (lower case, no accents) and split into words; Dutch stop
   words and lone digits are dropped. At most 12 words of at most 40 characters count.
2. **Typing errors.** A word whose Dutch stem occurs in no searchable article is corrected
   towards the closest words of the search vocabulary (every word of the searchable articles
   and of the synonym list) by trigram similarity: "scimmel" -> "schimmel". The typed word
   stays in the query too.
3. **As you type.** The last word, while it is still being typed, is matched as a prefix and
   completed from the vocabulary: "schimm" -> "schimmel", "betalin" -> "betaling".
4. **Synonyms.** A word, or a run of words in any order, that is in the synonym list brings
   the other words of its group along: "waterschade" also searches "lekkage" and "daklekkage".
5. **Matching.** Each query word becomes a group of alternatives; an article matches when it
   contains an alternative of at least one group. PostgreSQL matches on the stored, weighted
   ``tsvector`` (Dutch stemming, accents folded; GIN index) and takes the best 200 by
   ``ts_rank`` (title A > keywords B > answer script and category C > body D).
6. **Ranking.** Those candidates are scored per query word: the best field it occurs in
   (title > keywords > answer script > body; a synonym counts for 70%), weighted by how rare
   the word is across the articles (BM25's idf), plus a bonus when two query words stand at
   the same distance in the article as in the query ("huur later betalen"). So an article
   about all the words beats one that repeats a single word, and "traplift" counts for more
   than "aanvragen".
7. **Last resort.** When nothing matches, titles are compared by trigram word similarity.

On SQLite (development, ``make run``, tests) steps 1-4 and 6 are the same; matching is done in
Python over all searchable articles, which is fine for a development database.

The package: ``index`` (what of an article is indexed), ``vocabulary`` (look-ups in the search
vocabulary and the synonym list, with the per-process caches), ``analysis`` (steps 1-4),
``ranking`` (steps 5-7, PostgreSQL and SQLite) and ``query`` (``search_articles``). This module
re-exports their public names, so ``from knowledgebase.search import search_articles`` works.
"""

from .analysis import (
    CORRECTION_SIMILARITY,
    MAX_ALTERNATIVES,
    MAX_CORRECTIONS,
    MAX_GROUPS,
    MIN_CORRECTION_LENGTH,
    Alternative,
    AnalysedQuery,
    TermGroup,
    analyse,
)
from .index import CONFIG, index_texts
from .query import SearchHit, SearchResult, search_articles
from .ranking import (
    BODY,
    CANDIDATES,
    COMMON_MIN_ARTICLES,
    COMMON_SHARE,
    FIELD_WEIGHT,
    KEYWORDS,
    LEVEL_LABELS,
    PHRASE_BONUS,
    POOL_SQL,
    RANK_NORMALIZATION,
    RANK_WEIGHTS,
    SUMMARY,
    SYNONYM_FACTOR,
    TIE_BREAK,
    TITLE,
    TITLE_FALLBACK_SIMILARITY,
    first_stage,
    score,
)
from .vocabulary import MAX_COMPLETIONS, forget_cached_counts, idf, searchable_count

__all__ = [
    "BODY",
    "CANDIDATES",
    "COMMON_MIN_ARTICLES",
    "COMMON_SHARE",
    "CONFIG",
    "CORRECTION_SIMILARITY",
    "FIELD_WEIGHT",
    "KEYWORDS",
    "LEVEL_LABELS",
    "MAX_ALTERNATIVES",
    "MAX_COMPLETIONS",
    "MAX_CORRECTIONS",
    "MAX_GROUPS",
    "MIN_CORRECTION_LENGTH",
    "PHRASE_BONUS",
    "POOL_SQL",
    "RANK_NORMALIZATION",
    "RANK_WEIGHTS",
    "SUMMARY",
    "SYNONYM_FACTOR",
    "TIE_BREAK",
    "TITLE",
    "TITLE_FALLBACK_SIMILARITY",
    "Alternative",
    "AnalysedQuery",
    "SearchHit",
    "SearchResult",
    "TermGroup",
    "analyse",
    "first_stage",
    "forget_cached_counts",
    "idf",
    "index_texts",
    "score",
    "search_articles",
    "searchable_count",
]
