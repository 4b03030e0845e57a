"""Importing from the ERP: one file or batch of persons, units or tenancies, as one run.

``import_rows`` is the one entry point: the management command (``import_erp``) and the API
call it. Validate, then act, per chunk:

1. every row is checked (``rows``): a bad row is refused with its row number and a Dutch
   reason, a key that occurs twice in the file is refused the second time;
2. the chunk's good rows go in as one transaction (``upsert``): a crash leaves no half row,
   and because every write is an upsert by the ERP's key, running the file again completes
   the import and changes nothing that is already in;
3. after the last chunk, a full sync of tenancies ends the open tenancies missing from the
   file (persons are never deleted: retention does that, by its rules).

Locking: each chunk locks only the rows it writes, for the length of its transaction; two
imports of the same kind at the same time are refused (a lease per kind, ``retention.locks.
DatabaseLease``, renewed after every chunk and lost by a run that dies), so a nightly sync and
a manual run do not interleave. A dry run writes nothing and takes no lease.

Retention follows: the due dates of persons whose tenancies changed are recomputed at the end
of each chunk, the allocation event applies to new tenants; records created in bulk get their
due dates from the nightly run (as every bulk write, see ``retention.signals``).
"""

import copy
import uuid
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Team
from contacts.models import Person, Tenancy, Unit
from referencedata.models import CodeList, ReferenceCode
from retention.locks import DatabaseLease
from retention.models import RetentionSchedule
from retention.services import ALLOCATION, apply_event_to_persons
from retention.signals import recompute_persons

from . import rows as checks
from . import upsert
from .audit_trail import log_bulk
from .models import ImportRun

CHUNK_SIZE = 2000
REFUSALS_KEPT = 1000
TENANT_ROLE = "HUU"
# A full sync that would end more than this share of the open tenancies is refused: an export
# cut short would otherwise end half the register. ``max_end_share`` overrides it per run.
MAX_END_SHARE = 0.10


class ImportRefused(ValueError):
    """The run as a whole cannot go ahead (another run is busy, a full sync ends too much)."""


def import_rows(
    kind: str,
    rows: Iterable[tuple[int, dict]],
    *,
    user=None,
    source: str = ImportRun.Source.COMMAND,
    file_name: str = "",
    dry_run: bool = False,
    full_sync: bool = False,
    max_end_share: float = MAX_END_SHARE,
    chunk_size: int = CHUNK_SIZE,
    progress=None,
) -> ImportRun:
    """Import ``rows`` ((row number, {field: text}), see ``formats.read_rows``) and return the
    finished run with its counts and refusals. ``progress(rows_done)`` is called per chunk."""
    if kind not in ImportRun.Kind.values:
        raise ImportRefused(_("Unknown kind of import."))
    if full_sync and kind != ImportRun.Kind.TENANCIES:
        raise ImportRefused(_("A full sync is for tenancies only."))
    run = ImportRun.objects.create(
        kind=kind,
        started_at=timezone.now(),
        started_by=user,
        source=source,
        file_name=file_name[:200],
        dry_run=dry_run,
        full_sync=full_sync,
    )
    lease, token = DatabaseLease(f"erp-import-{kind}"), uuid.uuid4().hex
    try:
        if not dry_run and not lease.acquire(token):
            raise ImportRefused(_("Another import of this kind is running; try again later."))
        renew = (lambda: lease.renew(token)) if not dry_run else (lambda: None)
        seen = _import_chunks(run, rows, chunk_size=chunk_size, progress=progress, renew=renew)
        if full_sync:
            _end_missing(run, seen, max_end_share=max_end_share)
    except Exception as exc:
        run.status = ImportRun.Status.FAILED
        # The kind of error and our own messages only: a database error can quote row values.
        run.error = (str(exc) if isinstance(exc, ImportRefused) else exc.__class__.__name__)[:300]
        _finish(run)
        raise
    finally:
        if not dry_run:
            lease.release(token)
    run.status = ImportRun.Status.DONE
    _finish(run)
    return run


def _finish(run: ImportRun) -> None:
    run.finished_at = timezone.now()
    run.save()


def _import_chunks(run, rows, *, chunk_size, progress, renew) -> set:
    """Check and import chunk by chunk; returns the keys seen in the file."""
    seen: dict[tuple, int] = {}
    lookups = _Lookups(run.kind)
    raw: dict[int, dict] = {}
    for number, row in rows:
        run.rows += 1
        key = checks.key_of(run.kind, row)
        if key in seen:
            message = _("Duplicate key in the file (first in row %(row)s).")
            _refuse(run, number, message % {"row": seen[key]})
            continue
        seen[key] = number
        raw[number] = row
        if len(raw) >= chunk_size:
            _import_chunk(run, raw, lookups)
            raw = {}
            renew()
            if progress:
                progress(run.rows)
    if raw:
        _import_chunk(run, raw, lookups)
    if progress:
        progress(run.rows)
    return set(seen)


