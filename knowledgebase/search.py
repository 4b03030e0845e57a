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
"""

import math
import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Max

from . import text
from .models import Article, Category, SynonymGroup, VocabularyWord

CONFIG = "kb_dutch"
# First stage: ts_rank weights of the labels D, C, B, A (body, answer script, keywords, title),
# normalised by 1 + log(document length); the best CANDIDATES go to the second stage.
RANK_WEIGHTS = (0.1, 0.2, 0.4, 1.0)
RANK_NORMALIZATION = 1
CANDIDATES = 200
# Words in more than this many articles are "common". When a query also has rarer words, the
# first stage only takes articles with a rarer word or with all the common ones (as Lucene's
# common-terms query does); the common words still count in the second stage. This keeps the
# first stage from ranking half the knowledge base for "huur" or "komt".
COMMON_MIN_ARTICLES = 300
COMMON_SHARE = 0.1
# Second stage: what a query word is worth by the best field it occurs in.
TITLE, KEYWORDS, SUMMARY, BODY = 4, 3, 2, 1
FIELD_WEIGHT = {TITLE: 1.0, KEYWORDS: 0.6, SUMMARY: 0.35, BODY: 0.15, 0: 0.0}
SYNONYM_FACTOR = 0.7
PHRASE_BONUS = 0.4
TIE_BREAK = 0.05
# Query analysis.
MIN_CORRECTION_LENGTH = 4
CORRECTION_SIMILARITY = 0.45
MAX_CORRECTIONS = 2
MAX_COMPLETIONS = 5
MAX_ALTERNATIVES = 14
MAX_GROUPS = 8
TITLE_FALLBACK_SIMILARITY = 0.5


@dataclass(frozen=True)
class Alternative:
    words: tuple[str, ...]
    prefix: bool = False
    source: str = "query"  # query, correction, completion, synonym

    @property
    def is_synonym(self) -> bool:
        return self.source == "synonym"

    def stems(self) -> tuple[str, ...]:
        return tuple(text.stem(w) for w in self.words)

    def tsquery(self, weights: str = "") -> str:
        star = "*" if self.prefix else ""
        label = f":{star}{weights}" if (star or weights) else ""
        parts = [f"'{w}'{label}" for w in self.words]
        return parts[0] if len(parts) == 1 else "(" + " & ".join(parts) + ")"


@dataclass
class TermGroup:
    tokens: tuple[str, ...]
    start: int  # position of the first token in the query (stop words counted)
    end: int
    alternatives: list[Alternative] = field(default_factory=list)
    idf: float = 1.0
    frequency: int = 0  # searchable articles with its most common alternative

    def add(self, alternative: Alternative) -> None:
        if len(self.alternatives) >= MAX_ALTERNATIVES:
            return
        key = (alternative.stems(), alternative.prefix)
        if key not in {(a.stems(), a.prefix) for a in self.alternatives}:
            self.alternatives.append(alternative)

    def direct(self) -> list[Alternative]:
        return [a for a in self.alternatives if not a.is_synonym]

    def synonyms(self) -> list[Alternative]:
        return [a for a in self.alternatives if a.is_synonym]

    def tsquery(self, alternatives=None, weights: str = "") -> str:
        alternatives = self.alternatives if alternatives is None else alternatives
        return "(" + " | ".join(a.tsquery(weights) for a in alternatives) + ")"


@dataclass
class AnalysedQuery:
    text: str
    groups: list[TermGroup]
    corrections: dict[str, str] = field(default_factory=dict)
    synonyms: list[str] = field(default_factory=list)

    def tsquery(self) -> str:
        return " | ".join(group.tsquery() for group in self.groups)

    def phrases(self) -> list[tuple[int, int, int]]:
        """(group i, group j, distance) for neighbouring single-word groups."""
        pairs = []
        for i in range(len(self.groups) - 1):
            a, b = self.groups[i], self.groups[i + 1]
            if len(a.tokens) == 1 and len(b.tokens) == 1 and b.start - a.end <= 3:
                pairs.append((i, i + 1, b.start - a.end))
        return pairs

    def highlight_terms(self) -> tuple[set[str], set[str]]:
        """(stems to mark, stem prefixes to mark) for highlighting matches in a text."""
        stems, prefixes = set(), set()
        for group in self.groups:
            for alternative in group.alternatives:
                for word in alternative.words:
                    if word not in text.STOPWORDS:
                        (prefixes if alternative.prefix else stems).add(text.stem(word))
        return stems, prefixes


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


# --- Vocabulary look-ups ---------------------------------------------------------------------


def _stem_frequencies(stems) -> dict[str, int]:
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


def _similar_words(tokens: list[str], complete: str | None):
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


def _synonym_index():
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


# --- Query analysis --------------------------------------------------------------------------


def analyse(query: str, *, as_you_type: bool = False) -> AnalysedQuery | None:
    """Turn what was typed into groups of alternatives (see the module docstring)."""
    raw_tokens = text.query_tokens(query)
    if not raw_tokens:
        return None
    last = len(raw_tokens) - 1
    prefix_token = None
    typing = as_you_type and query and not query[-1].isspace()
    if typing and len(raw_tokens[last]) >= 3 and not raw_tokens[last].isdigit():
        prefix_token = raw_tokens[last]
    positioned = [
        (i, t)
        for i, t in enumerate(raw_tokens)
        if (t not in text.STOPWORDS and not t.isdigit()) or (i == last and t == prefix_token)
    ]
    if not positioned:
        return None
    tokens = [t for _i, t in positioned]

    frequencies = _stem_frequencies(text.stem(t) for t in tokens)
    unknown = [
        t
        for t in dict.fromkeys(tokens)
        if len(t) >= MIN_CORRECTION_LENGTH and text.stem(t) not in frequencies
    ]
    complete = prefix_token if prefix_token and text.stem(prefix_token) not in frequencies else None
    similar, completions = _similar_words(unknown, complete)

    corrections: dict[str, list[str]] = {}
    for token in unknown:
        if token == complete and completions:
            continue  # still typing: the completions say more than a guess at a typo
        candidates = [(w, s) for w, s in similar.get(token, []) if s >= CORRECTION_SIMILARITY]
        if candidates:
            best = candidates[0][1]
            picked = [w for w, s in candidates if s >= best - 0.1 and w != token]
            corrections[token] = picked[:MAX_CORRECTIONS]

    # Per position: what the word may stand for (itself, corrections, completions).
    options = []
    for index, (position, token) in enumerate(positioned):
        is_prefix = token == prefix_token and position == last
        alternatives = [Alternative((token,), prefix=is_prefix)]
        alternatives += [Alternative((w,), source="correction") for w in corrections.get(token, [])]
        if index == len(positioned) - 1 and token == complete:
            alternatives += [Alternative((w,), source="completion") for w in completions]
        options.append(alternatives)
    stems_at = [{text.stem(a.words[0]) for a in alts} for alts in options]

    synonym_index = _synonym_index()
    groups, synonyms_used = [], []
    index = 0
    while index < len(positioned):
        matched_terms, length = [], 1
        for stem in stems_at[index]:
            for term_stems, group_terms in synonym_index.get(stem, ()):
                size = len(term_stems)
                if index + size > len(positioned) or size < length:
                    continue
                window = stems_at[index : index + size]
                # The words of a term may come in any order: "verdien weinig" ~ "weinig verdien".
                if stem in term_stems and all(any(s in w for w in window) for s in term_stems):
                    if size > length:
                        matched_terms, length = [], size
                    matched_terms.append(group_terms)
        span = positioned[index : index + length]
        group = TermGroup(tokens=tuple(t for _p, t in span), start=span[0][0], end=span[-1][0])
        if length > 1:
            group.add(Alternative(group.tokens))
        else:
            for alternative in options[index]:
                group.add(alternative)
        for group_terms in matched_terms:
            for term in group_terms:
                group.add(Alternative(term, source="synonym"))
                synonyms_used.append(" ".join(term))
        groups.append(group)
        index += length
    groups = groups[:MAX_GROUPS]

    # Weigh each group by the rarity of its most common alternative.
    expansion_stems = {
        s for g in groups for a in g.alternatives for s in a.stems() if s not in frequencies
    }
    if expansion_stems:
        frequencies.update(_stem_frequencies(expansion_stems))
    total = searchable_count()
    for group in groups:
        group_frequency = 0
        for alternative in group.alternatives:
            counts = [frequencies.get(s, 0) for s in alternative.stems()]
            group_frequency = max(group_frequency, min(counts) if counts else 0)
        group.frequency = group_frequency
        group.idf = idf(group_frequency, total)

    return AnalysedQuery(
        text=query,
        groups=groups,
        corrections={t: c[0] for t, c in corrections.items() if c},
        synonyms=list(dict.fromkeys(synonyms_used)),
    )


# --- Scoring -----------------------------------------------------------------------------------


def score(analysed: AnalysedQuery, levels, phrase_hits, rank: float = 0.0) -> float:
    """The second-stage score of one article.

    ``levels``: per group (best field of a direct match, best field of a synonym match), as
    TITLE/KEYWORDS/SUMMARY/BODY or 0. ``phrase_hits``: per phrase of ``analysed.phrases()``,
    whether the article has those words at the query's distance.
    """
    total = 0.0
    weight_sum = 0.0
    for group, (direct, synonym) in zip(analysed.groups, levels, strict=True):
        best = max(FIELD_WEIGHT[direct], SYNONYM_FACTOR * FIELD_WEIGHT[synonym])
        total += group.idf * best
        weight_sum += group.idf
    groups = analysed.groups
    for (i, j, _distance), hit in zip(analysed.phrases(), phrase_hits, strict=True):
        if hit:
            total += PHRASE_BONUS * min(groups[i].idf, groups[j].idf)
    return total / (weight_sum or 1.0) + TIE_BREAK * rank


# --- PostgreSQL ----------------------------------------------------------------------------------


def _filters_sql(statuses, channel_id, category_ids):
    through = Article.channels.through
    table = through._meta.db_table
    article_col = through._meta.get_field("article").column
    code_col = through._meta.get_field("referencecode").column
    clauses = ["a.status = ANY(%s)"]
    params = [list(statuses)]
    if channel_id is not None:
        clauses.append(
            f"(NOT EXISTS (SELECT 1 FROM {table} c WHERE c.{article_col} = a.id) "  # noqa: S608
            f"OR EXISTS (SELECT 1 FROM {table} c WHERE c.{article_col} = a.id "
            f"AND c.{code_col} = %s))"
        )
        params.append(channel_id)
    if category_ids is not None:
        clauses.append("a.category_id = ANY(%s)")
        params.append(sorted(category_ids))
    return " AND ".join(clauses), params


LEVEL_LABELS = ((TITLE, "A"), (KEYWORDS, "AB"), (SUMMARY, "ABC"), (BODY, ""))
# One first-stage pool: its best matches by ts_rank. Placeholders are filled with identifiers
# from code and models only; every value is a query parameter.
POOL_SQL = (
    "(SELECT a.id, a.search_vector AS v, "
    "ts_rank(%s::float4[], a.search_vector, qs.q, %s) AS rank "
    "FROM {table} a CROSS JOIN qs "
    "WHERE a.search_vector @@ qs.pool{n} AND {where} "
    "ORDER BY rank DESC LIMIT {limit})"
)


def first_stage(analysed: AnalysedQuery, total: int, *, all_words=False) -> list[str]:
    """The tsqueries whose best matches (by ts_rank) go to the second stage.

    One pool with every word; or, when the query mixes common and rarer words, one pool of
    articles with a rarer word and one of articles with all the common words, so a flood of
    articles with only a common word cannot push the right one out.
    """
    groups = analysed.groups
    cutoff = max(COMMON_MIN_ARTICLES, COMMON_SHARE * total)
    common = [g for g in groups if g.frequency > cutoff]
    rare = [g for g in groups if g.frequency <= cutoff]
    if all_words or not common or len(groups) == 1:
        return [analysed.tsquery()]
    every_common = " & ".join(g.tsquery() for g in common)
    if not rare:
        return [every_common]
    rare_query = " | ".join(g.tsquery() for g in rare)
    if len(common) == 1 and any(g.frequency for g in rare):
        # One common word next to rarer words that occur: "wie moet de kraan vervangen".
        return [rare_query]
    return [rare_query, every_common]


def _rank_postgresql(analysed, statuses, channel_id, category_ids, limit, all_words=False):
    pools = first_stage(analysed, searchable_count(), all_words=all_words)
    queries = [analysed.tsquery(), *pools]
    columns = ["to_tsquery(%s::regconfig, %s) AS q"]
    columns += [f"to_tsquery(%s::regconfig, %s) AS pool{n}" for n in range(len(pools))]
    select = []
    for i, group in enumerate(analysed.groups):
        for kind, alternatives in (("d", group.direct()), ("s", group.synonyms())):
            if not alternatives:
                select.append("0")
                continue
            cases = []
            for level, labels in LEVEL_LABELS:
                name = f"{kind}{i}_{level}"
                columns.append(f"to_tsquery(%s::regconfig, %s) AS {name}")
                queries.append(group.tsquery(alternatives, labels))
                cases.append(f"WHEN c.v @@ qs.{name} THEN {level}")
            select.append(f"CASE {' '.join(cases)} ELSE 0 END")
    for n, (i, j, distance) in enumerate(analysed.phrases()):
        left = analysed.groups[i].tsquery(analysed.groups[i].direct())
        right = analysed.groups[j].tsquery(analysed.groups[j].direct())
        columns.append(f"to_tsquery(%s::regconfig, %s) AS p{n}")
        queries.append(f"{left} <{distance}> {right}")
        select.append(f"(c.v @@ qs.p{n})::int")
    where, where_params = _filters_sql(statuses, channel_id, category_ids)
    per_pool = CANDIDATES // len(pools)
    pool_sql = " UNION ALL ".join(
        POOL_SQL.format(table=Article._meta.db_table, n=n, where=where, limit=per_pool)
        for n in range(len(pools))
    )
    sql = f"""
        WITH qs AS (SELECT {", ".join(columns)}),
        c AS ({pool_sql})
        SELECT c.id, c.rank, {", ".join(select)}
        FROM c CROSS JOIN qs
    """  # noqa: S608 - identifiers from code and models; every value is a parameter
    params = []
    for value in queries:
        params += [CONFIG, value]
    for _pool in pools:
        params += [list(RANK_WEIGHTS), RANK_NORMALIZATION, *where_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    n_groups = len(analysed.groups)
    scored, seen = [], set()
    for row in rows:
        pk, rank, values = row[0], float(row[1]), row[2:]
        if pk in seen:
            continue
        seen.add(pk)
        levels = [(values[2 * i], values[2 * i + 1]) for i in range(n_groups)]
        phrase_hits = [bool(v) for v in values[2 * n_groups :]]
        scored.append((pk, score(analysed, levels, phrase_hits, rank)))
    if len(scored) < limit and not all_words and pools != [analysed.tsquery()]:
        # Too few articles with a rarer word or all common ones: add those with any word.
        more = _rank_postgresql(analysed, statuses, channel_id, category_ids, limit, all_words=True)
        found = {pk for pk, _score in scored}
        scored += [(pk, value) for pk, value in more if pk not in found]
    scored.sort(key=lambda row: -row[1])
    return scored[:limit]


def _title_fallback_postgresql(query, statuses, channel_id, category_ids, limit):
    folded = " ".join(w for w in text.content_words(text.words(query)) if len(w) >= 3)
    if not folded:
        return []
    where, where_params = _filters_sql(statuses, channel_id, category_ids)
    sql = f"""
        SELECT a.id, word_similarity(%s, lower(a.title)) AS sim
        FROM {Article._meta.db_table} a
        WHERE %s <%% lower(a.title) AND {where}
        ORDER BY sim DESC, a.title
        LIMIT %s
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [folded, folded, *where_params, limit])
        rows = cursor.fetchall()
    return [(pk, float(sim)) for pk, sim in rows if sim >= TITLE_FALLBACK_SIMILARITY]


