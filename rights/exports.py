"""Presentation of the rights app: the access copy as a file (JSON, HTML, PDF) with the stand-
alone document's Content-Security-Policy, the texts of the deadline notifications, and the
management report as CSV. The charts of the report page are in ``rights.charts``."""

import base64
import csv
import hashlib
import io
import json
import re

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _

# --- The access copy -----------------------------------------------------------------------------


def copy_json_text(content) -> str:
    """The machine-readable copy: the gathered dict as JSON (also what its SHA-256 is of)."""
    return json.dumps(content, ensure_ascii=False, indent=2, sort_keys=False, cls=DjangoJSONEncoder)


def render_copy(export, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of a produced copy."""
    reference = export.request.reference
    if fmt == "json":
        return (
            copy_json_text(export.content).encode(),
            "application/json; charset=utf-8",
            f"inzage-{reference}.json",
        )
    if fmt == "pdf":
        # Lazy: rights.pdf imports WeasyPrint, slow to load and only needed for a PDF download.
        from .pdf import render_access_pdf

        return render_access_pdf(export.content), "application/pdf", f"inzage-{reference}.pdf"
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string("rights/access_document.html", {"doc": export.content})
    return html.encode(), "text/html; charset=utf-8", f"inzage-{reference}.html"


def document_csp(html: bytes) -> str:
    """The Content-Security-Policy for the stand-alone document: no scripts, no outside
    requests, only its own inline style block (by hash), so it also reads well offline."""
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(block).digest()).decode() + "'"
        for block in re.findall(rb"<style>(.*?)</style>", html, flags=re.S)
    ]
    styles = " ".join(hashes) or "'none'"
    return (
        f"default-src 'none'; style-src {styles}; "
        "img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


# --- Deadline notifications (the caller chooses the language) ------------------------------------


def reminder_text(request, *, days) -> str:
    return _(
        "Data-subject request %(reference)s must be answered by %(deadline)s (%(days)s days left)."
    ) % {
        "reference": request.reference,
        "deadline": formats.date_format(request.deadline, "j-n-Y"),
        "days": days,
    }


def escalation_text(request) -> str:
    return _(
        "Overdue: data-subject request %(reference)s should have been answered by %(deadline)s."
    ) % {
        "reference": request.reference,
        "deadline": formats.date_format(request.deadline, "j-n-Y"),
    }


# --- The management report ----------------------------------------------------------------------


def report_csv(figures: dict) -> str:
    """One row per month; semicolon-separated for Dutch spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    kinds = figures["kinds"]
    outcomes = figures["outcomes"]
    writer.writerow(
        [_("month")]
        + [f"{_('received')}: {label}" for _k, label in kinds]
        + [_("received")]
        + [_("completed")]
        + [f"{_('outcome')}: {label}" for _k, label in outcomes]
        + [
            _("answered on time"),
            _("share on time"),
            _("extensions"),
            _("objections"),
            _("survey opt-outs"),
            _("data breaches"),
            _("break-the-glass accesses"),
            _("break-the-glass justified"),
            _("break-the-glass followed up"),
            _("break-the-glass to review"),
        ]
    )
    for r in figures["months"]:
        share = f"{r['on_time_share']:.2f}" if r["on_time_share"] is not None else ""
        writer.writerow(
            [r["month"].strftime("%Y-%m")]
            + [r["received"][k] for k, _l in kinds]
            + [r["received_total"], r["completed"]]
            + [r["outcomes"][k] for k, _l in outcomes]
            + [
                r["on_time"],
                share,
                r["extensions"],
                r["objections"],
                r["opt_outs"],
                r["breaches"],
                r["btg"],
                r["btg_reviews"]["justified"],
                r["btg_reviews"]["followed_up"],
                r["btg_reviews"]["pending"],
            ]
        )
    writer.writerow([])
    writer.writerow([_("reason for refusal"), _("number")])
    for row in figures["refusals"]:
        writer.writerow([str(row["label"]), row["n"]])
    return out.getvalue()
