"""The free texts of every model (``FREE_TEXT`` in ``<app>/personal_data.py``), for the audit trail.

A free text is a field an employee or a tenant writes in their own words: a signal's
description, a contact's summary and notes, a task's requested action, a break-the-glass
explanation, the text of a data-subject request. Such a text may hold anything, special-category
and criminal data included, so whatever copies records elsewhere keeps only *that* it changed,
never what it said. Each app declares them next to the field classification::

    FREE_TEXT = {
        "Signal": ("description", "legal_basis"),
    }

Read by ``audit.masking`` (the audit trail logs these fields as changed, with a fixed marker
instead of the old and new text). A declared field that does not exist is an error of
``manage.py check`` (``persondata.E206``).

This module imports nothing from the project's apps, like the registry it sits next to.
"""

from __future__ import annotations

from functools import cache

from .registry import DECLARATION_MODULE, _module, field_names, project_app_configs

DECLARATION_NAME = "FREE_TEXT"


def build(app_configs=None) -> tuple[dict, list]:
    """({model label: (field, ...)}, [(message, None), ...]) over every project app."""
    declared, errors = {}, []
    for config in app_configs or project_app_configs():
        module = _module(config)
        for name, fields in (getattr(module, DECLARATION_NAME, None) or {}).items():
            where = f"{config.label}/{DECLARATION_MODULE}.py {DECLARATION_NAME}[{name!r}]"
            try:
                model = config.get_model(name)
            except LookupError:
                errors.append((f"{where}: {name!r} is not a model of app {config.label!r}.", None))
                continue
            unknown = [f for f in fields if f not in field_names(model)]
            if unknown:
                errors.append((f"{where} names fields that do not exist: {unknown}.", None))
            declared[model._meta.label] = tuple(f for f in fields if f not in unknown)
    return declared, errors


@cache
def declarations() -> dict:
    return build()[0]


def fields_of(model) -> tuple:
    """The declared free-text fields of a model (a class or its label), or ``()``."""
    label = model if isinstance(model, str) else model._meta.label
    return declarations().get(label, ())
