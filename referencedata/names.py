"""Given names and surnames common in the Netherlands (``data/dutch_names.txt``), as lower-case
words, for recognising a name in free text."""

from functools import cache
from pathlib import Path

NAMES_FILE = Path(__file__).resolve().parent / "data" / "dutch_names.txt"


@cache
def common_name_words() -> frozenset[str]:
    """Every name of the list, lower case (read once per process)."""
    lines = NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.startswith("#")
    )
