"""Size limits of the project's own code (tools/code_size.py, docs/architecture.md "Limits"):
modules of at most 500 lines, functions of at most 80 lines unless a ``# Long:`` comment says why,
imports inside functions only with a comment saying why."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

import code_size  # noqa: E402


def test_no_module_over_the_limit():
    assert code_size.long_modules() == {}, "split it by aggregate (docs/architecture.md)"


def test_no_long_function_without_a_reason():
    assert code_size.long_functions() == {}, "split it, or say why in a '# Long:' comment"


def test_no_import_inside_a_function_without_a_reason():
    assert code_size.unexplained_local_imports() == {}, "import at the top, or say why"


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
        "    import os  # cycle with os\n"
        "def block():\n"
        "    # models only after django.setup()\n"
        "    from a import b\n"
        "    from c import (\n"
        "        d,\n"
        "    )\n"
        "    x = 1\n"
        "    import e\n" + "\n" * 400
    )
    monkeypatch.setattr(code_size, "source_files", lambda: [app / "big.py"])
    monkeypatch.setattr(code_size, "ROOT", tmp_path)
    lines = len((app / "big.py").read_text().splitlines())
    assert lines > code_size.MAX_MODULE_LINES
    assert code_size.long_modules() == {"audit/big.py": lines}
    assert code_size.long_functions() == {"audit/big.py:plain": 86}
    # json has no reason; the block under its comment has; e (after code) has none.
    assert code_size.unexplained_local_imports() == {"audit/big.py": 2}
