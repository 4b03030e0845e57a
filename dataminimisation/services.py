"""The data-minimisation guard: find wording that reveals special-category or criminal data.

``scan(text)`` returns the findings in a text: category, the phrase as typed, its offsets and
plain Dutch advice. The lexicon (``SensitiveTerm`` rows, edited by the privacy officer) is
compiled into one regular expression per match kind and cached per process. The cache is keyed
by a fingerprint of the lexicon (row count and last change), so an edit made in any process
takes effect on the next scan everywhere; the post_save/post_delete signals also drop this
process's cache at once.

Matching works on folded text (lower case, accents removed: "patiënt" -> "patient") and maps
every hit back to the offsets of the text as typed. Three match kinds:

- ``word``: the exact word or phrase ("in verwachting", "fnv");
- ``stem``: the stem plus a Dutch inflection ("verslaafd" -> "verslaafde", "mishandel" ->
  "mishandeld", "mishandeling"), optionally with a "ge-" participle prefix and a doubled final
  consonant ("verlam" -> "verlamming"); the words of a phrase are inflected one by one;
- ``compound``: anywhere inside a longer word ("diabe" in "diabetespatiënt").

Exceptions are word patterns ("politiek*" for the term "politie") that silence a hit.
"""

from __future__ import annotations

import fnmatch
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Max
from django.utils.translation import gettext_lazy as _

from audit.models import SUBJECT_PERSON_KEY

from .models import Category, GuardOverride, MatchKind, SensitiveTerm, Subcategory
from .normalise import fold, fold_with_offsets

WORD_CHAR = r"[^\W_]"
LEFT_BOUNDARY = r"(?<![^\W_])"
RIGHT_BOUNDARY = r"(?![^\W_])"
# Between the words of a phrase: spaces, line breaks or hyphens ("burn-out" = "burn out").
PHRASE_SEPARATOR = r"[\s\-]+"
# Dutch inflections (and a few productive derivations) allowed after a stem: plural and
# adjective -e/-en/-s/-se, comparative and superlative, verb forms -t/-te/-ten/-d/-de/-den,
# diminutives, -heid, -isch(e), -ing(en).
STEM_SUFFIXES = (
    "e",
    "en",
    "n",
    "s",
    "es",
    "se",
    "er",
    "ere",
    "eren",
    "ers",
    "st",
    "ste",
    "t",
    "te",
    "ten",
    "d",
    "de",
    "den",
    "je",
    "jes",
    "tje",
    "tjes",
    "heid",
    "heden",
    "isch",
    "ische",
    "ing",
    "ingen",
)
VOWELS = frozenset("aeiouy")

# Advice shown when a term has none of its own; by (category, subcategory), then category.
DEFAULT_ADVICE = {
    (Category.HEALTH, ""): _(
        "Do not record medical details. Describe what is needed in general terms, for "
        "example 'adapted home needed' instead of the diagnosis."
    ),
    (Category.HEALTH, Subcategory.MEDICATION): _(
        "Do not record medication. Write down only the practical arrangement, for example "
        "'call after 11 o'clock'."
    ),
    (Category.HEALTH, Subcategory.DISABILITY): _(
        "Do not record a disability. Describe the adjustment that is needed, for example "
        "'step-free access needed' or 'letters in large print'."
    ),
    (Category.HEALTH, Subcategory.ADDICTION): _(
        "Do not record an addiction. Describe only the behaviour observed or the agreement "
        "made, for example 'noise at night reported'."
    ),
    (Category.HEALTH, Subcategory.PREGNANCY): _(
        "Do not record a pregnancy. Write down only what is needed, for example 'appointment "
        "after June, please'."
    ),
    (Category.ETHNICITY, ""): _(
        "Origin, nationality and skin colour are not needed. Write down only what the contact "
        "needs, for example 'interpreter needed'."
    ),
    (Category.RELIGION, ""): _(
        "Religion does not belong in the contact record. Write down only the practical "
        "arrangement, for example 'no appointments on Friday afternoons'."
    ),
    (Category.POLITICS, ""): _("A political opinion is not needed for the contact: leave it out."),
    (Category.UNION, ""): _(
        "Trade union membership is not needed. If it matters, write 'is assisted by an adviser'."
    ),
    (Category.SEXUAL_ORIENTATION, ""): _(
        "Sexual orientation is not needed. For nuisance, describe only what happened, for "
        "example 'neighbours make insulting remarks'."
    ),
    (Category.CRIMINAL, ""): _(
        "Criminal data (police, suspicions, convictions) does not belong in a contact record. "
        "Describe only what the corporation itself observed or agreed."
    ),
}
SIGNAL_HINT = _(
    "Does this really have to be recorded? Then use a signal (visible only to the employees "
    "involved)."
)


