"""One chunk of checked rows into the register: create what is new, change what changed, leave
what is equal alone, by the ERP's own keys.

Each function takes the chunk's checked values (row number -> values), reads the existing
records of the chunk in one query, writes with ``bulk_create`` / ``bulk_update``, and writes the
audit trail for them (``audit_trail.log_bulk``). The caller runs it inside one transaction per
chunk. Returns the counts and the refusals the database side found (e.g. an address that
belongs to another unit).
"""

import copy
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from contacts.models import EmailAddress, Person, PhoneNumber, Tenancy, Unit
from contacts.normalise import person_search_name
from persondata import restriction

from . import bulk
from .audit_trail import log_bulk

PERSON_FIELDS = ("initials", "given_name", "surname_prefix", "surname", "date_of_birth")
UNIT_FIELDS = (
    "street",
    "house_number",
    "house_number_addition",
    "postcode",
    "town",
    "team_id",
)
TENANCY_FIELDS = ("unit_id", "role_id", "start_date", "end_date")


@dataclass
class ChunkResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refusals: list = field(default_factory=list)  # (row number, reason)
    person_ids: set = field(default_factory=set)  # persons whose tenancies changed
    new_tenants: set = field(default_factory=set)  # persons with a new tenancy as tenant


def _differs(record, values: dict, names) -> bool:
    return any(getattr(record, name) != values[name] for name in names)


def _apply(record, values: dict, names) -> bool:
    """Set the changed values on ``record``; True when anything changed."""
    changed = False
    for name in names:
        if getattr(record, name) != values[name]:
            setattr(record, name, values[name])
            changed = True
    return changed


def _restricted(person_ids, actor) -> set:
    """Persons whose processing is restricted (art. 18): the import changes nothing of theirs
    (bulk writes pass no save signal, so the guard is asked here, by the registry's rule)."""
    if restriction.may_process_restricted(actor):
        return set()
    return restriction.restricted_person_ids(person_ids)


RESTRICTED = gettext_lazy(
    "Processing of this person is restricted (art. 18 AVG): nothing was changed."
)


def _write(model, created, updated, names, *, actor, result: ChunkResult) -> None:
    """Bulk-write the new and the changed records (``updated``: (old copy, record)) and their
    audit entries."""
    bulk.insert(model, created)
    if updated:
        model.objects.bulk_update([new for _old, new in updated], names)
    log_bulk([(None, record) for record in created] + updated, actor=actor)
    result.created += len(created)
    result.updated += len(updated)


def persons(chunk: dict[int, dict], *, actor) -> ChunkResult:
    result = ChunkResult()
    numbers = [values["relation_number"] for values in chunk.values()]
    existing = {p.relation_number: p for p in Person.objects.filter(relation_number__in=numbers)}
    restricted = _restricted([p.pk for p in existing.values()], actor)
    created, updated, details = [], [], []
    for number, values in chunk.items():
        person = existing.get(values["relation_number"])
        if person is not None and person.pk in restricted:
            # Its contact details are left as they are too (no new number or address).
            if _differs(person, values, PERSON_FIELDS):
                result.refusals.append((number, str(RESTRICTED)))
            else:
                result.unchanged += 1
            continue
        if person is None:
            person = Person(relation_number=values["relation_number"])
            _apply(person, values, PERSON_FIELDS)
            person.search_name = _search_name(person)
            created.append(person)
        else:
            old = copy.copy(person)
            if _apply(person, values, PERSON_FIELDS):
                person.search_name = _search_name(person)
                updated.append((old, person))
            else:
                result.unchanged += 1
        details.append((person, values))
    _write(Person, created, updated, (*PERSON_FIELDS, "search_name"), actor=actor, result=result)
    changed_details = _contact_details(details, actor=actor)
    # A row whose only change is a new phone number or e-mail address counts as updated.
    touched = {p.pk for _old, p in updated} | {p.pk for p in created}
    extra = changed_details - touched
    result.updated += len(extra)
    result.unchanged -= len(extra)
    return result


def _search_name(person) -> str:
    return person_search_name(
        surname=person.surname,
        surname_prefix=person.surname_prefix,
        given_name=person.given_name,
        initials=person.initials,
    )


