"""Size limits of the project's own code (tools/code_size.py, docs/architecture.md "Limits"):
modules of at most 500 lines, functions of at most 80 lines unless a ``# Long:`` comment says why,
imports inside functions only with a comment saying why. What still breaks a limit is listed
below as debt with its size today; the lists may only shrink (a fixed entry must be deleted, and
an entry may not grow)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import code_size  # noqa: E402

# file: lines today.
KNOWN_LONG_MODULES = {
}

# "file:function": lines today.
KNOWN_LONG_FUNCTIONS = {
}

# file: imports inside functions without a reason, today.
KNOWN_UNEXPLAINED_LOCAL_IMPORTS = {
}


def _compare(found: dict, known: dict, what: str):
    new = {k: v for k, v in found.items() if k not in known}
    assert not new, f"{what} over the limit (split it, or say why): {new}"
    grown = {k: (known[k], v) for k, v in found.items() if k in known and v > known[k]}
    assert not grown, f"{what} listed as debt grew (was, is): {grown}"
    fixed = sorted(set(known) - set(found))
    assert not fixed, f"fixed, so remove from the debt list: {fixed}"


def test_no_module_over_the_limit_except_the_listed_debt():
    _compare(code_size.long_modules(), KNOWN_LONG_MODULES, "modules")


def test_no_long_function_without_a_reason_except_the_listed_debt():
    _compare(code_size.long_functions(), KNOWN_LONG_FUNCTIONS, "functions")


def test_no_import_inside_a_function_without_a_reason_except_the_listed_debt():
    _compare(
        code_size.unexplained_local_imports(), KNOWN_UNEXPLAINED_LOCAL_IMPORTS, "local imports"
    )


def test_the_checks_find_what_they_look_for(tmp_path, monkeypatch):
    """The rules themselves, on a made-up app: a long module, a long function with and without
    its reason, a local import with and without a comment."""
    app = tmp_path / "audit"
    app.mkdir()
    body = "\n".join(f"    x{i} = {i}" for i in range(85))
    (app / "big.py").write_text(
        "def plain():\n" + body + "\n\n"
        "# Long: one table of cases, read top to bottom.\n"
        "def explained():\n" + body + "\n\n"
        "def imports():\n"
        "    import json\n"
        "    # csv only on this path\n"
        "    import csv\n"
        "    import os  # cycle with os\n" + "\n" * 400
    )
    monkeypatch.setattr(code_size, "source_files", lambda: [app / "big.py"])
    monkeypatch.setattr(code_size, "ROOT", tmp_path)
    lines = len((app / "big.py").read_text().splitlines())
    assert lines > code_size.MAX_MODULE_LINES
    assert code_size.long_modules() == {"audit/big.py": lines}
    assert code_size.long_functions() == {"audit/big.py:plain": 86}
    assert code_size.unexplained_local_imports() == {"audit/big.py": 1}