def default_advice(category: str, subcategory: str = "") -> str:
    advice = DEFAULT_ADVICE.get((category, subcategory)) or DEFAULT_ADVICE.get((category, ""))
    return str(advice) if advice else ""


@dataclass(frozen=True)
class Finding:
    """One flagged phrase: offsets are into the text as typed (``text[start:end] == phrase``)."""

    category: str
    subcategory: str
    phrase: str
    start: int
    end: int
    advice: str

    @property
    def category_label(self) -> str:
        return str(Category(self.category).label)


@dataclass(frozen=True)
class TermSpec:
    """A lexicon entry as the matcher needs it (from a ``SensitiveTerm`` or a seed tuple)."""

    term: str
    category: str
    match_kind: str = MatchKind.STEM
    subcategory: str = ""
    exceptions: tuple[str, ...] = ()
    advice: str = ""

    @classmethod
    def from_model(cls, term: SensitiveTerm) -> TermSpec:
        return cls(
            term=term.term,
            category=term.category,
            match_kind=term.match_kind,
            subcategory=term.subcategory,
            exceptions=tuple(term.exception_patterns),
            advice=term.advice,
        )


def _stem_token(token: str) -> str:
    doubled = f"{re.escape(token[-1])}?" if token[-1] not in VOWELS else ""
    return f"{re.escape(token)}(?:{doubled}(?:{'|'.join(STEM_SUFFIXES)}))?"


@dataclass
class _CompiledTerm:
    spec: TermSpec
    normalised: str
    pattern: re.Pattern  # anchored use: .match(folded, pos) finds this term starting at pos
    exceptions: tuple[re.Pattern, ...]
    order: int

    def excluded(self, matched: str) -> bool:
        words = " ".join(re.split(PHRASE_SEPARATOR, matched))
        return any(p.fullmatch(words) for p in self.exceptions)


def _fragment(kind: str, normalised: str) -> str:
    tokens = normalised.split(" ")
    if kind == MatchKind.WORD:
        return PHRASE_SEPARATOR.join(re.escape(t) for t in tokens)
    if kind == MatchKind.STEM:
        return "(?:ge)?" + PHRASE_SEPARATOR.join(_stem_token(t) for t in tokens)
    return f"{WORD_CHAR}*?{re.escape(normalised)}{WORD_CHAR}*"


