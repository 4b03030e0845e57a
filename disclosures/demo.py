"""Demo data of the disclosure log: the early-warning covenant with the municipality, arrears
positions as the ERP reports them, last month's arrears run, a case conference in the Zorg- en
Veiligheidshuis and a police demand. Idempotent; called by ``manage.py seed_demo`` after the
register (its agreements) and the contacts (the demo tenants).
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from contacts.models import SignalType, Tenancy
from processingregister.models import Agreement, Party, PersonalDataCategory

from . import arrears, services
from .models import ArrearsPosition, Disclosure

COVENANT_REFERENCE = "CV-2024-009"
CASE_CONFERENCE = "Casusoverleg Zorg- en Veiligheidshuis Veenhoven"
POLICE_REFERENCE = "art. 126nd Wetboek van Strafvordering, vordering PV 2026-118"


def _categories(*codes):
    return list(PersonalDataCategory.objects.filter(code__in=codes))


def arrears_covenant() -> Agreement:
    """The covenant for early detection of debts (Wgs art. 4a) with the municipality."""
    agreement = Agreement.objects.filter(reference=COVENANT_REFERENCE).first()
    if agreement is None:
        party, _created = Party.objects.get_or_create(
            name="Gemeente Veenhoven", defaults={"country": "NL"}
        )
        agreement = Agreement.objects.create(
            reference=COVENANT_REFERENCE,
            title="Convenant Vroegsignalering schulden Veenhoven",
            party=party,
            role=Agreement.Role.RECIPIENT,
            purposes=(
                "Signalen van een betalingsachterstand van een maand huur of meer, zodat de "
                "gemeente de huurder vroeg hulp kan aanbieden (art. 4a Wet gemeentelijke "
                "schuldhulpverlening). Niet voor andere doelen."
            ),
            start_date=datetime.date(2024, 1, 1),
            end_date=timezone.localdate() + datetime.timedelta(days=60),
            signed_on=datetime.date(2023, 12, 12),
        )
        agreement.data_categories.set(
            _categories("identificatie", "contactgegevens", "woning", "financieel")
        )
    return agreement


def _tenants(count):
    today = timezone.localdate()
    return [
        tenancy
        for tenancy in Tenancy.objects.filter(end_date__isnull=True, start_date__lte=today)
        .select_related("person")
        .order_by("contract_number")[: count * 3]
        if tenancy.person_id
    ][:count]


def seed_demo_data() -> list[str]:
    officer = get_user_model().objects.filter(username="avg").first()
    employee = get_user_model().objects.filter(username="medewerker").first()
    tenancies = _tenants(6)
    if officer is None or len(tenancies) < 6:
        return ["  disclosures: no demo users or tenants; skipped"]
    covenant = arrears_covenant()
    lines = []
    # Last month's positions from the ERP, and the run made with them.
    as_of = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
    for tenancy, months, cents in zip(
        tenancies[:4], ("2.0", "3.5", "1.0", "2.5"), (152000, 268000, 76000, 190000), strict=True
    ):
        ArrearsPosition.objects.get_or_create(
            tenancy=tenancy,
            as_of=as_of,
            defaults={"months_overdue": Decimal(months), "amount_cents": cents},
        )
    run = arrears.run_arrears_signal(
        agreement=covenant, as_of=as_of, threshold_months=Decimal("1"), user=None
    )
    lines.append(
        f"  disclosures: arrears run of {as_of} ({run.get_status_display()}, "
        f"{run.disclosed} tenants)"
    )
    # A case conference ("that" only) and a police demand, once.
    zvh = Agreement.objects.filter(reference="CV-2023-004").first()
    person = tenancies[4].person
    if zvh is not None and not Disclosure.objects.filter(meeting=CASE_CONFERENCE).exists():
        services.record_disclosure(
            employee,
            services.DisclosureInput(
                persons=[person],
                recipient=zvh.party,
                agreement=zvh,
                basis="covenant",
                channel="case_conference",
                meeting=CASE_CONFERENCE,
                signal_type=SignalType.objects.filter(code="geluidsoverlast").first(),
                categories=_categories("identificatie", "woning", "woongedrag"),
                purpose="Afstemming aanpak overlast en hulp",
                disclosed_at=timezone.now() - datetime.timedelta(days=12),
            ),
        )
    police, _created = Party.objects.get_or_create(
        name="Politie Eenheid Oost-Nederland", defaults={"country": "NL"}
    )
    if not Disclosure.objects.filter(basis_reference=POLICE_REFERENCE).exists():
        services.record_disclosure(
            officer,
            services.DisclosureInput(
                persons=[tenancies[5].person],
                recipient=police,
                basis="legal_obligation",
                basis_reference=POLICE_REFERENCE,
                channel="secure_mail",
                categories=_categories("identificatie", "contactgegevens", "woning"),
                purpose="Vordering van gegevens door de officier van justitie",
                disclosed_at=timezone.now() - datetime.timedelta(days=30),
            ),
        )
    lines.append(f"  disclosures: {Disclosure.objects.count()} disclosures in the log")
    return lines
