"""The arrears signal: the periodic disclosure of tenants in rent arrears to the municipality
under its covenant (early detection of debts, Wet gemeentelijke schuldhulpverlening art. 4a).

Two steps:

- ``import_positions`` loads the tenant administration's (ERP) arrears positions of a day: every
  row is checked first, and nothing is written unless all rows are right.
- ``run_arrears_signal`` selects the tenants whose latest position reaches the threshold, leaves
  out those who objected to sharing (art. 21 AVG) or whose processing is restricted (art. 18
  AVG), builds the file in the agreed format and logs it as one disclosure with every person in
  it, through the same rules as every other disclosure (``services.record_disclosure``). A run
  is done once per covenant and day; a failed run leaves nothing behind but itself and its error.
"""

from __future__ import annotations

import csv
import datetime
import io
import logging
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from contacts.models import Tenancy, tenancy_current_q
from persondata import restriction
from processingregister.models import Agreement, PersonalDataCategory

from . import services
from .models import ArrearsPosition, Basis, Channel, DisclosureRun

logger = logging.getLogger(__name__)

KIND = "arrears"

# What the file holds, in the register's categories: the covenant must name every one of them.
CATEGORY_CODES = ("identificatie", "contactgegevens", "woning", "financieel")

# The agreed format: ';'-separated (the decimal comma is Dutch), one row per tenant. Part of the
# covenant, so not translated.
EXPORT_HEADER = (
    "relatienummer",
    "naam",
    "adres",
    "postcode",
    "plaats",
    "maanden_achterstand",
    "bedrag",
)

# The bounds of the model's fields (months: 4 digits, 1 decimal; amount: cents in an integer).
MAX_MONTHS = Decimal("999.9")
MAX_AMOUNT_CENTS = 2_147_483_647


# --- Import --------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    """What an import did. ``not_current``: rows of a known contract with no tenancy current on
    the day (an ended contract); nothing is stored for them, the signal only concerns tenants."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    not_current: int = 0


class _Problems(list):
    """(row, message) pairs, shown per row in the order of the file."""

    def add(self, row: int, message: str) -> None:
        self.append((row, message))


def parse_decimal(value) -> Decimal:
    """ "1234,56", "1234.56", "1.234,56" or "€ 1.234,56" as a Decimal; ``ValueError`` if not a
    number. With both a point and a comma, the last one is the decimal separator."""
    text = str(value if value is not None else "").strip().replace("€", "").replace(" ", "")
    text = text.replace("\u00a0", "")
    if not text:
        raise ValueError("empty")
    if "," in text and "." in text:
        decimal_sep = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        text = text.replace(thousands, "")
    text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not number.is_finite():
        raise ValueError(text)
    return number


def _months(value, row: int, errors: _Problems) -> Decimal | None:
    try:
        months = parse_decimal(value)
    except ValueError:
        errors.add(
            row,
            _("Row %(row)s: the months overdue (%(value)s) are not a number.")
            % {"row": row, "value": str(value or "").strip() or "—"},
        )
        return None
    if months < 0:
        errors.add(
            row,
            _("Row %(row)s: the months overdue cannot be negative (%(value)s).")
            % {"row": row, "value": str(value).strip()},
        )
        return None
    # One decimal, rounded down: nobody crosses the threshold by rounding.
    months = months.quantize(Decimal("0.1"), rounding=ROUND_DOWN)
    if months > MAX_MONTHS:
        errors.add(
            row,
            _("Row %(row)s: %(value)s months overdue is more than this field can hold.")
            % {"row": row, "value": str(value).strip()},
        )
        return None
    return months