# --- SQLite (development) --------------------------------------------------------------------


def _candidates(statuses, channel_id, category_ids):
    articles = Article.objects.filter(status__in=statuses).select_related("category__parent")
    if channel_id is not None:
        articles = articles.filter(channels__isnull=True) | articles.filter(channels=channel_id)
    if category_ids is not None:
        articles = articles.filter(category_id__in=category_ids)
    return articles.distinct()


class _Document:
    """An article's words per field, as PostgreSQL would index them (for the SQLite path)."""

    LEVELS = {"A": TITLE, "B": KEYWORDS, "C": SUMMARY, "D": BODY}

    def __init__(self, article):
        from .services import index_texts

        self.best = {}  # stem -> best level
        self.positions = []  # per field: {stem: [positions]}
        for label, value in index_texts(article).items():
            level = self.LEVELS[label]
            where = defaultdict(list)
            for position, word in enumerate(text.words(value)):
                if word in text.STOPWORDS:
                    continue
                stem = text.stem(word)
                where[stem].append(position)
                self.best[stem] = max(self.best.get(stem, 0), level)
            self.positions.append(where)

    def level(self, alternative: Alternative) -> int:
        found = []
        for word in alternative.words:
            if word in text.STOPWORDS:
                continue
            stem = text.stem(word)
            if alternative.prefix:
                found.append(
                    max((v for s, v in self.best.items() if s.startswith(stem)), default=0)
                )
            else:
                found.append(self.best.get(stem, 0))
        return min(found) if found else 0

    def has_phrase(self, left: list[Alternative], right: list[Alternative], distance: int) -> bool:
        left_stems = {text.stem(a.words[0]) for a in left if len(a.words) == 1}
        right_stems = {text.stem(a.words[0]) for a in right if len(a.words) == 1}
        for where in self.positions:
            starts = {p for s in left_stems for p in where.get(s, ())}
            ends = {p for s in right_stems for p in where.get(s, ())}
            if any(p + distance in ends for p in starts):
                return True
        return False


