"""Content shipped as data files: demo articles, the demo register, word lists for demo data.

One small loader so every app reads its files the same way: YAML (``load_yaml``), and Markdown
with a YAML front matter block (``load_markdown``), as in static-site generators::

    ---
    title: Huur opzeggen
    tags: [huur, opzegging]
    ---
    De tekst van het artikel, in Markdown.

Files are read as UTF-8; a malformed file raises ``ContentError`` naming the file, so a broken
data file stops the demo command with a clear message instead of loading half of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

FRONT_MATTER_FENCE = "---"


class ContentError(ValueError):
    """A data file that cannot be read as what it claims to be."""


@dataclass(frozen=True)
class Document:
    """A Markdown file: its front matter (a dict) and its body (the text after the block)."""

    path: Path
    meta: dict
    body: str


def load_yaml(path: Path | str) -> Any:
    path = Path(path)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ContentError(f"{path}: {exc}") from exc


def load_markdown(path: Path | str) -> Document:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(f"{path}: {exc}") from exc
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        raise ContentError(f"{path}: no front matter (the file must start with '---')")
    for end in range(1, len(lines)):
        if lines[end].strip() == FRONT_MATTER_FENCE:
            break
    else:
        raise ContentError(f"{path}: the front matter is not closed with '---'")
    try:
        meta = yaml.safe_load("".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        raise ContentError(f"{path}: front matter: {exc}") from exc
    if not isinstance(meta, dict):
        raise ContentError(f"{path}: the front matter must be a mapping")
    return Document(path=path, meta=meta, body="".join(lines[end + 1 :]).strip("\n") + "\n")


def load_markdown_dir(directory: Path | str) -> list[Document]:
    """Every ``*.md`` file of a directory, sorted by file name (so the order is the files')."""
    return [load_markdown(p) for p in sorted(Path(directory).glob("*.md"))]
