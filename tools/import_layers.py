"""The dependency direction between the project's apps, and the import graph that must obey it.

Layers, lowest first. An app may import from its own layer or below, never above; within a layer
the imports must not form a cycle. ``tests/project/test_architecture_layers.py`` fails on a new
upward import (and on a cycle); the imports that still point up are listed there as debt, each
with the reason it is still there, and the list may only shrink.

    python tools/import_layers.py          # the graph as text, for docs/architecture.md
    python tools/import_layers.py --check  # exit 1 and list the upward imports

Only the project's own code counts (not migrations, not tests). ``<app>/personal_data.py`` are
declarations for the registry at the bottom, like models for Django. The infrastructure modules
of the project package (``klantcontact.content``, ``.converters``, ``.db``, ``.enqueue``,
``.errors``, ``.forms``, ``.redirects``, ``.widgets``) are the bottom layer; the rest of
``klantcontact`` (urls, settings, views, navigation) is the top.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LAYERS: list[tuple[str, ...]] = [
    ("persondata", "klantcontact.infra"),
    ("accounts", "audit", "referencedata"),
    ("access", "dataminimisation", "processingregister"),
    ("contacts",),
    ("knowledgebase", "retention"),
    ("rights", "erpimport"),
    ("disclosures",),
    ("api",),
    ("klantcontact",),
]
LAYER_OF = {app: index for index, apps in enumerate(LAYERS) for app in apps}
INFRA = {
    "klantcontact.content",
    "klantcontact.converters",
    "klantcontact.db",
    "klantcontact.enqueue",
    "klantcontact.errors",
    "klantcontact.forms",
    "klantcontact.redirects",
    "klantcontact.widgets",
}


def unit_of_module(module: str) -> str | None:
    """The app (layer unit) a dotted module name belongs to, or None outside the project."""
    if module in INFRA or any(module.startswith(m + ".") for m in INFRA):
        return "klantcontact.infra"
    top = module.split(".")[0]
    return top if top in LAYER_OF else None


def unit_of_file(path: Path) -> str | None:
    rel = path.relative_to(ROOT)
    module = ".".join(rel.with_suffix("").parts)
    return unit_of_module(module)


def source_files():
    for app in sorted({a.split(".")[0] for a in LAYER_OF}):
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            yield path


def imports(path: Path):
    """(line, imported module) of every absolute import in the file, also inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # ``from klantcontact import converters`` imports the module ``klantcontact.
            # converters`` (not the package's ``__init__``); ``from x import name`` imports x.
            package = ROOT.joinpath(*node.module.split("."))
            for alias in node.names:
                if (package / f"{alias.name}.py").exists() or (package / alias.name).is_dir():
                    yield node.lineno, f"{node.module}.{alias.name}"
                else:
                    yield node.lineno, node.module


def edges():
    """{(from unit, to unit): [(file, line, module), ...]} between different units."""
    found: dict[tuple[str, str], list] = defaultdict(list)
    for path in source_files():
        source = unit_of_file(path)
        if source is None:
            continue
        seen = set()
        for line, module in imports(path):
            target = unit_of_module(module)
            if target is None or target == source or (line, target) in seen:
                continue
            if path.name == "personal_data.py" and target == "persondata":
                continue  # declarations for the registry
            seen.add((line, target))
            rel = str(path.relative_to(ROOT))
            found[(source, target)].append((rel, line, module))
    return found


def upward(found=None) -> dict:
    found = edges() if found is None else found
    return {key: places for key, places in found.items() if LAYER_OF[key[1]] > LAYER_OF[key[0]]}


def same_layer_cycles(found=None) -> list[list[str]]:
    """Cycles among apps of one layer (imports between them must point one way)."""
    found = edges() if found is None else found
    graph = defaultdict(set)
    for a, b in found:
        if LAYER_OF[a] == LAYER_OF[b]:
            graph[a].add(b)
    cycles, state = [], {}

    def visit(node, stack):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycles.append(stack[stack.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    return cycles


def diagram(found=None) -> str:
    """The layers top-down with what each app imports (a text diagram for the docs)."""
    found = edges() if found is None else found
    lines = []
    for index in reversed(range(len(LAYERS))):
        for app in LAYERS[index]:
            deps = sorted({b for (a, b) in found if a == app}, key=lambda d: (-LAYER_OF[d], d))
            marks = [f"{d}{' (UP)' if LAYER_OF[d] > index else ''}" for d in deps]
            lines.append(f"L{index} {app:<20} -> {', '.join(marks) or '-'}")
    return "\n".join(lines)


if __name__ == "__main__":
    found = edges()
    if "--check" in sys.argv:
        bad = upward(found)
        for (a, b), places in sorted(bad.items()):
            for rel, line, module in places:
                print(f"{rel}:{line}: {a} imports {module} ({b} is above)")
        for cycle in same_layer_cycles(found):
            print("cycle: " + " -> ".join(cycle))
        sys.exit(1 if bad or same_layer_cycles(found) else 0)
    print(diagram(found))