def _amount_cents(value, row: int, errors: _Problems) -> int | None:
    try:
        amount = parse_decimal(value)
    except ValueError:
        errors.add(
            row,
            _("Row %(row)s: the amount (%(value)s) is not an amount in euros, e.g. 1234,56.")
            % {"row": row, "value": str(value or "").strip() or "—"},
        )
        return None
    if amount < 0:
        errors.add(
            row,
            _("Row %(row)s: the amount cannot be negative (%(value)s).")
            % {"row": row, "value": str(value).strip()},
        )
        return None
    if amount != amount.quantize(Decimal("0.01")):
        errors.add(
            row,
            _("Row %(row)s: the amount (%(value)s) has more than two decimals.")
            % {"row": row, "value": str(value).strip()},
        )
        return None
    cents = int(amount * 100)
    if cents > MAX_AMOUNT_CENTS:
        errors.add(
            row,
            _("Row %(row)s: the amount (%(value)s) is too large.")
            % {"row": row, "value": str(value).strip()},
        )
        return None
    return cents


def import_positions(rows, *, as_of: datetime.date, first_row: int = 1) -> ImportResult:
    """Load the ERP's arrears positions of ``as_of``: ``rows`` are dicts with
    ``contract_number``, ``months_overdue`` and ``amount`` (euros, "1234,56" or "1234.56").

    Every row is checked first; with any bad row a ``ValidationError`` lists the problems per
    row number (a row's ``line`` when it has one, e.g. its line in the file; otherwise counted
    from ``first_row``) and nothing is written. Otherwise each tenancy of the contract that is
    current on ``as_of`` gets its position of that day (a co-tenant has their own tenancy),
    replacing an earlier import of the same day. All in one transaction.
    """
    if as_of > timezone.localdate():
        raise ValidationError(_("Arrears positions cannot be dated in the future."))
    rows = list(rows)
    errors = _Problems()
    parsed = []
    seen: dict[str, int] = {}
    for index, data in enumerate(rows):
        data = data or {}
        row = data.get("line") or first_row + index
        contract = str(data.get("contract_number") or "").strip()
        months = _months(data.get("months_overdue"), row, errors)
        cents = _amount_cents(data.get("amount"), row, errors)
        if not contract:
            errors.add(row, _("Row %(row)s: the contract number is missing.") % {"row": row})
            continue
        if contract in seen:
            errors.add(
                row,
                _("Row %(row)s: contract number %(contract)s is already in row %(first)s.")
                % {"row": row, "contract": contract, "first": seen[contract]},
            )
            continue
        seen[contract] = row
        parsed.append((row, contract, months, cents))

    tenancies: dict[str, list] = {}
    for tenancy in Tenancy.objects.filter(contract_number__in=list(seen)).order_by("pk"):
        tenancies.setdefault(tenancy.contract_number, []).append(tenancy)
    for row, contract, _months_value, _cents in parsed:
        if contract not in tenancies:
            errors.add(
                row,
                _("Row %(row)s: no tenancy has contract number %(contract)s.")
                % {"row": row, "contract": contract},
            )
    if not rows:
        errors.append((0, _("The file has no rows.")))
    if errors:
        # Per row, in the order of the file (a row's own order of checks kept).
        errors.sort(key=lambda item: item[0])
        raise ValidationError([message for _row, message in errors])

    result = ImportResult(rows=len(rows))
    with transaction.atomic():
        for _row, contract, months, cents in parsed:
            current = [t for t in tenancies[contract] if t.is_current(as_of)]
            if not current:
                result.not_current += 1
                continue
            for tenancy in current:
                _position, created = ArrearsPosition.objects.update_or_create(
                    tenancy=tenancy,
                    as_of=as_of,
                    defaults={"months_overdue": months, "amount_cents": cents},
                )
                if created:
                    result.created += 1
                else:
                    result.updated += 1
    return result


# --- The run -------------------------------------------------------------------------------------


@dataclass
class _Row:
    person: object
    tenancy: object
    position: ArrearsPosition


def _latest_positions(as_of: datetime.date, threshold: Decimal):
    """The latest position on or before ``as_of`` of every tenancy current on ``as_of``, where
    that position reaches the threshold (an older, higher position does not count)."""
    latest = (
        ArrearsPosition.objects.filter(tenancy=OuterRef("tenancy"), as_of__lte=as_of)
        .order_by("-as_of", "-pk")
        .values("pk")[:1]
    )
    return (
        ArrearsPosition.objects.filter(as_of__lte=as_of, pk=Subquery(latest))
        .filter(months_overdue__gte=threshold)
        .filter(tenancy_current_q(as_of, prefix="tenancy__"))
        .select_related("tenancy__person", "tenancy__unit")
    )


