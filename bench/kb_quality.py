"""Knowledge-base search quality: MRR@5 and recall@5 on realistic queries.

    createdb -h 127.0.0.1 -U postgres kc_kb_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kc_kb_bench
    .venv/bin/python manage.py migrate --noinput
    .venv/bin/python bench/kb_quality.py                  # the demo articles only
    .venv/bin/python bench/kb_quality.py --filler 5000    # among 5,000 extra articles
    .venv/bin/python bench/kb_quality.py --misses         # also list the queries that miss

Loads the demo categories, articles and synonym list (``knowledgebase.demo``), runs every query
of ``bench/data/kb_queries.csv`` through ``knowledgebase.search.search_articles`` (the function
the pages use) and prints, per query set (dev: used while tuning; holdout: not) and overall:
MRR@5 (mean reciprocal rank of the expected article within the top 5), recall@5 and recall@1.
The bar is MRR@5 >= 0.85. Writes to the database: use a database of its own (its name must
contain "bench", or pass --force).
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klantcontact.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from knowledgebase import benchdata, demo  # noqa: E402
from knowledgebase.search import search_articles  # noqa: E402

K = 5
BAR = 0.85


def guard(force: bool) -> None:
    name = str(connection.settings_dict["NAME"])
    if "bench" not in name and not force:
        sys.exit(f"Refusing to write benchmark data into database {name!r} (use --force).")


def load_content() -> None:
    categories, _changed = demo.seed_categories()
    demo.seed_articles(categories)
    demo.seed_synonyms()
    # The project's modules load only after django.setup(), which this script runs first.
    from knowledgebase import services

    services.rebuild_vocabulary()


def evaluate(queries):
    rows = []
    for query, expected, subset in queries:
        result = search_articles(query, limit=K)
        slugs = [a.slug for a in result.articles]
        rank = slugs.index(expected) + 1 if expected in slugs else None
        rows.append((subset, query, expected, rank, slugs))
    return rows


def summary(rows) -> str:
    if not rows:
        return "no queries"
    mrr = sum(1 / r[3] for r in rows if r[3]) / len(rows)
    recall = sum(1 for r in rows if r[3]) / len(rows)
    at_one = sum(1 for r in rows if r[3] == 1) / len(rows)
    return (
        f"MRR@{K} {mrr:.3f}  recall@{K} {recall:.3f}  recall@1 {at_one:.3f}  ({len(rows)} queries)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--filler", type=int, default=0, help="extra filler articles (default 0)")
    parser.add_argument(
        "--misses", action="store_true", help="list dev queries whose article is not first"
    )
    parser.add_argument(
        "--holdout-misses", action="store_true", help="also list the holdout misses"
    )
    parser.add_argument("--force", action="store_true", help="allow a database without 'bench'")
    args = parser.parse_args()
    guard(args.force)

    load_content()
    report = benchdata.ensure_filler(args.filler)
    queries = benchdata.load_queries()
    rows = evaluate(queries)

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"searchable articles: {report.total_searchable} (filler: {args.filler})")
    for subset in ("dev", "holdout"):
        print(f"{subset:8} {summary([r for r in rows if r[0] == subset])}")
    overall = list(rows)
    print(f"{'all':8} {summary(overall)}")
    mrr = sum(1 / r[3] for r in overall if r[3]) / len(overall)
    print(f"bar MRR@{K} >= {BAR}: {'met' if mrr >= BAR else 'NOT met'}")
    if args.misses or args.holdout_misses:
        print("\nqueries where the expected article is not first:")
        for subset, query, expected, rank, slugs in rows:
            if subset == "holdout" and not args.holdout_misses:
                continue
            if rank != 1:
                print(f"  [{subset}] {query!r}: expected {expected} at {rank or '-'}; got {slugs}")


if __name__ == "__main__":
    main()