@dataclass
class Matcher:
    """The compiled lexicon. Immutable once built; shared between threads."""

    terms: list[_CompiledTerm] = field(default_factory=list)
    by_kind: dict[str, list[_CompiledTerm]] = field(default_factory=dict)
    combined: dict[str, re.Pattern] = field(default_factory=dict)

    @classmethod
    def build(cls, specs: Iterable[TermSpec]) -> Matcher:
        matcher = cls()
        for order, spec in enumerate(specs):
            normalised = " ".join(fold(spec.term).split())
            if not any(ch.isalnum() for ch in normalised):
                continue
            kind = spec.match_kind
            if kind == MatchKind.COMPOUND and " " in normalised:
                kind = MatchKind.STEM
            pattern = re.compile(
                LEFT_BOUNDARY + "(?:" + _fragment(kind, normalised) + ")" + RIGHT_BOUNDARY
            )
            exceptions = tuple(
                re.compile(fnmatch.translate(" ".join(fold(e).split())))
                for e in spec.exceptions
                if e.strip()
            )
            compiled = _CompiledTerm(spec, normalised, pattern, exceptions, order)
            matcher.terms.append(compiled)
            matcher.by_kind.setdefault(kind, []).append(compiled)
        for kind, terms in matcher.by_kind.items():
            # Longest first, so the most specific alternative is tried first.
            terms.sort(key=lambda t: (-len(t.normalised), t.order))
            if kind == MatchKind.COMPOUND:
                alternatives = "|".join(re.escape(t.normalised) for t in terms)
                body = f"{WORD_CHAR}*?(?:{alternatives}){WORD_CHAR}*"
            else:
                body = "|".join(_fragment(kind, t.normalised) for t in terms)
            matcher.combined[kind] = re.compile(LEFT_BOUNDARY + "(?:" + body + ")" + RIGHT_BOUNDARY)
        return matcher

    def _hits_at(self, kind: str, folded: str, pos: int):
        """Every (term, end) of this kind that matches at ``pos`` and is not an exception."""
        for term in self.by_kind[kind]:
            match = term.pattern.match(folded, pos)
            if match and not term.excluded(match.group()):
                yield term, match.end()

    def scan(self, text: str) -> list[Finding]:
        if not text or not self.terms:
            return []
        folded, offsets = fold_with_offsets(text)
        raw: dict[tuple[int, int, str], _CompiledTerm] = {}
        for kind, combined in self.combined.items():
            pos = 0
            while (candidate := combined.search(folded, pos)) is not None:
                next_pos = candidate.end()
                for term, end in self._hits_at(kind, folded, candidate.start()):
                    key = (candidate.start(), end, term.spec.category)
                    if key not in raw or term.order < raw[key].order:
                        raw[key] = term
                    next_pos = max(next_pos, end)
                pos = max(next_pos, candidate.start() + 1)
        # Per category, drop a hit that lies inside a longer hit of the same category.
        keys = sorted(raw, key=lambda k: (k[0], -(k[1] - k[0])))
        kept: list[tuple[int, int, str]] = []
        for key in keys:
            start, end, category = key
            if any(k[2] == category and k[0] <= start and end <= k[1] for k in kept):
                continue
            kept.append(key)
        findings = []
        for start, end, category in kept:
            spec = raw[(start, end, category)].spec
            first, last = offsets[start], offsets[end - 1] + 1
            findings.append(
                Finding(
                    category=category,
                    subcategory=spec.subcategory,
                    phrase=text[first:last],
                    start=first,
                    end=last,
                    advice=spec.advice or default_advice(category, spec.subcategory),
                )
            )
        findings.sort(key=lambda f: (f.start, f.end, f.category))
        return findings


# --- The lexicon cache ------------------------------------------------------------------------

_cache_lock = threading.Lock()
_cache: tuple[tuple, Matcher] | None = None


def lexicon_fingerprint() -> tuple:
    """Changes whenever a term is added, changed or deleted (one small query)."""
    stats = SensitiveTerm.objects.aggregate(count=Count("id"), changed=Max("updated_at"))
    return stats["count"], stats["changed"]


def invalidate_lexicon_cache(**kwargs) -> None:
    global _cache
    with _cache_lock:
        _cache = None


def get_matcher() -> Matcher:
    """The compiled active lexicon, rebuilt only when the lexicon changed."""
    global _cache
    key = lexicon_fingerprint()
    cached = _cache
    if cached is not None and cached[0] == key:
        return cached[1]
    terms = SensitiveTerm.objects.filter(is_active=True).order_by("pk")
    matcher = Matcher.build(TermSpec.from_model(t) for t in terms)
    with _cache_lock:
        _cache = (key, matcher)
    return matcher


def scan(text: str, matcher: Matcher | None = None) -> list[Finding]:
    """The findings in ``text``, in order of appearance."""
    return (matcher or get_matcher()).scan(text or "")


def scan_fields(values: Mapping[str, str]) -> dict[str, list[Finding]]:
    """Findings per field (only fields with findings), scanned with one lexicon lookup."""
    matcher = get_matcher()
    result = {}
    for name, text in values.items():
        findings = matcher.scan(text or "")
        if findings:
            result[name] = findings
    return result


def advice_for(findings: Iterable[Finding]) -> list[str]:
    """The distinct advice texts of some findings, in order of appearance."""
    seen: list[str] = []
    for finding in findings:
        if finding.advice not in seen:
            seen.append(finding.advice)
    return seen


