"""The data-subject registry: one declaration per model of what it holds about a person.

Every app declares, next to the field classification in ``<app>/personal_data.py``::

    SUBJECT_DATA = {
        "PhoneNumber": Holds(
            path="person",                       # record -> person (ORM path, or an id column)
            label=_("phone numbers"),            # the kind of data, in the tenant's words
            section="contact_details",           # where it appears in the access copy
            copy=("number", "kind", "is_preferred"),
            source=Source.SUBJECT,               # art. 15(1)(g): where it came from
            retention=(Retention("phone_number", date_fields=("created_at",)),),
            rectifiable=("number",),
            erasure=DELETE,
        ),
    }
    COPY_SECTIONS = [Section("contact_details", _("Your phone numbers ..."), _("..."), order=20)]
    MENTIONS = {"SearchGap": Mentions(fields=("example", "variants"))}

and everything that needs to know what the product holds about a person reads it from here:
the access copy (``rights.gather``), the retention targets (``retention.targets``), erasure
(``retention.services.erase_person``), rectification (``rights.services.rectify``), the
restriction check and the overview of who holds what. ``manage.py check`` fails when a model
with a path to a person has no declaration, or a declaration names a field that is gone
(``persondata.checks``).

This module imports nothing from the project's apps: it sits below them all.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

DECLARATION_MODULE = "personal_data"
PERSON_MODEL = "contacts.Person"
# The classification of a field without personal data, in ``PERSONAL_DATA`` (the inventory of
# ``processingregister.inventory`` reads it): declared here, at the bottom, so that every app's
# declarations import it from below.
NOT_PERSONAL = "not-personal"


class Source:
    """Where a kind of data came from (art. 15(1)(g) AVG), in the tenant's words."""

    SUBJECT = "subject"
    REPRESENTATIVE = "representative"
    STAFF = "staff"
    ADMINISTRATION = "administration"
    SYSTEM = "system"

    LABELS = {
        SUBJECT: _("from you, or from someone acting for you, when you contacted us"),
        REPRESENTATIVE: _("from you, or from the representative themselves"),
        STAFF: _("written down by our employees in their work for you"),
        ADMINISTRATION: _("from our tenant administration (the rental contract)"),
        SYSTEM: _("recorded automatically by our systems"),
    }

    @classmethod
    def label(cls, code: str) -> str:
        return str(cls.LABELS.get(code, code))


@dataclass(frozen=True)
class F:
    """A field in the access copy: its label defaults to the model field's verbose name, its
    value to the field (choices as their label, related records as their name); ``attr`` reads
    another attribute of the record instead (a dotted path, e.g. ``unit.full_address``)."""

    name: str
    label: Promise | str | None = None
    attr: str | None = None


@dataclass(frozen=True)
class Retention:
    """A retention target: the records of this model one kind of rule applies to. Built into
    ``retention.targets.Target`` by the retention app; the names mirror its attributes."""

    key: str
    label: Promise | str | None = None
    person_field: str | None = None  # default: the declaration's first path
    created_field: str | None = "created_at"
    closed_field: str | None = None
    review_field: str | None = None
    own_tenancy_end: str | None = None
    deregistration_field: str | None = None
    date_fields: tuple = ()
    actions: tuple = ("delete",)
    kind_field: str | None = None
    # A Q on the records (e.g. only contacts with a known person).
    base_filter: Q | None = None
    order: int = 50
    max_batch: int | None = None
    schedule_on_save: bool = True
    cascades_person: bool = False
    # Dotted paths of hooks run around a delete (for what the cascade cannot express).
    before_delete: str | None = None
    after_delete: str | None = None


@dataclass(frozen=True)
class Delete:
    """Erasure deletes the record (and, by the database's cascade, what belongs to it)."""

    kind: str = "delete"


@dataclass(frozen=True)
class Anonymise:
    """Erasure keeps the record without what identifies the person: ``replace`` texts become
    the tombstone (on request) or the retention marker, ``blank`` texts become empty,
    ``detach`` links become empty, ``values`` are set as given."""

    replace: tuple = ()
    blank: tuple = ()
    detach: tuple = ()
    values: tuple = ()  # ((field, value), ...)
    kind: str = "anonymise"


@dataclass(frozen=True)
class Keep:
    """Erasure keeps the record because a legal duty requires it (named for the request's
    answer); ``blank`` texts are emptied all the same."""

    duty: Promise | str
    blank: tuple = ()
    kind: str = "keep"


@dataclass(frozen=True)
class WithParent:
    """The record goes the way of the record it is part of (``Holds.part_of``): deleted with
    it by the cascade, anonymised with it by its own ``anonymise`` rules."""

    anonymise: Anonymise | None = None
    kind: str = "with_parent"


DELETE = Delete()


