"""The catalogue of personal-data categories the product knows, with stable codes.

The per-app declarations (``<app>/personal_data.py``) classify every model field with one of
these codes, and the register's activities, agreements and breaches point at the same
categories (``PersonalDataCategory`` rows, synced from this catalogue on every ``migrate``).
So the categories in the register are the ones the database actually holds.

The names and descriptions are register content (Dutch), not interface text.
"""

from dataclasses import dataclass

from django.apps import apps as global_apps

ORDINARY = "ordinary"
SPECIAL = "special"  # art. 9 AVG
CRIMINAL = "criminal"  # art. 10 AVG
NATIONAL_ID = "national-id"  # art. 87 AVG, art. 46 UAVG (BSN)


@dataclass(frozen=True)
class DataCategorySpec:
    code: str
    name: str
    kind: str
    description: str


CATALOGUE = (
    DataCategorySpec(
        "identificatie",
        "Identificatiegegevens",
        ORDINARY,
        "Naam, voorletters, tussenvoegsel en relatienummer.",
    ),
    DataCategorySpec(
        "geboortedatum",
        "Geboortedatum",
        ORDINARY,
        "Alleen waar nodig om personen met dezelfde naam uit elkaar te houden.",
    ),
    DataCategorySpec(
        "contactgegevens",
        "Contactgegevens",
        ORDINARY,
        "Telefoonnummers en e-mailadressen, met het voorkeursnummer of -adres.",
    ),
    DataCategorySpec(
        "woning",
        "Adres- en woninggegevens",
        ORDINARY,
        "Adres en kenmerken van de gehuurde woning (verhuureenheid).",
    ),
    DataCategorySpec(
        "huurovereenkomst",
        "Gegevens over de huurovereenkomst",
        ORDINARY,
        "Contractnummer, rol (huurder, medehuurder), ingangs- en einddatum.",
    ),
    DataCategorySpec(
        "vertegenwoordiging",
        "Gegevens over vertegenwoordiging",
        ORDINARY,
        "Machtigingen, bewindvoering en curatele: wie namens wie mag optreden, en hoe dat is "
        "gecontroleerd.",
    ),
    DataCategorySpec(
        "klantcontact",
        "Klantcontactgegevens",
        ORDINARY,
        "Kanaal, onderwerp, korte samenvatting en afhandeling van een contactmoment, en de taken "
        "die eruit voortkomen.",
    ),
    DataCategorySpec(
        "onderhoud",
        "Reparatie- en onderhoudsgegevens",
        ORDINARY,
        "Gemelde gebreken, afspraken met de huurder en de uitvoering door de aannemer.",
    ),
    DataCategorySpec(
        "financieel",
        "Financiële gegevens",
        ORDINARY,
        "Huurbetalingen, achterstanden, betalingsregelingen en rekeningnummer.",
    ),
    DataCategorySpec(
        "inkomen",
        "Inkomens- en huishoudgegevens",
        ORDINARY,
        "Huishoudinkomen en samenstelling van het huishouden, voor passend toewijzen.",
    ),
    DataCategorySpec(
        "woongedrag",
        "Signalen over woongedrag en overlast",
        ORDINARY,
        "Objectieve, in algemene termen vastgelegde signalen over overlast, vervuiling of "
        "verwaarlozing.",
    ),
    DataCategorySpec(
        "gezondheid",
        "Gezondheidsgegevens",
        SPECIAL,
        "Medische indicatie of urgentie, woningaanpassing op medische grond. Alleen de "
        "indicatie, nooit een diagnose.",
    ),
    DataCategorySpec(
        "strafrechtelijk",
        "Strafrechtelijke gegevens",
        CRIMINAL,
        "Gerechtelijke verboden en aanwijzingen van strafbare feiten (bijv. bedreiging).",
    ),
    DataCategorySpec(
        "bsn",
        "Burgerservicenummer (BSN)",
        NATIONAL_ID,
        "Alleen waar de wet het gebruik voorschrijft.",
    ),
    DataCategorySpec(
        "telefonie",
        "Telefoniegegevens",
        ORDINARY,
        "Nummerweergave, tijdstip en duur van gesprekken, wachtrij.",
    ),
    DataCategorySpec(
        "tevredenheid",
        "Antwoorden op tevredenheidsonderzoek",
        ORDINARY,
        "Scores en toelichting van deelnemers aan klanttevredenheidsonderzoek.",
    ),
    DataCategorySpec(
        "medewerker",
        "Medewerkergegevens",
        ORDINARY,
        "Naam, gebruikersnaam, zakelijk e-mailadres, team en rol van medewerkers.",
    ),
    DataCategorySpec(
        "autorisatie",
        "Inlog- en autorisatiegegevens",
        ORDINARY,
        "Wachtwoordhash, laatste inlog, rollen en rechten van medewerkers.",
    ),
    DataCategorySpec(
        "logging",
        "Loggegevens",
        ORDINARY,
        "Wie welke gegevens wanneer heeft gewijzigd of ingezien, en vanaf welk adres.",
    ),
    DataCategorySpec(
        "zakelijk-contact",
        "Zakelijke contactgegevens",
        ORDINARY,
        "Namen en contactgegevens van contactpersonen bij leveranciers, partners en de "
        "functionaris gegevensbescherming.",
    ),
)

CATEGORY_CODES = frozenset(spec.code for spec in CATALOGUE)
BY_CODE = {spec.code: spec for spec in CATALOGUE}


def sync_data_categories(sender=None, using="default", apps=None, **kwargs):
    """Create or update the catalogue's categories (post_migrate, idempotent).

    Rows the officer added are left alone; a catalogue row keeps its primary key, so the
    register's links survive a renamed category.
    """
    registry = apps or global_apps
    try:
        model = registry.get_model("processingregister", "PersonalDataCategory")
    except LookupError:
        return  # not migrated yet
    for spec in CATALOGUE:
        wanted = {
            "name": spec.name,
            "kind": spec.kind,
            "description": spec.description,
            "in_catalogue": True,
        }
        row = model._default_manager.using(using).filter(code=spec.code).first()
        if row is None:
            model._default_manager.using(using).create(code=spec.code, **wanted)
            continue
        changed = [name for name, value in wanted.items() if getattr(row, name) != value]
        for name in changed:
            setattr(row, name, wanted[name])
        if changed:
            row.save(update_fields=changed)
