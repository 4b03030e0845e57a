"""Size limits of the project's own code (docs/architecture.md "Limits").

- No module of the apps or the scripts around them (``SCRIPT_DIRS``) over ``MAX_MODULE_LINES``
  lines (migrations and data files aside).
- No function over ``MAX_FUNCTION_LINES`` lines unless a comment right above it (above its
  decorators) starts with ``# Long:`` and says why.
- An import inside a function only with a comment on its line, or right above its block of
  imports, saying why (a cycle it breaks, a heavy module only one path needs, an optional
  dependency, models that exist only after ``django.setup()`` in a script).

``tests/project/test_architecture_size.py`` runs these over the apps and fails CI on any finding.

    python tools/code_size.py   # every finding, one per line
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_layers import ROOT  # noqa: E402
from import_layers import source_files as app_files  # noqa: E402

MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80
LONG_MARK = "# Long:"


# The scripts around the apps keep the same limits (benchmarks, drills, the load test, tools).
SCRIPT_DIRS = ("bench", "drills", "loadtest", "tools")


def source_files():
    """The apps' modules (``import_layers.source_files``) and the scripts' (``SCRIPT_DIRS``)."""
    yield from app_files()
    for folder in SCRIPT_DIRS:
        yield from sorted((ROOT / folder).rglob("*.py"))


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def long_modules() -> dict[str, int]:
    """{file: lines} of the modules over the limit."""
    found = {}
    for path in source_files():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            found[_rel(path)] = lines
    return found


def _functions(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def long_functions() -> dict[str, int]:
    """{"file:function": lines} of the functions over the limit without a ``# Long:`` comment."""
    found = {}
    for path in source_files():
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for node in _functions(ast.parse(text)):
            length = node.end_lineno - node.lineno + 1
            if length <= MAX_FUNCTION_LINES:
                continue
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            above = lines[first - 2].strip() if first >= 2 else ""
            # The reason may run over several comment lines; the mark opens the block.
            index = first - 2
            while index >= 0 and lines[index].strip().startswith("#"):
                above = lines[index].strip()
                index -= 1
            if above.startswith(LONG_MARK):
                continue
            found[f"{_rel(path)}:{node.name}"] = length
    return found


def _import_blocks(func):
    """Lists of consecutive import statements in the bodies inside ``func`` (statement blocks
    of the function, its loops, branches and ``try``)."""
    for node in ast.walk(func):
        for field in ("body", "orelse", "finalbody", "handlers"):
            statements = getattr(node, field, None)
            if not isinstance(statements, list):
                continue  # a lambda's or a conditional expression's body is one expression
            block = []
            for stmt in statements:
                if isinstance(stmt, ast.Import | ast.ImportFrom):
                    block.append(stmt)
                    continue
                if block:
                    yield block
                block = []
            if block:
                yield block


def unexplained_local_imports() -> dict[str, int]:
    """{file: count} of imports inside functions without a reason: a comment on the import's
    line or the line above, or right above the block of consecutive imports it belongs to."""
    found: dict[str, int] = {}
    for path in source_files():
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        unexplained = set()  # line numbers: a nested function's imports are walked twice
        for func in _functions(ast.parse(text)):
            for block in _import_blocks(func):
                first = block[0].lineno
                above = lines[first - 2].strip() if first >= 2 else ""
                if above.startswith("#"):
                    continue
                unexplained |= {
                    n.lineno
                    for n in block
                    if "#" not in lines[n.lineno - 1]
                    and not lines[n.lineno - 2].strip().startswith("#")
                }
        if unexplained:
            found[_rel(path)] = len(unexplained)
    return found


if __name__ == "__main__":
    for rel, n in sorted(long_modules().items()):
        print(f"module {rel}: {n} lines")
    for name, n in sorted(long_functions().items()):
        print(f"function {name}: {n} lines")
    for rel, n in sorted(unexplained_local_imports().items()):
        print(f"local imports without a reason {rel}: {n}")