@dataclass(frozen=True)
class Holds:
    """What one model holds about a person; see the module docstring."""

    path: str | tuple
    label: Promise | str
    source: str
    erasure: Delete | Anonymise | Keep | WithParent
    section: str | None = None
    # Why a kind with a path is not in the copy (it must say, when ``section`` is None).
    not_in_copy: Promise | str | None = None
    copy: tuple | dict = ()  # fields, or {path: fields} when the person's side matters
    order_by: tuple = ("pk",)
    # Path from the record to the processing activity it is bound to (purpose in the copy).
    activity: str | None = None
    retention: tuple = ()
    rectifiable: tuple = ()
    # Processing of a restricted person's records of this kind stops (art. 18).
    restricted: bool = True
    # The foreign key to the record this one is part of (a task of its contact moment).
    part_of: str | None = None
    # Key in the access copy's "withheld" list (third-party information left out).
    withhold_key: str | None = None


@dataclass(frozen=True)
class Mentions:
    """Records without a link to a person whose text may still name one (a search text, a
    notification); erasure removes the rows (``delete``) or empties the fields (``blank``)
    that contain the person's name, relation number, phone, e-mail or card link."""

    fields: tuple
    label: Promise | str
    erase: str = "delete"


@dataclass(frozen=True)
class Section:
    """A part of the access copy, in the order the tenant reads them."""

    key: str
    title: Promise | str
    intro: Promise | str
    order: int
    empty: Promise | str | None = None


@dataclass(frozen=True)
class Entry:
    """A declaration bound to its model."""

    model: type
    holds: Holds

    @property
    def label(self) -> str:
        return self.model._meta.label

    @property
    def name(self) -> str:
        return self.model.__name__

    @property
    def paths(self) -> tuple:
        path = self.holds.path
        return (path,) if isinstance(path, str) else tuple(path)

    def person_lookup(self, path: str | None = None) -> str:
        """The ORM lookup of the person's id along ``path`` (default: the first)."""
        return person_lookup(self.model, path or self.paths[0])

    def person_q(self, person_ids, *, path: str | None = None) -> Q:
        ids = list(person_ids)
        paths = [path] if path else self.paths
        q = Q()
        for one in paths:
            q |= Q(**{f"{person_lookup(self.model, one)}__in": ids})
        return q

    def records(self, person_ids, *, path: str | None = None):
        """The records about these persons (the base manager: no default filter hides any)."""
        return self.model._base_manager.filter(self.person_q(person_ids, path=path))

    def copy_fields(self, path: str) -> tuple:
        copy = self.holds.copy
        fields = copy.get(path, ()) if isinstance(copy, dict) else copy
        return tuple(f if isinstance(f, F) else F(f) for f in fields)

    @property
    def anonymise(self) -> Anonymise | None:
        erasure = self.holds.erasure
        if isinstance(erasure, Anonymise):
            return erasure
        if isinstance(erasure, WithParent):
            return erasure.anonymise
        return None

    def direct_person_fields(self) -> list[str]:
        """The nullable foreign keys that link this record straight to a person (detached
        when the record is anonymised together with its parent)."""
        names = []
        for path in self.paths:
            if "__" in path:
                continue
            try:
                f = self.model._meta.get_field(path)
            except Exception:  # noqa: BLE001, S112  (the check reports unknown paths)
                continue
            if f.is_relation and f.null:
                names.append(f.name)
        return names


@dataclass(frozen=True)
class MentionEntry:
    model: type
    mentions: Mentions

    @property
    def label(self) -> str:
        return self.model._meta.label


def person_lookup(model, path: str) -> str:
    """``person`` -> ``person_id``; ``contact_moment__person`` -> ``contact_moment__person_id``;
    an id column (``subject_person_id``) stays as it is."""
    parts = path.split("__")
    current = model
    for index, part in enumerate(parts):
        f = current._meta.get_field(part)
        last = index == len(parts) - 1
        if last:
            return f"{path}_id" if f.is_relation else path
        current = f.related_model
    return path


# --- Loading the declarations --------------------------------------------------------------------


def project_app_configs(registry=None):
    registry = registry or global_apps
    base = Path(settings.BASE_DIR).resolve()
    configs = []
    for config in registry.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(base) and "site-packages" not in path.parts:
            configs.append(config)
    return configs


def _module(app_config):
    name = f"{app_config.name}.{DECLARATION_MODULE}"
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return None
        raise


@dataclass
class Registry:
    entries: dict = field(default_factory=dict)  # model label -> Entry
    mentions: dict = field(default_factory=dict)  # model label -> MentionEntry
    sections: dict = field(default_factory=dict)  # key -> Section
    errors: list = field(default_factory=list)  # (message, obj) found while loading


