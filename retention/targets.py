"""The record types retention rules apply to, how their trigger dates are computed, and how they
are deleted or anonymised.

A target names a model, where the person id sits, which moments (triggers) it knows and which
actions it allows. Trigger dates are computed per batch of records with a few aggregate queries
(never per record), so the same code serves the nightly run, the signals that recompute a
record's due date, the dry run and the check just before acting.

The targets are not listed here: each model declares its own in ``<app>/personal_data.py``
(``persondata.registry.Retention``), next to what its records hold about a person and how an
erasure treats them, and ``REGISTRY`` is built from those declarations. A rule for data without a
declared target documents the policy only.
"""

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache, partial
from importlib import import_module

from django.apps import apps
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.functional import Promise

from audit.services import redact_entries_for_person
from persondata import registry

from . import erasure
from .actions import chunks, pks
from .models import Action, Trigger
from .sql import among

# A trigger that is not computed from the data (events): the stored date stands.
STORED = object()


def as_date(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


@dataclass(frozen=True)
class Target:
    key: str
    model_label: str
    label: Promise
    person_field: str | None = "person_id"
    created_field: str | None = "created_at"
    closed_field: str | None = None
    review_field: str | None = None
    deregistration_field: str | None = None
    own_tenancy_end: str | None = None
    date_fields: tuple = ()
    actions: frozenset = frozenset({Action.DELETE})
    kind_field: str | None = None
    base_filter: Q | None = None
    # Deleting it removes a whole file (the person): every duty on the person's data counts.
    cascades_person: bool = False
    # Rules on other targets run first; the person goes last.
    order: int = 50
    # At most this many per transaction (a person takes a whole file along).
    max_batch: int | None = None
    # Append-only records with a fixed date (the access log) are scheduled by the nightly run
    # only: no work on the request that writes them.
    schedule_on_save: bool = True
    anonymiser: Callable | None = None
    before_delete: Callable | None = None
    after_delete: Callable | None = None

    @property
    def model(self):
        return apps.get_model(self.model_label)

    @property
    def available(self) -> bool:
        try:
            self.model  # noqa: B018
        except LookupError:
            return False
        return True

    def supports_trigger(self, trigger: str) -> bool:
        if trigger in (Trigger.TENANCY_END,):
            return bool(self.own_tenancy_end or self.person_field)
        if trigger in (Trigger.LAST_CONTACT, Trigger.EVENT):
            return bool(self.person_field)
        if trigger == Trigger.DATE_FIELD:
            return bool(self.date_fields)
        return bool(self._own_field(trigger, None))

    def _own_field(self, trigger: str, rule) -> str | None:
        return {
            Trigger.CREATED: self.created_field,
            Trigger.CLOSED: self.closed_field,
            Trigger.REVIEW_DATE: self.review_field,
            Trigger.DEREGISTRATION: self.deregistration_field,
            Trigger.TENANCY_END: self.own_tenancy_end,
            Trigger.DATE_FIELD: rule.trigger_field if rule is not None else None,
        }.get(trigger)

    # --- records ----------------------------------------------------------------------------

    def records(self, rule=None):
        """Every record the rule covers (the base manager: no default filters hide any)."""
        qs = self.model._base_manager.all()
        if self.base_filter is not None:
            qs = qs.filter(self.base_filter)
        if rule is not None and rule.kinds and self.kind_field:
            qs = qs.filter(**{f"{self.kind_field}__in": rule.kinds})
        return qs

    def records_of_persons(self, person_ids: Iterable[int], rule=None):
        return self.records(rule).filter(among(self.person_field, person_ids))

    def compute(self, rule, pks: Iterable[int]) -> dict:
        """{pk: (person_id, trigger_date or None or STORED)} for the records that still exist and
        are still covered by the rule."""
        pks = list(pks)
        if not pks:
            return {}
        own = self._own_field(rule.trigger, rule)
        person = self.person_field
        columns = ["pk", person] if person else ["pk"]
        if own:
            columns.append(own)
        rows = self.records(rule).filter(among("pk", pks)).values_list(*columns)
        result = {}
        for row in rows:
            pk = row[0]
            person_id = row[1] if person else None
            result[pk] = (person_id, as_date(row[-1]) if own else None)
        if own:
            return result
        if rule.trigger == Trigger.EVENT:
            return {pk: (person_id, STORED) for pk, (person_id, _d) in result.items()}
        person_ids = {person_id for person_id, _d in result.values() if person_id is not None}
        if rule.trigger == Trigger.TENANCY_END:
            dates = person_tenancy_end(person_ids)
        elif rule.trigger == Trigger.LAST_CONTACT:
            dates = person_relationship_end(person_ids)
        else:
            dates = {}
        return {pk: (person_id, dates.get(person_id)) for pk, (person_id, _d) in result.items()}


# --- Person-level triggers ----------------------------------------------------------------------


def _contacts_model(name):
    return apps.get_model("contacts", name)


def person_tenancy_end(person_ids: Iterable[int]) -> dict:
    """The end of a person's last tenancy; None while one runs without an end date or when the
    person never had a tenancy (the trigger has not happened)."""
    person_ids = list(person_ids)
    if not person_ids:
        return {}
    rows = (
        _contacts_model("Tenancy")
        ._base_manager.filter(among("person_id", person_ids))
        .values("person_id")
        .annotate(last=Max("end_date"), running=Count("pk", filter=Q(end_date__isnull=True)))
        .order_by()
    )
    return {row["person_id"]: (row["last"] if not row["running"] else None) for row in rows}


def person_relationship_end(person_ids: Iterable[int]) -> dict:
    """When the relationship with a person ended: the latest of the last contact, the end of the
    last tenancy and the end of the last mandate (as represented person or as representative).

    None while a tenancy or a mandate runs without an end date: the relationship goes on. A
    person with nothing at all counts from the day they were registered.
    """
    person_ids = list(person_ids)
    if not person_ids:
        return {}
    latest: dict[int, datetime.date | None] = {}
    running: set[int] = set()

    def note(person_id, day):
        day = as_date(day)
        if day is not None and (latest.get(person_id) is None or day > latest[person_id]):
            latest[person_id] = day

    tenancies = (
        _contacts_model("Tenancy")
        ._base_manager.filter(among("person_id", person_ids))
        .values("person_id")
        .annotate(last=Max("end_date"), running=Count("pk", filter=Q(end_date__isnull=True)))
        .order_by()
    )
    for row in tenancies:
        if row["running"]:
            running.add(row["person_id"])
        note(row["person_id"], row["last"])
    contacts = (
        _contacts_model("ContactMoment")
        ._base_manager.filter(among("person_id", person_ids))
        .values("person_id")
        .annotate(last=Max("occurred_at"))
        .order_by()
    )
    for row in contacts:
        note(row["person_id"], row["last"])
    mandate = _contacts_model("Mandate")._base_manager
    for side in ("represented_id", "representative_id"):
        rows = (
            mandate.filter(among(side, person_ids))
            .values(side)
            .annotate(last=Max("valid_to"), running=Count("pk", filter=Q(valid_to__isnull=True)))
            .order_by()
        )
        for row in rows:
            if row["running"]:
                running.add(row[side])
            note(row[side], row["last"])
    created = (
        _contacts_model("Person")
        ._base_manager.filter(among("pk", person_ids))
        .values_list("pk", "created_at")
    )
    result = {}
    for person_id, created_at in created:
        if person_id in running:
            result[person_id] = None
        else:
            result[person_id] = latest.get(person_id) or as_date(created_at)
    return result


# --- Actions ------------------------------------------------------------------------------------


def anonymise_records(entry, ids, ctx, *, detach_person: bool = False, as_part: bool = False):
    """Anonymise these records of ``entry`` by their declaration (``persondata.registry``),
    and the records that are part of them (a contact's tasks, a task's events) by theirs.

    ``replace`` texts become the tombstone (erasure on request) or the retention marker where
    they are not empty, ``blank`` texts become empty, ``detach`` links empty. A part follows
    its whole: it loses its own link to the person when the whole loses its (a contact's task
    and its events), not when only the whole's texts go (a task anonymised by its own rule).
    """
    spec = entry.anonymise
    if spec is None:
        raise ValueError(f"{entry.label} cannot be anonymised")
    model = entry.model
    detach = list(spec.detach)
    if detach_person:
        detach += [name for name in entry.direct_person_fields() if name not in detach]
    loses_person = detach_person or any(
        name in spec.detach for name in entry.direct_person_fields()
    )
    # The tombstone ("erased at the data subject's request on ...") stands once, in the whole.
    text = ctx.marker if as_part else (ctx.tombstone or ctx.marker)
    for part in chunks(list(ids)):
        for dependent in registry.dependents(entry):
            if dependent.anonymise is None:
                continue
            children = pks(
                dependent.model._base_manager.filter(among(f"{dependent.holds.part_of}_id", part))
            )
            if children:
                anonymise_records(
                    dependent, children, ctx, detach_person=loses_person, as_part=True
                )
        ctx.redact(model, part)
        records = model._base_manager.filter(among("pk", part))
        for name in spec.replace:
            records.exclude(**{name: ""}).update(**{name: text})
        updates = dict.fromkeys(spec.blank, "")
        updates.update(dict.fromkeys(detach))
        updates.update(dict(spec.values))
        if updates:
            records.update(**updates)


def detach_mandates(ids, ctx):
    """Contacts made by a representative keep their place on the represented person's
    timeline, without the mandate that is removed."""
    for part in chunks(list(ids)):
        _contacts_model("ContactMoment")._base_manager.filter(among("mandate_id", part)).update(
            mandate=None, caller_kind="other"
        )


def before_person_delete(ids, ctx):
    """Before the person rows go: every declared record of theirs is handled by its
    declaration (contacts anonymised for management information, copies and guard overrides
    deleted, requests kept without their texts, ...; ``retention.erasure``), and what names
    them in free text is read, to be swept after the delete."""
    # An erasure on request read them before it removed the contact details: keep those.
    unread = [pid for pid in ids if pid not in ctx.identifiers]
    ctx.identifiers.update(erasure.identifiers_of(unread))
    erasure.erase_records(ids, ctx)


def after_person_delete(person_ids, ctx):
    for person_id in person_ids:
        redact_entries_for_person(person_id, reason=ctx.reason)
    erasure.sweep(person_ids, ctx)


def _hook(path: str | None):
    if not path:
        return None
    module, _sep, name = path.rpartition(".")
    return getattr(import_module(module), name)


def target_from(entry, spec) -> Target:
    """The retention target of one ``persondata.registry.Retention`` declaration."""
    person_field = spec.person_field
    if person_field is None:
        person_field = entry.person_lookup()
    anonymiser = None
    if entry.anonymise is not None and Action.ANONYMISE in spec.actions:
        anonymiser = partial(anonymise_records, entry)
    return Target(
        key=spec.key,
        model_label=entry.label,
        label=spec.label or entry.holds.label,
        person_field=person_field or None,
        created_field=spec.created_field,
        closed_field=spec.closed_field,
        review_field=spec.review_field,
        own_tenancy_end=spec.own_tenancy_end,
        deregistration_field=spec.deregistration_field,
        date_fields=tuple(spec.date_fields),
        actions=frozenset(Action(action) for action in spec.actions),
        kind_field=spec.kind_field,
        base_filter=spec.base_filter,
        cascades_person=spec.cascades_person,
        order=spec.order,
        max_batch=spec.max_batch,
        schedule_on_save=spec.schedule_on_save,
        anonymiser=anonymiser,
        before_delete=_hook(spec.before_delete),
        after_delete=_hook(spec.after_delete),
    )


@cache
def _targets() -> dict[str, Target]:
    built = {}
    for entry, spec in registry.retention_specs():
        if spec.key in built:
            raise ValueError(f"retention target {spec.key!r} is declared twice")
        built[spec.key] = target_from(entry, spec)
    return dict(sorted(built.items(), key=lambda item: (item[1].order, item[0])))


class _Registry(Mapping):
    """The targets, built on first use from the person-data registry (the declarations in
    ``<app>/personal_data.py``), once the apps are loaded."""

    def __getitem__(self, key):
        return _targets()[key]

    def __iter__(self):
        return iter(_targets())

    def __len__(self):
        return len(_targets())


REGISTRY: Mapping[str, Target] = _Registry()


def targets_for_model(model) -> list[Target]:
    label = model._meta.label
    return [target for target in REGISTRY.values() if target.model_label == label]
