"""Text handling for the knowledge base: normalising, tokenising, Dutch stemming, scrubbing.

Pure Python, no database: used by the search (query side, SQLite fallback, synonym matching,
highlighting) and by gap recording (stripping personal data from what staff typed).

The stemmer is the Snowball Dutch algorithm, the same one PostgreSQL's ``dutch_stem``
dictionary uses, so a query stemmed here matches the lexemes PostgreSQL stored.
"""

import functools
import re
import unicodedata

# PostgreSQL's (Snowball's) Dutch stop words: words that carry no meaning in a search.
STOPWORDS = frozenset(
    """
    de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om
    hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar
    naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al
    waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd
    altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest andere
    """.split()  # noqa: SIM905 - the list as PostgreSQL's dutch.stop has it
)

MAX_QUERY_LENGTH = 200
MAX_TOKENS = 12
MAX_TOKEN_LENGTH = 40

_WORD_RE = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower case without accents: 'Café geïnstalleerd' -> 'cafe geinstalleerd'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def words(text: str) -> list[str]:
    """All folded words of a text, in order (letters and digits; everything else separates)."""
    return _WORD_RE.findall(fold(text))


def query_tokens(query: str) -> list[str]:
    """The words of a search query, bounded in number and length (never trust input size)."""
    tokens = [w[:MAX_TOKEN_LENGTH] for w in words((query or "")[:MAX_QUERY_LENGTH])]
    return tokens[:MAX_TOKENS]


def content_words(tokens) -> list[str]:
    """Tokens without stop words and without lone digits."""
    return [t for t in tokens if t not in STOPWORDS and not t.isdigit()]


# --- Snowball Dutch stemmer -------------------------------------------------------------------
# Internally 'I' and 'Y' mark an i or y that acts as a consonant.
_VOWELS = set("aeiouyè")


def _is_vowel(ch: str) -> bool:
    return ch in _VOWELS


def _regions(word: str) -> tuple[int, int]:
    """Start of R1 and R2 (Snowball): after the first non-vowel that follows a vowel."""
    n = len(word)

    def region_after(start: int) -> int:
        i = start
        while i < n and not _is_vowel(word[i]):
            i += 1
        while i < n and _is_vowel(word[i]):
            i += 1
        return i + 1 if i < n else n

    p1 = region_after(0)
    p2 = region_after(p1) if p1 < n else n
    return min(max(p1, 3), n), p2


def _undouble(word: str) -> str:
    if word.endswith(("kk", "dd", "tt")):
        return word[:-1]
    return word


def _valid_en(word: str, end: int) -> bool:
    """The 'en' ending at word[end:] is preceded by a non-vowel, and not by 'gem'."""
    if end == 0:
        return False
    before = word[:end]
    return not _is_vowel(before[-1]) and not before.endswith("gem")


def _valid_s(word: str, end: int) -> bool:
    if end == 0:
        return False
    ch = word[end - 1]
    return not _is_vowel(ch) and ch != "j"


