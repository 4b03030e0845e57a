"""Every setting is declared in klantcontact/settings.py with its environment variable and
default, and every environment variable it reads is documented in the README's configuration
table: the code reads ``settings.X``, never ``getattr(settings, "X", default)`` with a default of
its own that nobody can find."""

import ast
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

import import_layers  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
ENV_READERS = {"env_str", "env_int", "env_bool", "env_list"}


def _env_vars_read_by_settings() -> set[str]:
    tree = ast.parse((ROOT / "klantcontact" / "settings.py").read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ENV_READERS
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            names.add(node.args[0].value)
    return names


def _readme_configuration_table() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([A-Z0-9_]+)` \|", section, flags=re.MULTILINE))


def test_every_environment_variable_of_the_settings_is_in_the_readme():
    read = _env_vars_read_by_settings()
    assert "SECRET_KEY" in read and "DATABASE_URL" in read  # the parser finds them
    documented = _readme_configuration_table()
    assert read - documented == set(), "document these in README.md, Configuration"
    assert documented - read == set(), "the README documents variables the settings do not read"


def test_no_code_reads_an_undeclared_setting_with_a_default_of_its_own():
    found = []
    for path in import_layers.source_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "getattr"
                and node.args
                and isinstance(node.args[0], ast.Name)
                and node.args[0].id == "settings"
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == [], "declare the setting in klantcontact/settings.py and read settings.X"
