"""The layout a newcomer reads (docs/layout.md, from tools/layout.py) is the code's: every module
says in its docstring what it holds, and the generated tree is up to date."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

import layout  # noqa: E402


def test_every_module_of_the_apps_has_a_docstring():
    missing = [
        str(path.relative_to(layout.ROOT))
        for app in layout.apps()
        for path in sorted((layout.ROOT / app).rglob("*.py"))
        if not set(path.parts) & layout.SKIP_DIRS
        and path.stat().st_size > 0
        and not layout.summary(path)
    ]
    assert missing == [], "say in a docstring what the module holds"


def test_the_layout_document_is_up_to_date():
    current = layout.OUTPUT.read_text(encoding="utf-8")
    assert current == layout.render(), "run: python tools/layout.py --write"
