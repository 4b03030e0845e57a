"""The exchange format: the fields of each kind, and reading CSV or JSON Lines into rows.

Both formats carry the same fields under the same (Dutch, VERA-style) names; docs/import.md is
the reference for the ERP side. CSV has a header row, UTF-8 (a byte-order mark is allowed), and
";" or "," as separator (read from the header); JSON Lines has one object per line. A file with
a missing required column or an unknown one is refused as a whole before any row is read: a
typing error in a header must not silently empty a field for every row.
"""

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Field:
    name: str
    required: bool = False
    max_length: int = 0  # 0: no length of its own (dates, numbers)


FIELDS = {
    "persons": (
        Field("relatienummer", True, 20),
        Field("voorletters", max_length=20),
        Field("roepnaam", max_length=100),
        Field("voorvoegsel", max_length=20),
        Field("achternaam", True, 150),
        Field("geboortedatum"),
        Field("telefoonnummer", max_length=30),
        Field("email", max_length=254),
    ),
    "units": (
        Field("eenheidnummer", True, 20),
        Field("straat", True, 150),
        Field("huisnummer", True),
        Field("huisnummertoevoeging", max_length=10),
        Field("postcode", True, 7),
        Field("plaats", True, 100),
        Field("team", True, 30),
    ),
    "tenancies": (
        Field("contractnummer", True, 20),
        Field("eenheidnummer", True, 20),
        Field("relatienummer", True, 20),
        Field("rol", True, 10),
        Field("ingangsdatum", True),
        Field("einddatum"),
    ),
}
FORMATS = ("csv", "jsonl")


class FileRefused(ValueError):
    """The file as a whole cannot be read (its header, its encoding, its format)."""


def format_of(name: str) -> str:
    """The format of a file by its name: ``.csv`` or ``.jsonl`` / ``.ndjson``."""
    lower = name.lower()
    if lower.endswith(".csv"):
        return "csv"
    if lower.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    raise FileRefused(_("Unknown file type: use .csv or .jsonl."))


def check_columns(kind: str, columns) -> None:
    names = {f.name for f in FIELDS[kind]}
    missing = [f.name for f in FIELDS[kind] if f.required and f.name not in columns]
    unknown = sorted(set(columns) - names)
    problems = []
    if missing:
        problems.append(_("missing columns: %(names)s") % {"names": ", ".join(missing)})
    if unknown:
        problems.append(_("unknown columns: %(names)s") % {"names": ", ".join(unknown)})
    if problems:
        raise FileRefused("; ".join(problems))


def read_rows(kind: str, stream, fmt: str) -> Iterator[tuple[int, dict]]:
    """(row number, {field: text}) for every row; row numbers as a spreadsheet shows them (the
    CSV header is row 1, so the first data row is 2; JSON Lines count from line 1). ``stream``
    is a binary file; text values are stripped, missing optional fields are empty."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        if fmt == "csv":
            yield from _csv_rows(kind, text)
        elif fmt == "jsonl":
            yield from _jsonl_rows(kind, text)
        else:
            raise FileRefused(_("Unknown file type: use .csv or .jsonl."))
    except UnicodeDecodeError as exc:
        raise FileRefused(_("The file is not UTF-8.")) from exc
    finally:
        text.detach()


def _csv_rows(kind, text):
    header_line = text.readline()
    if not header_line.strip():
        raise FileRefused(_("The file is empty: a CSV file starts with a header row."))
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    columns = [c.strip().lower() for c in next(csv.reader([header_line], delimiter=delimiter))]
    check_columns(kind, columns)
    reader = csv.reader(text, delimiter=delimiter)
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue  # an empty line (often the last one)
        row = dict.fromkeys((f.name for f in FIELDS[kind]), "")
        if len(values) != len(columns):
            row["__error__"] = _("%(found)s values where the header has %(expected)s columns.") % {
                "found": len(values),
                "expected": len(columns),
            }
        for name, value in zip(columns, values, strict=False):
            row[name] = value.strip()
        yield number, row


def _jsonl_rows(kind, text):
    for number, line in enumerate(text, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError:
            data = None
        yield number, row_of(kind, data)


def rows_of_objects(kind: str, objects: list) -> Iterator[tuple[int, dict]]:
    """An API batch (a list of JSON objects) as rows, numbered from 1."""
    for number, data in enumerate(objects, start=1):
        yield number, row_of(kind, data)


def row_of(kind: str, data) -> dict:
    """One JSON object as a row: every field as text, an unknown field or a non-object marked
    as the row's error (checked with the row, so the other rows still go in)."""
    names = [f.name for f in FIELDS[kind]]
    row = dict.fromkeys(names, "")
    if not isinstance(data, dict):
        row["__error__"] = _("Not a JSON object.")
        return row
    unknown = sorted(set(data) - set(names))
    if unknown:
        row["__error__"] = _("unknown columns: %(names)s") % {"names": ", ".join(unknown)}
    for name in names:
        value = data.get(name)
        row[name] = "" if value is None else str(value).strip()
    return row
