"""Precision, recall and F1 of the data-minimisation guard on the shipped Dutch corpus.

    .venv/bin/python bench/guard_corpus.py                 # the seeded lexicon, no database needed
    .venv/bin/python bench/guard_corpus.py --db            # the lexicon in the configured database
    .venv/bin/python bench/guard_corpus.py --show-holdout  # also list the held-out mistakes

Prints the figures for all sentences, the development part and the held-out part (every fifth
sentence), then the misclassified sentences. Also prints how long a scan takes (informative
only). The test tests/dataminimisation/test_dataminimisation_corpus.py asserts the bar
(precision and recall at least 0.9).
"""

import argparse
import importlib
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klantcontact.settings")

import django  # noqa: E402

django.setup()

from dataminimisation import services  # noqa: E402
from dataminimisation.evaluation import HOLDOUT_EVERY, describe, evaluate, load_corpus  # noqa: E402


def seeded_matcher() -> services.Matcher:
    seed = importlib.import_module("dataminimisation.migrations.0002_seed_lexicon")
    return services.Matcher.build(
        services.TermSpec(
            term=row["term"],
            category=row["category"],
            match_kind=row["match_kind"],
            subcategory=row["subcategory"],
            exceptions=tuple(row["exceptions"].splitlines()),
            advice=row["advice"],
        )
        for row in seed.TERMS
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", action="store_true", help="use the lexicon in the database")
    parser.add_argument("--show-holdout", action="store_true", help="list held-out mistakes")
    args = parser.parse_args()

    if args.db:
        matcher = services.get_matcher()
        source = "database lexicon"
    else:
        matcher = seeded_matcher()
        source = "seeded lexicon"
    sentences = load_corpus()
    dev = [s for s in sentences if not s.holdout]
    holdout = [s for s in sentences if s.holdout]

    print(f"Data-minimisation guard, {source}: {len(matcher.terms)} terms")
    everything = evaluate(matcher.scan, sentences)
    print(everything.summary("all     "))
    print(evaluate(matcher.scan, dev).summary("dev     "))
    held = evaluate(matcher.scan, holdout)
    print(held.summary(f"held-out (every {HOLDOUT_EVERY}th)"))

    for title, outcomes in (
        ("Missed", everything.misses),
        ("False alarms", everything.false_alarms),
    ):
        shown = [o for o in outcomes if args.show_holdout or not o.sentence.holdout]
        hidden = len(outcomes) - len(shown)
        print(f"\n{title}: {len(outcomes)}" + (f" ({hidden} held-out not shown)" if hidden else ""))
        for outcome in shown:
            print(describe(outcome))

    texts = [s.text for s in sentences]
    started = time.perf_counter()
    rounds = 20
    for _ in range(rounds):
        for text in texts:
            matcher.scan(text)
    per_scan = (time.perf_counter() - started) / (rounds * len(texts))
    long_text = " ".join(texts)
    started = time.perf_counter()
    matcher.scan(long_text)
    long_ms = (time.perf_counter() - started) * 1000
    print(
        f"\nTiming (informative): {per_scan * 1e6:.0f} µs per sentence; "
        f"{long_ms:.1f} ms for all {len(texts)} sentences as one {len(long_text)}-character text"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
