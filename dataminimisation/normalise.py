"""Dutch text normalisation for matching: lower case, accents folded, apostrophes dropped.

``fold_with_offsets`` also returns, for every character of the folded text, the index of the
character it came from, so a match in the folded text maps back to the text the employee typed.
"""

import unicodedata
from functools import lru_cache

APOSTROPHES = frozenset("'’‘`´")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in APOSTROPHES:
        return ""  # "jehova's" -> "jehovas", "auto's" -> "autos"
    if ch.isascii():
        return ch.lower()
    decomposed = unicodedata.normalize("NFKD", ch.casefold())
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base or ch


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """The folded text and, per folded character, its index in ``text`` (plus a sentinel)."""
    out: list[str] = []
    offsets: list[int] = []
    for index, ch in enumerate(text):
        folded = _fold_char(ch)
        out.append(folded)
        offsets.extend([index] * len(folded))
    offsets.append(len(text))
    return "".join(out), offsets


def fold(text: str) -> str:
    """'Diabetespatiënt' -> 'diabetespatient'; "Jehova's" -> 'jehovas'."""
    return "".join(_fold_char(ch) for ch in text)
