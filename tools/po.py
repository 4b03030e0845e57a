"""Tiny reader/writer for the project's gettext catalogue (no extra dependency).

Used by tests (every message translated, .mo in step with .po) and by
``python tools/po.py fill FILE.json`` to add translations in bulk.
"""

import ast
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO_PATH = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def catalogues() -> list[Path]:
    """The project catalogue and every app's own (APP/locale/nl/LC_MESSAGES/django.po)."""
    return [PO_PATH, *sorted(ROOT.glob("*/locale/nl/LC_MESSAGES/django.po"))]


def _unquote(line: str) -> str:
    return ast.literal_eval(line)


def parse(text: str) -> list[dict]:
    """Entries as dicts: flags, msgid, msgid_plural, msgstr (list), raw lines."""
    entries, current, key = [], None, None
    for line in text.splitlines():
        if line.startswith(("#~", "#|")):
            continue  # obsolete entries and previous-msgid hints are dropped
        if not line.strip():
            if current:
                entries.append(current)
            current, key = None, None
            continue
        starts_entry = (
            line.startswith(("#", "msgid ")) and current is not None and current["msgstr"]
        )
        if starts_entry:
            entries.append(current)
            current, key = None, None
        if current is None:
            current = {
                "flags": set(),
                "comments": [],
                "msgid": "",
                "msgid_plural": None,
                "msgstr": {},
            }
        if line.startswith("#,"):
            current["flags"] |= {f.strip() for f in line[2:].split(",")}
        elif line.startswith("#"):
            current["comments"].append(line)
        elif line.startswith("msgid_plural "):
            key = "msgid_plural"
            current[key] = _unquote(line[13:])
        elif line.startswith("msgid "):
            key = "msgid"
            current[key] = _unquote(line[6:])
        elif m := re.match(r"msgstr(?:\[(\d+)\])? (.*)", line):
            key = ("msgstr", int(m.group(1) or 0))
            current["msgstr"][key[1]] = _unquote(m.group(2))
        elif line.startswith('"'):
            if isinstance(key, tuple):
                current["msgstr"][key[1]] += _unquote(line)
            else:
                current[key] += _unquote(line)
    if current:
        entries.append(current)
    return entries


def _quote(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def render(entries: list[dict]) -> str:
    out = []
    for index, e in enumerate(entries):
        if not e["msgstr"] or (index and not e["msgid"]):
            continue  # a stray comment block, or a second header
        out.extend(e["comments"])
        flags = sorted(e["flags"] - {""})
        if not e["msgid"]:
            flags = [f for f in flags if f != "fuzzy"]  # the header is complete
        if flags:
            out.append("#, " + ", ".join(flags))
        out.append(f"msgid {_quote(e['msgid'])}")
        if e["msgid_plural"] is not None:
            out.append(f"msgid_plural {_quote(e['msgid_plural'])}")
            for i in sorted(e["msgstr"]):
                out.append(f"msgstr[{i}] {_quote(e['msgstr'][i])}")
        else:
            out.append(f"msgstr {_quote(e['msgstr'].get(0, ''))}")
        out.append("")
    return "\n".join(out)


def untranslated(entries: list[dict]) -> list[str]:
    return [
        e["msgid"]
        for e in entries
        if e["msgid"] and ("fuzzy" in e["flags"] or not all(e["msgstr"].values()))
    ]


def fill(translations: dict[str, str | list[str]], path: Path = PO_PATH) -> int:
    entries = parse(path.read_text(encoding="utf-8"))
    changed = 0
    for e in entries:
        if e["msgid"] in translations:
            value = translations[e["msgid"]]
            values = value if isinstance(value, list) else [value]
            e["msgstr"] = dict(enumerate(values))
            e["flags"].discard("fuzzy")
            changed += 1
    path.write_text(render(entries), encoding="utf-8")
    return changed


def compare(snapshot: Path) -> list[str]:
    """Messages that differ between each catalogue and its copy under ``snapshot``."""
    problems = []
    for path in catalogues():
        relative = path.relative_to(ROOT)
        old_path = snapshot / relative
        if not old_path.exists():
            problems.append(f"{relative}: not committed")
            continue
        new = {(e["msgid"], e["msgid_plural"]) for e in parse(path.read_text(encoding="utf-8"))}
        old = {(e["msgid"], e["msgid_plural"]) for e in parse(old_path.read_text(encoding="utf-8"))}
        problems += [f"{relative}: missing {msgid!r}" for msgid, _ in sorted(new - old)]
        problems += [f"{relative}: no longer used {msgid!r}" for msgid, _ in sorted(old - new)]
    return problems


if __name__ == "__main__":
    # python tools/po.py fill TRANSLATIONS.json [CATALOGUE.po] | missing | compare SNAPSHOT_DIR
    if sys.argv[1:2] == ["fill"]:
        target = Path(sys.argv[3]) if len(sys.argv) > 3 else PO_PATH
        print(fill(json.loads(Path(sys.argv[2]).read_text(encoding="utf-8")), target), "filled")
    elif sys.argv[1:2] == ["compare"]:
        found = compare(Path(sys.argv[2]))
        print("\n".join(found) or "catalogues up to date")
        sys.exit(1 if found else 0)
    elif sys.argv[1:2] == ["missing"]:
        for path in catalogues():
            for msgid in untranslated(parse(path.read_text(encoding="utf-8"))):
                print(f"{path.relative_to(ROOT)}: {msgid!r}")
