"""Matching and ranking (steps 5-7 of the package docstring): the first stage on PostgreSQL's
stored vectors or, on SQLite, over the articles in Python; the second-stage score; the title
fallback when nothing matches."""

from collections import defaultdict

from django.db import connection

from .. import text
from ..models import Article
from .analysis import Alternative, AnalysedQuery
from .index import CONFIG, index_texts
from .vocabulary import idf, searchable_count

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
TITLE_FALLBACK_SIMILARITY = 0.5


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


def rank_postgresql(analysed, statuses, channel_id, category_ids, limit, all_words=False):
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
        more = rank_postgresql(analysed, statuses, channel_id, category_ids, limit, all_words=True)
        found = {pk for pk, _score in scored}
        scored += [(pk, value) for pk, value in more if pk not in found]
    scored.sort(key=lambda row: -row[1])
    return scored[:limit]


def title_fallback_postgresql(query, statuses, channel_id, category_ids, limit):
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


def rank_python(analysed, statuses, channel_id, category_ids, limit):
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


def title_fallback_python(query, statuses, channel_id, category_ids, limit):
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
