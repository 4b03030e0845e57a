"""The personal-data inventory: every model field of the project is classified.

Each project app declares its models' fields in ``<app>/personal_data.py``::

    from persondata.registry import NOT_PERSONAL

    PERSONAL_DATA = {
        "Person": {
            "surname": "identificatie",        # a code from processingregister.categories
            "date_of_birth": "geboortedatum",
            "created_at": NOT_PERSONAL,         # explicitly: no personal data
        },
        "ReferenceCode": NOT_PERSONAL,          # a whole model without personal data
    }

The system check in ``processingregister.checks`` fails when a field is not classified, when a
code is unknown, or when a declaration names a model or field that no longer exists, so the
register's data categories cannot silently drift from the database.

Which fields must be classified: every concrete field and every many-to-many field a model
defines or inherits, except an automatic primary key. Proxy, unmanaged and auto-created
(many-to-many through) models are skipped; their tables are covered by the model they serve.
"""

import importlib
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps as global_apps
from django.conf import settings
from django.db import models

from persondata.registry import NOT_PERSONAL  # noqa: F401  (declared below the apps)

from . import categories

DECLARATION_MODULE = "personal_data"
DECLARATION_NAME = "PERSONAL_DATA"


@dataclass(frozen=True)
class Problem:
    """One inventory finding; turned into a system check message by ``checks``."""

    code: str  # E101 unclassified, E102 no declaration module, E103 unknown category,
    # E104 stale declaration, E105 malformed declaration
    message: str
    hint: str
    obj: object = None


def is_project_app(app_config) -> bool:
    """Apps of this repository, not third-party packages from the virtual environment."""
    path = Path(app_config.path).resolve()
    base = Path(settings.BASE_DIR).resolve()
    return path.is_relative_to(base) and "site-packages" not in path.parts


def project_app_configs(registry=None):
    registry = registry or global_apps
    return [config for config in registry.get_app_configs() if is_project_app(config)]


def inventoried_models(app_config):
    return [
        model
        for model in app_config.get_models()
        if not (model._meta.proxy or not model._meta.managed or model._meta.auto_created)
    ]


def classifiable_fields(model) -> list:
    fields = []
    for field in model._meta.get_fields():
        if field.auto_created or not (field.concrete or field.many_to_many):
            continue  # reverse relations, parent links, generic foreign keys
        if field.primary_key and isinstance(field, models.AutoField):
            continue
        fields.append(field)
    return fields


def declaration_path(app_config) -> str:
    return f"{app_config.label}/{DECLARATION_MODULE}.py"


def load_declaration(app_config):
    """The app's PERSONAL_DATA dict, or None when the app has no declaration module."""
    module_name = f"{app_config.name}.{DECLARATION_MODULE}"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            return None
        raise
    return getattr(module, DECLARATION_NAME, None)


def known_categories() -> frozenset:
    return categories.CATEGORY_CODES


def _categories_hint() -> str:
    return "Known categories: " + ", ".join(sorted(known_categories())) + f", or {NOT_PERSONAL}."


def model_problems(model, declaration, where: str) -> list[Problem]:
    """Findings for one model against its app's declaration (a dict, possibly empty)."""
    label = model._meta.label
    name = model.__name__
    entry = declaration.get(name)
    if entry == NOT_PERSONAL:
        return []
    if entry is not None and not isinstance(entry, dict):
        return [
            Problem(
                "E105",
                f"{where} declares {name!r} as {entry!r}: expected a dict of field names or "
                f"{NOT_PERSONAL!r}.",
                _categories_hint(),
                model,
            )
        ]
    entry = entry or {}
    problems = []
    field_names = set()
    for field in classifiable_fields(model):
        field_names.add(field.name)
        code = entry.get(field.name)
        if code is None:
            problems.append(
                Problem(
                    "E101",
                    f"Personal-data inventory: field {label}.{field.name} is not classified.",
                    f'Declare it in {where}: under PERSONAL_DATA["{name}"] add '
                    f'"{field.name}": "<category>". {_categories_hint()}',
                    model,
                )
            )
        elif code != NOT_PERSONAL and code not in known_categories():
            problems.append(
                Problem(
                    "E103",
                    f"Personal-data inventory: {where} classifies {label}.{field.name} as "
                    f"{code!r}, which is not a known data category.",
                    "Use a code from processingregister/categories.py (add the category there "
                    f"if it is really new). {_categories_hint()}",
                    model,
                )
            )
    for stale in sorted(set(entry) - field_names):
        problems.append(
            Problem(
                "E104",
                f"Personal-data inventory: {where} declares {label}.{stale}, which is not a "
                "classifiable field of that model.",
                f'Remove "{stale}" from PERSONAL_DATA["{name}"] in {where} (renamed or deleted '
                "field?).",
                model,
            )
        )
    return problems


def app_problems(app_config, models_to_check=None) -> list[Problem]:
    where = declaration_path(app_config)
    app_models = inventoried_models(app_config) if models_to_check is None else models_to_check
    if not app_models:
        return []
    try:
        declaration = load_declaration(app_config)
    except Exception as exc:  # a broken declaration must show up as a check
        return [Problem("E105", f"{where} cannot be imported: {exc}", "", None)]
    if declaration is None:
        names = ", ".join(sorted(model.__name__ for model in app_models))
        return [
            Problem(
                "E102",
                f"Personal-data inventory: app {app_config.label!r} has models ({names}) but no "
                f"{DECLARATION_NAME} in {where}.",
                f"Create {where} with {DECLARATION_NAME} = {{...}} classifying every field; see "
                "processingregister/inventory.py.",
                None,
            )
        ]
    if not isinstance(declaration, dict):
        return [
            Problem("E105", f"{DECLARATION_NAME} in {where} must be a dict.", "", None),
        ]
    problems = []
    for model in app_models:
        problems.extend(model_problems(model, declaration, where))
    if models_to_check is None:
        existing = {model.__name__ for model in app_models}
        for name in sorted(set(declaration) - existing):
            problems.append(
                Problem(
                    "E104",
                    f"Personal-data inventory: {where} declares model {name!r}, which is not a "
                    f"model of app {app_config.label!r}.",
                    f'Remove "{name}" from {DECLARATION_NAME} in {where}.',
                    None,
                )
            )
    return problems


def all_problems(app_configs=None) -> list[Problem]:
    configs = [c for c in (app_configs or project_app_configs()) if is_project_app(c)]
    problems = []
    for config in configs:
        problems.extend(app_problems(config))
    return problems


@dataclass(frozen=True)
class StoredField:
    model_label: str
    model_name: str  # verbose name, for people
    field: str
    field_name: str  # verbose name, for people
    category: str


def stored_fields() -> list[StoredField]:
    """Every classified personal-data field of the project (declarations as they stand)."""
    rows = []
    for config in project_app_configs():
        try:
            declaration = load_declaration(config) or {}
        except Exception:  # the system check reports it
            declaration = {}
        for model in inventoried_models(config):
            entry = declaration.get(model.__name__)
            if not isinstance(entry, dict):
                continue
            for field in classifiable_fields(model):
                code = entry.get(field.name)
                if code and code != NOT_PERSONAL:
                    rows.append(
                        StoredField(
                            model._meta.label,
                            str(model._meta.verbose_name),
                            field.name,
                            str(getattr(field, "verbose_name", field.name)),
                            code,
                        )
                    )
    return rows
