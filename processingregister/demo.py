"""Demo content of the processing register: a realistic register for Woonservice and the
departments it works with, processor agreements and covenants, and a small breach register.

Idempotent: rows are matched on stable keys (codes, references, names). A second run changes
nothing; a run after someone edited demo rows puts the demo values back. Rows outside the
demo are left alone. Other apps bind their registrations to the activity codes below
(``klantcontact``, ``reparatieverzoeken``, ``huurincasso``, ``overlast-signalen``,
``zorgsignalen``, ``klanttevredenheid``, ``woonruimteverdeling-urgentie``, ``telefonie``,
``wijziging-persoonsgegevens``, ``huuropzegging``, ...).

The corporation, its suppliers and their addresses are invented; e-mail addresses use the
reserved ``.example`` domain.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from accounts.models import User

from .models import (
    ActivityEvent,
    Agreement,
    Controller,
    DataBreach,
    DataSubjectCategory,
    Decision,
    Department,
    InformationSystem,
    Party,
    PersonalDataCategory,
    ProcessingActivity,
    SubProcessor,
    Transfer,
)

Status = ProcessingActivity.Status
TZ = datetime.timezone(datetime.timedelta(hours=1))  # CET, for the fixed demo moments
OFFICER_USERNAME = "avg"

CONTROLLER = {
    "name": "Woonstichting Veenhoven",
    "address": "Stationsweg 1\n9643 AA Veenhoven\nPostbus 120, 9640 AC Veenhoven",
    "email": "privacy@woonstichting-veenhoven.example",
    "phone": "0591 20 30 40",
    "website": "https://www.woonstichting-veenhoven.example",
    "chamber_of_commerce_number": "40012345",
    "dpo_name": "P. Hoekstra, functionaris gegevensbescherming",
    "dpo_email": "fg@woonstichting-veenhoven.example",
    "dpo_phone": "0591 20 30 99",
    "representative": "",
}

DEPARTMENTS = (
    ("woonservice", "Woonservice"),
    ("verhuur", "Verhuur en woonruimteverdeling"),
    ("financien", "Financiën en huurincasso"),
    ("vastgoed", "Vastgoed en onderhoud"),
    ("wijkbeheer", "Wijkbeheer en leefbaarheid"),
    ("klantbeleving", "Communicatie en klantbeleving"),
    ("ict", "ICT en informatiebeheer"),
    ("bestuur", "Bestuurszaken en privacy"),
)

SUBJECT_CATEGORIES = (
    ("huurders", "Huurders en medehuurders", "Wie een huurovereenkomst heeft.", False),
    (
        "oud-huurders",
        "Vertrokken huurders",
        "Met een eindafrekening of openstaande vordering.",
        False,
    ),
    ("woningzoekenden", "Woningzoekenden", "Ingeschreven bij WoonMatch Veenhoven.", False),
    (
        "urgent-woningzoekenden",
        "Woningzoekenden met een medische urgentie",
        "Wie met voorrang een passende woning zoekt op medische grond.",
        True,
    ),
    (
        "vertegenwoordigers",
        "Gemachtigden, bewindvoerders en curatoren",
        "Wie namens een huurder mag optreden.",
        False,
    ),
    (
        "kwetsbare-huurders",
        "Huurders over wie zorgsignalen bestaan",
        "Huurders bij wie signalen wijzen op een zorg- of hulpvraag.",
        True,
    ),
    ("omwonenden", "Omwonenden en melders van overlast", "", False),
    ("bellers", "Bellers", "Wie de corporatie belt, huurder of niet.", False),
    ("medewerkers", "Medewerkers", "Gebruikers van de klantcontactapplicatie.", False),
    (
        "contactpersonen",
        "Contactpersonen van leveranciers en partners",
        "Zakelijke contactpersonen bij verwerkers, convenantpartners en toezichthouders.",
        False,
    ),
)

PARTIES = (
    {
        "name": "Bouw- en Onderhoudsbedrijf Koudedijk B.V.",
        "chamber_of_commerce_number": "40098765",
        "address": "Industrieweg 14\n9646 BK Koudedijk",
        "country": "NL",
        "contact": "privacy@bob-koudedijk.example",
    },
    {
        "name": "KlantMeter Onderzoek B.V.",
        "chamber_of_commerce_number": "41122334",
        "address": "Vismarkt 8\n9711 KT Groningen",
        "country": "NL",
        "contact": "privacy@klantmeter.example",
    },
    {
        "name": "Noordhost Datacenters B.V.",
        "chamber_of_commerce_number": "42233445",
        "address": "Zernikepark 30\n9747 AN Groningen",
        "country": "NL",
        "contact": "security@noordhost.example",
    },
    {
        "name": "BelWijs Telecom B.V.",
        "chamber_of_commerce_number": "43344556",
        "address": "Oude Ebbingestraat 2\n9712 HA Groningen",
        "country": "NL",
        "contact": "privacy@belwijs.example",
    },
    {
        "name": "Stichting WoonMatch Regio Veenhoven",
        "chamber_of_commerce_number": "44455667",
        "address": "Markt 3\n9641 CA Veenhoven",
        "country": "NL",
        "contact": "privacy@woonmatch-veenhoven.example",
    },
    {
        "name": "Gemeente Veenhoven",
        "chamber_of_commerce_number": "",
        "address": "Raadhuisplein 1\n9641 AB Veenhoven",
        "country": "NL",
        "contact": "privacy@veenhoven.example",
    },
)

SYSTEMS = (
    (
        "Klantcontact",
        "Deze applicatie: klantkaart, contactmomenten, taken, kennisbank.",
        "Noordhost Datacenters B.V.",
        "Noordhost, Groningen (NL)",
    ),
    (
        "Vastgoed-ERP",
        "Huuradministratie, contracten, incasso en onderhoudsorders.",
        "Noordhost Datacenters B.V.",
        "Noordhost, Groningen (NL)",
    ),
    (
        "Telefonieplatform BelWijs",
        "Telefooncentrale in de cloud met nummerherkenning en wachtrijen.",
        "BelWijs Telecom B.V.",
        "BelWijs, Amsterdam (NL)",
    ),
    (
        "Enquêteplatform KlantMeter",
        "Uitnodigingen en antwoorden van tevredenheidsonderzoek.",
        "KlantMeter Onderzoek B.V.",
        "KlantMeter, Frankfurt (DE)",
    ),
    (
        "WoonMatch",
        "Regionaal woonruimteverdeelsysteem.",
        "Stichting WoonMatch Regio Veenhoven",
        "WoonMatch, Groningen (NL)",
    ),
    (
        "Werkbonapp Koudedijk",
        "Tablet-app van de monteurs voor werkbonnen en afspraken.",
        "Bouw- en Onderhoudsbedrijf Koudedijk B.V.",
        "Koudedijk, Koudedijk (NL)",
    ),
)

BASE_SECURITY = (
    "Toegang op basis van rol en wijkteam; inloggen met persoonlijk account, sessie verloopt "
    "na 30 minuten inactiviteit. Wijzigingen en inzage van persoonsgegevens worden gelogd en "
    "steekproefsgewijs gecontroleerd door de FG. Verbindingen versleuteld (TLS), back-ups "
    "versleuteld bij de hostingpartij (ISO 27001). Jaarlijkse autorisatiecontrole per afdeling; "
    "medewerkers tekenen een geheimhoudingsverklaring en volgen de AVG-training."
)


@dataclass
class ActivitySpec:
    code: str
    name: str
    department: str
    process_owner: str
    purposes: str
    legal_basis: str
    legal_basis_explanation: str
    subjects: tuple
    data: tuple
    retention: tuple  # (period, unit, trigger, explanation)
    security: str = BASE_SECURITY
    systems: tuple = ("Klantcontact",)
    internal_access: str = ""
    statutory_recipients: str = ""
    special_condition: str = ""
    special_explanation: str = ""
    criminal_basis: str = ""
    criminal_explanation: str = ""
    dpia: tuple = ("no", "", "Geen bijzondere gegevens, geen kwetsbare groep, geen profilering.")
    status: str = Status.APPROVED
    review_date: datetime.date | None = datetime.date(2027, 6, 1)
    replaced_by: str = ""
    transfers: tuple = field(default_factory=tuple)


ACTIVITIES = (
    ActivitySpec(
        code="klantcontact",
        name="Klantcontacten en klantvolgsysteem",
        department="woonservice",
        process_owner="Manager Woonservice",
        purposes=(
            "Vastleggen van elk contactmoment met huurders, woningzoekenden en hun "
            "vertegenwoordigers (balie, telefoon, e-mail, website), zodat iedere collega ziet wat "
            "is gevraagd, besproken en afgesproken.\n"
            "Beantwoorden van vragen en doorzetten als taak, terugbelverzoek of interne notitie.\n"
            "Sturen op de dienstverlening (kanaalmix, beantwoording bij eerste contact) met "
            "geanonimiseerde cijfers."
        ),
        legal_basis="b",
        legal_basis_explanation=(
            "Uitvoering van de huurovereenkomst (art. 7:201 e.v. BW) en van precontractuele "
            "afspraken met woningzoekenden; de corporatie handelt binnen haar taak uit art. 45 "
            "Woningwet."
        ),
        subjects=("huurders", "woningzoekenden", "vertegenwoordigers", "bellers"),
        data=(
            "identificatie",
            "geboortedatum",
            "contactgegevens",
            "woning",
            "huurovereenkomst",
            "vertegenwoordiging",
            "klantcontact",
        ),
        retention=(
            2,
            "years",
            "relationship_end",
            "Contactmomenten blijven zichtbaar zolang de klantrelatie loopt en worden twee jaar "
            "na het einde ervan verwijderd (laatste contact of einde huurovereenkomst). "
            "Contacten zonder bekende persoon een jaar na het contact. Verklaringen van "
            "betrokkenen bij hun gegevens gaan mee met de klantrelatie. Geen "
            "medische details: behoeften worden in algemene termen beschreven. De "
            "geboortedatum staat er alleen als die nodig is om naamgenoten uit elkaar te houden.",
        ),
        systems=("Klantcontact", "Vastgoed-ERP"),
        internal_access=(
            "Medewerkers Woonservice van het wijkteam van de woning; anderen alleen bij "
            "betrokkenheid of met een gelogde reden (break-the-glass)."
        ),
        review_date=datetime.date(2026, 12, 15),
    ),
    ActivitySpec(
        code="reparatieverzoeken",
        name="Reparatieverzoeken en onderhoud",
        department="vastgoed",
        process_owner="Manager Vastgoed en onderhoud",
        purposes=(
            "Registreren van reparatieverzoeken van huurders, een afspraak maken en de "
            "reparatie laten uitvoeren door de eigen dienst of de wijkaannemer; bewaken van "
            "garantie en kwaliteit."
        ),
        legal_basis="b",
        legal_basis_explanation=(
            "Uitvoering van de huurovereenkomst: onderhoudsplicht van de verhuurder "
            "(art. 7:206 BW)."
        ),
        subjects=("huurders",),
        data=("identificatie", "contactgegevens", "woning", "onderhoud"),
        retention=(
            2,
            "years",
            "case_closed",
            "Twee jaar na gereedmelding, voor garantie en klachtafhandeling; de aannemer "
            "verwijdert werkbonnen uiterlijk 30 dagen na gereedmelding.",
        ),
        systems=("Klantcontact", "Vastgoed-ERP", "Werkbonapp Koudedijk"),
        internal_access="Woonservice, Vastgoed en onderhoud; de aannemer alleen per werkbon.",
    ),
    ActivitySpec(
        code="huurincasso",
        name="Huurincasso en betalingsregelingen",
        department="financien",
        process_owner="Teamleider Huurincasso",
        purposes=(
            "Innen van de huur (automatische incasso en betalingen), versturen van "
            "herinneringen en aanmaningen, treffen en bewaken van betalingsregelingen, "
            "vroegsignalering van betalingsachterstanden aan de gemeente en, als laatste stap, "
            "overdracht aan de deurwaarder."
        ),
        legal_basis="b",
        legal_basis_explanation=(
            "Uitvoering van de huurovereenkomst (betalingsverplichting, art. 7:212 BW). De "
            "melding voor vroegsignalering aan de gemeente gebeurt op grond van een wettelijke "
            "plicht (art. 4a Wet gemeentelijke schuldhulpverlening, art. 6 lid 1 sub c AVG)."
        ),
        subjects=("huurders", "oud-huurders", "vertegenwoordigers"),
        data=(
            "identificatie",
            "contactgegevens",
            "woning",
            "huurovereenkomst",
            "financieel",
            "vertegenwoordiging",
        ),
        retention=(
            7,
            "years",
            "tenancy_end",
            "Fiscale bewaarplicht (art. 52 AWR): zeven jaar na het einde van de "
            "huurovereenkomst; een betalingsregeling twee jaar na volledige betaling.",
        ),
        systems=("Vastgoed-ERP", "Klantcontact"),
        internal_access="Team Huurincasso; Woonservice ziet alleen of er een regeling loopt.",
        statutory_recipients=(
            "Gemeente Veenhoven: signaal van een betalingsachterstand voor vroegsignalering "
            "(art. 4a Wgs).\n"
            "Gerechtsdeurwaarder: bij een incasso-opdracht, als zelfstandig "
            "verwerkingsverantwoordelijke.\n"
            "Belastingdienst: op vordering (art. 53 AWR)."
        ),
        review_date=datetime.date(2027, 3, 1),
    ),
    ActivitySpec(
        code="overlast-signalen",
        name="Overlastmeldingen en signalen over woongedrag",
        department="wijkbeheer",
        process_owner="Manager Wijkbeheer en leefbaarheid",
        purposes=(
            "Behandelen van overlastmeldingen en vastleggen van objectieve signalen (overlast, "
            "vervuiling, verwaarlozing, agressie) om patronen te zien, escalatie te voorkomen, "
            "buurtbemiddeling in te zetten en waar nodig zorgpartners of de gemeente in te "
            "schakelen (signaalfunctie)."
        ),
        legal_basis="f",
        legal_basis_explanation=(
            "Gerechtvaardigd belang: het woongenot en de veiligheid van omwonenden en "
            "medewerkers, en de plicht van de verhuurder om overlast tegen te gaan "
            "(art. 7:204 BW). Belangenafweging vastgelegd in de DPIA; signalen kort, feitelijk "
            "en in algemene termen."
        ),
        subjects=("huurders", "kwetsbare-huurders", "omwonenden"),
        data=("identificatie", "contactgegevens", "woning", "woongedrag", "strafrechtelijk"),
        criminal_basis="uavg-32d",
        criminal_explanation=(
            "Alleen voor zover nodig voor het instellen of onderbouwen van een rechtsvordering "
            "(procedure tot ontbinding van de huurovereenkomst, gebiedsverbod); vastgelegd door "
            "de wijkconsulent, toegang beperkt tot Wijkbeheer. Geen gezondheidsgegevens: "
            "zorgsignalen worden mondeling gedeeld in het Zorg- en Veiligheidshuis."
        ),
        retention=(
            2,
            "years",
            "case_closed",
            "Twee jaar na afsluiting van het dossier; bij een gerechtelijke procedure tot de "
            "uitspraak onherroepelijk is. Na afloop verplicht herbeoordelen (geen stilzwijgende "
            "verlenging).",
        ),
        security=BASE_SECURITY
        + " Signalen alleen zichtbaar voor Wijkbeheer; Woonservice ziet dát er een signaal is, "
        "niet wát.",
        internal_access="Wijkconsulenten en de manager Wijkbeheer; Woonservice alleen het bestaan.",
        dpia=(
            "yes",
            "DPIA-2025-02",
            "Hoog risico door strafrechtelijke gegevens en kwetsbare "
            "huurders; maatregelen: scheiding dat/wat, korte bewaartermijn, logging.",
        ),
        review_date=datetime.date(2027, 1, 31),
    ),
    ActivitySpec(
        code="zorgsignalen",
        name="Signalen over een ondersteuningsbehoefte",
        department="wijkbeheer",
        process_owner="Manager Wijkbeheer en leefbaarheid",
        purposes=(
            "Vastleggen dát een huurder ondersteuning nodig heeft (bijv. bij verwaarlozing of "
            "een huurachterstand die op een zorgvraag wijst), zodat de wijkconsulent met de "
            "huurder de juiste hulp kan inschakelen en collega's er rekening mee houden. Geen "
            "diagnose of medische details: alleen de behoefte in algemene termen."
        ),
        legal_basis="a",
        legal_basis_explanation=(
            "Toestemming van de huurder, gevraagd door de wijkconsulent in een gesprek, "
            "vastgelegd met datum; intrekken kan altijd, mondeling of schriftelijk, en leidt tot "
            "verwijdering van het signaal. Geen algemene toestemmingsverklaring."
        ),
        subjects=("kwetsbare-huurders", "vertegenwoordigers"),
        data=("identificatie", "woning", "woongedrag", "gezondheid"),
        special_condition="a",
        special_explanation=(
            "Uitdrukkelijke toestemming van de huurder (art. 9 lid 2 sub a AVG) voor het "
            "vastleggen van de ondersteuningsbehoefte; zonder toestemming wordt het signaal "
            "alleen mondeling gedeeld in het Zorg- en Veiligheidshuis (daarop is de AVG niet "
            "van toepassing)."
        ),
        retention=(
            1,
            "years",
            "case_closed",
            "Een jaar na afsluiting; uiterlijk na een jaar verplicht herbeoordelen, met een "
            "vastgelegd besluit (geen stilzwijgende verlenging).",
        ),
        security=BASE_SECURITY
        + " Alleen de wijkconsulenten zien de inhoud; op de klantkaart staat alleen dát er "
        "een signaal is.",
        internal_access="Wijkconsulenten; Woonservice ziet alleen het bestaan van het signaal.",
        dpia=(
            "yes",
            "DPIA-2025-02",
            "Samen met de overlastsignalen beoordeeld; maatregelen: "
            "toestemming, scheiding dat/wat, korte bewaartermijn, logging van inzage.",
        ),
        review_date=datetime.date(2027, 1, 31),
    ),
    ActivitySpec(
        code="klanttevredenheid",
        name="Klanttevredenheidsonderzoek",
        department="klantbeleving",
        process_owner="Adviseur Klantbeleving",
        purposes=(
            "Meten van de tevredenheid na een reparatie of klantcontact om de dienstverlening te "
            "verbeteren. E-mailadressen uit de huurdersadministratie worden uitsluitend voor dit "
            "doel aan het onderzoeksbureau verstrekt; elke uitnodiging heeft een eenvoudige "
            "afmeldmogelijkheid en deelnemen kan ook via een openbare link, QR-code of telefoon."
        ),
        legal_basis="f",
        legal_basis_explanation=(
            "Gerechtvaardigd belang bij het verbeteren van de dienstverlening. Belangenafweging "
            "(2025): beperkte gegevens, verwachting van huurders, afmelden met één klik, geen "
            "koppeling van antwoorden aan de klantkaart."
        ),
        subjects=("huurders",),
        data=("contactgegevens", "klantcontact", "tevredenheid"),
        retention=(
            1,
            "years",
            "survey_closed",
            "Antwoorden een jaar na afronding van de meting; het onderzoeksbureau verwijdert de "
            "uitnodigingsbestanden binnen 30 dagen na de veldwerkperiode.",
        ),
        systems=("Enquêteplatform KlantMeter",),
        internal_access="Klantbeleving ziet alleen geanonimiseerde rapportages.",
        review_date=datetime.date(2027, 2, 1),
    ),
    ActivitySpec(
        code="woonruimteverdeling-urgentie",
        name="Woonruimteverdeling met medische urgentie",
        department="verhuur",
        process_owner="Manager Verhuur",
        purposes=(
            "Beoordelen van aanvragen voor voorrang op medische grond, toewijzen van een "
            "passende woning met voorrang en verantwoorden van die toewijzingen."
        ),
        legal_basis="c",
        legal_basis_explanation=(
            "Wettelijke plicht tot passend toewijzen en verantwoording (art. 46 Woningwet, "
            "art. 57 Btiv 2015) en de huisvestingsverordening van de gemeente Veenhoven."
        ),
        subjects=("woningzoekenden", "urgent-woningzoekenden", "vertegenwoordigers"),
        data=("identificatie", "contactgegevens", "inkomen", "gezondheid"),
        special_condition="g",
        special_explanation=(
            "Art. 9 lid 2 sub g AVG jo. art. 57 Btiv 2015: alleen het urgentiebesluit en de "
            "woonbehoefte (bijv. gelijkvloers), geen diagnose. Het medisch advies blijft bij de "
            "onafhankelijk medisch adviseur van de gemeente."
        ),
        retention=(
            0,
            "days",
            "allocation",
            "De medische indicatie wordt direct na toewijzing van de woning verwijderd; de "
            "toewijzing zelf (zonder indicatie) blijft voor de verantwoording vijf jaar bewaard.",
        ),
        systems=("WoonMatch",),
        internal_access="Twee aangewezen consulenten Verhuur; niet zichtbaar voor Woonservice.",
        dpia=(
            "yes",
            "DPIA-2024-03",
            "Gezondheidsgegevens van een kwetsbare groep; DPIA "
            "uitgevoerd met de samenwerkende corporaties in WoonMatch.",
        ),
        review_date=datetime.date(2027, 4, 1),
    ),
    ActivitySpec(
        code="telefonie",
        name="Telefonie-integratie",
        department="woonservice",
        process_owner="Manager Woonservice",
        purposes=(
            "Bij een inkomend gesprek de klantkaart van de beller openen (nummerherkenning), "
            "gesprekken routeren en de bereikbaarheid meten. Gesprekken worden niet opgenomen."
        ),
        legal_basis="f",
        legal_basis_explanation=(
            "Gerechtvaardigd belang: snelle en juiste hulp aan bellers. Belangenafweging: geen "
            "opnames, alleen nummer en tijdstip, wachtrijcijfers zonder nummers."
        ),
        subjects=("bellers", "huurders"),
        data=("contactgegevens", "telefonie"),
        retention=(
            3,
            "months",
            "contact",
            "Gespreksgegevens (nummer, tijdstip, duur) drie maanden; wachtrijstatistiek "
            "zonder nummers. In Klantcontact blijft van een gesprek alleen de nummerherkenning "
            "in het inzagelog (welk dossier bij welk inkomend gesprek is opgezocht): ook drie "
            "maanden.",
        ),
        systems=("Telefonieplatform BelWijs", "Klantcontact"),
        internal_access="Medewerkers Woonservice tijdens het gesprek; beheer bij ICT.",
        transfers=(
            (
                "Ondersteuningsdienst van BelWijs (derdelijnssupport)",
                "US",
                "adequacy",
                "EU-VS Data Privacy Framework: de leverancier is gecertificeerd (controle "
                "registerinschrijving 1 maart 2026). Alleen toegang bij storingen, gelogd.",
            ),
        ),
        review_date=datetime.date(2027, 5, 1),
    ),
    ActivitySpec(
        code="wijziging-persoonsgegevens",
        name="Wijziging van persoons- en contactgegevens",
        department="woonservice",
        process_owner="Manager Woonservice",
        purposes=(
            "Verwerken van wijzigingen die huurders doorgeven (telefoonnummer, e-mailadres, "
            "machtiging of bewindvoering), zodat de corporatie de juiste persoon bereikt."
        ),
        legal_basis="b",
        legal_basis_explanation=(
            "Uitvoering van de huurovereenkomst; juistheid van gegevens (art. 5 lid 1 sub d AVG)."
        ),
        subjects=("huurders", "vertegenwoordigers"),
        data=("identificatie", "contactgegevens", "vertegenwoordiging"),
        retention=(
            2,
            "years",
            "relationship_end",
            "Oude gegevens worden overschreven; de wijziging blijft in de audit trail. Kopieën "
            "van identiteitsbewijzen worden niet bewaard.",
        ),
    ),
    ActivitySpec(
        code="huuropzegging",
        name="Huuropzegging en eindinspectie",
        department="verhuur",
        process_owner="Manager Verhuur",
        purposes=(
            "Afhandelen van de huuropzegging, de voor- en eindinspectie, de eindafrekening en "
            "het doorgeven van de nieuwe contactgegevens voor de eindafrekening."
        ),
        legal_basis="b",
        legal_basis_explanation="Beëindiging van de huurovereenkomst (art. 7:271 BW).",
        subjects=("huurders", "oud-huurders"),
        data=("identificatie", "contactgegevens", "woning", "huurovereenkomst", "financieel"),
        retention=(
            7,
            "years",
            "tenancy_end",
            "Eindafrekening zeven jaar (fiscaal); inspectierapport twee jaar na einde huur.",
        ),
        systems=("Vastgoed-ERP", "Klantcontact"),
    ),
    ActivitySpec(
        code="gebruikersbeheer",
        name="Gebruikersbeheer en logging",
        department="ict",
        process_owner="Manager ICT en informatiebeheer",
        purposes=(
            "Toegang van medewerkers tot de klantcontactapplicatie beheren en vastleggen wie "
            "welke persoonsgegevens heeft gewijzigd of ingezien, om misbruik te voorkomen en "
            "te kunnen controleren."
        ),
        legal_basis="c",
        legal_basis_explanation=(
            "Beveiligingsplicht van art. 32 AVG en de verantwoordingsplicht (art. 5 lid 2 AVG)."
        ),
        subjects=("medewerkers",),
        data=("medewerker", "autorisatie", "logging"),
        retention=(
            2,
            "years",
            "recorded",
            "Logregels twee jaar; accounts worden bij uit dienst treden direct geblokkeerd.",
        ),
        internal_access="Applicatiebeheer; de FG voor controles van de logging.",
    ),
    ActivitySpec(
        code="privacybeheer",
        name="Privacybeheer: register, overeenkomsten en datalekken",
        department="bestuur",
        process_owner="Functionaris gegevensbescherming",
        purposes=(
            "Bijhouden van het verwerkingsregister, de verwerkersovereenkomsten en convenanten "
            "en het register van datalekken; afhandelen en verantwoorden van verzoeken van "
            "betrokkenen (inzage, rectificatie, wissing, beperking, bezwaar); contact met "
            "verwerkers, partners en de Autoriteit Persoonsgegevens."
        ),
        legal_basis="c",
        legal_basis_explanation=(
            "Art. 30 AVG (register), art. 28 AVG (verwerkersovereenkomsten), art. 33 lid 5 "
            "AVG (documentatie van datalekken) en art. 12 en 15-22 AVG (verzoeken van "
            "betrokkenen)."
        ),
        subjects=("contactpersonen", "medewerkers", "huurders", "vertegenwoordigers"),
        data=(
            "zakelijk-contact",
            "medewerker",
            "logging",
            "identificatie",
            "vertegenwoordiging",
            "klantcontact",
        ),
        retention=(
            7,
            "years",
            "other",
            "Overeenkomsten zeven jaar na afloop; verzoeken van betrokkenen (met de stappen "
            "van de afhandeling), datalekken en registerversies vijf jaar na afsluiting, voor "
            "verantwoording aan de toezichthouder.",
        ),
        internal_access="De FG en de AVG-functionarissen.",
    ),
    ActivitySpec(
        code="woningaanpassing-medisch",
        name="Woningaanpassingen op medische grond",
        department="vastgoed",
        process_owner="Manager Vastgoed en onderhoud",
        purposes=(
            "Aanbrengen van woningaanpassingen (traplift, drempels, douche) op verzoek van de "
            "gemeente (Wmo) of de huurder, en vastleggen welke aanpassingen een woning heeft "
            "voor een volgende toewijzing."
        ),
        legal_basis="b",
        legal_basis_explanation=(
            "Uitvoering van de huurovereenkomst en de afspraken met de gemeente (Wmo)."
        ),
        subjects=("huurders",),
        data=("identificatie", "contactgegevens", "woning", "onderhoud", "gezondheid"),
        retention=(2, "years", "case_closed", ""),
        dpia=("undetermined", "", ""),
        status=Status.IN_REVIEW,
        review_date=None,
    ),
    ActivitySpec(
        code="klantregistratie-iris",
        name="Klantregistratie in IRIS (oud systeem)",
        department="woonservice",
        process_owner="Manager Woonservice",
        purposes="Registratie van klantcontacten in het vorige systeem IRIS.",
        legal_basis="b",
        legal_basis_explanation="Uitvoering van de huurovereenkomst.",
        subjects=("huurders",),
        data=("identificatie", "contactgegevens", "klantcontact"),
        retention=(2, "years", "relationship_end", ""),
        status=Status.RETIRED,
        review_date=None,
        replaced_by="klantcontact",
    ),
)


@dataclass
class AgreementSpec:
    reference: str
    title: str
    party: str
    role: str
    activities: tuple
    purposes: str
    data: tuple
    security: str
    rights: str
    start: datetime.date
    end: datetime.date | None
    end_of_term: str
    end_details: str
    liability: str
    breach_hours: int | None
    signed: datetime.date
    sub_processors: tuple = ()


AGREEMENTS = (
    AgreementSpec(
        reference="VO-2025-003",
        title="Verwerkersovereenkomst reparaties en planmatig onderhoud",
        party="Bouw- en Onderhoudsbedrijf Koudedijk B.V.",
        role=Agreement.Role.PROCESSOR,
        activities=("reparatieverzoeken",),
        purposes=(
            "Uitvoeren van reparatieverzoeken en onderhoud in opdracht van de corporatie: "
            "afspraak maken met de huurder, de reparatie uitvoeren en gereedmelden. Niet voor "
            "eigen marketing of andere opdrachtgevers."
        ),
        data=("identificatie", "contactgegevens", "woning", "onderhoud"),
        security=(
            "Werkbonnen via een versleutelde koppeling; monteurs zien op de tablet alleen naam, "
            "adres, telefoonnummer en de omschrijving van het gebrek. Tablets met "
            "apparaatbeheer, schijfversleuteling en wissen op afstand; geen lokale kopieën of "
            "foto's van personen."
        ),
        rights=(
            "Verzoeken van huurders (inzage, correctie, verwijdering) stuurt de verwerker binnen "
            "twee werkdagen door naar privacy@woonstichting-veenhoven.example en verleent "
            "medewerking binnen de termijn van de corporatie."
        ),
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2027, 12, 31),
        end_of_term="delete",
        end_details=(
            "Werkbonnen met persoonsgegevens binnen 30 dagen na gereedmelding verwijderen; bij "
            "einde van de overeenkomst alles binnen 30 dagen, met schriftelijke bevestiging."
        ),
        liability=(
            "Aansprakelijkheid volgens de raamovereenkomst onderhoud, tot € 1.000.000 per "
            "gebeurtenis; boete van € 5.000 per te laat gemeld datalek; recht op audit door of "
            "namens de corporatie."
        ),
        breach_hours=24,
        signed=datetime.date(2024, 12, 12),
        sub_processors=(("PlanMaat Software B.V.", "Planningssoftware voor monteurs", "NL"),),
    ),
    AgreementSpec(
        reference="VO-2024-011",
        title="Verwerkersovereenkomst klanttevredenheidsonderzoek",
        party="KlantMeter Onderzoek B.V.",
        role=Agreement.Role.PROCESSOR,
        activities=("klanttevredenheid",),
        purposes=(
            "Uitnodigen van huurders voor tevredenheidsmetingen en verwerken van hun antwoorden. "
            "E-mailadressen uitsluitend voor dit doel; afmelden verwerkt de verwerker direct en "
            "meldt het terug."
        ),
        data=("contactgegevens", "klantcontact", "tevredenheid"),
        security=(
            "ISO 27001-gecertificeerd platform, gegevens in de EU (Frankfurt); aanlevering via "
            "beveiligde upload, niet per e-mail; rapportages aan de corporatie alleen "
            "geanonimiseerd of bij minimaal tien antwoorden."
        ),
        rights=(
            "Afmelden met één klik in elke uitnodiging; overige verzoeken binnen twee werkdagen "
            "naar de corporatie."
        ),
        start=datetime.date(2024, 2, 1),
        end=datetime.date(2027, 1, 31),
        end_of_term="delete",
        end_details="Uitnodigingsbestanden 30 dagen na het veldwerk; alles bij einde contract.",
        liability="Tot € 500.000 per jaar; vrijwaring voor boetes door toedoen van de verwerker.",
        breach_hours=24,
        signed=datetime.date(2024, 1, 18),
        sub_processors=(
            ("MailZend B.V.", "Verzenden van uitnodigingen per e-mail", "NL"),
            ("Cloudopslag Frankfurt GmbH", "Hosting van het enquêteplatform", "DE"),
        ),
    ),
    AgreementSpec(
        reference="VO-2024-002",
        title="Verwerkersovereenkomst hosting en beheer",
        party="Noordhost Datacenters B.V.",
        role=Agreement.Role.PROCESSOR,
        activities=(
            "klantcontact",
            "reparatieverzoeken",
            "huurincasso",
            "overlast-signalen",
            "wijziging-persoonsgegevens",
            "huuropzegging",
            "gebruikersbeheer",
        ),
        purposes=(
            "Hosten, beheren en back-uppen van de klantcontactapplicatie en het vastgoed-ERP. "
            "De hostingpartij heeft geen inhoudelijke toegang tot persoonsgegevens, behalve "
            "voor beheer op verzoek."
        ),
        data=(
            "identificatie",
            "contactgegevens",
            "woning",
            "huurovereenkomst",
            "klantcontact",
            "financieel",
            "woongedrag",
            "strafrechtelijk",
            "medewerker",
            "autorisatie",
            "logging",
        ),
        security=(
            "ISO 27001 en NEN 7510; twee datacenters in Nederland; versleutelde back-ups met "
            "30 dagen retentie; beheertoegang alleen met tweefactorauthenticatie en gelogd; "
            "jaarlijkse pentest."
        ),
        rights="Geen eigen contact met betrokkenen; medewerking aan verzoeken via de corporatie.",
        start=datetime.date(2024, 3, 1),
        end=datetime.date(2029, 2, 28),
        end_of_term="return_and_delete",
        end_details=(
            "Volledige export in een open formaat binnen 14 dagen, daarna verwijdering inclusief "
            "back-ups binnen 60 dagen, met vernietigingsverklaring."
        ),
        liability="Tot € 2.500.000 per gebeurtenis; jaarlijkse ISAE 3402-rapportage.",
        breach_hours=12,
        signed=datetime.date(2024, 2, 20),
    ),
    AgreementSpec(
        reference="VO-2025-007",
        title="Verwerkersovereenkomst telefonieplatform",
        party="BelWijs Telecom B.V.",
        role=Agreement.Role.PROCESSOR,
        activities=("telefonie",),
        purposes="Doorschakelen en routeren van gesprekken; nummerherkenning voor de klantkaart.",
        data=("contactgegevens", "telefonie"),
        security=(
            "Gespreksgegevens versleuteld opgeslagen in Nederland; geen opnames; koppeling met "
            "Klantcontact via een afgeschermde API met sleutel per omgeving."
        ),
        rights="Verzoeken binnen twee werkdagen naar de corporatie.",
        start=datetime.date(2025, 6, 1),
        end=None,
        end_of_term="delete",
        end_details="Gespreksgegevens na drie maanden; bij einde dienst alles binnen 30 dagen.",
        liability="Volgens de dienstverleningsovereenkomst, tot € 250.000 per jaar.",
        breach_hours=24,
        signed=datetime.date(2025, 5, 14),
        sub_processors=(("BelWijs Support Inc.", "Derdelijnssupport bij storingen", "US"),),
    ),
    AgreementSpec(
        reference="GV-2022-001",
        title="Samenwerkingsovereenkomst WoonMatch (gezamenlijke verwerkingsverantwoordelijken)",
        party="Stichting WoonMatch Regio Veenhoven",
        role=Agreement.Role.JOINT_CONTROLLER,
        activities=("woonruimteverdeling-urgentie",),
        purposes=(
            "Gezamenlijke inschrijving van woningzoekenden, toekenning van urgentie en "
            "toewijzing van woningen door de corporaties in de regio (art. 26 AVG-regeling)."
        ),
        data=("identificatie", "contactgegevens", "inkomen", "gezondheid"),
        security=(
            "Medische gegevens alleen in een afgeschermde module voor aangewezen consulenten; "
            "verwijdering van de indicatie bij toewijzing."
        ),
        rights=(
            "WoonMatch is aanspreekpunt voor betrokkenen (art. 26 lid 1 AVG) en stuurt verzoeken "
            "over toewijzing door naar de corporatie die toewees."
        ),
        start=datetime.date(2022, 1, 1),
        end=None,
        end_of_term="return_and_delete",
        end_details="Bij uittreden: gegevens van eigen woningzoekenden terug, daarna verwijderen.",
        liability="Ieder voor het eigen deel; onderlinge vrijwaring volgens de overeenkomst.",
        breach_hours=24,
        signed=datetime.date(2021, 11, 30),
    ),
    AgreementSpec(
        reference="CV-2023-004",
        title="Convenant Zorg en Veiligheid Veenhoven",
        party="Gemeente Veenhoven",
        role=Agreement.Role.RECIPIENT,
        activities=("overlast-signalen",),
        purposes=(
            "Delen van signalen over ernstige overlast en zorgen om bewoners in het Zorg- en "
            "Veiligheidshuis, om tijdig hulp te organiseren en escalatie te voorkomen. Alleen "
            "wat nodig is per casus; de regie ligt bij de gemeente."
        ),
        data=("identificatie", "woning", "woongedrag"),
        security="Delen alleen in het casusoverleg of via de beveiligde omgeving van de gemeente.",
        rights="Elke partij behandelt verzoeken over eigen gegevens; afstemming via de regisseur.",
        start=datetime.date(2023, 9, 1),
        end=datetime.date(2027, 8, 31),
        end_of_term="delete",
        end_details="Casusinformatie uiterlijk een jaar na afsluiting van de casus.",
        liability="Ieder voor de eigen verwerking.",
        breach_hours=None,
        signed=datetime.date(2023, 7, 5),
    ),
)


@dataclass
class BreachSpec:
    reference: str
    title: str
    aware_at: datetime.datetime
    description: str
    cause: str
    confidentiality: bool
    integrity: bool
    availability: bool
    activities: tuple
    data: tuple
    subjects: tuple
    subjects_count: int
    records_count: int
    consequences: str
    measures: str
    risk: str
    processor: str
    authority: tuple  # (decision, reason, notified_at, reference)
    data_subjects: tuple  # (decision, reason, notified_at, method)
    closed_at: datetime.datetime | None
    updates: tuple = ()


FIXED_BREACHES = (
    BreachSpec(
        reference="DL-2026-001",
        title="Betalingsherinnering naar verkeerde huurder gemaild",
        aware_at=datetime.datetime(2026, 3, 10, 9, 40, tzinfo=TZ),
        description=(
            "Een betalingsherinnering is per e-mail naar een andere huurder gestuurd dan de "
            "geadresseerde (verkeerd adres gekozen bij automatisch aanvullen)."
        ),
        cause=DataBreach.Cause.MISDIRECTED,
        confidentiality=True,
        integrity=False,
        availability=False,
        activities=("huurincasso",),
        data=("identificatie", "woning", "financieel"),
        subjects=("huurders",),
        subjects_count=1,
        records_count=1,
        consequences="De ontvanger zag naam, adres en het bedrag van de achterstand.",
        measures=(
            "Ontvanger gebeld; verwijdering schriftelijk bevestigd. Automatisch aanvullen van "
            "e-mailadressen uitgezet in het incassosjabloon; team geïnstrueerd."
        ),
        risk=DataBreach.Risk.UNLIKELY,
        processor="",
        authority=(
            Decision.DO_NOT_NOTIFY,
            "Eén ontvanger die verwijdering schriftelijk heeft bevestigd; geen bijzondere "
            "gegevens; een risico voor de betrokkene is onwaarschijnlijk (art. 33 lid 1 AVG).",
            None,
            "",
        ),
        data_subjects=(
            Decision.NOTIFY,
            "",
            datetime.datetime(2026, 3, 10, 15, 0, tzinfo=TZ),
            "Telefonisch en per brief",
        ),
        closed_at=datetime.datetime(2026, 3, 12, 11, 0, tzinfo=TZ),
    ),
    BreachSpec(
        reference="DL-2026-002",
        title="Uitnodigingsbestand bij onderzoeksbureau onbeveiligd benaderbaar",
        aware_at=datetime.datetime(2026, 9, 2, 16, 15, tzinfo=TZ),
        description=(
            "Bij KlantMeter stond een uitnodigingsbestand voor de tevredenheidsmeting twee dagen "
            "in een verkeerd ingestelde opslagmap die zonder wachtwoord benaderbaar was."
        ),
        cause=DataBreach.Cause.PROCESSOR,
        confidentiality=True,
        integrity=False,
        availability=False,
        activities=("klanttevredenheid",),
        data=("contactgegevens", "klantcontact"),
        subjects=("huurders",),
        subjects_count=1850,
        records_count=1850,
        consequences=(
            "E-mailadressen en het soort contact (reparatie, vraag) kunnen zijn ingezien; risico "
            "op gerichte phishing."
        ),
        measures=(
            "Map afgesloten, logbestanden geanalyseerd (twee onbekende downloads), "
            "configuratiecontrole toegevoegd aan de release-procedure van de verwerker; "
            "waarschuwing voor phishing op de website."
        ),
        risk=DataBreach.Risk.RISK,
        processor="VO-2024-011",
        authority=(
            Decision.NOTIFY,
            "Groot aantal betrokkenen en mogelijke download door onbekenden.",
            datetime.datetime(2026, 9, 4, 11, 20, tzinfo=TZ),
            "M-2026-04127",
        ),
        data_subjects=(
            Decision.DO_NOT_NOTIFY,
            "Geen hoog risico (alleen e-mailadres en soort contact); wel een algemene "
            "mededeling met phishingwaarschuwing op de website (art. 34 lid 3 sub c AVG).",
            None,
            "",
        ),
        closed_at=datetime.datetime(2026, 10, 1, 10, 0, tzinfo=TZ),
        updates=(
            (
                datetime.datetime(2026, 9, 9, 14, 0, tzinfo=TZ),
                "Analyse verwerker afgerond: twee downloads vanaf onbekende adressen. "
                "Aanvullende informatie aan de AP gestuurd.",
                True,
            ),
            (
                datetime.datetime(2026, 9, 30, 9, 30, tzinfo=TZ),
                "Audit bij de verwerker uitgevoerd; maatregelen werken.",
                False,
            ),
        ),
    ),
)

OPEN_BREACH_TITLE = "Tablet van monteur onderhoudsbedrijf verloren"


@dataclass
class SyncCount:
    created: int = 0
    updated: int = 0

    def add(self, created: bool, changed: bool):
        if created:
            self.created += 1
        elif changed:
            self.updated += 1


def _sync(model, key: dict, values: dict, m2m: dict | None = None):
    """Create or update one row; returns (row, created, changed)."""
    row = model._default_manager.filter(**key).first()
    created = row is None
    changed = False
    if created:
        row = model(**{**values, **key})
        row.save()
    else:
        diff = [name for name, value in values.items() if getattr(row, name) != value]
        for name in diff:
            setattr(row, name, values[name])
        if diff:
            row.save()
            changed = True
    for name, wanted in (m2m or {}).items():
        manager = getattr(row, name)
        if set(manager.values_list("pk", flat=True)) != {obj.pk for obj in wanted}:
            manager.set(wanted)
            changed = True
    return row, created, changed


def minimal_pdf(lines: list[str]) -> bytes:
    """A tiny valid one-page PDF with text lines (demo documents only)."""

    def escape(text):
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream = (
        "BT /F1 11 Tf 56 780 Td 15 TL " + " ".join(f"({escape(line)}) '" for line in lines) + " ET"
    )
    stream_bytes = stream.encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length "
        + str(len(stream_bytes)).encode()
        + b" >>\nstream\n"
        + stream_bytes
        + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def _agreement_document(spec: AgreementSpec) -> bytes:
    return minimal_pdf(
        [
            spec.title,
            f"Kenmerk {spec.reference}",
            f"Partijen: {CONTROLLER['name']} (verwerkingsverantwoordelijke) en {spec.party}",
            f"Ingangsdatum: {spec.start.strftime('%d-%m-%Y')}",
            "Demodocument: alleen voor de demonstratie van Klantcontact.",
        ]
    )


@transaction.atomic
def seed_demo_data() -> list[str]:
    count = SyncCount()
    officer = User.objects.filter(username=OFFICER_USERNAME).first()

    controller, created, changed = _sync(Controller, {"name": CONTROLLER["name"]}, CONTROLLER)
    count.add(created, changed)
    departments = {}
    for code, name in DEPARTMENTS:
        departments[code], created, changed = _sync(Department, {"code": code}, {"name": name})
        count.add(created, changed)
    subjects = {}
    for code, name, description, vulnerable in SUBJECT_CATEGORIES:
        subjects[code], created, changed = _sync(
            DataSubjectCategory,
            {"code": code},
            {"name": name, "description": description, "is_vulnerable": vulnerable},
        )
        count.add(created, changed)
    categories = {c.code: c for c in PersonalDataCategory.objects.all()}
    parties = {}
    for spec in PARTIES:
        parties[spec["name"]], created, changed = _sync(Party, {"name": spec["name"]}, spec)
        count.add(created, changed)
    systems = {}
    for name, description, supplier, hosting in SYSTEMS:
        systems[name], created, changed = _sync(
            InformationSystem,
            {"name": name},
            {"description": description, "supplier": parties[supplier], "hosting": hosting},
        )
        count.add(created, changed)

    activities = {}
    for spec in ACTIVITIES:
        dpia_needed, dpia_reference, dpia_explanation = spec.dpia
        period, unit, trigger, explanation = spec.retention
        values = {
            "name": spec.name,
            "controller": controller,
            "department": departments[spec.department],
            "process_owner": spec.process_owner,
            "owner_user": None,
            "purposes": spec.purposes,
            "legal_basis": spec.legal_basis,
            "legal_basis_explanation": spec.legal_basis_explanation,
            "special_category_condition": spec.special_condition,
            "special_category_explanation": spec.special_explanation,
            "criminal_data_basis": spec.criminal_basis,
            "criminal_data_explanation": spec.criminal_explanation,
            "internal_access": spec.internal_access,
            "statutory_recipients": spec.statutory_recipients,
            "retention_period": period,
            "retention_unit": unit,
            "retention_trigger": trigger,
            "retention_explanation": explanation,
            "security_measures": spec.security,
            "dpia_needed": dpia_needed,
            "dpia_reference": dpia_reference,
            "dpia_explanation": dpia_explanation,
            "status": spec.status,
            "review_date": spec.review_date,
        }
        previous_status = (
            ProcessingActivity.objects.filter(code=spec.code)
            .values_list("status", flat=True)
            .first()
        )
        activity, created, changed = _sync(
            ProcessingActivity,
            {"code": spec.code},
            values,
            m2m={
                "subject_categories": [subjects[c] for c in spec.subjects],
                "data_categories": [categories[c] for c in spec.data],
                "systems": [systems[s] for s in spec.systems],
            },
        )
        if spec.status == Status.APPROVED and activity.approved_at is None:
            activity.approved_at = datetime.datetime(2026, 1, 15, 10, 0, tzinfo=TZ)
            activity.save(update_fields=["approved_at"])
            changed = True
        if created or previous_status != spec.status:
            _seed_history(activity, spec.status, officer, created)
        for recipient, country, safeguard, details in spec.transfers:
            _, t_created, t_changed = _sync(
                Transfer,
                {"activity": activity, "recipient": recipient},
                {"country": country, "safeguard": safeguard, "safeguard_details": details},
            )
            changed = changed or t_created or t_changed
        count.add(created, changed)
        activities[spec.code] = activity
    for spec in ACTIVITIES:
        wanted = activities[spec.replaced_by] if spec.replaced_by else None
        activity = activities[spec.code]
        if activity.replaced_by_id != (wanted.pk if wanted else None):
            activity.replaced_by = wanted
            activity.save(update_fields=["replaced_by"])
            count.add(False, True)

    agreements = {}
    for spec in AGREEMENTS:
        values = {
            "title": spec.title,
            "party": parties[spec.party],
            "role": spec.role,
            "purposes": spec.purposes,
            "security_measures": spec.security,
            "data_subject_rights": spec.rights,
            "start_date": spec.start,
            "end_date": spec.end,
            "end_of_term": spec.end_of_term,
            "end_of_term_details": spec.end_details,
            "liability": spec.liability,
            "breach_notification_hours": spec.breach_hours,
            "signed_on": spec.signed,
        }
        agreement, created, changed = _sync(
            Agreement,
            {"reference": spec.reference},
            values,
            m2m={
                "activities": [activities[c] for c in spec.activities],
                "data_categories": [categories[c] for c in spec.data],
            },
        )
        if not agreement.has_document:
            document = _agreement_document(spec)
            agreement.document_name = f"{spec.reference}.pdf"
            agreement.document_content_type = "application/pdf"
            agreement.document_size = len(document)
            agreement.document_content = document
            agreement.document_uploaded_at = datetime.datetime.combine(
                spec.signed, datetime.time(12, 0), tzinfo=TZ
            )
            agreement.save()
            changed = True
        for name, service, country in spec.sub_processors:
            _, s_created, s_changed = _sync(
                SubProcessor,
                {"agreement": agreement, "name": name},
                {"service": service, "country": country, "approved_on": spec.signed},
            )
            changed = changed or s_created or s_changed
        count.add(created, changed)
        agreements[spec.reference] = agreement

    for spec in FIXED_BREACHES:
        created, changed = _seed_breach(spec, activities, categories, subjects, agreements, officer)
        count.add(created, changed)
    created = _seed_open_breach(activities, categories, subjects, agreements, officer)
    count.add(created, False)

    return [
        "  processing register: "
        f"{ProcessingActivity.objects.filter(code__in=activities).count()} processing activities "
        f"({sum(1 for s in ACTIVITIES if s.status == Status.APPROVED)} approved), "
        f"{len(AGREEMENTS)} agreements, "
        f"{DataBreach.objects.count()} data breaches; "
        f"this run: {count.created} created, {count.updated} updated",
    ]


def _seed_history(activity, status, officer, created):
    at = datetime.datetime(2026, 1, 15, 10, 0, tzinfo=TZ)
    if created:
        ActivityEvent.objects.create(
            activity=activity,
            kind=ActivityEvent.Kind.CREATED,
            to_status=Status.DRAFT,
            at=at - datetime.timedelta(days=14),
            by=officer,
            note="Opgesteld met de proceseigenaar.",
        )
    kind = {
        Status.DRAFT: ActivityEvent.Kind.RETURNED,
        Status.IN_REVIEW: ActivityEvent.Kind.SUBMITTED,
        Status.APPROVED: ActivityEvent.Kind.APPROVED,
        Status.RETIRED: ActivityEvent.Kind.RETIRED,
    }[status]
    if status != Status.DRAFT:
        ActivityEvent.objects.create(
            activity=activity,
            kind=kind,
            from_status=Status.DRAFT if created else "",
            to_status=status,
            at=at if created else timezone.now(),
            by=officer,
            note="Demoregister." if created else "Demodata hersteld.",
        )


def _breach_values(spec, agreements):
    a_decision, a_reason, a_at, a_ref = spec.authority
    s_decision, s_reason, s_at, s_method = spec.data_subjects
    return {
        "title": spec.title,
        "aware_at": spec.aware_at,
        "description": spec.description,
        "cause": spec.cause,
        "confidentiality": spec.confidentiality,
        "integrity": spec.integrity,
        "availability": spec.availability,
        "subjects_count": spec.subjects_count,
        "records_count": spec.records_count,
        "consequences": spec.consequences,
        "measures": spec.measures,
        "risk": spec.risk,
        "processor_agreement": agreements[spec.processor] if spec.processor else None,
        "processor_reported_at": spec.aware_at if spec.processor else None,
        "authority_decision": a_decision,
        "authority_decision_reason": a_reason,
        "authority_decided_at": spec.aware_at + datetime.timedelta(hours=20)
        if a_decision != Decision.PENDING
        else None,
        "authority_notified_at": a_at,
        "authority_reference": a_ref,
        "subjects_decision": s_decision,
        "subjects_decision_reason": s_reason,
        "subjects_decided_at": spec.aware_at + datetime.timedelta(hours=20)
        if s_decision != Decision.PENDING
        else None,
        "subjects_notified_at": s_at,
        "subjects_notification_method": s_method,
        "closed_at": spec.closed_at,
    }


def _seed_breach(spec, activities, categories, subjects, agreements, officer):
    values = _breach_values(spec, agreements)
    exists = DataBreach.objects.filter(reference=spec.reference).exists()
    if not exists:
        values["reported_by"] = officer
    breach, created, changed = _sync(
        DataBreach,
        {"reference": spec.reference},
        values,
        m2m={
            "activities": [activities[c] for c in spec.activities],
            "data_categories": [categories[c] for c in spec.data],
            "subject_categories": [subjects[c] for c in spec.subjects],
        },
    )
    for at, description, sent in spec.updates:
        _, u_created, u_changed = _sync(
            breach.updates.model,
            {"breach": breach, "at": at},
            {"description": description, "sent_to_authority": sent},
        )
        changed = changed or u_created or u_changed
    return created, changed


def _seed_open_breach(activities, categories, subjects, agreements, officer) -> bool:
    """One breach that is still open, so the countdown and reminders can be seen. Created once,
    about 30 hours before the first seeding; never moved afterwards."""
    if DataBreach.objects.filter(title=OPEN_BREACH_TITLE).exists():
        return False
    from . import services

    aware_at = timezone.now().replace(second=0, microsecond=0) - datetime.timedelta(hours=30)
    breach = DataBreach(
        title=OPEN_BREACH_TITLE,
        aware_at=aware_at,
        description=(
            "Een monteur van de wijkaannemer meldt dat zijn werktablet uit de bus is gestolen. "
            "Op de tablet stonden de werkbonnen van de lopende week."
        ),
        cause=DataBreach.Cause.LOST_DEVICE,
        confidentiality=True,
        availability=True,
        subjects_count=42,
        records_count=57,
        consequences=(
            "Naam, adres, telefoonnummer en omschrijving van het gebrek van 42 huurders kunnen "
            "in handen van derden komen. De tablet is versleuteld en met pincode beveiligd."
        ),
        measures=(
            "Wissen op afstand gestart (nog niet bevestigd); aangifte gedaan door de aannemer; "
            "werkbonnen opnieuw ingepland."
        ),
        risk=DataBreach.Risk.UNASSESSED,
        processor_agreement=agreements["VO-2025-003"],
        processor_reported_at=aware_at - datetime.timedelta(hours=2),
    )
    breach.reference = services.next_breach_reference(timezone.localdate(aware_at))
    breach.reported_by = officer
    breach.save()
    breach.activities.set([activities["reparatieverzoeken"]])
    breach.data_categories.set(
        [categories[c] for c in ("identificatie", "contactgegevens", "woning", "onderhoud")]
    )
    breach.subject_categories.set([subjects["huurders"]])
    return True