def categories_of(findings: Iterable[Finding]) -> list[str]:
    """The distinct category codes, in the order of ``Category``."""
    present = {f.category for f in findings}
    return [code for code in Category.values if code in present]


# --- Highlighting -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A piece of a text; ``category`` is set when the piece is a flagged phrase."""

    text: str
    category: str = ""
    category_label: str = ""

    @property
    def marked(self) -> bool:
        return bool(self.category)


def segments(text: str, findings: Iterable[Finding]) -> list[Segment]:
    """``text`` cut into plain and flagged pieces; overlapping findings become one piece."""
    spans: list[list] = []
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        if spans and finding.start < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], finding.end)
        else:
            spans.append([finding.start, finding.end, finding])
    pieces: list[Segment] = []
    position = 0
    for start, end, finding in spans:
        if start > position:
            pieces.append(Segment(text[position:start]))
        pieces.append(Segment(text[start:end], finding.category, finding.category_label))
        position = end
    if position < len(text):
        pieces.append(Segment(text[position:]))
    return pieces


# --- The override log -------------------------------------------------------------------------


def subject_person_of(instance) -> int | None:
    """The person a saved record is about, if it says so (audit convention or ``person_id``)."""
    if instance is None:
        return None
    get_data = getattr(instance, "get_additional_data", None)
    if callable(get_data):
        data = get_data() or {}
        if data.get(SUBJECT_PERSON_KEY) is not None:
            return data[SUBJECT_PERSON_KEY]
    return getattr(instance, "person_id", None)


@transaction.atomic
def record_overrides(
    *,
    employee,
    source: str,
    texts: Mapping[str, str],
    findings: Mapping[str, list[Finding]],
    reason: str,
    instance=None,
) -> list[GuardOverride]:
    """Log that ``employee`` kept flagged wording, one row per field with findings.

    ``texts`` are the saved texts per field, ``findings`` the findings per field (as confirmed),
    ``instance`` the saved record when there is one. Only categories and offsets are stored.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("An override needs the employee's reason.")
    if instance is not None and getattr(instance, "pk", None) is not None:
        content_type = ContentType.objects.get_for_model(instance)
        object_id = str(instance.pk)
    else:
        content_type, object_id = None, ""
    person_id = subject_person_of(instance)
    rows = []
    for name, field_findings in findings.items():
        if not field_findings:
            continue
        text = texts.get(name) or ""
        rows.append(
            GuardOverride(
                employee=employee,
                form=source[:150],
                field=name[:100],
                categories=",".join(categories_of(field_findings)),
                highlights=[
                    {"category": f.category, "start": f.start, "end": f.end} for f in field_findings
                ],
                text_length=len(text),
                reason=reason,
                content_type=content_type,
                object_id=object_id,
                subject_person_id=person_id,
            )
        )
    return GuardOverride.objects.bulk_create(rows)


def resolve_highlights(override: GuardOverride) -> list[Segment] | None:
    """The flagged phrases of an override, read from the record itself while it still exists.

    None when the record is gone or its text changed since (the offsets no longer apply).
    """
    record = override.record if override.content_type_id else None
    if record is None:
        return None
    text = getattr(record, override.field, None)
    if not isinstance(text, str) or len(text) != override.text_length:
        return None
    pieces = []
    for item in override.highlights:
        start, end, category = item.get("start"), item.get("end"), item.get("category")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            return None
        label = str(Category(category).label) if category in Category.values else category
        pieces.append(Segment(text[start:end], category, label))
    return pieces


def delete_overrides_for_person(person_id: int) -> int:
    """Erasure or retention of a person: remove the override log about them. Returns the count."""
    deleted, _ = GuardOverride.objects.filter(subject_person_id=person_id).delete()
    return deleted


def delete_overrides_for_record(instance) -> int:
    """A record is deleted (retention): remove the overrides that point at it."""
    content_type = ContentType.objects.get_for_model(instance)
    deleted, _ = GuardOverride.objects.filter(
        content_type=content_type, object_id=str(instance.pk)
    ).delete()
    return deleted
