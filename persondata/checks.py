"""System check of the data-subject registry (``persondata.E201``..``E206``).

Fails ``manage.py check`` (and so CI) when a model that can lead to a person (a foreign key to
the person, directly or through other records, a person-id column or a generic link) has no
``SUBJECT_DATA`` declaration, when a declaration's path does not reach the person, or when it
names a field, section or hook that does not exist.
"""

from django.apps import apps
from django.core import checks

from . import free_text
from . import registry as r

TAG = "personal_data"


def _resolves_to_person(model, path: str) -> bool:
    person = apps.get_model(r.PERSON_MODEL)
    current = model
    parts = path.split("__")
    for index, part in enumerate(parts):
        try:
            f = current._meta.get_field(part)
        except Exception:  # noqa: BLE001
            return False
        last = index == len(parts) - 1
        if not f.is_relation:
            return last and (part == "id" and current is person or r._is_person_id_column(f))
        current = f.related_model
        if last:
            return current is person
    return False


def _field_exists(model, dotted: str) -> bool:
    """A field, or an ORM path through relations (``subject__processing_activity``)."""
    if dotted.lstrip("-") == "pk":
        return True
    current = model
    for part in dotted.lstrip("-").split("__"):
        try:
            f = current._meta.get_field(part)
        except Exception:  # noqa: BLE001
            return False
        current = f.related_model if f.is_relation else None
        if current is None:
            break
    return True


def entry_problems(entry: r.Entry, sections: dict) -> list[tuple[str, str, str]]:
    """[(code, message, hint)] for one declaration."""
    model, holds = entry.model, entry.holds
    where = f"{model._meta.app_label}/{r.DECLARATION_MODULE}.py SUBJECT_DATA[{entry.name!r}]"
    problems = []

    def missing(kind, name):
        problems.append(
            (
                "E203",
                f"Person-data registry: {where} names {kind} {name!r}, which is not a field of "
                f"{entry.label}.",
                "Renamed or deleted field? Change the declaration with the model.",
            )
        )

    for path in entry.paths:
        if not _resolves_to_person(model, path):
            problems.append(
                (
                    "E202",
                    f"Person-data registry: {where} path {path!r} does not lead to a person.",
                    "A path is a foreign key (or a chain of them, a__b) ending at "
                    f"{r.PERSON_MODEL}, or a person-id column.",
                )
            )
    copy = holds.copy
    copy_paths = copy.items() if isinstance(copy, dict) else [(None, copy)]
    for path, fields in copy_paths:
        if path is not None and path not in entry.paths:
            problems.append(("E203", f"{where}: copy for unknown path {path!r}.", ""))
        for f in fields:
            name = f.name if isinstance(f, r.F) else f
            if not _field_exists(model, name):
                missing("copy field", name)
    names = [*holds.rectifiable, *holds.order_by]
    anonymise = entry.anonymise
    if anonymise is not None:
        names += [*anonymise.replace, *anonymise.blank, *anonymise.detach]
        names += [name for name, _value in anonymise.values]
    if isinstance(holds.erasure, r.Keep):
        names += list(holds.erasure.blank)
    if holds.part_of:
        names.append(holds.part_of)
    if holds.activity:
        names.append(holds.activity)
    for spec in holds.retention:
        for attr in ("created_field", "closed_field", "review_field", "own_tenancy_end"):
            value = getattr(spec, attr)
            if value:
                names.append(value)
        names += list(spec.date_fields)
        if spec.kind_field:
            names.append(spec.kind_field)
        if spec.person_field:
            names.append(spec.person_field.removesuffix("_id"))
    for name in names:
        if not _field_exists(model, name):
            missing("field", name)
    if holds.section is None and not holds.not_in_copy:
        problems.append(
            (
                "E204",
                f"Person-data registry: {where} is in no section of the access copy and does "
                "not say why.",
                "Give section=<key> or not_in_copy=<reason>.",
            )
        )
    if holds.section is not None and holds.section not in sections:
        problems.append(
            (
                "E204",
                f"Person-data registry: {where} names section {holds.section!r}, which no "
                "COPY_SECTIONS declares.",
                "Known sections: " + ", ".join(sorted(sections)),
            )
        )
    if holds.source not in r.Source.LABELS:
        problems.append(("E203", f"{where}: unknown source {holds.source!r}.", ""))
    return problems


def all_problems(reg: r.Registry | None = None) -> list[tuple[str, str, str, object]]:
    reg = reg or r.build()
    problems = [("E206", message, "", obj) for message, obj in reg.errors]
    for model, paths in r.models_with_person_paths().items():
        if model._meta.label not in reg.entries:
            problems.append(
                (
                    "E201",
                    f"Person-data registry: {model._meta.label} can lead to a person "
                    f"({', '.join(paths)}) but has no declaration.",
                    f"Declare it in {model._meta.app_label}/{r.DECLARATION_MODULE}.py under "
                    f"SUBJECT_DATA[{model.__name__!r}] = Holds(...); see docs/architecture.md, "
                    "'The person-data registry'.",
                    model,
                )
            )
    for entry in reg.entries.values():
        for code, message, hint in entry_problems(entry, reg.sections):
            problems.append((code, message, hint, entry.model))
    for mention in reg.mentions.values():
        for name in mention.mentions.fields:
            if not _field_exists(mention.model, name):
                problems.append(
                    (
                        "E203",
                        f"Person-data registry: MENTIONS of {mention.label} names {name!r}.",
                        "",
                        mention.model,
                    )
                )
    return problems


@checks.register(TAG, checks.Tags.models)
def check_person_data_registry(app_configs=None, **kwargs):
    free_text_errors = [("E206", message, "", obj) for message, obj in free_text.build()[1]]
    return [
        checks.Error(message, hint=hint or None, obj=obj, id=f"persondata.{code}")
        for code, message, hint, obj in all_problems() + free_text_errors
    ]