def _contact_details(details, *, actor) -> set:
    """The ERP's phone number and e-mail address become the person's preferred ones; numbers and
    addresses staff recorded stay. Returns the ids of persons whose details changed."""
    changed = set()
    for model, field_name, key in (
        (PhoneNumber, "number", "phone"),
        (EmailAddress, "address", "email"),
    ):
        wanted = {person.pk: values[key] for person, values in details if values[key]}
        if not wanted:
            continue
        stored = {}
        for row in model.objects.filter(person_id__in=wanted):
            stored.setdefault(row.person_id, []).append(row)
        new_rows, unpreferred = [], []
        for person_id, value in wanted.items():
            rows = stored.get(person_id, [])
            if any(getattr(row, field_name) == value for row in rows):
                continue
            for row in rows:
                if row.is_preferred:
                    old = copy.copy(row)
                    row.is_preferred = False
                    unpreferred.append((old, row))
            new_rows.append(model(person_id=person_id, is_preferred=True, **{field_name: value}))
            changed.add(person_id)
        if unpreferred:
            model.objects.bulk_update([row for _old, row in unpreferred], ["is_preferred"])
        bulk.insert(model, new_rows)
        log_bulk([(None, row) for row in new_rows] + unpreferred, actor=actor)
    return changed


def units(chunk: dict[int, dict], *, actor) -> ChunkResult:
    result = ChunkResult()
    existing = {
        u.unit_number: u
        for u in Unit.objects.filter(unit_number__in=[v["unit_number"] for v in chunk.values()])
    }
    taken = _addresses_of_other_units(chunk)
    created, updated, seen_addresses = [], [], {}
    for number, values in chunk.items():
        address = (values["postcode"], values["house_number"], values["house_number_addition"])
        owner = taken.get(address)
        if (owner and owner != values["unit_number"]) or address in seen_addresses:
            result.refusals.append(
                (number, _("The address is another unit's, or twice in this file."))
            )
            continue
        seen_addresses[address] = number
        unit = existing.get(values["unit_number"])
        if unit is None:
            unit = Unit(unit_number=values["unit_number"])
            _apply(unit, values, UNIT_FIELDS)
            created.append(unit)
        else:
            old = copy.copy(unit)
            if _apply(unit, values, UNIT_FIELDS):
                updated.append((old, unit))
            else:
                result.unchanged += 1
    _write(Unit, created, updated, UNIT_FIELDS, actor=actor, result=result)
    return result


def _addresses_of_other_units(chunk) -> dict:
    """{(postcode, number, addition): unit number} of stored units at the chunk's addresses."""
    if not chunk:
        return {}
    condition = Q()
    for values in chunk.values():
        condition |= Q(
            postcode=values["postcode"],
            house_number=values["house_number"],
            house_number_addition=values["house_number_addition"],
        )
    return {
        (u.postcode, u.house_number, u.house_number_addition): u.unit_number
        for u in Unit.objects.filter(postcode__in={v["postcode"] for v in chunk.values()}).filter(
            condition
        )
    }


def tenancies(chunk: dict[int, dict], *, actor, tenant_role_id) -> ChunkResult:
    result = ChunkResult()
    contracts = {values["contract_number"] for values in chunk.values()}
    existing = {
        (t.contract_number, t.person_id): t
        for t in Tenancy.objects.filter(contract_number__in=contracts)
    }
    restricted = _restricted({v["person_id"] for v in chunk.values()}, actor)
    created, updated = [], []
    for number, values in chunk.items():
        tenancy = existing.get((values["contract_number"], values["person_id"]))
        if values["person_id"] in restricted:
            if tenancy is None or _differs(tenancy, values, TENANCY_FIELDS):
                result.refusals.append((number, str(RESTRICTED)))
            else:
                result.unchanged += 1
            continue
        if tenancy is None:
            tenancy = Tenancy(
                contract_number=values["contract_number"], person_id=values["person_id"]
            )
            _apply(tenancy, values, TENANCY_FIELDS)
            created.append(tenancy)
            if values["role_id"] == tenant_role_id:
                result.new_tenants.add(values["person_id"])
        else:
            old = copy.copy(tenancy)
            if _apply(tenancy, values, TENANCY_FIELDS):
                updated.append((old, tenancy))
            else:
                result.unchanged += 1
                continue
        result.person_ids.add(values["person_id"])
    _write(Tenancy, created, updated, TENANCY_FIELDS, actor=actor, result=result)
    return result