def _select(as_of: datetime.date, threshold: Decimal) -> list[_Row]:
    """One row per person: a person with more than one tenancy in arrears appears once, with
    the most serious position."""
    best: dict[int, _Row] = {}
    for position in _latest_positions(as_of, threshold):
        tenancy = position.tenancy
        row = _Row(person=tenancy.person, tenancy=tenancy, position=position)
        known = best.get(tenancy.person_id)
        key = (position.months_overdue, position.amount_cents, -tenancy.pk)
        if known is None or key > (
            known.position.months_overdue,
            known.position.amount_cents,
            -known.tenancy.pk,
        ):
            best[tenancy.person_id] = row
    return sorted(best.values(), key=lambda r: (r.person.relation_number or "", r.person.pk))


def _decimal_comma(value: Decimal) -> str:
    return str(value).replace(".", ",")


def build_export(rows: list[_Row]) -> str:
    """The file in the agreed format (header first; ';'-separated; decimal comma)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(EXPORT_HEADER)
    for row in rows:
        unit = row.tenancy.unit
        cents = row.position.amount_cents
        writer.writerow(
            (
                row.person.relation_number or "",
                row.person.full_name,
                unit.address_line,
                unit.postcode,
                unit.town,
                _decimal_comma(row.position.months_overdue),
                f"{cents // 100},{cents % 100:02d}",
            )
        )
    return out.getvalue()


def _categories() -> list:
    found = {c.code: c for c in PersonalDataCategory.objects.filter(code__in=CATEGORY_CODES)}
    missing = [code for code in CATEGORY_CODES if code not in found]
    if missing:
        raise ValidationError(
            _("The register does not know the categories %(codes)s; run migrate first.")
            % {"codes": ", ".join(missing)}
        )
    return [found[code] for code in CATEGORY_CODES]


def _error_text(exc: ValidationError) -> str:
    messages = []
    for message in exc.messages:
        if message not in messages:
            messages.append(message)
    text = " ".join(messages)
    field = DisclosureRun._meta.get_field("error")
    return text if len(text) <= field.max_length else text[: field.max_length - 1] + "…"


class _Failed(Exception):
    """Rolls the run back, carrying what the failed run row keeps (counts, no names)."""

    def __init__(self, error: str, *, selected: int, left_out: dict):
        super().__init__(error)
        self.error = error
        self.selected = selected
        self.left_out = left_out


def _done_run(agreement, as_of):
    return DisclosureRun.objects.filter(
        kind=KIND, agreement=agreement, as_of=as_of, status=DisclosureRun.Status.DONE
    ).first()


def run_arrears_signal(
    *,
    agreement: Agreement,
    as_of: datetime.date,
    threshold_months: Decimal = Decimal("1"),
    user=None,
) -> DisclosureRun:
    """Run the arrears signal under ``agreement`` for ``as_of`` and return the run.

    A run that is already done for this covenant and day is returned as it is: nobody is logged
    twice. Otherwise the selection, the file and the disclosure are written in one transaction;
    when the rules refuse the disclosure (the covenant is not in force, or does not name the
    categories in the file) nothing of it stays and a failed run keeps the error. A failed run
    can be run again.
    """
    threshold = Decimal(threshold_months)
    if threshold <= 0:
        raise ValidationError(_("The threshold must be more than zero months."))
    if as_of > timezone.localdate():
        raise ValidationError(_("The arrears signal cannot be run for a day in the future."))
    existing = _done_run(agreement, as_of)
    if existing is not None:
        return existing

    started = timezone.now()
    try:
        with transaction.atomic():
            # One run at a time per covenant; the second finds the first one done.
            Agreement.objects.select_for_update().filter(pk=agreement.pk).first()
            existing = _done_run(agreement, as_of)
            if existing is not None:
                return existing
            return _run(agreement, as_of, threshold, user, started)
    except _Failed as failed:
        error, selected, left_out = failed.error, failed.selected, failed.left_out
    except Exception as exc:
        if isinstance(exc, IntegrityError):
            # A concurrent run finished first (one done run per covenant and day).
            existing = _done_run(agreement, as_of)
            if existing is not None:
                return existing
        DisclosureRun.objects.create(
            kind=KIND,
            agreement=agreement,
            as_of=as_of,
            started_at=started,
            finished_at=timezone.now(),
            status=DisclosureRun.Status.FAILED,
            error=(_("Unexpected error: %(kind)s") % {"kind": type(exc).__name__})[:200],
        )
        raise
    run = DisclosureRun.objects.create(
        kind=KIND,
        agreement=agreement,
        as_of=as_of,
        started_at=started,
        finished_at=timezone.now(),
        status=DisclosureRun.Status.FAILED,
        selected=selected,
        disclosed=0,
        left_out=left_out,
        error=error,
    )
    logger.warning("arrears signal run #%s under %s failed", run.pk, agreement.reference)
    return run


def _run(agreement, as_of, threshold, user, started) -> DisclosureRun:
    run = DisclosureRun.objects.create(
        kind=KIND, agreement=agreement, as_of=as_of, started_at=started
    )
    rows = _select(as_of, threshold)
    person_ids = [row.person.pk for row in rows]
    restricted = restriction.restricted_person_ids(person_ids)
    objected = services.objected_person_ids(person_ids) - restricted
    included = [row for row in rows if row.person.pk not in restricted | objected]
    left_out = {"objection": len(objected), "restriction": len(restricted)}

    try:
        categories = _categories()
    except ValidationError as exc:
        raise _Failed(_error_text(exc), selected=len(rows), left_out=left_out) from exc
    data = services.DisclosureInput(
        persons=[row.person.pk for row in included],
        recipient=agreement.party,
        agreement=agreement,
        basis=Basis.COVENANT,
        basis_reference="art. 4a Wgs",
        channel=Channel.FILE,
        categories=categories,
        purpose=_("Early detection of debts: tenants with rent arrears (art. 4a Wgs)"),
    )
    if included:
        try:
            services.record_disclosure(user, data, run=run)
        except ValidationError as exc:
            raise _Failed(_error_text(exc), selected=len(rows), left_out=left_out) from exc
    else:
        # Nobody to send: no disclosure, but the covenant must still allow the file.
        errors = services.check_disclosure(data)
        errors.pop("persons", None)
        if errors:
            messages = [m for field_messages in errors.values() for m in field_messages]
            exc = ValidationError(messages)
            raise _Failed(_error_text(exc), selected=len(rows), left_out=left_out)

    run.selected = len(rows)
    run.disclosed = len(included)
    run.left_out = left_out
    run.export = build_export(included)
    run.status = DisclosureRun.Status.DONE
    run.finished_at = timezone.now()
    run.save()
    logger.info(
        "arrears signal run #%s under %s: %s selected, %s disclosed",
        run.pk,
        agreement.reference,
        run.selected,
        run.disclosed,
    )
    return run


def run_report(run: DisclosureRun) -> str:
    """The run in a few Dutch lines (counts only, no names): for the command and the log."""
    left_out = run.left_out or {}
    lines = [
        _("Run #%(id)s of the arrears signal under %(agreement)s, as of %(day)s: %(status)s.")
        % {
            "id": run.pk,
            "agreement": run.agreement.reference,
            "day": formats.date_format(run.as_of, "j F Y"),
            "status": run.get_status_display(),
        },
        _(
            "Selected: %(selected)s; left out for an objection: %(objection)s; left out for a "
            "restriction of processing: %(restriction)s; disclosed: %(disclosed)s."
        )
        % {
            "selected": run.selected,
            "objection": left_out.get("objection", 0),
            "restriction": left_out.get("restriction", 0),
            "disclosed": run.disclosed,
        },
    ]
    if run.error:
        lines.append(_("Error: %(error)s") % {"error": run.error})
    return "\n".join(lines)