def _refuse(run, number: int, reason: str) -> None:
    run.refused += 1
    if len(run.refusals) < REFUSALS_KEPT:
        run.refusals.append({"row": number, "reason": reason})


def _import_chunk(run, raw: dict[int, dict], lookups) -> None:
    lookups.prefetch(raw.values())
    chunk = {}
    for number, row in raw.items():
        try:
            chunk[number] = lookups.clean(row)
        except checks.RowRefused as exc:
            _refuse(run, number, str(exc))
    user = run.started_by
    with transaction.atomic():
        if run.kind == ImportRun.Kind.PERSONS:
            result = upsert.persons(chunk, actor=user)
        elif run.kind == ImportRun.Kind.UNITS:
            result = upsert.units(chunk, actor=user)
        else:
            result = upsert.tenancies(chunk, actor=user, tenant_role_id=lookups.tenant_role_id)
            _retention_follows(result)
        if run.dry_run:
            transaction.set_rollback(True)
    run.created += result.created
    run.updated += result.updated
    run.unchanged += result.unchanged
    for number, reason in sorted(result.refusals):
        _refuse(run, number, reason)
    ImportRun.objects.filter(pk=run.pk).update(
        rows=run.rows,
        created=run.created,
        updated=run.updated,
        unchanged=run.unchanged,
        refused=run.refused,
    )


def _retention_follows(result) -> None:
    """What the signals would have done per save: recompute the person-level due dates of
    persons who have any (a new person has none yet; the nightly run schedules them), and
    apply the allocation event for new tenants."""
    if result.person_ids:
        scheduled = set(
            RetentionSchedule.objects.filter(person_id__in=result.person_ids)
            .values_list("person_id", flat=True)
            .distinct()
        )
        recompute_persons(scheduled)
    apply_event_to_persons(ALLOCATION, sorted(result.new_tenants))


def _end_missing(run, seen: set, *, max_end_share: float) -> None:
    """Full sync: end the open tenancies whose (contract, relation number) the file lacks."""
    today = timezone.localdate()
    open_tenancies = list(
        Tenancy.objects.filter(end_date__isnull=True).values_list(
            "pk", "contract_number", "person__relation_number", "start_date"
        )
    )
    missing = [row for row in open_tenancies if (row[1], row[2] or "") not in seen]
    if open_tenancies and len(missing) > max_end_share * len(open_tenancies):
        raise ImportRefused(
            _(
                "The full sync would end %(n)s of %(total)s open tenancies; is the file "
                "complete? Nothing was ended (allow it with a higher maximum share)."
            )
            % {"n": len(missing), "total": len(open_tenancies)}
        )
    with transaction.atomic():
        ended = []
        for tenancy in Tenancy.objects.select_for_update().filter(pk__in=[r[0] for r in missing]):
            old = copy.copy(tenancy)
            tenancy.end_date = max(today, tenancy.start_date)
            ended.append((old, tenancy))
        Tenancy.objects.bulk_update([t for _o, t in ended], ["end_date"])
        log_bulk(ended, actor=run.started_by)
        recompute_persons({t.person_id for _o, t in ended})
        if run.dry_run:
            transaction.set_rollback(True)
    run.ended = len(ended)


class _Lookups:
    """What checking a row needs from the database: teams by code and roles by VERA code (read
    once), the chunk's units and persons by the ERP's numbers (two queries per chunk)."""

    def __init__(self, kind: str):
        self.kind = kind
        self.teams = {t.code.lower(): t.pk for t in Team.objects.all()}
        self.roles = {
            code.upper(): pk
            for pk, code in ReferenceCode.objects.of_list(CodeList.RELATION_ROLE)
            .usable()
            .values_list("pk", "code")
        }
        self.tenant_role_id = self.roles.get(TENANT_ROLE)
        self.units: dict[str, int] = {}
        self.persons: dict[str, int] = {}

    def prefetch(self, rows) -> None:
        if self.kind != ImportRun.Kind.TENANCIES:
            return
        rows = list(rows)
        unit_numbers = {r.get("eenheidnummer") for r in rows if r.get("eenheidnummer")}
        relation_numbers = {r.get("relatienummer") for r in rows if r.get("relatienummer")}
        self.units = dict(
            Unit.objects.filter(unit_number__in=unit_numbers).values_list("unit_number", "pk")
        )
        self.persons = dict(
            Person.objects.filter(relation_number__in=relation_numbers).values_list(
                "relation_number", "pk"
            )
        )

    def clean(self, row: dict) -> dict:
        if self.kind == ImportRun.Kind.PERSONS:
            return checks.person(row)
        if self.kind == ImportRun.Kind.UNITS:
            return checks.unit(row, teams=self.teams)
        return checks.tenancy(row, units=self.units, persons=self.persons, roles=self.roles)
