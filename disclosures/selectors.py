"""Reads of the disclosure log for the AVG officer's oversight (issue 24, point 6).

Filtering by recipient, covenant, basis and period; the number of disclosures per covenant in a
period (the management figure); and the covenants about to expire with the disclosures that
would then lose their basis. Plain functions with keyword-only arguments; nothing here writes.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from processingregister.models import Agreement
from retention.periods import add_months

from .models import Disclosure
from .services import SHARING_ROLES, agreements_in_force

# How far back "the disclosures made under it" reach for an expiring covenant; a periodic run's
# disclosures count whatever their age (the next run would need the covenant again).
EXPIRING_LOOKBACK_MONTHS = 12


def _start_of(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of ``day``, local time."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _period(qs, date_from, date_to):
    """``date_from`` and ``date_to`` are whole local days, both included; ``None``: open."""
    if date_from is not None:
        qs = qs.filter(disclosed_at__gte=_start_of(date_from))
    if date_to is not None:
        qs = qs.filter(disclosed_at__lt=_start_of(date_to + datetime.timedelta(days=1)))
    return qs


def _with_details(qs):
    return qs.select_related("recipient", "agreement", "recorded_by", "run").prefetch_related(
        "categories", "recorded_by__groups"
    )


def filtered_disclosures(
    *, recipient=None, agreement=None, basis=None, date_from=None, date_to=None
):
    """The disclosures that match every filter given, newest first.

    ``recipient`` a ``Party`` (or its pk), ``agreement`` an ``Agreement`` (or its pk), ``basis``
    a ``Basis`` value; ``date_from``/``date_to`` local dates, both included.
    """
    qs = Disclosure.objects.all()
    if recipient is not None:
        qs = qs.filter(recipient=recipient)
    if agreement is not None:
        qs = qs.filter(agreement=agreement)
    if basis:
        qs = qs.filter(basis=basis)
    qs = _period(qs, date_from, date_to)
    return _with_details(qs).order_by("-disclosed_at", "-pk")


def counts_per_agreement(*, date_from, date_to) -> list[dict]:
    """Per covenant or agreement: how many disclosures in the period and how many persons they
    concerned.

    [{"agreement": Agreement | None, "count": n, "persons": n}]: every sharing agreement in
    force at some day of the period (also those not used: a covenant nobody shares under may
    be ended), then those used in the period but no longer in force, ordered by party and
    reference; last one row with ``agreement`` None for the disclosures without an agreement
    (a legal obligation, a court order, consent), when there are any.
    """
    qs = _period(Disclosure.objects.all(), date_from, date_to)
    rows = {
        row["agreement"]: row
        for row in qs.values("agreement").annotate(count=Count("pk"), persons=Sum("person_count"))
    }
    in_force = Agreement.objects.filter(role__in=SHARING_ROLES)
    if date_to is not None:
        in_force = in_force.filter(start_date__lte=date_to)
    if date_from is not None:
        in_force = in_force.filter(Q(end_date__isnull=True) | Q(end_date__gte=date_from))
    ids = set(in_force.values_list("pk", flat=True)) | {pk for pk in rows if pk is not None}
    agreements = Agreement.objects.filter(pk__in=ids).select_related("party")
    result = [
        {
            "agreement": agreement,
            "count": rows.get(agreement.pk, {}).get("count", 0),
            "persons": rows.get(agreement.pk, {}).get("persons") or 0,
        }
        for agreement in agreements.order_by("party__name", "reference")
    ]
    if None in rows:
        result.append(
            {"agreement": None, "count": rows[None]["count"], "persons": rows[None]["persons"] or 0}
        )
    return result


def expiring_agreements(*, within_days: int = 90, day: datetime.date | None = None) -> list[dict]:
    """The agreements in force on ``day`` (today) that end within ``within_days`` days, each
    with the disclosures that would then lose their basis: those made under it in the last
    twelve months, and those of a periodic run (whenever made: the next run needs it).

    [{"agreement", "end_date", "days_left", "disclosures": [Disclosure], "count", "persons",
    "periodic_kinds": [str]}], soonest end first.
    """
    day = day or timezone.localdate()
    until = day + datetime.timedelta(days=within_days)
    agreements = [
        agreement
        for agreement in agreements_in_force(day)
        if agreement.end_date is not None and agreement.end_date <= until
    ]
    since = _start_of(add_months(day, -EXPIRING_LOOKBACK_MONTHS))
    disclosures = _with_details(
        Disclosure.objects.filter(agreement__in=[a.pk for a in agreements]).filter(
            Q(disclosed_at__gte=since) | Q(run__isnull=False)
        )
    ).order_by("-disclosed_at", "-pk")
    per_agreement: dict[int, list] = {a.pk: [] for a in agreements}
    for disclosure in disclosures:
        per_agreement[disclosure.agreement_id].append(disclosure)
    result = []
    for agreement in sorted(agreements, key=lambda a: (a.end_date, a.party.name, a.reference)):
        made = per_agreement[agreement.pk]
        result.append(
            {
                "agreement": agreement,
                "end_date": agreement.end_date,
                "days_left": (agreement.end_date - day).days,
                "disclosures": made,
                "count": len(made),
                "persons": sum(d.person_count for d in made),
                "periodic_kinds": sorted({d.run.kind for d in made if d.run is not None}),
            }
        )
    return result


def report_section(*, date_from, date_to) -> dict:
    """The disclosures per covenant in the management report (``rights.hooks``)."""
    rows = []
    for row in counts_per_agreement(date_from=date_from, date_to=date_to):
        agreement = row["agreement"]
        name = (
            f"{agreement.party.name}: {agreement.reference} {agreement.title}"
            if agreement is not None
            else _("Without an agreement (legal obligation, court order, consent)")
        )
        rows.append([name, row["count"], row["persons"]])
    return {
        "key": "disclosures",
        "title": _("Disclosures per covenant"),
        "columns": [_("Covenant or agreement"), _("Disclosures"), _("Persons")],
        "rows": rows,
    }
