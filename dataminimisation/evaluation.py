"""Measure the guard against the shipped corpus of Dutch sentences (corpus/nl_sentences.tsv).

A sentence counts as found when the guard reports at least one finding of an expected category
(a finding of another category alone is a miss); a negative sentence with any finding is a false
alarm. Every fifth sentence is a held-out sentence: the lexicon was tuned looking only at the
misses among the others, so the held-out figures show how the lexicon does on unseen text.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

CORPUS_PATH = Path(__file__).resolve().parent / "corpus" / "nl_sentences.tsv"
HOLDOUT_EVERY = 5


@dataclass(frozen=True)
class Sentence:
    number: int  # 1-based among the corpus sentences
    positive: bool
    categories: frozenset
    text: str

    @property
    def holdout(self) -> bool:
        return self.number % HOLDOUT_EVERY == 0


def load_corpus(path: Path = CORPUS_PATH) -> list[Sentence]:
    sentences = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, categories, text = line.split("\t")
        if label not in ("pos", "neg"):
            raise ValueError(f"Unknown label {label!r} in {path.name}: {line!r}")
        positive = label == "pos"
        wanted = frozenset(c for c in categories.split("|") if c and c != "-")
        if positive != bool(wanted):
            raise ValueError(f"A pos sentence needs a category, a neg one '-': {line!r}")
        sentences.append(Sentence(len(sentences) + 1, positive, wanted, text))
    return sentences


@dataclass
class Outcome:
    sentence: Sentence
    found: list  # the findings

    @property
    def found_categories(self) -> set:
        return {f.category for f in self.found}

    @property
    def correct(self) -> bool:
        if self.sentence.positive:
            return bool(self.found_categories & self.sentence.categories)
        return not self.found


@dataclass
class Figures:
    outcomes: list = field(default_factory=list)

    @property
    def true_positives(self) -> int:
        return sum(1 for o in self.outcomes if o.sentence.positive and o.correct)

    @property
    def false_negatives(self) -> int:
        return sum(1 for o in self.outcomes if o.sentence.positive and not o.correct)

    @property
    def false_positives(self) -> int:
        return sum(1 for o in self.outcomes if not o.sentence.positive and not o.correct)

    @property
    def true_negatives(self) -> int:
        return sum(1 for o in self.outcomes if not o.sentence.positive and o.correct)

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        positives = self.true_positives + self.false_negatives
        return self.true_positives / positives if positives else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def misses(self) -> list:
        return [o for o in self.outcomes if o.sentence.positive and not o.correct]

    @property
    def false_alarms(self) -> list:
        return [o for o in self.outcomes if not o.sentence.positive and not o.correct]

    def summary(self, title: str) -> str:
        n_pos = self.true_positives + self.false_negatives
        n_neg = self.true_negatives + self.false_positives
        return (
            f"{title}: {len(self.outcomes)} sentences ({n_pos} pos, {n_neg} neg)  "
            f"precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}  "
            f"(TP {self.true_positives}, FP {self.false_positives}, "
            f"FN {self.false_negatives}, TN {self.true_negatives})"
        )


def evaluate(scan: Callable[[str], list], sentences: Iterable[Sentence]) -> Figures:
    return Figures([Outcome(s, scan(s.text)) for s in sentences])


def describe(outcome: Outcome) -> str:
    s = outcome.sentence
    found = ", ".join(f"{f.category}:{f.phrase!r}" for f in outcome.found) or "nothing"
    expected = "|".join(sorted(s.categories)) or "-"
    split = "held-out" if s.holdout else "dev"
    return f"  #{s.number:<3} [{split}] expected {expected:<18} found {found}\n       {s.text}"
