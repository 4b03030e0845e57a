"""Loading the VERA reference lists into ReferenceCode.

Re-loading a newer file updates names, descriptions, validity and parents in place, by
(list, code), so every foreign key to a code keeps pointing at the same row. Codes that a newer
file no longer lists are kept and marked, never deleted.
"""

import csv
import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from .models import CodeList
from .models import ReferenceCode as ReferenceCodeModel

DEFAULT_SOURCE = Path(__file__).resolve().parent / "data" / "vera_referentiedata.csv"
EXPECTED_HEADER = [
    "Soort",
    "Code",
    "Naam",
    "Omschrijving",
    "Begindatum",
    "Einddatum",
    "Parent",
    "Informatiedomein",
]
SYNCED_FIELDS = ("name", "description", "valid_from", "valid_to", "information_domain")


class ReferenceDataError(ValueError):
    pass


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    missing_from_source: int = 0
    skipped_lists: set[str] = field(default_factory=set)

    def __str__(self):
        return (
            f"{self.created} new, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.missing_from_source} no longer in the source (kept)"
        )


def parse_vera_date(value: str, *, line: int) -> datetime.date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return datetime.datetime.strptime(value, "%d-%m-%Y").date()
    except ValueError as exc:
        raise ReferenceDataError(f"line {line}: '{value}' is not a date (d-m-yyyy)") from exc


def read_rows(path: Path) -> list[dict]:
    wanted = set(CodeList.values)
    rows = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        header = next(reader, None)
        if header != EXPECTED_HEADER:
            raise ReferenceDataError(f"unexpected header {header!r}, expected {EXPECTED_HEADER!r}")
        for line, record in enumerate(reader, start=2):
            if not record or not any(record):
                continue
            if len(record) != len(EXPECTED_HEADER):
                raise ReferenceDataError(f"line {line}: expected 8 columns, got {len(record)}")
            code_list, code, name, description, start, end, parent, domain = (
                value.strip() for value in record
            )
            if code_list not in wanted:
                continue
            if not code or not name:
                raise ReferenceDataError(f"line {line}: code and name are required")
            rows.append(
                {
                    "code_list": code_list,
                    "code": code,
                    "name": name[:200],
                    "description": description,
                    "valid_from": parse_vera_date(start, line=line),
                    "valid_to": parse_vera_date(end, line=line),
                    "parent": parent,
                    "information_domain": domain[:100],
                    "line": line,
                }
            )
    return rows


@transaction.atomic
def load_reference_codes(path: Path = DEFAULT_SOURCE, *, today=None, model=None) -> LoadReport:
    """Upsert the used VERA lists from ``path``; all or nothing.

    ``model`` lets a data migration pass its historical ReferenceCode model.
    """
    ReferenceCode = model or ReferenceCodeModel  # noqa: N806
    today = today or datetime.date.today()
    rows = read_rows(Path(path))
    report = LoadReport()
    existing = {(c.code_list, c.code): c for c in ReferenceCode.objects.select_for_update()}
    seen = set()
    for row in rows:
        key = (row["code_list"], row["code"])
        seen.add(key)
        current = existing.get(key)
        values = {name: row[name] for name in SYNCED_FIELDS}
        if current is None:
            existing[key] = ReferenceCode.objects.create(code_list=key[0], code=key[1], **values)
            report.created += 1
            continue
        changed = [name for name, value in values.items() if getattr(current, name) != value]
        if current.source_missing_since is not None:
            current.source_missing_since = None
            changed.append("source_missing_since")
        if changed:
            for name in changed:
                if name in values:
                    setattr(current, name, values[name])
            current.save(update_fields=changed)
            report.updated += 1
        else:
            report.unchanged += 1

    # Second pass: parents ("SIGNALERINGSOORT.AGR"), once every code exists.
    for row in rows:
        code = existing[(row["code_list"], row["code"])]
        parent = None
        if row["parent"]:
            parent_list, _, parent_code = row["parent"].partition(".")
            parent = existing.get((parent_list, parent_code))
            if parent is None and parent_list in CodeList.values:
                raise ReferenceDataError(f"line {row['line']}: unknown parent {row['parent']}")
        if code.parent_id != (parent.pk if parent else None):
            code.parent = parent
            code.save(update_fields=["parent"])

    for key, code in existing.items():
        if key not in seen and code.source_missing_since is None:
            code.source_missing_since = today
            code.save(update_fields=["source_missing_since"])
            report.missing_from_source += 1
    return report
