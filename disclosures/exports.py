"""The disclosure log as a file for the AVG officer (CSV for Dutch spreadsheets, XLSX), and the
art. 19 letter to a recipient.

One row per disclosure: when, to whom, under which covenant and basis, how, which categories,
for how many persons and why, and the function of who recorded it. Never a tenant's name or
relation number, nor the employee's name: the log says *that* data went out, the persons are
on their own cards (and in their access copy). Text that a spreadsheet would read as a formula
is neutralised (CSV injection), in both formats.
"""

from __future__ import annotations

import csv
import io

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts import roles
from processingregister.models import Controller
from rights.models import DataSubjectRequest

from .models import Disclosure, RecipientNotice

# Characters that make a spreadsheet read a cell as a formula (or hide what follows).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_safe(value) -> str:
    """The text as a spreadsheet shows it, never as a formula (CSV injection): a leading
    formula character, also after spaces, gets a quote before it."""
    text = "" if value is None else str(value)
    if text[:1] in _FORMULA_START or text.lstrip()[:1] in _FORMULA_START:
        return "'" + text
    return text


def columns() -> list[str]:
    """The column headings, in the active language (Dutch for the officer)."""
    return [
        _("date"),
        _("recipient"),
        _("covenant or agreement"),
        _("legal basis"),
        _("article or reference"),
        _("channel"),
        _("categories"),
        _("number of persons"),
        _("purpose"),
        _("recorded by"),
    ]


def recorded_by_label(disclosure: Disclosure) -> str:
    """The function of who recorded it (a role label), never a name; empty for an automatic
    run or link."""
    user = disclosure.recorded_by
    if user is None:
        return ""
    names = {group.name for group in user.groups.all()}
    for role in roles.ALL_ROLES:
        if role in names:
            return str(roles.ROLE_LABELS[role])
    return _("employee")


def _agreement_text(disclosure: Disclosure) -> str:
    agreement = disclosure.agreement
    return f"{agreement.reference} {agreement.title}" if agreement else ""


def rows(qs):
    """(local datetime, [text or number per column]) per disclosure; text not yet neutralised."""
    for disclosure in qs:
        at = timezone.localtime(disclosure.disclosed_at)
        yield (
            at,
            [
                at.strftime("%Y-%m-%d %H:%M"),
                disclosure.recipient.name,
                _agreement_text(disclosure),
                str(disclosure.get_basis_display()),
                disclosure.basis_reference,
                str(disclosure.get_channel_display()),
                ", ".join(c.name for c in disclosure.categories.all()),
                disclosure.person_count,
                disclosure.purpose,
                recorded_by_label(disclosure),
            ],
        )


def _cell(value):
    return value if isinstance(value, int) else csv_safe(value)


def disclosures_csv(qs) -> str:
    """';'-separated, UTF-8 with a byte-order mark (Excel opens it as Dutch CSV)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns())
    for _at, values in rows(qs):
        writer.writerow([_cell(value) for value in values])
    return buffer.getvalue()


def disclosures_xlsx(qs) -> bytes:
    """One sheet, headings bold and frozen; the date a real date, the number of persons a
    number, every text a text cell (never a formula)."""
    # openpyxl only on this path: the pages and tasks that import this module need not load it
    from openpyxl import Workbook
    from openpyxl.styles import Font  # (the same reason)
    from openpyxl.utils import get_column_letter  # (the same reason)

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Disclosures")[:31]
    sheet.append(columns())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for at, values in rows(qs):
        row = [at.replace(tzinfo=None, second=0, microsecond=0)] + [
            _cell(value) for value in values[1:]
        ]
        sheet.append(row)
        line = sheet.max_row
        sheet.cell(line, 1).number_format = "yyyy-mm-dd hh:mm"
        for index, value in enumerate(row[1:], start=2):
            if isinstance(value, str):
                sheet.cell(line, index).data_type = "s"
    sheet.freeze_panes = "A2"
    for index, width in enumerate((17, 30, 36, 30, 24, 22, 40, 10, 40, 24), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def notice_letter(notice: RecipientNotice) -> str:
    """The Dutch text to send to the recipient (letter or secure mail)."""
    controller = Controller.objects.order_by("pk").first()
    kinds = {
        DataSubjectRequest.Kind.RECTIFICATION: _("corrected"),
        DataSubjectRequest.Kind.ERASURE: _("erased"),
        DataSubjectRequest.Kind.RESTRICTION: _("restricted in its processing"),
    }
    what = kinds.get(notice.request.kind, _("changed"))
    return _(
        "Dear %(recipient)s,\n\n"
        "Since %(since)s we have shared personal data of one of our tenants with you. At the "
        "tenant's request (our reference %(reference)s) that data has been %(what)s. Under "
        "article 19 of the AVG we ask you to do the same with the data you received from us, "
        "and to confirm this to us.\n\n"
        "Kind regards,\n%(controller)s"
    ) % {
        "recipient": notice.recipient.name,
        "since": formats.date_format(timezone.localtime(notice.since), "j F Y"),
        "reference": notice.request.reference,
        "what": what,
        "controller": controller.name if controller else "",
    }
