"""The AVG officer's oversight of the disclosure log (issue 24, point 6).

Filter the disclosures by recipient, covenant, basis and period; export them (CSV, XLSX); the
number per covenant in the period; the covenants about to expire with the disclosures that
would then lose their basis. Only the privacy officer; the pages show no tenant's data (the
persons of a disclosure are on their cards), so no access-log entry is written.
"""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from access.policy import role_view
from accounts import roles
from contacts.forms import DateInput
from processingregister.models import Agreement, Party
from retention.periods import add_months

from . import exports, selectors
from .forms import AgreementField
from .models import Basis
from .services import SHARING_ROLES

# The table shows this many rows; the exports hold them all.
TABLE_LIMIT = 200
# A covenant that ends within this many days is listed as about to expire.
EXPIRING_WITHIN_DAYS = 90

DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]


class DisclosureFilterForm(forms.Form):
    recipient = forms.ModelChoiceField(
        label=_("Recipient"), queryset=Party.objects.none(), required=False
    )
    agreement = AgreementField(
        label=_("Covenant or agreement"), queryset=Agreement.objects.none(), required=False
    )
    basis = forms.ChoiceField(
        label=_("Legal basis"), choices=[("", "---------"), *Basis.choices], required=False
    )
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput(format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("Up to and including"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput(format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Everyone who received data, and every counterparty of a sharing agreement.
        self.fields["recipient"].queryset = (
            Party.objects.filter(
                Q(disclosures__isnull=False) | Q(agreements__role__in=SHARING_ROLES)
            )
            .distinct()
            .order_by("name")
        )
        self.fields["agreement"].queryset = (
            Agreement.objects.filter(role__in=SHARING_ROLES)
            .select_related("party")
            .order_by("party__name", "reference")
        )

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("The end of the period is before its start."))
        return cleaned

    def filters(self) -> dict:
        """The keyword arguments of ``selectors.filtered_disclosures``."""
        data = self.cleaned_data
        return {
            "recipient": data.get("recipient"),
            "agreement": data.get("agreement"),
            "basis": data.get("basis") or None,
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }


def _counting_period(form) -> tuple[datetime.date, datetime.date]:
    """The period of the counts per covenant: the filter's, or the last twelve months."""
    today = timezone.localdate()
    data = form.cleaned_data if form.is_valid() else {}
    date_to = data.get("date_to") or today
    date_from = data.get("date_from") or add_months(date_to, -12) + datetime.timedelta(days=1)
    return date_from, date_to


def _overview(request, form, status=200):
    valid = form.is_valid()
    disclosures = selectors.filtered_disclosures(**form.filters()) if valid else None
    total = disclosures.count() if valid else 0
    rows = list(disclosures[:TABLE_LIMIT]) if valid else []
    for disclosure in rows:
        disclosure.recorded_by_function = exports.recorded_by_label(disclosure)
    date_from, date_to = _counting_period(form)
    return render(
        request,
        "disclosures/overview.html",
        {
            "form": form,
            "disclosures": rows,
            "total": total,
            "limited": total > TABLE_LIMIT,
            "table_limit": TABLE_LIMIT,
            "counts": selectors.counts_per_agreement(date_from=date_from, date_to=date_to),
            "count_from": date_from,
            "count_to": date_to,
            "expiring": selectors.expiring_agreements(within_days=EXPIRING_WITHIN_DAYS),
            "expiring_within": EXPIRING_WITHIN_DAYS,
            "query": request.GET.urlencode(),
        },
        status=status,
    )


@role_view(roles.PRIVACY_OFFICER)
@require_GET
def overview(request):
    form = DisclosureFilterForm(request.GET)
    return _overview(request, form, status=200 if form.is_valid() else 400)


def _export(request, content, *, extension, content_type):
    filename = f"verstrekkingen-{timezone.localdate().isoformat()}.{extension}"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@role_view(roles.PRIVACY_OFFICER)
@require_GET
def export_csv(request):
    form = DisclosureFilterForm(request.GET)
    if not form.is_valid():
        return _overview(request, form, status=400)
    content = exports.disclosures_csv(selectors.filtered_disclosures(**form.filters()))
    return _export(request, content, extension="csv", content_type="text/csv; charset=utf-8")


@role_view(roles.PRIVACY_OFFICER)
@require_GET
def export_xlsx(request):
    form = DisclosureFilterForm(request.GET)
    if not form.is_valid():
        return _overview(request, form, status=400)
    content = exports.disclosures_xlsx(selectors.filtered_disclosures(**form.filters()))
    return _export(
        request,
        content,
        extension="xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
