"""The version history of an article: what changed between two versions, field by field
(readable marks per word and line, no raw diff syntax)."""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Article, ArticleVersion

Status = Article.Status

DIFF_FIELDS = (
    ("title", "title"),
    ("status", "status"),
    ("category", "category"),
    ("owner", "owner"),
    ("review_by", "review_by"),
    ("channels", "channels"),
    ("keywords", "keywords"),
    ("summary", "summary"),
    ("body", "body"),
    ("related", "related"),
)
LONG_FIELDS = {"summary", "body", "keywords", "related"}


@dataclass
class DiffLine:
    kind: str  # "equal", "insert", "delete", "skip"
    segments: list  # [(text, changed)]


@dataclass
class FieldDiff:
    name: str
    label: str
    old: str = ""
    new: str = ""
    lines: list = field(default_factory=list)

    @property
    def is_long(self) -> bool:
        return bool(self.lines)


def _display(version: ArticleVersion, name: str) -> str:
    value = getattr(version, name)
    if name == "status":
        return Status(value).label if value else ""
    if name == "review_by":
        return date_format(value, "j F Y") if value else ""
    return value or ""


def _lines_for(name: str, value: str) -> list[str]:
    if name == "keywords":
        return [k.strip() for k in value.replace(";", ",").split(",") if k.strip()]
    return value.splitlines()


def _word_segments(old: str, new: str):
    """Word-level change marks for a replaced line: (old segments, new segments)."""
    a, b = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    old_segments, new_segments = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            old_segments.append(("".join(a[i1:i2]), False))
            new_segments.append(("".join(b[j1:j2]), False))
        else:
            if i2 > i1:
                old_segments.append(("".join(a[i1:i2]), True))
            if j2 > j1:
                new_segments.append(("".join(b[j1:j2]), True))
    return _merge_segments(old_segments), _merge_segments(new_segments)


def _merge_segments(segments):
    """Join neighbouring changes, including the spaces between them: 'twee maanden.'."""
    marked = list(segments)
    for index in range(1, len(marked) - 1):
        value, changed = marked[index]
        if not changed and not value.strip() and marked[index - 1][1] and marked[index + 1][1]:
            marked[index] = (value, True)
    merged = []
    for value, changed in marked:
        if merged and merged[-1][1] == changed:
            merged[-1] = (merged[-1][0] + value, changed)
        elif value:
            merged.append((value, changed))
    return merged


def _line_diff(old_lines: list[str], new_lines: list[str], context: int = 2) -> list[DiffLine]:
    out = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for index, group in enumerate(matcher.get_grouped_opcodes(context)):
        if index:
            out.append(DiffLine("skip", [("…", False)]))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out.extend(DiffLine("equal", [(line, False)]) for line in old_lines[i1:i2])
                continue
            removed, added = old_lines[i1:i2], new_lines[j1:j2]
            if tag == "replace" and len(removed) == len(added):
                pairs = [_word_segments(o, n) for o, n in zip(removed, added, strict=True)]
                out.extend(DiffLine("delete", old) for old, _new in pairs)
                out.extend(DiffLine("insert", new) for _old, new in pairs)
                continue
            out.extend(DiffLine("delete", [(line, True)]) for line in removed)
            out.extend(DiffLine("insert", [(line, True)]) for line in added)
    return out


def version_diff(old: ArticleVersion | None, new: ArticleVersion) -> list[FieldDiff]:
    """What changed from ``old`` to ``new``, field by field, readable (no raw diff syntax)."""
    labels = {
        "title": _("Title"),
        "status": _("Status"),
        "category": _("Category"),
        "owner": _("Owner"),
        "review_by": _("Review by"),
        "channels": _("Channels"),
        "keywords": _("Keywords and synonyms"),
        "summary": _("Answer script"),
        "body": _("Body"),
        "related": _("Related articles"),
    }
    diffs = []
    for name, _attr in DIFF_FIELDS:
        before = _display(old, name) if old is not None else ""
        after = _display(new, name)
        if before == after:
            continue
        entry = FieldDiff(name=name, label=labels[name], old=before, new=after)
        if name in LONG_FIELDS:
            entry.lines = _line_diff(_lines_for(name, before), _lines_for(name, after))
        diffs.append(entry)
    return diffs
