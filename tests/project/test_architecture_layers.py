"""The dependency direction between the apps (tools/import_layers.py, docs/architecture.md
"Layers"): no new import may point up a layer, and the apps of one layer import one way. The
imports that still point up are listed below as debt, each with why; fixing one means deleting
its line here (the test fails until the list matches the code, so it can only shrink)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

import import_layers  # noqa: E402

# (file, imported module): why it still points up.
KNOWN_UPWARD: dict = {}


def test_no_import_points_up_a_layer_except_the_listed_debt():
    found = {
        (rel, module) for places in import_layers.upward().values() for rel, _line, module in places
    }
    new = found - set(KNOWN_UPWARD)
    assert not new, f"imports that point up a layer (see docs/architecture.md): {sorted(new)}"
    fixed = set(KNOWN_UPWARD) - found
    assert not fixed, f"fixed, so remove these from KNOWN_UPWARD: {sorted(fixed)}"


def test_apps_of_one_layer_import_one_way():
    assert import_layers.same_layer_cycles() == []


def test_every_project_app_has_a_layer():

    from persondata.registry import project_app_configs

    assert {c.label for c in project_app_configs()} <= set(import_layers.LAYER_OF)


def test_the_check_finds_an_upward_import(tmp_path, monkeypatch):
    """The rule itself: an import from a lower app into a higher one is reported."""
    app = tmp_path / "audit"
    app.mkdir()
    (app / "x.py").write_text("def f():\n    from rights.services import complete\n")
    monkeypatch.setattr(import_layers, "ROOT", tmp_path)
    found = import_layers.upward()
    assert ("audit", "rights") in found
    assert found[("audit", "rights")][0][:2] == ("audit/x.py", 2)