def build(app_configs=None) -> Registry:
    """Read every project app's declarations (``SUBJECT_DATA``, ``MENTIONS``,
    ``COPY_SECTIONS``)."""
    result = Registry()
    for config in app_configs or project_app_configs():
        module = _module(config)
        if module is None:
            continue
        for section in getattr(module, "COPY_SECTIONS", ()):
            result.sections[section.key] = section
        for attr, target, make in (
            ("SUBJECT_DATA", result.entries, Entry),
            ("MENTIONS", result.mentions, MentionEntry),
        ):
            for name, declaration in (getattr(module, attr, None) or {}).items():
                try:
                    model = config.get_model(name)
                except LookupError:
                    result.errors.append(
                        (
                            f"{config.label}/{DECLARATION_MODULE}.py: {attr} declares {name!r}, "
                            f"which is not a model of app {config.label!r}.",
                            None,
                        )
                    )
                    continue
                target[model._meta.label] = make(model, declaration)
    return result


@cache
def registry() -> Registry:
    return build()


def entries() -> list[Entry]:
    return list(registry().entries.values())


def entry_for(model) -> Entry | None:
    label = model if isinstance(model, str) else model._meta.label
    return registry().entries.get(label)


def mention_entries() -> list[MentionEntry]:
    return list(registry().mentions.values())


def sections() -> list[Section]:
    return sorted(registry().sections.values(), key=lambda s: s.order)


def section_entries(key: str) -> list[Entry]:
    return [e for e in entries() if e.holds.section == key]


def dependents(entry: Entry) -> list[Entry]:
    """Entries whose records are part of ``entry``'s records (``part_of`` points at it)."""
    found = []
    for other in entries():
        if not other.holds.part_of:
            continue
        try:
            related = other.model._meta.get_field(other.holds.part_of).related_model
        except Exception:  # noqa: BLE001, S112
            continue
        if related is entry.model:
            found.append(other)
    return found


def retention_specs() -> list[tuple[Entry, Retention]]:
    return [(entry, spec) for entry in entries() for spec in entry.holds.retention]


def rectifiable_fields() -> dict[str, tuple]:
    """{model label: fields a rectification may change}."""
    return {e.label: e.holds.rectifiable for e in entries() if e.holds.rectifiable}


def erasure_plan() -> list[Entry]:
    """The entries an erasure handles itself, parts before wholes and the person last: what is
    part of another record goes with it, so it is not in the plan."""
    plan = [e for e in entries() if not isinstance(e.holds.erasure, WithParent)]
    person = [e for e in plan if e.label == PERSON_MODEL]
    rest = [e for e in plan if e.label != PERSON_MODEL]
    return rest + person


# --- Introspection: which models hold data about a person ---------------------------------------


def _is_person_id_column(f) -> bool:
    return (
        f.concrete
        and not f.is_relation
        and (f.name == "person_id" or f.name.endswith("_person_id"))
    )


def has_generic_link(model) -> bool:
    """A content type and an object id: the record may point at any record, a person's too."""
    names = {f.name for f in model._meta.get_fields()}
    has_type = any(
        f.is_relation
        and f.concrete
        and f.related_model is not None
        and f.related_model._meta.label == "contenttypes.ContentType"
        for f in model._meta.get_fields()
    )
    generic = any(isinstance(f, GenericForeignKey) for f in model._meta.get_fields())
    return generic or (has_type and "object_id" in names)


def _project_labels() -> set:
    return {config.label for config in project_app_configs()}


def person_paths(model, _seen=None) -> list[str]:
    """Every way a record of ``model`` leads to a person, as a readable list: foreign keys to
    the person (directly or through other records), person-id columns, generic links."""
    person = global_apps.get_model(PERSON_MODEL)
    if model is person:
        return ["(the person)"]
    seen = set(_seen or ()) | {model}
    found = []
    for f in model._meta.get_fields():
        if not f.concrete and not isinstance(f, GenericForeignKey):
            continue
        if isinstance(f, GenericForeignKey):
            found.append(f"{f.name} (generic)")
        elif _is_person_id_column(f):
            found.append(f.name)
        elif (
            f.is_relation
            and f.concrete
            and f.related_model is not None
            and (f.many_to_one or f.one_to_one)
        ):
            related = f.related_model
            if related is person:
                found.append(f.name)
            elif (
                related not in seen
                and related._meta.app_label in _project_labels()
                and person_paths(related, seen)
            ):
                found.append(f"{f.name} -> {related._meta.label}")
    if not found and has_generic_link(model):
        found.append("content_type/object_id (generic)")
    return found


def models_with_person_paths() -> dict:
    """{model: [paths]} for every concrete model of the project that can lead to a person."""
    result = {}
    for config in project_app_configs():
        for model in config.get_models():
            meta = model._meta
            if meta.proxy or not meta.managed or meta.auto_created:
                continue
            paths = person_paths(model)
            if paths:
                result[model] = paths
    return result


def field_names(model) -> set:
    return {f.name for f in model._meta.get_fields()} | {
        f.attname for f in model._meta.concrete_fields
    }
