"""Restriction of processing (art. 18 AVG): one rule, read by every path.

While a person's processing is restricted, their data is kept as it is, for their legal claims:
nobody but the privacy officer changes or deletes a record of a kind the registry declares
``restricted`` (``Holds.restricted``, the default; logs and the rights bookkeeping say
``restricted=False``), search and caller lookup mark the person (``mark``), exports and surveys
leave them out (``exclude``), and retention does not act on their records
(``retention.engine.classify`` asks ``restricted_person_ids``).

The rule is enforced in one place for every write: a ``pre_save``/``pre_delete`` guard on each
declared ``restricted`` model (``connect_guard``, from ``PersondataConfig.ready``). It knows who
acts from ``acting_as`` (bound per web request by ``persondata.middleware`` and per API request
by the API's authentication); a job or command binds nobody and is not stopped here: the
retention engine and the exports filter restricted persons themselves, through this module.
Services call ``check`` first only to refuse early with the same message.

The app that records restrictions (``rights``) sits above this one; it registers where they are
(``register_source``) in its ``AppConfig.ready()``.
"""

from __future__ import annotations

import contextvars
from contextlib import contextmanager

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import signals
from django.utils.translation import gettext as _

from . import registry

_sources: list = []
_actor: contextvars.ContextVar = contextvars.ContextVar("persondata_actor", default=None)


class ProcessingRestricted(ValidationError):
    """A write or export on a person whose processing is restricted (art. 18 AVG).

    A ``ValidationError`` (with a non-field message), so forms and views that already show a
    service's validation errors show this one too; the API maps it to 409 itself.
    """

    def __init__(self, person=None, message=None):
        self.person = person
        self.restriction_message = message or _(
            "Processing of this person's data is restricted (art. 18 AVG): the data may not be "
            "changed or exported. Only the privacy officer can do this while the restriction "
            "lasts."
        )
        super().__init__({NON_FIELD_ERRORS: [self.restriction_message]}, code="restricted")

    def __str__(self):
        return str(self.restriction_message)


def register_source(source) -> None:
    """Register ``source(person_ids)``: the ids among them whose processing is restricted."""
    if source not in _sources:
        _sources.append(source)


def restricted_person_ids(person_ids) -> set:
    """The persons among ``person_ids`` whose processing is restricted."""
    ids = {int(person_id) for person_id in person_ids if person_id is not None}
    if not ids or not _sources:
        return set()
    found = set()
    for source in _sources:
        found.update(int(person_id) for person_id in source(ids))
    return found & ids


def is_restricted(person) -> bool:
    person_id = getattr(person, "pk", person)
    return person_id is not None and bool(restricted_person_ids([person_id]))


# Who may still process a restricted person's data (the privacy officer): registered by the
# accounts app, which knows the roles (this module sits below it).
_may_process: list = []


def register_officer_check(check) -> None:
    """Register ``check(user) -> bool``: this user may process a restricted person's data."""
    if check not in _may_process:
        _may_process.append(check)


def may_process_restricted(user) -> bool:
    """Only the privacy officer processes a restricted person's data."""
    return user is not None and any(check(user) for check in _may_process)


def check(person, user=None) -> None:
    """Raise ``ProcessingRestricted`` if the person's (or any of these persons') processing is
    restricted, unless ``user`` is the privacy officer. ``person``: a Person, an id, a list of
    ids, or None (then nothing to check)."""
    if person is None:
        return
    ids = person if isinstance(person, list | tuple | set) else [getattr(person, "pk", person)]
    if restricted_person_ids(ids) and not may_process_restricted(user):
        raise ProcessingRestricted(person)


def mark(persons) -> list:
    """Set ``processing_restricted`` on each person (one query): search and caller lookup show
    it next to the name."""
    persons = list(persons)
    restricted = restricted_person_ids(p.pk for p in persons)
    for person in persons:
        person.processing_restricted = person.pk in restricted
    return persons


def exclude(queryset, path: str = "pk"):
    """The queryset without the records of restricted persons (``path``: the person's id)."""
    ids = set(queryset.values_list(path, flat=True))
    restricted = restricted_person_ids(ids)
    return queryset.exclude(**{f"{path}__in": sorted(restricted)}) if restricted else queryset


# --- Who acts -------------------------------------------------------------------------------------


@contextmanager
def acting_as(user):
    """Bind the user who acts (a web or API request) for the guard below."""
    token = _actor.set(user)
    try:
        yield
    finally:
        _actor.reset(token)


def bind_actor(user) -> None:
    """Bind the user for the rest of this request (the API binds after authenticating; the
    middleware resets the binding when the request ends)."""
    _actor.set(user)


def current_actor():
    return _actor.get()


# --- The guard ----------------------------------------------------------------------------------


def _persons_of(entry, instance) -> set:
    found = set()
    for path in entry.paths:
        if "__" not in path:
            f = entry.model._meta.get_field(path)
            value = getattr(instance, f.attname if f.is_relation else f.name, None)
            if value is not None:
                found.add(value)
            continue
        head, rest = path.split("__", 1)
        parent_id = getattr(instance, entry.model._meta.get_field(head).attname, None)
        if parent_id is None:
            continue
        parent = entry.model._meta.get_field(head).related_model
        lookup = registry.person_lookup(parent, rest)
        found.update(
            parent._base_manager.filter(pk=parent_id)
            .exclude(**{f"{lookup}__isnull": True})
            .values_list(lookup, flat=True)
        )
    return found


def _guard(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return  # loading a fixture
    user = _actor.get()
    if user is None or not getattr(user, "is_authenticated", False):
        return  # a job or a command: it filters restricted persons itself
    entry = registry.entry_for(sender)
    if entry is None or not entry.holds.restricted:
        return
    persons = _persons_of(entry, instance)
    if sender._meta.label == registry.PERSON_MODEL and instance.pk is not None:
        persons.add(instance.pk)
    if persons and restricted_person_ids(persons) and not may_process_restricted(user):
        raise ProcessingRestricted(next(iter(persons)))


def connect_guard() -> None:
    """One receiver for every model: it returns at once without an acting user, and otherwise
    looks the model up in the registry (declarations load on first use, not at start-up)."""
    signals.pre_save.connect(_guard, dispatch_uid="persondata-restriction-save")
    signals.pre_delete.connect(_guard, dispatch_uid="persondata-restriction-delete")