# Long: the Snowball Dutch algorithm, step by step as published (snowballstem.org), reads top to
# bottom against the specification; the steps share the regions and the 'e removed' flag, and
# splitting them would hide that order.
@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball Dutch stem of one folded word: 'betalingen' -> 'betal'."""
    if len(word) < 3 or not word.isalpha():
        return word
    # Mark consonantal y and i (initial y, y after a vowel, i between vowels).
    chars = list(word)
    for i, ch in enumerate(chars):
        prev_vowel = i > 0 and chars[i - 1] in _VOWELS
        if ch == "y" and (i == 0 or prev_vowel):
            chars[i] = "Y"
        elif ch == "i" and prev_vowel and i + 1 < len(chars) and chars[i + 1] in _VOWELS:
            chars[i] = "I"
    word = "".join(chars)
    r1, r2 = _regions(word)

    # Step 1
    e_removed = False
    if word.endswith("heden"):
        if len(word) - 5 >= r1:
            word = word[:-5] + "heid"
    elif word.endswith("ene") or word.endswith("en"):
        size = 3 if word.endswith("ene") else 2
        end = len(word) - size
        if end >= r1 and _valid_en(word, end):
            word = _undouble(word[:end])
    elif word.endswith("se") or word.endswith("s"):
        size = 2 if word.endswith("se") else 1
        end = len(word) - size
        if end >= r1 and _valid_s(word, end):
            word = word[:end]

    # Step 2
    if word.endswith("e") and len(word) - 1 >= r1 and len(word) > 1 and not _is_vowel(word[-2]):
        word = _undouble(word[:-1])
        e_removed = True

    # Step 3a
    if word.endswith("heid") and len(word) - 4 >= r2 and not word[:-4].endswith("c"):
        word = word[:-4]
        if word.endswith("en") and len(word) - 2 >= r1 and _valid_en(word, len(word) - 2):
            word = _undouble(word[:-2])

    # Step 3b
    if word.endswith(("end", "ing")):
        if len(word) - 3 >= r2:
            word = word[:-3]
            if word.endswith("ig") and len(word) - 2 >= r2 and not word[:-2].endswith("e"):
                word = word[:-2]
            else:
                word = _undouble(word)
    elif word.endswith("ig"):
        if len(word) - 2 >= r2 and not word[:-2].endswith("e"):
            word = word[:-2]
    elif word.endswith("lijk"):
        if len(word) - 4 >= r2:
            word = word[:-4]
            if (
                word.endswith("e")
                and len(word) - 1 >= r1
                and len(word) > 1
                and not _is_vowel(word[-2])
            ):
                word = _undouble(word[:-1])
    elif word.endswith("baar"):
        if len(word) - 4 >= r2:
            word = word[:-4]
    elif word.endswith("bar") and len(word) - 3 >= r2 and e_removed:
        word = word[:-3]

    # Step 4: undouble a vowel in a final consonant-vowel-vowel-consonant.
    if (
        len(word) >= 4
        and not _is_vowel(word[-4])
        and word[-3] == word[-2]
        and word[-2] in "aeou"
        and not _is_vowel(word[-1])
        and word[-1] != "I"
    ):
        word = word[:-2] + word[-1]

    return word.replace("I", "i").replace("Y", "y")


def stems(text: str) -> list[str]:
    return [stem(w) for w in content_words(words(text))]


# --- Personal data scrubbing -------------------------------------------------------------------
_EMAIL_RE = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+", re.UNICODE)
_URL_RE = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
_POSTCODE_RE = re.compile(r"\b[1-9][0-9]{3}\s?[a-zA-Z]{2}\b")
_IBAN_RE = re.compile(r"\b[A-Za-z]{2}[0-9]{2}\s?[A-Za-z]{4}(?:\s?[0-9]){6,}", re.IGNORECASE)
_DIGITS_RE = re.compile(r"[0-9]+")
# A word after a form of address is most likely a name: "mevrouw Jansen", "dhr. de Vries".
_HONORIFIC_RE = re.compile(
    r"\b(?:mevrouw|mevr|mw|meneer|mijnheer|dhr|heer|familie|fam|mr|mrs|ms)\b\.?"
    r"(?:\s+(?:van|de|der|den|ter|ten|het|'t|la|le|el|al))*\s+[^\s,.;:!?]+",
    re.IGNORECASE,
)
_SPACES_RE = re.compile(r"\s+")


def strip_personal_data(text: str) -> str:
    """What staff typed, without what could identify a person.

    Removes e-mail addresses, web addresses, IBANs, postcodes, every digit (house numbers,
    phone numbers, contract and relation numbers, dates) and the word after a form of address
    ("mevrouw Jansen"). The result is lower case and at most 200 characters.
    """
    text = (text or "")[: MAX_QUERY_LENGTH * 2]
    for pattern in (_EMAIL_RE, _URL_RE, _IBAN_RE, _POSTCODE_RE, _HONORIFIC_RE):
        text = pattern.sub(" ", text)
    text = _DIGITS_RE.sub(" ", text)
    text = re.sub(r"[^\w\s'-]", " ", text)
    return _SPACES_RE.sub(" ", text).strip().lower()[:MAX_QUERY_LENGTH]


def gap_key(text: str) -> str:
    """A grouping key for a scrubbed query: its distinct stems, sorted.

    'Lekkage badkamer' and 'badkamer lekkages' share a key, so they count as one gap.
    """
    return " ".join(sorted(set(stems(text))))[:MAX_QUERY_LENGTH]


def trigrams(word: str) -> set[str]:
    """The trigrams of a word as pg_trgm makes them (two spaces before, one after)."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def trigram_similarity(a: str, b: str) -> float:
    """pg_trgm's similarity(): shared trigrams over all distinct trigrams of both words."""
    ta, tb = trigrams(a), trigrams(b)
    if not ta or not tb:
        return 0.0
    shared = len(ta & tb)
    return shared / (len(ta) + len(tb) - shared)