def _rank_python(analysed, statuses, channel_id, category_ids, limit):
    documents = [(a.pk, _Document(a)) for a in _candidates(statuses, channel_id, category_ids)]
    # The rarity of each group among these articles (PostgreSQL keeps it in the vocabulary).
    total = len(documents)
    for group in analysed.groups:
        frequency = 0
        for alternative in group.alternatives:
            frequency = max(frequency, sum(1 for _pk, d in documents if d.level(alternative)))
        group.idf = idf(frequency, total)
    scored = []
    phrases = analysed.phrases()
    for pk, document in documents:
        levels = []
        for group in analysed.groups:
            direct = max((document.level(a) for a in group.direct()), default=0)
            synonym = max((document.level(a) for a in group.synonyms()), default=0)
            levels.append((direct, synonym))
        if not any(d or s for d, s in levels):
            continue
        hits = [
            document.has_phrase(analysed.groups[i].direct(), analysed.groups[j].direct(), distance)
            for i, j, distance in phrases
        ]
        scored.append((pk, score(analysed, levels, hits)))
    scored.sort(key=lambda row: -row[1])
    return scored[:limit]


def _title_fallback_python(query, statuses, channel_id, category_ids, limit):
    words = [w for w in text.content_words(text.words(query)) if len(w) >= 3]
    if not words:
        return []
    scored = []
    for article in _candidates(statuses, channel_id, category_ids):
        title_words = text.words(article.title)
        if not title_words:
            continue
        # Like word_similarity(): how well each query word matches some word of the title.
        similarity = sum(
            max(text.trigram_similarity(w, t) for t in title_words) for w in words
        ) / len(words)
        if similarity >= TITLE_FALLBACK_SIMILARITY:
            scored.append((article.pk, similarity))
    scored.sort(key=lambda row: -row[1])
    return scored[:limit]


# --- The search --------------------------------------------------------------------------------


def _channel_id(channel):
    if channel in (None, ""):
        return None
    if hasattr(channel, "pk"):
        return channel.pk
    value = str(channel).strip()
    if value.isdigit():
        return int(value)
    from referencedata.models import CodeList, ReferenceCode

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
        rank = _rank_postgresql if postgres else _rank_python
        ranked = rank(analysed, statuses, channel_id, category_ids, limit)
    if not ranked and query and not as_you_type:
        fallback = _title_fallback_postgresql if postgres else _title_fallback_python
        ranked = fallback(query, statuses, channel_id, category_ids, limit)
        result.fallback = bool(ranked)
    if ranked:
        articles = Article.objects.select_related("category__parent").in_bulk(
            [pk for pk, _score in ranked]
        )
        result.hits = [SearchHit(articles[pk], value) for pk, value in ranked if pk in articles]
    result.milliseconds = (time.perf_counter() - started) * 1000
    return result
