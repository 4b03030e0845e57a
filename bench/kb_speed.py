"""Knowledge-base search speed with thousands of articles: median and p95 per search.

    createdb -h 127.0.0.1 -U postgres kc_kb_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kc_kb_bench
    .venv/bin/python manage.py migrate --noinput
    .venv/bin/python bench/kb_speed.py                    # 5,000 searchable articles
    .venv/bin/python bench/kb_speed.py --articles 20000 --explain

Loads the demo articles and synonym list, adds generated filler articles (per complex and
neighbourhood, see ``knowledgebase.benchdata``) until ``--articles`` searchable articles exist,
pads the search vocabulary with ``--extra-words`` pseudo-words (the filler's own vocabulary is
small; real articles have tens of thousands of distinct words),
then times ``knowledgebase.search.search_articles`` (the whole function: analysis, typo
correction, synonyms, ranking, loading the articles) for every query of
``bench/data/kb_queries.csv``, ``--rounds`` times, as a full search (limit 10) and as the
suggestions while typing (limit 5, the query cut off mid-word). Prints the median, p95, p99
and maximum in milliseconds. The bar is p95 < 20 ms on PostgreSQL. Writes to the database:
use a database of its own (its name must contain "bench", or pass --force).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klantcontact.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from knowledgebase import benchdata, demo, services  # noqa: E402
from knowledgebase.models import Article, VocabularyWord  # noqa: E402
from knowledgebase.search import search_articles  # noqa: E402

BAR_MS = 20.0


def guard(force: bool) -> None:
    name = str(connection.settings_dict["NAME"])
    if "bench" not in name and not force:
        sys.exit(f"Refusing to write benchmark data into database {name!r} (use --force).")


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def typing_prefix(query: str) -> str:
    """The query as it looks while the last word is still being typed."""
    words = query.split()
    last = words[-1]
    cut = max(3, (len(last) * 2) // 3)
    return " ".join([*words[:-1], last[:cut]])


def time_searches(queries, rounds, **kwargs):
    timings = []
    for _ in range(rounds):
        for query in queries:
            started = time.perf_counter()
            search_articles(query, **kwargs)
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def report(label, timings) -> float:
    p95 = percentile(timings, 0.95)
    print(
        f"{label:28} n={len(timings):5}  median {statistics.median(timings):6.2f} ms  "
        f"p95 {p95:6.2f} ms  p99 {percentile(timings, 0.99):6.2f} ms  "
        f"max {max(timings):6.2f} ms"
    )
    return p95


def explain(query: str) -> None:
    """EXPLAIN ANALYZE of the statements one search runs."""
    # The project's modules load only after django.setup(), which this script runs first.
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        search_articles(query)
    print(f"\nstatements for {query!r}:")
    with connection.cursor() as cursor:
        for entry in captured.captured_queries:
            sql = entry["sql"]
            print(f"  {entry['time']}s  {' '.join(sql.split())[:150]}")
            if "ts_rank" in sql:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                print("\n".join("      " + row[0] for row in cursor.fetchall()))


def add_pseudo_words(count: int) -> None:
    # Only this step needs it.
    import random

    rng = random.Random(30000)  # noqa: S311 (benchmark data)
    onsets = [
        "b",
        "d",
        "g",
        "h",
        "k",
        "l",
        "m",
        "n",
        "p",
        "r",
        "s",
        "t",
        "v",
        "w",
        "z",
        "st",
        "sch",
        "gr",
        "kl",
        "br",
        "tr",
        "sp",
        "vr",
        "zw",
        "bl",
    ]
    vowels = ["a", "e", "i", "o", "u", "aa", "ee", "oo", "ie", "oe", "ui", "ij", "eu", "ou"]
    codas = ["", "", "n", "r", "l", "k", "t", "s", "ng", "rd", "lt", "nk", "rs", "cht"]
    words = set()
    while len(words) < count:
        syllables = rng.randint(2, 4)
        words.add(
            "".join(
                rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)
                for _ in range(syllables)
            )
        )
    services.add_vocabulary(words)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000, help="searchable articles")
    parser.add_argument("--rounds", type=int, default=5, help="passes over the query set")
    parser.add_argument(
        "--extra-words",
        type=int,
        default=30000,
        help="pseudo-words added to the search vocabulary (default 30000; see below)",
    )
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE one search")
    parser.add_argument("--force", action="store_true", help="allow a database without 'bench'")
    args = parser.parse_args()
    guard(args.force)

    categories, _changed = demo.seed_categories()
    demo.seed_articles(categories)
    demo.seed_synonyms()
    real = Article.objects.searchable().exclude(slug__startswith=benchdata.FILLER_PREFIX).count()
    started = time.perf_counter()
    filler = benchdata.ensure_filler(max(0, args.articles - real))
    if not (filler.created or filler.removed):
        services.rebuild_vocabulary()
    # The filler repeats a limited set of sentences, so its vocabulary is far smaller than that
    # of 5,000 hand-written articles. Pad it with pronounceable pseudo-words so the typo
    # correction and completion look-ups search a realistically large word list.
    add_pseudo_words(args.extra_words)
    loading = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]

    queries = [q for q, _expected, _set in benchdata.load_queries()]
    print(f"database: {connection.vendor} {version}, {connection.settings_dict['NAME']}")
    print(
        f"searchable articles: {filler.total_searchable} ({real} demo + filler; "
        f"{filler.created} filler created in {loading:.1f} s), "
        f"vocabulary: {VocabularyWord.objects.count()} words, queries: {len(queries)}"
    )
    time_searches(queries, 1)  # warm up connection and caches
    full = report("search (limit 10)", time_searches(queries, args.rounds, limit=10))
    typing = report(
        "suggestions while typing",
        time_searches([typing_prefix(q) for q in queries], args.rounds, limit=5, as_you_type=True),
    )
    worst = max(full, typing)
    verdict = "met" if connection.vendor == "postgresql" and worst < BAR_MS else "NOT met"
    print(f"bar p95 < {BAR_MS:.0f} ms on PostgreSQL: {verdict} (worst p95 {worst:.2f} ms)")
    if args.explain:
        explain("water komt door het plafond")


if __name__ == "__main__":
    main()
