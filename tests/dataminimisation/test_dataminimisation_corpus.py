"""The guard's figures on the shipped corpus of Dutch sentences: precision and recall >= 0.9.

Run with ``-s`` to see the figures; ``bench/guard_corpus.py`` also lists the mistakes.
"""

from collections import Counter

import pytest

from dataminimisation import services
from dataminimisation.evaluation import describe, evaluate, load_corpus
from dataminimisation.models import Category

pytestmark = pytest.mark.django_db

BAR = 0.9


def test_the_corpus_is_big_and_balanced_enough():
    sentences = load_corpus()
    assert len(sentences) >= 150
    positives = [s for s in sentences if s.positive]
    negatives = [s for s in sentences if not s.positive]
    assert len(positives) >= 60 and len(negatives) >= 60
    per_category = Counter(c for s in positives for c in s.categories)
    assert set(per_category) == set(Category.values)
    assert all(count >= 5 for count in per_category.values()), per_category
    assert len({s.text for s in sentences}) == len(sentences), "duplicate sentences"


def test_precision_and_recall_on_the_corpus_meet_the_bar():
    sentences = load_corpus()
    figures = evaluate(services.scan, sentences)  # the lexicon as migrated into the database
    held_out = evaluate(services.scan, [s for s in sentences if s.holdout])
    print()
    print(figures.summary("guard corpus, all"))
    print(held_out.summary("guard corpus, held-out"))
    for outcome in figures.misses + figures.false_alarms:
        print(describe(outcome))
    assert figures.recall >= BAR, figures.summary("all")
    assert figures.precision >= BAR, figures.summary("all")
