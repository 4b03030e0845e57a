"""Who a record is about, and what keeps it: legal holds (``HoldIndex``) and the data that must
outlive a person (``persons_kept_longer``), as the registry of person data declares them."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q

from persondata import registry

from ..models import LegalHold, RetentionRule, RetentionSchedule
from ..sql import among
from ..targets import STORED, targets_for_model
from .context import PENDING, REVIEW, enforceable
from .schedules import compute


def persons_of(entry, pks) -> dict[int, set]:
    """{record id: the persons it reaches through any of its declared paths}."""
    found: dict[int, set] = {}
    pks = list(pks)
    if entry is None or not pks:
        return found
    for path in entry.paths:
        lookup = entry.person_lookup(path)
        rows = (
            entry.model._base_manager.filter(among("pk", pks))
            .exclude(**{f"{lookup}__isnull": True})
            .values_list("pk", lookup)
        )
        for pk, person_id in rows:
            found.setdefault(pk, set()).add(person_id)
    return found


def related_persons(target, pks) -> dict[int, set]:
    """{record id: every person whose data acting on the record changes}: the persons the record
    reaches through its declared paths; for a person (whose deletion takes their records
    along) also the other persons those records reach (the other side of a mandate)."""
    pks = list(pks)
    entry = registry.entry_for(target.model)
    found = persons_of(entry, pks)
    if not target.cascades_person or not pks:
        return found
    wanted = set(pks)
    for other in registry.entries():
        if other is entry or len(other.paths) < 2:
            continue
        lookups = [other.person_lookup(path) for path in other.paths]
        for row in other.records(pks).values_list(*lookups):
            persons = {person_id for person_id in row if person_id is not None}
            for person_id in persons & wanted:
                found.setdefault(person_id, set()).update(persons)
    return found


# --- Holds and longer duties ---------------------------------------------------------------------


def _model_of(content_type_id):
    return ContentType.objects.get_for_id(content_type_id).model_class()


def _wholes_of(held: dict) -> dict:
    """The records the held records are part of, up the ``part_of`` chain (a held task event's
    task and contact moment): changing those would change the held record."""
    found: dict = {}
    queue = list(held.items())
    while queue:
        model, pks = queue.pop()
        entry = registry.entry_for(model)
        if entry is None or not entry.holds.part_of or not pks:
            continue
        link = model._meta.get_field(entry.holds.part_of)
        parent = link.related_model
        ids = set(
            model._base_manager.filter(among("pk", pks))
            .exclude(**{f"{link.attname}__isnull": True})
            .values_list(link.attname, flat=True)
        ) - found.get(parent, set())
        if ids:
            found.setdefault(parent, set()).update(ids)
            queue.append((parent, ids))
    return found


def _parts_of(held: dict) -> dict:
    """The records that are part of the held records (``registry.dependents``: a held contact
    moment's tasks and their events): they belong to what is held."""
    found: dict = {}
    queue = list(held.items())
    while queue:
        model, pks = queue.pop()
        entry = registry.entry_for(model)
        if entry is None or not pks:
            continue
        for part in registry.dependents(entry):
            link = part.model._meta.get_field(part.holds.part_of)
            ids = set(
                part.model._base_manager.filter(among(link.attname, pks)).values_list(
                    "pk", flat=True
                )
            ) - found.get(part.model, set())
            if ids:
                found.setdefault(part.model, set()).update(ids)
                queue.append((part.model, ids))
    return found


class HoldIndex:
    """The legal holds active on a day (a short list: holds are exceptions), for one batch of
    records of one type.

    A hold on the person (no record named) holds everything of the person. A hold on a record
    holds that record, its parts (a contact moment's tasks) and the records it is part of (a
    held task keeps its contact moment: anonymising the contact blanks its tasks), not the rest
    of the person's data. Deleting the person itself is blocked by any record hold on them: it
    would take the held record along. What is part of what comes from the person-data registry
    (``part_of``).
    """

    def __init__(self, content_type, day):
        self.content_type_id = content_type.pk
        model = content_type.model_class()
        self.whole_person = set()
        self.records = set()
        self.persons_with_record_holds = set()
        held: dict = {}
        holds = LegalHold.objects.active_on(day).values_list(
            "person_id", "content_type_id", "object_id"
        )
        for person_id, type_id, object_id in holds:
            if object_id is None:
                self.whole_person.add(person_id)
                continue
            self.records.add((type_id, object_id))
            if person_id is not None:
                self.persons_with_record_holds.add(person_id)
            held_model = _model_of(type_id)
            if held_model is not None:
                held.setdefault(held_model, set()).add(object_id)
        reach: dict = {m: set(pks) for m, pks in held.items()}
        for extra in (_wholes_of(held), _parts_of(held)):
            for m, pks in extra.items():
                reach.setdefault(m, set()).update(pks)
        self.blocked = set(reach.get(model, ())) if model is not None else set()
        # Whose deletion would take a held record along: every person a held record reaches.
        for m, pks in reach.items():
            for persons in persons_of(registry.entry_for(m), pks).values():
                self.persons_with_record_holds.update(persons)
        self.removes_person = model is not None and (
            model._meta.label == registry.PERSON_MODEL
            or any(target.cascades_person for target in targets_for_model(model))
        )

    def blocks(self, person_id, object_id, *, removes_more=None, persons=()) -> bool:
        """Does a hold keep this record? ``persons``: every person the record is about (its
        declared paths), besides ``person_id``. ``removes_more`` is accepted for older callers:
        what an action takes along follows from the registry, not from the action."""
        about = {p for p in (person_id, *persons) if p is not None}
        if about & self.whole_person:
            return True
        if object_id in self.blocked:
            return True
        return self.removes_person and bool(about & self.persons_with_record_holds)


def _kept_state(day) -> Q:
    """A due date kept by a decision: in review, or kept until a date after ``day``."""
    return Q(state=REVIEW) | Q(state=PENDING, kept_until__gt=day)


def persons_kept_longer(
    person_ids, day, *, exclude_rule=None, as_of_start=False, in_review=()
) -> set:
    """Persons with data that must outlive them: a record under a statutory rule whose period
    has not ended (or not started: a running contract), a record in review or kept by a
    decision. Deleting the person would take that record along. A record counts for every
    person it reaches through a declared path (a mandate for the represented person and for the
    representative alike).

    ``as_of_start``: person-level triggers as stored at the start of the run (see
    ``compute``). ``in_review``: {(content type id, record id)} a dry run would send to review
    before this rule (they keep their persons in the real run).
    """
    person_ids = list({p for p in person_ids if p is not None})
    if not person_ids:
        return set()
    wanted = set(person_ids)
    kept = set(
        RetentionSchedule.objects.filter(among("person_id", person_ids))
        .filter(_kept_state(day))
        .values_list("person_id", flat=True)
    )

    def add(entry, pks_or_q):
        for path in entry.paths:
            lookup = entry.person_lookup(path)
            remaining = [p for p in person_ids if p not in kept]
            if not remaining:
                return
            qs = entry.model._base_manager.filter(among(lookup, remaining)).filter(pks_or_q)
            kept.update(qs.values_list(lookup, flat=True))

    # A decision (or an open review) on any record that reaches the person.
    reviewed_types: dict = {}
    for type_id, object_id in in_review:
        reviewed_types.setdefault(type_id, set()).add(object_id)
    for entry in registry.entries():
        if entry.label == registry.PERSON_MODEL or not targets_for_model(entry.model):
            continue
        if len(kept) == len(wanted):
            return kept
        content_type = ContentType.objects.get_for_model(entry.model)
        decided = RetentionSchedule.objects.filter(
            _kept_state(day), content_type=content_type, object_id=OuterRef("pk")
        )
        condition = Q(Exists(decided))
        if content_type.pk in reviewed_types:
            condition |= Q(pk__in=sorted(reviewed_types[content_type.pk]))
        add(entry, condition)

    statutory = RetentionRule.objects.active_on(day).filter(is_statutory=True).exclude(target="")
    if exclude_rule is not None:
        statutory = statutory.exclude(pk=exclude_rule.pk)
    for rule in statutory:
        target = rule.target_spec
        if not enforceable(rule) or target.cascades_person or not target.person_field:
            continue
        remaining = [p for p in person_ids if p not in kept]
        if not remaining:
            break
        entry = registry.entry_for(target.model)
        if entry is not None:
            records = target.records(rule).filter(entry.person_q(remaining))
        else:
            records = target.records_of_persons(remaining, rule)
        pks = set(records.values_list("pk", flat=True))
        held_back = []
        for pk, (person_id, trigger) in compute(rule, pks, as_of_start=as_of_start).items():
            due = rule.due_from(trigger) if trigger is not STORED else None
            if trigger is STORED or due is None or due > day:
                held_back.append(pk)
                if person_id in wanted:
                    kept.add(person_id)
        for persons in persons_of(entry, held_back).values():
            kept.update(persons & wanted)
    return kept
