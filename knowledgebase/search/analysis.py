"""Query analysis (steps 1-4 of the package docstring): what was typed becomes groups of
alternatives, with typing errors corrected, the last word completed and synonyms added."""

from dataclasses import dataclass, field

from .. import text
from .vocabulary import idf, searchable_count, similar_words, stem_frequencies, synonym_index

MIN_CORRECTION_LENGTH = 4
CORRECTION_SIMILARITY = 0.45
MAX_CORRECTIONS = 2
MAX_ALTERNATIVES = 14
MAX_GROUPS = 8


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


def analyse(query: str, *, as_you_type: bool = False) -> AnalysedQuery | None:
    """Turn what was typed into groups of alternatives (see the package docstring)."""
    raw_tokens = text.query_tokens(query)
    if not raw_tokens:
        return None
    last = len(raw_tokens) - 1
    prefix_token = _prefix_token(query, raw_tokens, as_you_type=as_you_type)
    positioned = [
        (i, t)
        for i, t in enumerate(raw_tokens)
        if (t not in text.STOPWORDS and not t.isdigit()) or (i == last and t == prefix_token)
    ]
    if not positioned:
        return None
    tokens = [t for _i, t in positioned]

    frequencies = stem_frequencies(text.stem(t) for t in tokens)
    unknown = [
        t
        for t in dict.fromkeys(tokens)
        if len(t) >= MIN_CORRECTION_LENGTH and text.stem(t) not in frequencies
    ]
    complete = prefix_token if prefix_token and text.stem(prefix_token) not in frequencies else None
    similar, completions = similar_words(unknown, complete)
    corrections = _corrections(unknown, similar, complete=complete, completions=completions)
    options = _options(
        positioned,
        prefix_token=prefix_token,
        last=last,
        corrections=corrections,
        complete=complete,
        completions=completions,
    )
    groups, synonyms_used = _term_groups(positioned, options)
    groups = groups[:MAX_GROUPS]
    _weigh_groups(groups, frequencies)
    return AnalysedQuery(
        text=query,
        groups=groups,
        corrections={t: c[0] for t, c in corrections.items() if c},
        synonyms=list(dict.fromkeys(synonyms_used)),
    )


def _prefix_token(query: str, raw_tokens: list[str], *, as_you_type: bool) -> str | None:
    """The last word when it is still being typed (matched as a prefix), else None."""
    last = raw_tokens[-1]
    typing = as_you_type and query and not query[-1].isspace()
    if typing and len(last) >= 3 and not last.isdigit():
        return last
    return None


def _corrections(unknown, similar, *, complete, completions) -> dict[str, list[str]]:
    """{unknown token: the closest vocabulary words}, for words no article has."""
    corrections: dict[str, list[str]] = {}
    for token in unknown:
        if token == complete and completions:
            continue  # still typing: the completions say more than a guess at a typo
        candidates = [(w, s) for w, s in similar.get(token, []) if s >= CORRECTION_SIMILARITY]
        if candidates:
            best = candidates[0][1]
            picked = [w for w, s in candidates if s >= best - 0.1 and w != token]
            corrections[token] = picked[:MAX_CORRECTIONS]
    return corrections


def _options(positioned, *, prefix_token, last, corrections, complete, completions):
    """Per position: what the word may stand for (itself, corrections, completions)."""
    options = []
    for index, (position, token) in enumerate(positioned):
        is_prefix = token == prefix_token and position == last
        alternatives = [Alternative((token,), prefix=is_prefix)]
        alternatives += [Alternative((w,), source="correction") for w in corrections.get(token, [])]
        if index == len(positioned) - 1 and token == complete:
            alternatives += [Alternative((w,), source="completion") for w in completions]
        options.append(alternatives)
    return options


def _synonym_terms(index: int, stems_at, synonym_index) -> tuple[list, int]:
    """The synonym groups whose longest term starts at ``index``, and that term's length."""
    matched_terms, length = [], 1
    for stem in stems_at[index]:
        for term_stems, group_terms in synonym_index.get(stem, ()):
            size = len(term_stems)
            if index + size > len(stems_at) or size < length:
                continue
            window = stems_at[index : index + size]
            # The words of a term may come in any order: "verdien weinig" ~ "weinig verdien".
            if stem in term_stems and all(any(s in w for w in window) for s in term_stems):
                if size > length:
                    matched_terms, length = [], size
                matched_terms.append(group_terms)
    return matched_terms, length


def _term_groups(positioned, options) -> tuple[list[TermGroup], list[str]]:
    """One group per word, or per run of words that is a synonym term; (groups, synonyms used)."""
    stems_at = [{text.stem(a.words[0]) for a in alts} for alts in options]
    index_of_synonyms = synonym_index()
    groups, synonyms_used = [], []
    index = 0
    while index < len(positioned):
        matched_terms, length = _synonym_terms(index, stems_at, index_of_synonyms)
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
    return groups, synonyms_used


def _weigh_groups(groups: list[TermGroup], frequencies: dict[str, int]) -> None:
    """Weigh each group by the rarity of its most common alternative (``frequencies`` grows)."""
    expansion_stems = {
        s for g in groups for a in g.alternatives for s in a.stems() if s not in frequencies
    }
    if expansion_stems:
        frequencies.update(stem_frequencies(expansion_stems))
    total = searchable_count()
    for group in groups:
        group_frequency = 0
        for alternative in group.alternatives:
            counts = [frequencies.get(s, 0) for s in alternative.stems()]
            group_frequency = max(group_frequency, min(counts) if counts else 0)
        group.frequency = group_frequency
        group.idf = idf(group_frequency, total)
