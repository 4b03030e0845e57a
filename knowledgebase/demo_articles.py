# ruff: noqa: E501 - article bodies are Markdown paragraphs, one line each
"""The demo content of the knowledge base: categories, articles and the synonym list.

Written for this product: what Woonservice is asked at the desk, on the phone, by e-mail and
through the portal. The answer scripts speak to the tenant ("u"); internal articles speak to
staff. Amounts and percentages that change every year are described, not quoted, so the demo
does not state outdated figures as fact. Fixed review dates make the demo identical on every
run; a few lie in the past on purpose, so the dashboard has something to flag.
"""

import datetime
from dataclasses import dataclass, field

D = datetime.date

# (slug, name, parent slug or None, position)
CATEGORIES = [
    ("huur-en-betalen", "Huur en betalen", None, 10),
    ("huur-betalen", "Huur betalen", "huur-en-betalen", 10),
    ("betalingsproblemen", "Betalingsproblemen", "huur-en-betalen", 20),
    ("huurprijs-en-toeslag", "Huurprijs en huurtoeslag", "huur-en-betalen", 30),
    ("servicekosten", "Servicekosten", "huur-en-betalen", 40),
    ("huurcontract", "Huurcontract", None, 20),
    ("medehuur-en-scheiding", "Medehuur en scheiding", "huurcontract", 10),
    ("opzeggen-en-verhuizen", "Opzeggen en verhuizen", "huurcontract", 20),
    ("gegevens-en-machtigingen", "Gegevens en machtigingen", "huurcontract", 30),
    ("reparaties-en-onderhoud", "Reparaties en onderhoud", None, 30),
    ("reparatie-melden", "Reparatie melden", "reparaties-en-onderhoud", 10),
    ("water-afvoer-verwarming", "Water, afvoer en verwarming", "reparaties-en-onderhoud", 20),
    (
        "glas-deuren-algemene-ruimten",
        "Glas, deuren en algemene ruimten",
        "reparaties-en-onderhoud",
        30,
    ),
    ("woning-aanpassen", "Woning aanpassen", None, 40),
    ("gezond-en-veilig-wonen", "Gezond en veilig wonen", None, 50),
    ("ongedierte", "Ongedierte", None, 60),
    ("woonomgeving-en-overlast", "Woonomgeving en overlast", None, 70),
    ("sleutels-en-sloten", "Sleutels en sloten", None, 80),
    ("privacy", "Privacy en persoonsgegevens", None, 90),
]

PUBLISHED = "published"
INTERNAL = "internal"
DRAFT = "draft"
ARCHIVED = "archived"


@dataclass(frozen=True)
class DemoArticle:
    slug: str
    title: str
    category: str
    summary: str
    body: str
    keywords: str
    related: tuple = ()
    channels: tuple = ()  # VERA channel codes; empty: all channels
    status: str = PUBLISHED
    review_by: datetime.date = D(2027, 9, 1)
    extra: dict = field(default_factory=dict)


ARTICLES = [
    # --- Huur betalen ---------------------------------------------------------------------------
    DemoArticle(
        slug="huur-betalen",
        title="Huur betalen: zo kan het",
        category="huur-betalen",
        summary=(
            "De huur betaalt u vooraf, uiterlijk op de eerste dag van de maand. Het makkelijkst "
            "is automatische incasso: dan schrijven wij de huur zelf af. U kunt ook zelf "
            "overmaken of betalen via het huurdersportaal met iDEAL. Zet bij een overboeking "
            "altijd uw huurcontractnummer in de omschrijving."
        ),
        body="""
## Betaalmogelijkheden
- **Automatische incasso**: wij schrijven de huur rond de eerste van de maand af. U kunt kiezen voor de 1e, 15e of 25e van de maand.
- **Zelf overmaken**: maak de huur uiterlijk de eerste van de maand over naar het rekeningnummer op uw huuroverzicht, met uw contractnummer in de omschrijving.
- **iDEAL in het huurdersportaal**: handig voor een losse betaling of om een achterstand in één keer te betalen.

## Wanneer moet de huur binnen zijn?
De huur wordt vooraf betaald: de huur voor januari moet op 1 januari betaald zijn. Kiest u bij automatische incasso voor een latere datum, dan is dat afgesproken en krijgt u geen herinnering.

> Let op: contant betalen aan de balie kan niet meer.

Lukt betalen niet? Kijk bij [Huur niet (op tijd) kunnen betalen](/kennisbank/artikel/huur-niet-kunnen-betalen/).
""",
        keywords=(
            "huur betalen, betaalwijze, betaalmanier, overmaken, overschrijven, ideal, "
            "huurdersportaal, betaaldatum, wanneer huur betalen, huurbetaling, contant betalen, "
            "rekeningnummer woonservice"
        ),
        related=("automatische-incasso", "huur-niet-kunnen-betalen"),
    ),
    DemoArticle(
        slug="automatische-incasso",
        title="Automatische incasso aanvragen, wijzigen of stoppen",
        category="huur-betalen",
        summary=(
            "Automatische incasso regelt de huurder zelf in het huurdersportaal, of met het "
            "machtigingsformulier dat wij opsturen. Een nieuwe incasso gaat in vanaf de eerste "
            "volgende maand als de aanvraag voor de 20e binnen is. Stoppen of een ander "
            "rekeningnummer kan op dezelfde manier. Een afschrijving terugboeken (storneren) kan "
            "tot acht weken na de afschrijving via de eigen bank, maar dan staat de huur weer open."
        ),
        body="""
## Aanvragen
1. Log in op het huurdersportaal en kies **Betalen > Automatische incasso**.
2. Vul het rekeningnummer (IBAN) in en kies de afschrijfdatum: de 1e, 15e of 25e van de maand.
3. Of vraag het papieren machtigingsformulier aan; wij sturen het per post.

Is de aanvraag voor de 20e van de maand binnen, dan schrijven wij de maand erna al af.

## Wijzigen of stoppen
Een ander rekeningnummer of een andere afschrijfdatum geeft de huurder door in het portaal. Stoppen kan ook daar, of schriftelijk. Daarna moet de huurder de huur zelf overmaken.

## Terugboeken (storneren)
Een afschrijving kan tot acht weken terug via de eigen bank worden teruggeboekt. De huur staat dan weer open en moet alsnog betaald worden. Mislukt een afschrijving omdat er te weinig saldo is, dan proberen wij het niet opnieuw: de huurder maakt het bedrag zelf over.

> Medewerkers: wijzig nooit zelf een rekeningnummer op verzoek per telefoon. Verwijs naar het portaal of het formulier (ondertekend).
""",
        keywords=(
            "automatische incasso, incasso, automatisch betalen, machtiging incasso, "
            "afschrijving, afschrijfdatum, incasso stoppen, incasso stopzetten, incasso "
            "wijzigen, storneren, terugboeken, terugstorten, sepa, iban incasso"
        ),
        related=("huur-betalen", "gegevens-wijzigen"),
    ),
    # --- Betalingsproblemen -----------------------------------------------------------------
    DemoArticle(
        slug="huur-niet-kunnen-betalen",
        title="Huur niet (op tijd) kunnen betalen",
        category="betalingsproblemen",
        summary=(
            "Neem zo snel mogelijk contact met ons op als het betalen van de huur niet lukt: hoe "
            "eerder, hoe meer we kunnen regelen. Bij een eenmalig probleem spreken we vaak uitstel "
            "af; bij een achterstand een betalingsregeling. We kunnen u ook in contact brengen met "
            "schuldhulpverlening van de gemeente. Wachten maakt het duurder: na de herinnering "
            "volgen aanmaningskosten en daarna de deurwaarder."
        ),
        body="""
## Wat gebeurt er bij een huurachterstand?
1. Na ongeveer tien dagen krijgt de huurder een vriendelijke herinnering.
2. Is er na een maand nog niet betaald, dan volgt een aanmaning en bellen wij de huurder.
3. Blijft betalen uit, dan geven wij de vordering uit handen aan de deurwaarder. Dat brengt extra kosten mee.
4. Bij een grote achterstand kan de rechter de huurovereenkomst ontbinden. Dat willen wij voorkomen.

## Wat kunnen wij doen?
- [Uitstel van betaling](/kennisbank/artikel/uitstel-van-betaling/) bij een eenmalig probleem.
- Een [betalingsregeling](/kennisbank/artikel/betalingsregeling/) om een achterstand in delen af te lossen.
- Doorverwijzen naar [hulp bij geldzorgen en schulden](/kennisbank/artikel/geldzorgen-schuldhulp/).

## Vroegsignalering
Bij een achterstand geven wij, met een wettelijke grondslag, een signaal aan de gemeente, zodat een hulpverlener contact kan opnemen. De gemeente krijgt alleen naam, adres, contactgegevens en de hoogte van de achterstand.
""",
        keywords=(
            "huurachterstand, achterstand, huur niet betaald, niet kunnen betalen, kan huur niet "
            "betalen, betalen lukt niet, geldproblemen, herinnering, aanmaning, deurwaarder, "
            "ontruiming, huisuitzetting, betalingsachterstand, te laat betaald, schuld"
        ),
        related=("betalingsregeling", "uitstel-van-betaling", "geldzorgen-schuldhulp"),
    ),
    DemoArticle(
        slug="betalingsregeling",
        title="Betalingsregeling treffen bij huurachterstand",
        category="betalingsproblemen",
        summary=(
            "Met een betalingsregeling lost de huurder een huurachterstand in maandelijkse delen "
            "af, naast de gewone huur. De termijn is meestal zes tot twaalf maanden. De regeling "
            "vraagt de huurder aan via het portaal of telefonisch; wij sturen de afspraak ter "
            "ondertekening op. Houdt de huurder zich niet aan de regeling, dan vervalt die en "
            "moet de hele achterstand in één keer betaald worden."
        ),
        body="""
## Voorwaarden
- De lopende huur wordt elke maand volledig betaald.
- Het aflosbedrag is minimaal een vast bedrag per maand; de termijn is maximaal twaalf maanden. Langer kan alleen na overleg met de incassomedewerker.
- Er loopt geen andere regeling die niet is nagekomen.

## Zo gaat het
1. Noteer de gewenste termijn en het maandbedrag dat de huurder kan missen. Vraag **niet** naar details van inkomen of uitgaven; dat doet de incassomedewerker als het nodig is.
2. Maak een taak voor het team Incasso met het voorstel.
3. De huurder krijgt de regeling schriftelijk en ondertekent die.

> Lukt de regeling niet, dan verwijzen wij naar [hulp bij geldzorgen en schulden](/kennisbank/artikel/geldzorgen-schuldhulp/).
""",
        keywords=(
            "betalingsregeling, regeling, afbetalingsregeling, afbetalen, in termijnen betalen, "
            "termijnen, gespreid betalen, achterstand aflossen, aflossen, maandbedrag, "
            "betaalafspraak, regeling treffen"
        ),
        related=("huur-niet-kunnen-betalen", "uitstel-van-betaling"),
    ),
    DemoArticle(
        slug="uitstel-van-betaling",
        title="Uitstel van betaling aanvragen",
        category="betalingsproblemen",
        summary=(
            "Kan de huurder de huur deze maand later betalen, bijvoorbeeld omdat salaris of "
            "uitkering later komt? Dan spreken we eenmalig uitstel af tot uiterlijk de laatste dag "
            "van de maand. Uitstel vraagt de huurder aan vóór de vervaldatum. Er komen dan geen "
            "herinneringskosten bij."
        ),
        body="""
## Wanneer kan uitstel?
- Eenmalig, voor de huur van één maand.
- De huurder vraagt het aan vóór de eerste van de maand.
- Er is geen lopende achterstand. Is die er wel, dan is een [betalingsregeling](/kennisbank/artikel/betalingsregeling/) de weg.

## Hoe registreer je het?
Leg de afgesproken betaaldatum vast in het contactmoment en zet de uitkomst op *beantwoord* als de afspraak meteen gemaakt is. Bij automatische incasso: de huurder kan de afschrijfdatum ook blijvend verzetten naar de 15e of 25e (zie [automatische incasso](/kennisbank/artikel/automatische-incasso/)).
""",
        keywords=(
            "uitstel, uitstel van betaling, later betalen, huur later betalen, betaaldatum "
            "verschuiven, salaris later, uitkering later, volgende week betalen, "
            "betalingsuitstel, eenmalig uitstel"
        ),
        related=("huur-niet-kunnen-betalen", "betalingsregeling"),
    ),
    DemoArticle(
        slug="geldzorgen-schuldhulp",
        title="Hulp bij geldzorgen en schulden",
        category="betalingsproblemen",
        summary=(
            "Heeft de huurder meer schulden of geldzorgen, dan kan de gemeente gratis helpen met "
            "schuldhulpverlening. Wij kunnen met toestemming van de huurder een afspraak laten "
            "maken met een schuldhulpmaatje of de budgetcoach van de gemeente. Zolang de huurder "
            "meewerkt aan hulp, schorten wij verdere incassomaatregelen op."
        ),
        body="""
## Waar kan de huurder terecht?
- **Schuldhulpverlening van de gemeente**: gratis, via het loket van de gemeente of de website.
- **Budgetcoach of vrijwilliger** (bijvoorbeeld via het maatschappelijk werk) voor hulp met post en overzicht.
- **Bewindvoering**: bij grote problemen kan de kantonrechter een bewindvoerder aanstellen. Zie [machtiging en bewindvoerder](/kennisbank/artikel/machtiging/).

## Wat doen wij?
Met toestemming van de huurder maken wij een warme overdracht: een taak voor de consulent Wonen, die contact opneemt met de hulpverlener. Noteer in het contactmoment **alleen dat** er hulp is gevraagd, niet de inhoud van de financiële situatie.
""",
        keywords=(
            "schulden, schuldhulp, schuldhulpverlening, geldzorgen, geldproblemen, budgetcoach, "
            "budgetbeheer, schuldsanering, wsnp, maatschappelijk werk, hulp bij geld, "
            "rood staan, rondkomen"
        ),
        related=("huur-niet-kunnen-betalen", "machtiging"),
    ),
    # --- Huurprijs en huurtoeslag -----------------------------------------------------------
    DemoArticle(
        slug="huurtoeslag",
        title="Huurtoeslag aanvragen of wijzigen",
        category="huurprijs-en-toeslag",
        summary=(
            "Huurtoeslag vraagt de huurder zelf aan bij de Belastingdienst (Dienst Toeslagen), "
            "niet bij ons. Of iemand recht heeft, hangt af van inkomen, vermogen, leeftijd en de "
            "hoogte van de huur. Wij kunnen een huurprijsverklaring sturen als de Belastingdienst "
            "daarom vraagt. Wijzigingen in inkomen of huishouden geeft de huurder zelf door aan "
            "de Belastingdienst."
        ),
        body="""
## Aanvragen
De huurder vraagt huurtoeslag aan op de website van Dienst Toeslagen, met DigiD. Een proefberekening laat zien of er recht op is.

## Wat kunnen wij doen?
- Een **huurprijsverklaring** of huurspecificatie sturen (via het portaal te downloaden).
- Uitleggen welk deel van de servicekosten meetelt voor de huurtoeslag.

## Veranderingen
Na de jaarlijkse [huurverhoging](/kennisbank/artikel/huurverhoging/) geven wij de nieuwe huur door aan de Belastingdienst. Verandert het inkomen of gaat er iemand in of uit huis wonen, dan geeft de huurder dat zelf door.

> Let op: de regels en bedragen voor huurtoeslag veranderen elk jaar. Controleer dit artikel bij de jaarlijkse wijziging.
""",
        keywords=(
            "huurtoeslag, toeslag, toeslagen, belastingdienst, dienst toeslagen, "
            "huurprijsverklaring, huurspecificatie, recht op huurtoeslag, huursubsidie, "
            "tegemoetkoming huur"
        ),
        related=("huurverhoging", "huurverlaging"),
        review_by=D(2026, 7, 1),
    ),
    DemoArticle(
        slug="huurverhoging",
        title="De jaarlijkse huurverhoging",
        category="huurprijs-en-toeslag",
        summary=(
            "De huur gaat elk jaar op 1 juli omhoog. De overheid bepaalt hoeveel de huur van een "
            "sociale huurwoning maximaal mag stijgen. Uiterlijk twee maanden voor 1 juli krijgt "
            "de huurder een brief met de nieuwe huur en de uitleg. Wie het er niet mee eens is, "
            "kan voor 1 juli bezwaar maken."
        ),
        body="""
## Hoe wordt de verhoging bepaald?
- Het **maximale percentage** stelt de overheid elk jaar vast.
- Binnen die grens kijken wij naar de kwaliteit van de woning (het puntensysteem) en de huur die nu betaald wordt.
- Bij een hoog huishoudinkomen kan een hogere, **inkomensafhankelijke** verhoging gelden. Daarvoor vragen wij bij de Belastingdienst alleen een inkomenscategorie op, geen bedragen.

## De brief
Het voorstel komt uiterlijk eind april. Daarin staan de oude en nieuwe huur, de ingangsdatum en hoe de huurder [bezwaar](/kennisbank/artikel/bezwaar-huurverhoging/) kan maken.

Bij automatische incasso passen wij het bedrag zelf aan. Wie zelf overmaakt, moet het bedrag vanaf juli zelf aanpassen.
""",
        keywords=(
            "huurverhoging, huur omhoog, huur hoger, huurstijging, huurverhogingsbrief, "
            "voorstel huurverhoging, 1 juli, jaarlijkse verhoging, inkomensafhankelijke "
            "huurverhoging, huurprijs, nieuwe huur, percentage"
        ),
        related=("bezwaar-huurverhoging", "huurverlaging", "huurtoeslag"),
        review_by=D(2027, 3, 1),
    ),
    DemoArticle(
        slug="bezwaar-huurverhoging",
        title="Bezwaar maken tegen de huurverhoging",
        category="huurprijs-en-toeslag",
        summary=(
            "Is de huurder het niet eens met de huurverhoging, dan kan hij of zij schriftelijk "
            "bezwaar maken vóór 1 juli, met het formulier in de brief of via het portaal. Wij "
            "reageren binnen vier weken. Houden wij de verhoging aan, dan kunnen wij het bezwaar "
            "voorleggen aan de Huurcommissie. Tot die uitspraak betaalt de huurder de oude huur."
        ),
        body="""
## Redenen voor bezwaar
- De verhoging is hoger dan wettelijk mag.
- De inkomensgegevens kloppen niet (bijvoorbeeld omdat het inkomen is gedaald).
- Er zijn ernstige gebreken aan de woning die niet verholpen zijn.

## Zo werkt het
1. De huurder stuurt het bezwaarformulier of een brief met de reden, vóór de ingangsdatum.
2. Wij beoordelen het bezwaar en laten de uitkomst binnen vier weken weten.
3. Houden wij vast aan de verhoging, dan leggen wij het voor aan de **Huurcommissie**. De uitspraak is bindend, tenzij iemand naar de rechter stapt.

> Medewerkers: neem een bezwaar aan de telefoon niet zelf in behandeling. Leg vast dat de huurder bezwaar wil maken en wijs op het formulier.
""",
        keywords=(
            "bezwaar, bezwaar huurverhoging, bezwaarschrift, niet eens met huurverhoging, "
            "huurcommissie, bezwaarformulier, huurverhoging te hoog, protest, in bezwaar gaan"
        ),
        related=("huurverhoging",),
    ),
    DemoArticle(
        slug="huurverlaging",
        title="Huurverlaging aanvragen bij een laag inkomen",
        category="huurprijs-en-toeslag",
        summary=(
            "Heeft de huurder een laag inkomen en een huur die daar niet bij past, dan kan hij of "
            "zij huurverlaging aanvragen. Wij kijken naar het huishoudinkomen en de huur. Voor de "
            "aanvraag is een inkomensverklaring van de Belastingdienst nodig. Wij beslissen binnen "
            "vier weken; een verlaging gaat in op de eerste van de volgende maand."
        ),
        body="""
## Wie komt in aanmerking?
Huishoudens met een inkomen rond of onder de grens voor huurtoeslag en een huur boven de aftoppingsgrens. Ook wie er fors op achteruit is gegaan (baan kwijt, met pensioen, uit elkaar) kan een aanvraag doen.

## Aanvragen
1. De huurder vult het aanvraagformulier in (portaal of balie).
2. Hij of zij voegt een inkomensverklaring (IBRI) van alle bewoners toe.
3. Wij laten de uitkomst binnen vier weken weten.

Zie ook [huurtoeslag](/kennisbank/artikel/huurtoeslag/): soms helpt die meer dan een verlaging.
""",
        keywords=(
            "huurverlaging, huur verlagen, huur te hoog, laag inkomen, lager inkomen, "
            "inkomensdaling, inkomen gedaald, huur omlaag, huurkorting, passend wonen, "
            "goedkopere huur, ibri, inkomensverklaring"
        ),
        related=("huurtoeslag", "huurverhoging", "woning-zoeken"),
    ),
    # --- Servicekosten ------------------------------------------------------------------------
    DemoArticle(
        slug="servicekosten",
        title="Servicekosten: wat u betaalt en waarvoor",
        category="servicekosten",
        summary=(
            "Servicekosten zijn kosten voor extra diensten naast de kale huur, zoals "
            "schoonmaak van het trappenhuis, verlichting van algemene ruimten, de lift, de "
            "glasbewassing of het onderhoud van de tuin bij een complex. De huurder betaalt elke "
            "maand een voorschot. Eén keer per jaar rekenen wij af met de werkelijke kosten."
        ),
        body="""
## Wat valt eronder?
Welke posten gelden, staat in het huurcontract en op het huuroverzicht. Veel voorkomend:
- schoonmaak en verlichting van trappenhuis, galerij en bergingen;
- onderhoud van de lift en de entreedeur;
- glasbewassing van ramen die de huurder zelf niet kan bereiken;
- huismeester of complexbeheerder;
- stookkosten bij blokverwarming.

## Voorschot aanpassen
Na de [jaarafrekening](/kennisbank/artikel/afrekening-servicekosten/) passen wij het voorschot aan als de kosten hoger of lager uitvallen.
""",
        keywords=(
            "servicekosten, bijkomende kosten, voorschot, servicekostenvoorschot, schoonmaak "
            "trappenhuis, glasbewassing, huismeester, stookkosten, energiekosten complex, "
            "wat zijn servicekosten, kale huur"
        ),
        related=("afrekening-servicekosten",),
    ),
    DemoArticle(
        slug="afrekening-servicekosten",
        title="Jaarafrekening servicekosten",
        category="servicekosten",
        summary=(
            "Vóór 1 juli krijgt de huurder de afrekening van de servicekosten over het vorige "
            "jaar. Betaalde hij of zij te veel voorschot, dan storten wij het verschil terug; te "
            "weinig betekent bijbetalen, eventueel in termijnen. Klopt de afrekening niet, dan "
            "kan de huurder binnen twee maanden schriftelijk reageren en daarna naar de "
            "Huurcommissie."
        ),
        body="""
## Wat staat erin?
Per post het voorschot dat de huurder betaalde en de werkelijke kosten, met de verdeling over de woningen in het complex.

## Niet eens met de afrekening?
1. De huurder stuurt binnen twee maanden een brief of bericht via het portaal met de posten die niet kloppen.
2. Wij lichten de kosten toe en passen de afrekening aan als er een fout in zit.
3. Komen we er samen niet uit, dan kan de huurder de **Huurcommissie** om een uitspraak vragen.

## Bijbetalen
Een bedrag tot de hoogte van één maandhuur kan in drie termijnen. Voor hogere bedragen: zie [betalingsregeling](/kennisbank/artikel/betalingsregeling/).
""",
        keywords=(
            "afrekening servicekosten, jaarafrekening, eindafrekening, servicekosten afrekening, "
            "bijbetalen, terugbetaling, teruggave, stookkostenafrekening, afrekening klopt niet, "
            "bezwaar servicekosten, servicekosten te hoog"
        ),
        related=("servicekosten",),
    ),
    # --- Medehuur en scheiding ----------------------------------------------------------------
    DemoArticle(
        slug="medehuurder-worden",
        title="Medehuurder worden",
        category="medehuur-en-scheiding",
        summary=(
            "Een partner met wie de huurder minstens twee jaar samen in de woning een "
            "duurzame gemeenschappelijke huishouding voert, kan medehuurder worden. Getrouwde "
            "partners en geregistreerd partners zijn dat automatisch. De huurder en de partner "
            "vragen het samen schriftelijk aan, met bewijs van inschrijving op het adres. Een "
            "medehuurder heeft dezelfde rechten en plichten als de huurder."
        ),
        body="""
## Voorwaarden
- De partner staat minstens twee jaar op het adres ingeschreven (uittreksel BRP).
- Er is sprake van een duurzame gemeenschappelijke huishouding (samen wonen en samen de kosten dragen).
- Er is geen huurachterstand en geen overlastdossier.

## Aanvragen
Beiden ondertekenen het aanvraagformulier. Wij beslissen binnen zes weken. Na toekenning staan beiden op het huurcontract en is ieder aansprakelijk voor de hele huur.

Kinderen en andere familieleden kunnen geen medehuurder worden op deze manier. Zie [inwoning en onderhuur](/kennisbank/artikel/inwoning-onderhuur/).
""",
        keywords=(
            "medehuurder, medehuurderschap, partner op het contract, partner op huurcontract, "
            "samen huren, samenwonen, tweede huurder, "
            "erbij op het contract, naam op huurcontract, mede huurder"
        ),
        related=("afstandsverklaring", "inwoning-onderhuur"),
        channels=(),
    ),
    DemoArticle(
        slug="afstandsverklaring",
        title="Afstandsverklaring bij scheiding of uit elkaar gaan",
        category="medehuur-en-scheiding",
        summary=(
            "Gaan huurder en medehuurder of getrouwde partners uit elkaar, dan kan degene die "
            "vertrekt met een afstandsverklaring van het huurcontract af. De achterblijvende "
            "partner huurt dan alleen verder, als die de huur kan betalen. Beide partners "
            "ondertekenen de verklaring. Zijn ze het niet eens over wie blijft, dan beslist de "
            "rechter bij de echtscheiding."
        ),
        body="""
## Zo gaat het
1. Beide partners vullen het formulier **afstandsverklaring** in en ondertekenen het. Ieder legitimeert zich aan de balie of met een kopie van een identiteitsbewijs waarop BSN en foto zijn afgeschermd.
2. Wij controleren of de blijvende partner de huur zelfstandig kan betalen en of er geen achterstand is.
3. De vertrekkende partner is vanaf de datum in de verklaring niet meer aansprakelijk voor de huur; een achterstand van daarvoor blijft van beiden.

## Niet samen eens?
Bij een echtscheiding of het einde van een geregistreerd partnerschap kan de rechter bepalen wie huurder blijft. Ongetrouwde samenwoners zonder medehuurderschap: alleen de huurder op het contract blijft.

> Medewerkers: vraag niet naar de reden van de scheiding en noteer die niet.
""",
        keywords=(
            "afstandsverklaring, afstand doen, scheiding, echtscheiding, scheiden, uit elkaar, "
            "relatie voorbij, ex, ex-partner, ex-man, ex-vrouw, van het contract af, uit het "
            "contract, huurcontract op een naam, partner vertrekt, wie blijft in de woning"
        ),
        related=("medehuurder-worden", "huur-opzeggen"),
    ),
    # --- Opzeggen en verhuizen ----------------------------------------------------------------
    DemoArticle(
        slug="huur-opzeggen",
        title="Huur opzeggen",
        category="opzeggen-en-verhuizen",
        summary=(
            "De huurder zegt de huur schriftelijk op: via het portaal, met het opzegformulier of "
            "per brief met handtekening. De opzegtermijn is één maand en de huur kan op elke "
            "werkdag eindigen. Bij een medehuurder tekenen beiden. Na de opzegging plannen wij "
            "een voorinspectie en op de laatste dag de eindinspectie, waarbij de sleutels worden "
            "ingeleverd."
        ),
        body="""
## Opzeggen
- Schriftelijk of via het portaal; telefonisch opzeggen kan niet.
- **Opzegtermijn**: minimaal één maand, gerekend vanaf de dag dat wij de opzegging ontvangen.
- Huurder en medehuurder ondertekenen allebei.

## Daarna
1. Wij bevestigen de opzegging en de einddatum.
2. Een opzichter komt langs voor de [voorinspectie](/kennisbank/artikel/eindinspectie/).
3. Op de laatste dag levert de huurder bij de eindinspectie alle sleutels in.

Verhuist de huurder naar een andere woning van ons? Dan kan de einddatum vaak aansluiten op de nieuwe huur, zodat er geen dubbele huur is.
""",
        keywords=(
            "opzeggen, huur opzeggen, opzegging, huur beeindigen, huurcontract stoppen, huur "
            "stoppen, verhuizen, vertrekken, opzegtermijn, opzegbrief, opzegformulier, huis "
            "opzeggen, woning opzeggen, laatste huurdag"
        ),
        related=("eindinspectie", "overlijden-huurder", "voorzieningen-bij-vertrek"),
    ),
    DemoArticle(
        slug="overlijden-huurder",
        title="Huur opzeggen na overlijden van de huurder",
        category="opzeggen-en-verhuizen",
        summary=(
            "Eerst: gecondoleerd. Na het overlijden van de huurder kunnen de erfgenamen of "
            "nabestaanden de huur opzeggen, met een kopie van de overlijdensakte. De opzegtermijn "
            "is één maand. Woont er een medehuurder of partner, dan kan die de huur voortzetten. "
            "Wij maken afspraken over het leeghalen van de woning en de sleutels."
        ),
        body="""
## Wie zegt op?
- De erfgenamen, of iemand die namens hen handelt (bijvoorbeeld met een verklaring van erfrecht of een volmacht).
- Is er een **medehuurder**, dan loopt de huur gewoon door op diens naam.
- Woonde er iemand anders in, zoals een kind, dan kan die een verzoek doen om de huur over te nemen. Dat beoordelen wij apart.

## Wat is nodig?
- Een kopie van de overlijdensakte.
- Het opzegformulier, ondertekend door de nabestaande.

## Praktisch
De woning moet leeg worden opgeleverd. Lukt dat niet binnen de opzegtermijn, overleg dan: soms is een paar weken extra mogelijk. Geef nabestaanden ruimte; het is geen gewone opzegging.
""",
        keywords=(
            "overlijden, overleden, gestorven, huurder overleden, opzeggen na overlijden, "
            "nabestaanden, erfgenamen, overlijdensakte, moeder overleden, vader overleden, sterfgeval, woning leeghalen"
        ),
        related=("huur-opzeggen", "eindinspectie"),
    ),
    DemoArticle(
        slug="eindinspectie",
        title="Voorinspectie en eindinspectie bij vertrek",
        category="opzeggen-en-verhuizen",
        summary=(
            "Na de opzegging komt een opzichter langs voor de voorinspectie: samen lopen we de "
            "woning door en noteren wat de huurder nog moet herstellen of weghalen. Op de laatste "
            "dag volgt de eindinspectie en levert de huurder alle sleutels in. Wat dan niet in "
            "orde is, laten wij herstellen op kosten van de vertrekkende huurder."
        ),
        body="""
## Voorinspectie
- Ongeveer twee weken na de opzegging; de afspraak plannen wij met de huurder.
- De huurder krijgt een rapport met wat er nog moet gebeuren en wat mag blijven (zie [zelf aangebrachte voorzieningen](/kennisbank/artikel/voorzieningen-bij-vertrek/)).

## Eindinspectie
- Op de laatste huurdag, in een lege en schone woning.
- Alle sleutels, tags en afstandsbedieningen worden ingeleverd.
- De meterstanden worden samen opgenomen.

## Kosten
Herstelwerk dat niet is gedaan, brengen wij in rekening. De huurder krijgt vooraf de kosten te zien.
""",
        keywords=(
            "voorinspectie, eindinspectie, inspectie, opzichter, oplevering, woning opleveren, "
            "sleutels inleveren, leeg opleveren, meterstanden, inspectierapport"
        ),
        related=("huur-opzeggen", "voorzieningen-bij-vertrek"),
        channels=(),
    ),
    DemoArticle(
        slug="woningruil",
        title="Woningruil",
        category="opzeggen-en-verhuizen",
        summary=(
            "Huurders kunnen hun woning ruilen met een huurder van ons of van een andere "
            "corporatie in de regio. Beide huurders vragen de ruil samen aan. Wij kijken of de "
            "nieuwe bewoner past bij de regels voor de woning, zoals inkomen en "
            "huishoudgrootte, en inspecteren beide woningen. Pas na onze schriftelijke "
            "toestemming mag er verhuisd worden."
        ),
        body="""
## Voorwaarden
- Beide huurders huren minstens een jaar en hebben geen huurachterstand.
- De nieuwe bewoner past bij de woning (inkomen, gezinsgrootte, eventuele leeftijdsgrens).
- Beide woningen worden geïnspecteerd; de huurder neemt de woning over zoals die is.

## Aanvragen
Via het ruilformulier op de website, ondertekend door beide huurders. Een passende ruilpartner zoeken kan via ruilsites; dat regelen huurders zelf.

Zie ook [een andere woning zoeken](/kennisbank/artikel/woning-zoeken/).
""",
        keywords=(
            "woningruil, ruilen, huis ruilen, woning ruilen, ruilpartner, ruilwoning, "
            "ruilformulier, omruilen, verhuizen ruilen"
        ),
        related=("woning-zoeken", "huur-opzeggen"),
    ),
    DemoArticle(
        slug="woning-zoeken",
        title="Een andere woning zoeken",
        category="opzeggen-en-verhuizen",
        summary=(
            "Wie een andere huurwoning zoekt, schrijft zich in als woningzoekende bij het "
            "regionale woonruimteverdeelsysteem en reageert daar op het aanbod. Als huurder van "
            "ons telt de woonduur mee. Bij urgentie beslist de gemeente of een commissie, niet "
            "Woonservice."
        ),
        body="""
## Inschrijven
- Inschrijven kan vanaf 18 jaar op de regionale woningsite.
- De inschrijfduur of woonduur bepaalt de volgorde bij toewijzing.

## Doorstromen
Huurders die een grotere eengezinswoning achterlaten en naar een kleinere of gelijkvloerse woning gaan, krijgen voorrang bij sommige woningen.

## Urgentie
Een urgentieverklaring vraagt iemand aan bij de gemeente. Noteer bij een contact **niet** de medische of persoonlijke reden; verwijs door.
""",
        keywords=(
            "woning zoeken, andere woning, huis zoeken, inschrijven, woningzoekende, "
            "inschrijving, wachtlijst, urgentie, doorstromen, kleinere woning, seniorenwoning, "
            "verhuizen naar andere woning, woonruimteverdeling"
        ),
        related=("woningruil", "huur-opzeggen"),
    ),
    # --- Gegevens en machtigingen -----------------------------------------------------------
    DemoArticle(
        slug="gegevens-wijzigen",
        title="Persoonlijke gegevens wijzigen",
        category="gegevens-en-machtigingen",
        summary=(
            "Een nieuw telefoonnummer of e-mailadres geeft de huurder door in het portaal of "
            "aan ons, dan passen wij het meteen aan. Een ander rekeningnummer voor de "
            "automatische incasso regelt de huurder zelf in het portaal of met een ondertekend "
            "formulier. Een naamswijziging verwerken wij na het tonen van een identiteitsbewijs."
        ),
        body="""
## Wat kan direct?
- **Telefoonnummer en e-mailadres**: controleer de identiteit met de controlevragen en pas het aan.
- **Correspondentievoorkeur** (post of e-mail).

## Wat niet telefonisch?
- **Rekeningnummer (IBAN)**: alleen via het portaal of een ondertekend formulier, om fraude te voorkomen.
- **Naam**: aan de balie met een geldig identiteitsbewijs (alleen bekijken, niet kopiëren).
- **Adres**: de huurder woont op het adres van de woning; een postadres elders kan alleen bij bewindvoering of langdurige opname.

Zie ook [gegevens laten corrigeren](/kennisbank/artikel/gegevens-corrigeren-verwijderen/).
""",
        keywords=(
            "gegevens wijzigen, wijziging doorgeven, nieuw telefoonnummer, telefoonnummer "
            "wijzigen, ander nummer, e-mailadres, emailadres, mailadres, "
            "rekeningnummer wijzigen, iban wijzigen, naamswijziging, contactgegevens, adres "
            "wijzigen"
        ),
        related=("automatische-incasso", "gegevens-corrigeren-verwijderen"),
    ),
    DemoArticle(
        slug="machtiging",
        title="Iemand anders laten regelen: machtiging en bewindvoerder",
        category="gegevens-en-machtigingen",
        summary=(
            "Familie of bekenden mogen niet zomaar zaken regelen of gegevens krijgen. Dat kan "
            "alleen met een schriftelijke machtiging van de huurder. Een bewindvoerder, curator of "
            "mentor die door de rechter is benoemd, mag dat wel, binnen zijn taak. Wij leggen de "
            "machtiging of de beschikking vast voordat iemand namens de huurder iets regelt."
        ),
        body="""
## Familie of kennis belt
- Zonder machtiging geven wij **geen** informatie over de huur of de huurder, ook niet aan kinderen of ouders.
- Algemene informatie (hoe iets werkt) mag wel.
- De huurder kan een machtiging ondertekenen voor een bepaald onderwerp, bijvoorbeeld reparaties of financiën.

## Bewindvoerder, curator, mentor
- Vraag een kopie van de beschikking van de rechtbank of controleer het curatele- en bewindregister.
- Een bewindvoerder regelt de financiën (huur, achterstand), niet per se andere zaken.

> Medewerkers: registreer bij het contact wie er belde en op grond waarvan. Geen machtiging gezien? Dan alleen algemene informatie.
""",
        keywords=(
            "machtiging, gemachtigde, volmacht, namens, familie belt, dochter belt, zoon belt, "
            "namens mijn moeder, namens mijn vader, bewindvoerder, bewind, curator, curatele, "
            "mentor, mantelzorger, iemand anders regelen"
        ),
        related=("geldzorgen-schuldhulp", "inzage-gegevens"),
    ),
    DemoArticle(
        slug="inwoning-onderhuur",
        title="Iemand bij u laten wonen of onderverhuren",
        category="gegevens-en-machtigingen",
        summary=(
            "Een huurder mag iemand in huis nemen, zoals een partner, een familielid of een "
            "mantelzorger, zolang de woning daar geschikt voor is. Meld een nieuwe bewoner aan "
            "ons. De hele woning onderverhuren mag niet; een kamer onderverhuren alleen met onze "
            "schriftelijke toestemming. Een inwoner krijgt geen eigen huurrecht."
        ),
        body="""
## Inwoning
- De nieuwe bewoner schrijft zich in bij de gemeente op het adres.
- Inwoning kan gevolgen hebben voor huurtoeslag en uitkering; de huurder regelt dat zelf.
- Na twee jaar samenwonen kan een partner [medehuurder worden](/kennisbank/artikel/medehuurder-worden/).

## Onderhuur
- De hele woning onderverhuren (ook via vakantieverhuur) is verboden en kan leiden tot ontbinding van het huurcontract.
- Een deel van de woning (een kamer) alleen na schriftelijke toestemming.
""",
        keywords=(
            "inwoning, inwonen, bij mij wonen, iemand in huis nemen, komt bij mij wonen, "
            "vriend komt inwonen, familielid in huis, onderhuur, onderverhuren, kamer verhuren, "
            "airbnb, vakantieverhuur, extra bewoner"
        ),
        related=("medehuurder-worden",),
    ),
    # --- Reparatie melden ---------------------------------------------------------------------
    DemoArticle(
        slug="reparatieverzoek",
        title="Een reparatie melden",
        category="reparatie-melden",
        summary=(
            "Een reparatie meldt de huurder het snelst via het huurdersportaal, 24 uur per dag, "
            "met een foto erbij. Telefonisch kan ook. Wij maken een reparatieverzoek en de "
            "vakman neemt binnen drie werkdagen contact op voor een afspraak. Is het iets wat de "
            "huurder zelf moet doen, dan leggen wij dat uit."
        ),
        body="""
## Melden
1. Vraag waar het gebrek zit en wat er precies kapot is (ruimte, onderdeel, sinds wanneer).
2. Kijk in [wie doet wat](/kennisbank/artikel/onderhoud-wie-doet-wat/) of het voor rekening van de huurder is.
3. Maak een **reparatieverzoek** met de juiste defectsoort; vraag een telefoonnummer waarop de vakman de huurder kan bereiken.

## Wanneer komt de vakman?
- Gewone reparaties: afspraak binnen drie werkdagen, uitvoering meestal binnen twee weken.
- Spoed (geen water, geen verwarming in de winter, lekkage, niet afsluitbare woning): zie [spoedreparaties](/kennisbank/artikel/spoedreparatie/).

> Huurders met een reparatieabonnement betalen niets voor kleine reparaties die anders voor hun rekening zijn.
""",
        keywords=(
            "reparatie, reparatie melden, reparatieverzoek, defect, kapot, stuk, iets kapot, "
            "storing melden, onderhoudsverzoek, klacht woning, vakman, monteur, "
            "reparatieabonnement, gebrek melden"
        ),
        related=("onderhoud-wie-doet-wat", "spoedreparatie"),
    ),
    DemoArticle(
        slug="onderhoud-wie-doet-wat",
        title="Onderhoud: wat doet u zelf, wat doen wij",
        category="reparatie-melden",
        summary=(
            "Kleine reparaties en dagelijks onderhoud zijn voor de huurder, zoals een kraanleertje "
            "vervangen, een stopcontact vastzetten, sloten smeren en de tuin bijhouden. Groot "
            "onderhoud en alles wat met de constructie, installaties en veiligheid te maken heeft, "
            "doen wij. Met een reparatieabonnement doen wij ook de kleine reparaties."
        ),
        body="""
## Voor de huurder (tenzij reparatieabonnement)
- kranen: leertjes, perlators en de douchekop vervangen;
- binnendeuren: klinken, scharnieren smeren, sloten van binnendeuren;
- lampen, stopcontacten en schakelaars vastzetten;
- afvoeren schoonhouden en kleine verstoppingen in de sifon;
- de tuin, de heg en de schutting die de huurder zelf plaatste.

## Voor Woonservice
- dak, gevel, kozijnen, buitendeuren en hang- en sluitwerk van de buitendeur;
- cv-ketel, waterleiding, riolering en elektra achter de meterkast;
- mechanische ventilatie en rookmelders die wij plaatsten;
- algemene ruimten in een complex.

> Twijfel? Maak een reparatieverzoek; de vakman beoordeelt ter plaatse. Onderhoud door eigen schuld (zoals schade door een ongeluk) betaalt de huurder.
""",
        keywords=(
            "onderhoud, wie doet wat, onderhouds-abc, onderhoudsabc, kleine reparaties, "
            "verantwoordelijk, voor rekening huurder, huurdersonderhoud, kraan vervangen, "
            "kraanleertje, druppelende kraan, lamp, stopcontact, klink, scharnier, "
            "wie betaalt reparatie"
        ),
        related=("reparatieverzoek", "tuin-schutting"),
    ),
    DemoArticle(
        slug="spoedreparatie",
        title="Spoedreparaties buiten kantoortijd",
        category="reparatie-melden",
        summary=(
            "Bij spoed buiten kantoortijd belt de huurder het spoednummer; dat is dag en nacht "
            "bereikbaar, ook in het weekend. Spoed is: een flinke lekkage, geen verwarming in de "
            "winter, geen water, geen stroom door een storing in de woning, een woning die niet "
            "meer afsluitbaar is of een gaslucht. Bij gaslucht eerst de netbeheerder bellen."
        ),
        body="""
## Wat is spoed?
- grote lekkage of water dat blijft stromen;
- geen verwarming of warm water bij vorst;
- verstopte riolering waardoor de wc niet te gebruiken is;
- kapotte voordeur, buitendeur of raam waardoor de woning niet afsluitbaar is;
- stroomstoring in de woning (eerst de groepen in de meterkast controleren).

## Geen spoed
Een druppelende kraan, een klemmende binnendeur of een kapotte lamp: meld die op de gewone manier via het [reparatieverzoek](/kennisbank/artikel/reparatieverzoek/).

> Gaslucht: de huurder belt direct het landelijke storingsnummer gas en elektriciteit, zet ramen open en gebruikt geen schakelaars.
""",
        keywords=(
            "spoed, spoedreparatie, noodgeval, nood, storingsdienst, spoednummer, 's nachts, "
            "nachts, weekend, buiten kantoortijd, avond, feestdag, calamiteit, gaslucht, "
            "stroomstoring, voordeur kapot, deur gaat niet dicht, niet afsluitbaar"
        ),
        related=("reparatieverzoek", "lekkage", "cv-storing", "inbraak"),
    ),
    # --- Water, afvoer en verwarming ----------------------------------------------------------
    DemoArticle(
        slug="lekkage",
        title="Lekkage en waterschade",
        category="water-afvoer-verwarming",
        summary=(
            "Bij een lekkage probeert de huurder eerst verdere schade te beperken: de hoofdkraan "
            "dichtdraaien als het uit een leiding komt en emmers of handdoeken neerzetten. Meld "
            "het daarna direct; bij een grote lekkage buiten kantoortijd via het spoednummer. "
            "Lekt het bij de bovenburen, dan gaat de huurder ook daar langs. Schade aan de "
            "inboedel meldt de huurder bij de eigen inboedelverzekering."
        ),
        body="""
## Direct doen
1. Komt het water uit een leiding of de cv: draai de **hoofdkraan** dicht (meestal in de meterkast).
2. Komt het door het plafond: ga bij de bovenburen kijken; vaak is het daar een lekkende douche of wasmachine.
3. Komt het via het dak of de gevel: vang het water op en meld het.

## Melden
Maak een reparatieverzoek met defectsoort *lekkage*. Vraag: waar komt het water vandaan, hoe lang al, is er elektra in de buurt? Bij water bij stopcontacten: groep uitzetten en spoed.

## Schade
- Schade aan de woning herstellen wij.
- Schade aan spullen (inboedel) valt onder de inboedelverzekering van de huurder.
""",
        keywords=(
            "lekkage, lek, lekt, daklekkage, daklek, waterschade, water door plafond, "
            "plafond nat, water op de vloer, leiding lek, waterleiding, druppelt, lekkende "
            "leiding, natte plek, hoofdkraan, inboedelverzekering, bovenburen lekken"
        ),
        related=("spoedreparatie", "schimmel-vocht", "reparatieverzoek"),
    ),
    DemoArticle(
        slug="verstopping",
        title="Verstopte afvoer, wc of riolering",
        category="water-afvoer-verwarming",
        summary=(
            "Een verstopte gootsteen, wastafel of douche probeert de huurder eerst zelf te "
            "verhelpen met een ontstopper of door de sifon schoon te maken. Lukt dat niet of is "
            "de wc of de riolering verstopt, dan komt de ontstoppingsdienst. Komt de verstopping "
            "door verkeerd gebruik, zoals vochtige doekjes of vet, dan zijn de kosten voor de "
            "huurder."
        ),
        body="""
## Eerst zelf proberen
- Sifon onder de wastafel of gootsteen losdraaien en schoonmaken.
- Een plopper (ontstopper) gebruiken; geen bijtende middelen bij kunststof leidingen.

## Ontstoppingsdienst
- Verstopte wc, riolering of afvoer van meerdere woningen: melden als [reparatieverzoek](/kennisbank/artikel/reparatieverzoek/), buiten kantoortijd als spoed.
- Borrelt het in meerdere woningen, dan is het de hoofdriolering; dat is altijd voor ons.

> Kosten: komt de verstopping door doekjes, luiers, vet of etensresten, dan betaalt de huurder de ontstopping.
""",
        keywords=(
            "verstopping, verstopt, afvoer verstopt, wc verstopt, toilet verstopt, riool, "
            "riolering, gootsteen verstopt, douche verstopt, water loopt niet weg, ontstoppen, ontstoppingsdienst, sifon, borrelt, stank uit afvoer"
        ),
        related=("reparatieverzoek", "spoedreparatie"),
    ),
    DemoArticle(
        slug="cv-storing",
        title="Storing aan de cv-ketel of geen warm water",
        category="water-afvoer-verwarming",
        summary=(
            "Bij een storing aan de cv-ketel vraagt u de huurder eerst om de waterdruk te "
            "controleren: die moet tussen 1 en 2 bar zijn. Is de druk goed en blijft de "
            "verwarming koud of is er geen warm water, dan belt de huurder het onderhoudsbedrijf "
            "van de ketel; het nummer staat op de sticker op de ketel. Buiten kantoortijd en bij "
            "vorst is dat spoed."
        ),
        body="""
## Eerst controleren
1. Staat de thermostaat hoger dan de kamertemperatuur en heeft die nog batterijen?
2. **Waterdruk**: tussen 1 en 2 bar. Te laag? Bijvullen volgens de uitleg op de ketel.
3. Staat er een storingscode op het display? Noteer die.
4. Een keer resetten met de resetknop mag.

## Melden
Het onderhoudsbedrijf van de ketel lost storingen op; het nummer staat op de ketel en in het portaal. Radiatoren die niet warm worden: eerst ontluchten (huurder), daarna melden.

## Huurderseigen ketel
Is de ketel van de huurder zelf (bijvoorbeeld een eigen combiketel), dan is onderhoud voor de huurder.
""",
        keywords=(
            "cv, cv-ketel, cv ketel, ketel, verwarming, verwarming doet het niet, radiator koud, geen warm water, koud water, warm water, storing ketel, "
            "waterdruk, bijvullen, ontluchten, thermostaat, storingscode, kachel, boiler, geiser"
        ),
        related=("spoedreparatie", "reparatieverzoek"),
    ),
    # --- Glas, deuren en algemene ruimten -----------------------------------------------------
    DemoArticle(
        slug="glasschade",
        title="Kapotte ruit of glasschade",
        category="glas-deuren-algemene-ruimten",
        summary=(
            "Een gebroken ruit meldt de huurder als reparatieverzoek; is de woning daardoor niet "
            "afsluitbaar, dan als spoed. Heeft de huurder een glasverzekering via ons (in de "
            "servicekosten), dan is de vervanging gratis. Anders valt glasschade vaak onder de "
            "eigen inboedel- of glasverzekering. Bij inbraak of vandalisme: eerst aangifte doen."
        ),
        body="""
## Melden
- Vraag welk raam (binnen of buiten, dubbel glas, hoe groot ongeveer).
- Scherven weghalen en het raam zo nodig afplakken of laten dichtzetten.
- Niet afsluitbaar? Dan [spoed](/kennisbank/artikel/spoedreparatie/): wij laten het dichtzetten.

## Wie betaalt?
- **Glasfonds** (onderdeel van de servicekosten): wij vervangen het glas zonder kosten.
- Zonder glasfonds: de huurder meldt het bij de eigen verzekering; wij kunnen het glas laten vervangen en de rekening sturen.
- Schade door storm of door ons onderhoud: voor ons.
""",
        keywords=(
            "glasschade, ruit, ruit kapot, ruit gebroken, gebroken ruit, raam kapot, glas "
            "kapot, gebarsten, barst in raam, glasbreuk, glasfonds, glasverzekering, dubbel "
            "glas, beslagen dubbel glas, stormschade"
        ),
        related=("inbraak", "spoedreparatie"),
    ),
    DemoArticle(
        slug="algemene-ruimten",
        title="Storing in de algemene ruimte: lift, verlichting, entreedeur",
        category="glas-deuren-algemene-ruimten",
        summary=(
            "Storingen in de gemeenschappelijke ruimten van een complex, zoals de lift, de "
            "verlichting in het trappenhuis of de galerij en de centrale entreedeur, melden "
            "bewoners bij ons. Een stilstaande lift met iemand erin is altijd spoed: dan belt "
            "men de alarmknop of het nummer in de lift. De kosten zijn voor ons of lopen via "
            "de servicekosten."
        ),
        body="""
## Melden
- **Lift**: noteer het adres van het complex en welke lift. Iemand vast in de lift: direct het noodnummer in de lift.
- **Verlichting** in trappenhuis, galerij, parkeergarage of fietsenberging: welke verdieping of welk deel.
- **Entreedeur of intercom**: gaat niet open, valt niet in het slot, bel werkt niet.

## Huismeester
In complexen met een huismeester kan die vaak direct helpen; het rooster staat in de hal.

Zie ook [servicekosten](/kennisbank/artikel/servicekosten/).
""",
        keywords=(
            "algemene ruimte, gemeenschappelijke ruimte, lift, lift kapot, lift storing, lift "
            "staat stil, trappenhuis, galerij, verlichting, lamp trappenhuis, portiek, "
            "entreedeur, centrale deur, intercom, bel, fietsenberging, huismeester"
        ),
        related=("servicekosten", "extra-sleutel"),
    ),
    DemoArticle(
        slug="tuin-schutting",
        title="Tuin, schutting en erfafscheiding",
        category="glas-deuren-algemene-ruimten",
        summary=(
            "De huurder houdt de tuin netjes: gras maaien, heg snoeien, onkruid weghalen. Een "
            "schutting die wij plaatsten, herstellen wij bij storm- of ouderdomsschade; een "
            "schutting die de huurder zelf plaatste, is voor de huurder. Bomen hoger dan vier "
            "meter kappen alleen na overleg, soms met een vergunning van de gemeente."
        ),
        body="""
## Voor de huurder
- tuin bijhouden, heg snoeien tot maximaal twee meter hoog;
- zelf geplaatste schuttingen, tuinhuisjes en bestrating;
- afval en grof vuil niet in de tuin laten staan.

## Voor ons
- erfafscheidingen die bij de woning horen en door ons zijn geplaatst;
- schade door storm aan onze schutting (meld het als reparatieverzoek).

Een nieuwe schutting of overkapping plaatsen? Zie [zelf uw woning aanpassen](/kennisbank/artikel/zelf-aanpassen/).
""",
        keywords=(
            "tuin, schutting, erfafscheiding, hek, heg, haag, tuinonderhoud, gras, onkruid, "
            "boom, boom kappen, schutting omgewaaid, schutting kapot, stormschade schutting, "
            "overhangende takken, tuinhuisje, bestrating"
        ),
        related=("onderhoud-wie-doet-wat", "zelf-aanpassen"),
    ),
    # --- Woning aanpassen ---------------------------------------------------------------------
    DemoArticle(
        slug="zelf-aanpassen",
        title="Zelf uw woning aanpassen of verbouwen",
        category="woning-aanpassen",
        summary=(
            "Huurders mogen veel zelf aanpassen. Kleine dingen, zoals schilderen, behangen of "
            "een vloer leggen die zo weer weg kan, mogen zonder toestemming. Voor grotere "
            "aanpassingen, zoals een nieuwe keuken of badkamer, een dakkapel, een muur weghalen "
            "of iets aan gas, water of elektra, vraagt de huurder vooraf schriftelijk "
            "toestemming aan. Wij reageren binnen zes weken."
        ),
        body="""
## Zonder toestemming
- schilderen, behangen, gordijnrails en lampen ophangen;
- laminaat of pvc leggen met een geluidsisolerende ondervloer (in een appartement verplicht);
- een vaatwasser aansluiten op een bestaande aansluiting.

## Met toestemming (ZAV-aanvraag)
- keuken of badkamer vervangen, toilet verplaatsen;
- muren weghalen of plaatsen, een dakkapel, een uitbouw of serre;
- zonnepanelen, een airco of een laadpaal;
- aanpassingen aan gas, water, elektra of riolering.

De aanvraag (**zelf aangebrachte voorziening**, ZAV) gaat via het portaal, met een tekening en een omschrijving. Wij spreken vooraf af of de aanpassing bij vertrek mag blijven; zie [voorzieningen bij vertrek](/kennisbank/artikel/voorzieningen-bij-vertrek/).
""",
        keywords=(
            "zelf aanpassen, klussen, verbouwen, verbouwing, toestemming, zav, zelf aangebrachte "
            "voorziening, keuken vervangen, nieuwe keuken, badkamer vervangen, laminaat, pvc "
            "vloer, vloer leggen, dakkapel, muur weghalen, uitbouw, zonnepanelen, airco, "
            "laadpaal, schotelantenne"
        ),
        related=("voorzieningen-bij-vertrek", "woningaanpassing", "tuin-schutting"),
    ),
    DemoArticle(
        slug="voorzieningen-bij-vertrek",
        title="Zelf aangebrachte voorzieningen bij vertrek",
        category="woning-aanpassen",
        summary=(
            "Bij vertrek moet de huurder zelf aangebrachte voorzieningen in principe weghalen, "
            "tenzij wij schriftelijk hebben afgesproken dat ze mogen blijven. Een goede vloer, "
            "keuken of andere verbetering mag vaak blijven, of de nieuwe huurder neemt die over. "
            "Bij de voorinspectie spreken we dat per voorziening af. Voor sommige verbeteringen "
            "die wij overnemen, krijgt de huurder een vergoeding."
        ),
        body="""
## Wat mag blijven?
- Voorzieningen waarvoor toestemming is gegeven en die in goede staat zijn.
- Vloeren: alleen als ze heel zijn en er een goede ondervloer onder ligt; anders eruit.
- Voorzieningen die de volgende huurder wil **overnemen**, met een overnameformulier.

## Vergoeding
Voor verbeteringen die de woning blijvend beter maken (zoals isolatie of een tweede toilet), en waarvoor toestemming was, kan een vergoeding gelden die afneemt met de jaren.

Zie [voorinspectie en eindinspectie](/kennisbank/artikel/eindinspectie/).
""",
        keywords=(
            "achterlaten, weghalen bij vertrek, overname, overnemen, overnameformulier, "
            "vergoeding, laminaat eruit, vloer laten liggen, zelf aangebrachte voorzieningen, "
            "zav, opleveren, oorspronkelijke staat, terugbrengen"
        ),
        related=("zelf-aanpassen", "eindinspectie"),
    ),
    DemoArticle(
        slug="woningaanpassing",
        title="Woningaanpassing bij een beperking",
        category="woning-aanpassen",
        summary=(
            "Kleine aanpassingen zoals extra beugels, een verhoogd toilet of een drempelhulp "
            "kan de huurder bij ons aanvragen. Grotere aanpassingen, zoals een traplift of een "
            "aangepaste badkamer, vraagt de huurder aan bij het Wmo-loket van de gemeente; wij "
            "geven toestemming en overleggen over de uitvoering. Vraag en noteer geen medische "
            "gegevens: het gaat om wat nodig is, niet waarom."
        ),
        body="""
## Kleine aanpassingen (bij ons)
- wandbeugels bij toilet en douche, een douchezitje aan de wand;
- verhoogd toilet, drempelhulpen, extra trapleuning.

## Grote aanpassingen (via de gemeente, Wmo)
- traplift, badkamer zonder drempel, automatische deuropener, hellingbaan;
- de gemeente beoordeelt de aanvraag en betaalt; wij geven toestemming voor de aanpassing aan de woning.

Soms is verhuizen naar een geschikte woning beter; zie [een andere woning zoeken](/kennisbank/artikel/woning-zoeken/).

> Noteer in het contact bijvoorbeeld: "vraagt beugels bij toilet". Geen diagnose, geen medische details.
""",
        keywords=(
            "woningaanpassing, aanpassing, beperking, handicap, wmo, traplift, beugels, "
            "handgrepen, douchezitje, verhoogd toilet, drempel, drempelhulp, trapleuning, "
            "rolstoel, ouderen, mantelzorg, gelijkvloers"
        ),
        related=("zelf-aanpassen", "woning-zoeken"),
    ),
    # --- Gezond en veilig wonen ---------------------------------------------------------------
    DemoArticle(
        slug="schimmel-vocht",
        title="Schimmel en vocht in huis",
        category="gezond-en-veilig-wonen",
        summary=(
            "Schimmel ontstaat meestal door vocht dat niet weg kan: van douchen, koken en "
            "wasdrogen. Goed ventileren en stoken helpt veel. Kleine plekken kan de huurder zelf "
            "schoonmaken met een schimmelreiniger. Komt de schimmel steeds terug, zijn er grote "
            "plekken of komt vocht van buiten of uit de muur, dan komt een opzichter kijken."
        ),
        body="""
## Oorzaken
- vocht van binnen: douchen, koken, was drogen binnen, weinig ventileren;
- vocht van buiten: lekkage, kapotte goot, optrekkend vocht in de muur;
- koude plekken (koudebruggen) in de hoek van een buitenmuur.

## Wat kan de huurder doen?
1. Dag en nacht ventileren: roosters open, ventilatie op stand 2 (zie [ventileren](/kennisbank/artikel/ventileren/)).
2. Na het douchen de badkamer drogen en de deur dicht, raam of afzuiging aan.
3. Kleine plekken (kleiner dan een hand) schoonmaken met een schimmelreiniger.

## Wanneer melden?
Grote of terugkerende plekken, zwarte plekken op plafonds, natte muren of een muffe lucht in de hele woning: maak een reparatieverzoek *vochtprobleem*. Een opzichter meet het vocht en zoekt de oorzaak.
""",
        keywords=(
            "schimmel, schimmelplekken, zwarte plekken, zwarte schimmel, vocht, vochtig, "
            "vochtplekken, vochtprobleem, natte muur, muffe lucht, schimmel badkamer, optrekkend vocht, koudebrug, beschimmeld, vochtoverlast"
        ),
        related=("ventileren", "condens", "lekkage"),
    ),
    DemoArticle(
        slug="ventileren",
        title="Goed ventileren en mechanische ventilatie",
        category="gezond-en-veilig-wonen",
        summary=(
            "Ventileren is dag en nacht verse lucht binnenlaten: de roosters boven de ramen open "
            "en de mechanische ventilatie op stand 2, na koken en douchen op stand 3. De "
            "ventilatie nooit helemaal uitzetten. Maakt de ventilatie veel lawaai of trekt ze "
            "niet meer, meld het dan. Het onderhoud van de ventilatie doen wij; de ventielen "
            "schoonmaken doet de huurder."
        ),
        body="""
## Zo ventileert de huurder goed
- Roosters boven de ramen altijd open, ook in de winter.
- Mechanische ventilatie: stand 2 normaal, stand 3 bij koken, douchen en was drogen.
- Ventielen in keuken, badkamer en toilet twee keer per jaar schoonmaken met een sopje; **niet** verdraaien.

## Problemen
- **Lawaai** (brommen, ratelen, fluiten): melden als reparatieverzoek.
- **Trekt niet** (een velletje papier blijft niet tegen het ventiel hangen): melden.
- Filters in een wtw-installatie: de huurder vervangt die volgens de handleiding.

Zie ook [schimmel en vocht](/kennisbank/artikel/schimmel-vocht/).
""",
        keywords=(
            "ventileren, ventilatie, mechanische ventilatie, ventilatiebox, afzuiging, "
            "ventilatierooster, roosters, ventiel, ventielen schoonmaken, luchten, verse lucht, "
            "wtw, filter, ventilatie lawaai, ventilatie herrie, brommen, ventilatie doet het "
            "niet"
        ),
        related=("schimmel-vocht", "condens"),
    ),
    DemoArticle(
        slug="condens",
        title="Condens op ramen en muren",
        category="gezond-en-veilig-wonen",
        summary=(
            "Beslagen ramen aan de binnenkant in de ochtend zijn normaal bij koude nachten, maar "
            "een teken dat er veel vocht in huis is. Ventileren en de ramen 's ochtends droog "
            "nemen helpt. Condens tússen de twee glasplaten van dubbel glas betekent dat het glas "
            "lek is: dat melden als reparatieverzoek."
        ),
        body="""
## Aan de binnenkant
- Komt door warme, vochtige binnenlucht tegen koud glas.
- Oplossing: [ventileren](/kennisbank/artikel/ventileren/), niet te weinig stoken, was buiten of in de droger drogen.
- Ramen droog nemen voorkomt schimmel op kozijnen.

## Tussen het dubbel glas
De luchtdichte rand is kapot; het glas moet worden vervangen. Zie [glasschade](/kennisbank/artikel/glasschade/).

## Aan de buitenkant
Condens aan de buitenkant van nieuw isolatieglas is juist een teken dat het glas goed isoleert.
""",
        keywords=(
            "condens, condensatie, beslagen ramen, ramen beslagen, nat raam, druppels op raam, "
            "waterdruppels, wasem, beslagen dubbel glas, vocht op ramen, natte kozijnen"
        ),
        related=("ventileren", "schimmel-vocht", "glasschade"),
        review_by=D(2026, 12, 10),
    ),
    DemoArticle(
        slug="rookmelder",
        title="Rookmelders",
        category="gezond-en-veilig-wonen",
        summary=(
            "Elke woning heeft op elke verdieping met een leefruimte een rookmelder. De "
            "rookmelders die wij plaatsten, vervangen wij als ze kapot of verouderd zijn. Piept "
            "de melder af en toe kort, dan is meestal de batterij bijna leeg: bij een melder "
            "met losse batterij vervangt de huurder die zelf. Melders met een vaste batterij "
            "van tien jaar vervangen wij."
        ),
        body="""
## Piepen of afgaan
- **Kort piepen om de minuut**: batterij bijna leeg. Losse batterij: zelf vervangen. Vaste batterij: melden.
- **Vals alarm** bij koken of douchen: melder misschien op een onhandige plek; melden.
- Melder los of kapot: melden als reparatieverzoek.

## Regels
Rookmelders zijn verplicht. Haal ze niet weg en dek ze niet af. Test de melder één keer per maand met de testknop.
""",
        keywords=(
            "rookmelder, rookmelders, brandmelder, melder piept, piept, piepen, batterij, "
            "vals alarm, brandveiligheid, koolmonoxidemelder, co-melder"
        ),
        related=("onderhoud-wie-doet-wat",),
    ),
    # --- Ongedierte ---------------------------------------------------------------------------
    DemoArticle(
        slug="muizen-ratten",
        title="Muizen en ratten",
        category="ongedierte",
        summary=(
            "Muizen in huis bestrijdt de huurder eerst zelf met vallen, en door etensresten en "
            "afval goed af te sluiten. Zijn er veel muizen, komen ze terug of gaat het om ratten, "
            "dan schakelen wij een bestrijder in. Wij dichten ook gaten en kieren waardoor ze "
            "binnenkomen. Ratten buiten op straat meldt men bij de gemeente."
        ),
        body="""
## Zelf doen
- Etenswaren en afval in afgesloten bakken; geen voer voor vogels op de grond.
- Muizenvallen plaatsen langs de muren.

## Wij schakelen de bestrijder in
- bij ratten in of onder de woning;
- bij muizen die na twee weken zelf bestrijden blijven komen;
- bij overlast in meerdere woningen van een complex.

## Buiten
Ratten in de openbare ruimte (straat, park, riool) meldt men bij de gemeente. In de eigen tuin: eerst voedselbronnen weghalen (compost, voer), daarna melden.
""",
        keywords=(
            "muizen, muis, ratten, rat, knaagdieren, muizenkeutels, ongedierte, "
            "ongediertebestrijding, bestrijder, plaagdieren, muizen in huis, gaten dichten"
        ),
        related=("ongedierte",),
    ),
    DemoArticle(
        slug="ongedierte",
        title="Kakkerlakken, bedwantsen, wespen en ander ongedierte",
        category="ongedierte",
        summary=(
            "Kakkerlakken en bedwantsen laten wij altijd bestrijden door een erkend bedrijf, "
            "omdat ze zich via leidingen naar buren verspreiden. Een wespennest aan of in de "
            "woning laten wij verwijderen als het overlast geeft. Mieren, zilvervisjes en "
            "fruitvliegjes bestrijdt de huurder zelf. De huurder moet meewerken aan de "
            "bestrijding, ook als die meerdere keren moet."
        ),
        body="""
## Wij laten bestrijden
- **Kakkerlakken** en **bedwantsen**: altijd, vaak ook in de woningen ernaast.
- **Wespennest** aan of in de woning (spouwmuur, dakgoot) als er overlast is.
- **Faraomieren** en **vlooien** in een complex.

## De huurder doet zelf
- gewone mieren, zilvervisjes, fruitvliegjes, spinnen;
- vlooien van eigen huisdieren.

## Meewerken
De bestrijder geeft instructies (kasten leeg, wassen op 60 graden). Zonder medewerking werkt de bestrijding niet en kunnen wij de kosten doorberekenen.
""",
        keywords=(
            "ongedierte, kakkerlak, kakkerlakken, bedwantsen, bedwants, wandluizen, wespen, "
            "wespennest, mieren, faraomieren, vlooien, zilvervisjes, insecten, beestjes, "
            "plaagdieren, bestrijding, ongediertebestrijding"
        ),
        related=("muizen-ratten",),
    ),
    # --- Woonomgeving en overlast -------------------------------------------------------------
    DemoArticle(
        slug="overlast-melden",
        title="Overlast van buren melden",
        category="woonomgeving-en-overlast",
        summary=(
            "Bij overlast van buren, zoals geluid, stank of vervuiling, raden wij eerst aan om "
            "zelf rustig met de buren te praten. Helpt dat niet, dan kan de huurder de overlast "
            "bij ons melden, met wanneer het gebeurt en wat er gebeurt. Een overlastdagboek "
            "helpt. Bij gevaar of een misdrijf: bel de politie."
        ),
        body="""
## Stappen
1. **Zelf praten** met de buren, op een rustig moment.
2. Lukt dat niet: [buurtbemiddeling](/kennisbank/artikel/buurtbemiddeling/).
3. Blijft het: de huurder meldt het bij ons en houdt een **overlastdagboek** bij (datum, tijd, wat).
4. De consulent Wonen praat met alle partijen en maakt afspraken.

## Wat registreer je?
Alleen feiten over de overlast (geluid 's nachts, afval op de galerij). **Geen** vermoedens over gezondheid, verslaving of strafbare feiten: die horen niet in het contact. Signalen van zorgen over een bewoner geef je door aan de consulent Wonen.

> Acuut gevaar, geweld of een misdrijf: 112. Geen spoed, wel politie nodig: het algemene nummer van de politie.
""",
        keywords=(
            "overlast, overlast melden, burenoverlast, buren, geluidsoverlast, herrie, lawaai, "
            "harde muziek, geluid, stank, vervuiling, rommel, bovenburen, onderburen, "
            "overlastdagboek, klacht over buren, ruzie"
        ),
        related=("buurtbemiddeling", "huisdieren"),
    ),
    DemoArticle(
        slug="buurtbemiddeling",
        title="Buurtbemiddeling",
        category="woonomgeving-en-overlast",
        summary=(
            "Buurtbemiddeling helpt buren die er samen niet uitkomen, bijvoorbeeld bij ruzie "
            "over geluid, de tuin of kinderen. Getrainde vrijwilligers praten eerst met ieder "
            "apart en daarna samen. Het is gratis en vrijwillig. Wij melden huurders aan met "
            "hun toestemming, of zij melden zich zelf aan."
        ),
        body="""
## Hoe werkt het?
1. Aanmelding door de huurder zelf of, met toestemming, door ons.
2. Twee bemiddelaars gaan apart in gesprek met beide buren.
3. In een gezamenlijk gesprek maken de buren zelf afspraken.

## Wanneer niet?
Bij geweld, bedreiging, criminaliteit of ernstige psychische problemen is bemiddeling niet geschikt; dan neemt de consulent Wonen het over.
""",
        keywords=(
            "buurtbemiddeling, bemiddeling, bemiddelaar, ruzie met buren, burenruzie, conflict, "
            "onenigheid, buren praten, mediation, vrijwilligers"
        ),
        related=("overlast-melden",),
    ),
    DemoArticle(
        slug="huisdieren",
        title="Huisdieren in een huurwoning",
        category="woonomgeving-en-overlast",
        summary=(
            "Gewone huisdieren zoals een hond, kat, konijn of vogels zijn toegestaan, zolang ze "
            "geen overlast geven voor buren en de woning niet beschadigen. In sommige "
            "complexen gelden extra regels in het huishoudelijk reglement, bijvoorbeeld honden "
            "aan de lijn in de algemene ruimten. Gevaarlijke of exotische dieren zijn niet "
            "toegestaan."
        ),
        body="""
## Regels
- Geen overlast: blaffen, stank, uitwerpselen in de tuin of op de galerij.
- Schade aan de woning door huisdieren (krassen, urine) is voor de huurder.
- Honden aan de lijn in algemene ruimten en op galerijen.

## Overlast door dieren van buren
Zie [overlast van buren melden](/kennisbank/artikel/overlast-melden/). Bij verwaarlozing van dieren: de landelijke meldlijn voor dierenwelzijn.
""",
        keywords=(
            "huisdieren, huisdier, hond, honden, kat, katten, konijn, vogels, dieren houden, "
            "hond houden, blaffen, hondenpoep, huishoudelijk reglement"
        ),
        related=("overlast-melden",),
    ),
    # --- Sleutels en sloten -------------------------------------------------------------------
    DemoArticle(
        slug="sleutel-kwijt",
        title="Sleutel kwijt of buitengesloten",
        category="sleutels-en-sloten",
        summary=(
            "Sleutels zijn de verantwoordelijkheid van de huurder; wij hebben geen reservesleutel "
            "van de woning. Buitengesloten? Dan belt de huurder een slotenmaker; de kosten zijn "
            "voor de huurder. Is de sleutel kwijt en is het adres erbij bekend, dan is het "
            "verstandig het slot te laten vervangen. Sleutels van algemene deuren en tags "
            "bestellen huurders bij ons."
        ),
        body="""
## Buitengesloten
- Wij hebben **geen reservesleutel** van de woning.
- Een slotenmaker opent de deur; vraag vooraf de prijs. De kosten zijn voor de huurder.
- Buren of familie met een reservesleutel zijn de goedkoopste oplossing.

## Sleutel verloren
- Alleen de sleutel kwijt: de huurder laat een sleutel bijmaken bij een sleutelservice met het certificaat of de sleutelkaart.
- Sleutel én adres kwijt (bijvoorbeeld portemonnee gestolen): slot laten vervangen, op kosten van de huurder.
- Sleutel of tag van de **algemene entree**: zie [extra sleutel of tag](/kennisbank/artikel/extra-sleutel/).
""",
        keywords=(
            "sleutel kwijt, sleutels kwijt, sleutel verloren, huissleutel, buitengesloten, "
            "deur dichtgevallen, sleutel binnen laten liggen, slotenmaker, reservesleutel, "
            "sleutel vergeten, slot vervangen, cilinder vervangen"
        ),
        related=("extra-sleutel", "inbraak"),
    ),
    DemoArticle(
        slug="extra-sleutel",
        title="Extra sleutel of tag bijbestellen",
        category="sleutels-en-sloten",
        summary=(
            "Extra sleutels van de eigen woning laat de huurder bijmaken bij een "
            "sleutelservice, met de sleutelkaart of het certificaat. Een sleutel of tag voor de "
            "centrale entree, de fietsenberging of de parkeergarage bestelt de huurder bij ons; "
            "daar zijn kosten aan verbonden. Ophalen aan de balie met een identiteitsbewijs."
        ),
        body="""
## Eigen woning
Veiligheidssleutels kunnen alleen met het certificaat of de sleutelkaart worden bijgemaakt. Geen kaart meer? Dan is een nieuwe cilinder nodig.

## Algemene deuren
- Bestellen via het portaal of aan de balie.
- Per sleutel of tag betaalt de huurder een vast bedrag; dat wordt met de huur geïnd.
- Ophalen aan de balie; de huurder toont een identiteitsbewijs (alleen bekijken).
- Een verloren tag blokkeren wij direct.
""",
        keywords=(
            "extra sleutel, sleutel bijmaken, sleutel bijbestellen, reservesleutel, tag, "
            "druppel, pasje, toegangspas, fietsenberging, berging, parkeergarage, centrale "
            "entree, sleutelkaart, certificaat, tag kwijt, tag blokkeren"
        ),
        related=("sleutel-kwijt", "algemene-ruimten"),
        channels=(),
    ),
    DemoArticle(
        slug="inbraak",
        title="Na een inbraak: deur en slot herstellen",
        category="sleutels-en-sloten",
        summary=(
            "Na een inbraak doet de huurder eerst aangifte bij de politie. Is de woning niet "
            "meer afsluitbaar, dan laten wij de deur of het raam direct noodherstellen, ook "
            "buiten kantoortijd via het spoednummer. Schade aan de woning herstellen wij; "
            "gestolen spullen vallen onder de inboedelverzekering van de huurder."
        ),
        body="""
## Direct
1. Aangifte bij de politie; vraag het proces-verbaalnummer.
2. Niet afsluitbaar? [Spoed](/kennisbank/artikel/spoedreparatie/): wij laten het noodherstel doen.
3. Meld de schade aan deur, kozijn of slot als reparatieverzoek.

## Daarna
- Wij herstellen de schade aan de woning en vervangen zo nodig de cilinder.
- Is er ingebroken met een gestolen sleutel, dan betaalt de huurder het nieuwe slot.
- Inbraakpreventie (extra sloten, politiekeurmerk) kan de huurder met ons bespreken.
""",
        keywords=(
            "inbraak, ingebroken, inbrekers, deur opengebroken, deur kapot, slot kapot, "
            "forceren, aangifte, politie, noodherstel, dichttimmeren, inbraakschade, "
            "inbraakpreventie"
        ),
        related=("spoedreparatie", "glasschade", "sleutel-kwijt"),
    ),
    # --- Privacy ------------------------------------------------------------------------------
    DemoArticle(
        slug="inzage-gegevens",
        title="Inzage in uw persoonsgegevens",
        category="privacy",
        summary=(
            "Iedereen mag weten welke persoonsgegevens wij van hem of haar hebben en waarvoor "
            "wij die gebruiken. Een inzageverzoek kan via het portaal, per brief of aan de "
            "balie. Wij controleren eerst de identiteit. Binnen een maand krijgt de persoon een "
            "overzicht en een kopie van de gegevens, gratis."
        ),
        body="""
## Aannemen van een verzoek
1. Registreer het verzoek als contact met onderwerp *Privacy en inzage*; de termijn van een maand loopt vanaf nu.
2. Controleer de identiteit: aan de balie het identiteitsbewijs bekijken (niet kopiëren). Per brief of e-mail: de privacyfunctionaris neemt contact op om de identiteit te controleren.
3. Maak een taak voor de AVG-functionaris.

## Wat krijgt de persoon?
- een overzicht van de gegevens, de doelen, de ontvangers en de bewaartermijnen;
- een kopie van de gegevens (digitaal of op papier);
- uitleg over de andere rechten: [corrigeren, verwijderen](/kennisbank/artikel/gegevens-corrigeren-verwijderen/) en [bezwaar](/kennisbank/artikel/bezwaar-gegevens/).

> Geef telefonisch nooit zelf gegevens door: je kunt niet zien wie er belt.
""",
        keywords=(
            "inzage, inzageverzoek, inzagerecht, avg, gdpr, privacy, persoonsgegevens, "
            "gegevens opvragen, welke gegevens, kopie gegevens, privacywet, "
            "verzoek betrokkene, dossier inzien, mijn dossier"
        ),
        related=("gegevens-corrigeren-verwijderen", "bezwaar-gegevens", "machtiging"),
    ),
    DemoArticle(
        slug="gegevens-corrigeren-verwijderen",
        title="Persoonsgegevens laten corrigeren of verwijderen",
        category="privacy",
        summary=(
            "Kloppen gegevens niet, dan passen wij ze aan. Gegevens die wij niet meer nodig "
            "hebben, verwijderen wij op verzoek, tenzij een wet ons verplicht ze te bewaren, "
            "zoals de financiële administratie. Een verzoek handelen wij binnen een maand af. "
            "Weigeren wij iets, dan krijgt de persoon schriftelijk uitgelegd waarom."
        ),
        body="""
## Corrigeren
Eenvoudige fouten (een verkeerd telefoonnummer, een typefout in de naam) pas je direct aan; zie [gegevens wijzigen](/kennisbank/artikel/gegevens-wijzigen/). Gaat het om de inhoud van een dossier, maak dan een taak voor de AVG-functionaris.

## Verwijderen
- Kan als de gegevens niet meer nodig zijn voor het doel, of als iemand toestemming intrekt.
- Kan niet als er een wettelijke bewaarplicht is (bijvoorbeeld financiële gegevens) of zolang het huurcontract loopt.
- Na verwijdering houden wij alleen bij **dat** er op verzoek is verwijderd.

Termijn: binnen een maand; een weigering is schriftelijk en met reden.
""",
        keywords=(
            "gegevens corrigeren, correctie, rectificatie, onjuiste "
            "gegevens, gegevens verwijderen, vergeetrecht, recht op vergetelheid, wissen, "
            "gegevens laten verwijderen, dossier verwijderen, avg, privacy"
        ),
        related=("inzage-gegevens", "gegevens-wijzigen", "bezwaar-gegevens"),
    ),
    DemoArticle(
        slug="bezwaar-gegevens",
        title="Bezwaar tegen het gebruik van uw gegevens en afmelden voor onderzoek",
        category="privacy",
        summary=(
            "Huurders kunnen zich altijd afmelden voor tevredenheidsonderzoeken; daarna "
            "krijgen ze geen enquêtes meer. Ook kan iemand bezwaar maken tegen ander gebruik "
            "van gegevens dat niet nodig is voor het huurcontract. Wij stoppen dan direct met "
            "dat gebruik en bevestigen het schriftelijk."
        ),
        body="""
## Afmelden voor onderzoek
- Een e-mailadres wordt alleen voor het tevredenheidsonderzoek gebruikt als de huurder zich niet heeft afgemeld.
- Afmelden kan via de link in elke uitnodiging, via het portaal of bij ons; verwerk het meteen.
- Deelnemen kan ook op papier of telefonisch, voor wie geen e-mail gebruikt.

## Bezwaar
Bezwaar tegen gebruik op grond van *gerechtvaardigd belang* (zoals onderzoek of nieuwsbrieven): stop direct met dat gebruik en maak een taak voor de AVG-functionaris. Bezwaar is gratis.
""",
        keywords=(
            "bezwaar gegevens, afmelden, uitschrijven, enquete, enquête, enquetes, "
            "tevredenheidsonderzoek, onderzoek, vragenlijst, klanttevredenheid, geen mail meer, "
            "nieuwsbrief afmelden, privacy, avg bezwaar, opt-out"
        ),
        related=("inzage-gegevens", "gegevens-corrigeren-verwijderen"),
    ),
    # --- Internal procedures (staff only) -------------------------------------------------------
    DemoArticle(
        slug="geen-gegevens-via-telefoon",
        title="Telefonisch geen persoonsgegevens verstrekken",
        category="privacy",
        summary=(
            "Aan de telefoon geef je geen persoonsgegevens door: geen adres, geen "
            "telefoonnummer, geen bedragen van een achterstand aan iemand die je niet kunt "
            "identificeren. Stel de controlevragen; beantwoordt de beller ze niet goed, geef dan "
            "alleen algemene informatie en bied een terugbelverzoek of een afspraak aan de balie aan."
        ),
        body="""
## Controlevragen
Vraag naar geboortedatum **of** contractnummer, en het adres. Noem zelf nooit een gegeven om te laten bevestigen ("u woont toch op ...?").

## Belt iemand namens de huurder?
Alleen met een geregistreerde machtiging; zie [machtiging en bewindvoerder](/kennisbank/artikel/machtiging/).

## Twijfel
Bied aan terug te bellen op het nummer dat in het systeem staat.
""",
        keywords=(
            "telefonisch, telefoon, controlevragen, identificatie, identiteit controleren, "
            "beller, gegevens verstrekken, privacy, avg, social engineering"
        ),
        related=("machtiging", "inzage-gegevens"),
        channels=("TEL",),
        status=INTERNAL,
    ),
    DemoArticle(
        slug="identiteit-aan-de-balie",
        title="Identiteit controleren aan de balie",
        category="privacy",
        summary=(
            "Aan de balie bekijk je het identiteitsbewijs, maar je maakt er geen kopie van. "
            "Vergelijk naam en foto en noteer alleen dat de identiteit is gecontroleerd en met "
            "welk soort document. Het BSN neem je nooit over."
        ),
        body="""
## Werkwijze
1. Vraag om een geldig paspoort, identiteitskaart of rijbewijs.
2. Vergelijk de foto en de naam met de persoon en het dossier.
3. Noteer in het contact: *identiteit gecontroleerd (paspoort)*. Geen documentnummer, geen BSN.

Een kopie is alleen nodig als een wet dat eist; overleg dan met de AVG-functionaris.
""",
        keywords=(
            "identiteit, identiteitsbewijs, legitimatie, legitimeren, paspoort, id-kaart, "
            "rijbewijs, kopie id, bsn, balie, privacy"
        ),
        related=("inzage-gegevens", "afstandsverklaring"),
        channels=("BAL",),
        status=INTERNAL,
    ),
    # --- Workflow examples ----------------------------------------------------------------------
    DemoArticle(
        slug="warmtepomp",
        title="Hybride warmtepomp: wat verandert er?",
        category="water-afvoer-verwarming",
        summary=(
            "In een aantal complexen plaatsen wij een hybride warmtepomp naast de cv-ketel. "
            "Tekst in voorbereiding: wacht op de planning per complex."
        ),
        body="""
Concept: uitleg over de werking, geluid, het energieverbruik en de planning per complex.
""",
        keywords="warmtepomp, hybride warmtepomp, duurzaam, energiebesparing",
        status=DRAFT,
        review_by=D(2027, 6, 1),
    ),
    DemoArticle(
        slug="eenmalige-huurverlaging-2023",
        title="Eenmalige huurverlaging 2023 (vervallen)",
        category="huurprijs-en-toeslag",
        summary=(
            "In 2023 kregen huurders met een laag inkomen eenmalig een huurverlaging. Deze "
            "regeling geldt niet meer; zie het artikel over huurverlaging bij een laag inkomen."
        ),
        body="De regeling is vervallen. Zie [huurverlaging](/kennisbank/artikel/huurverlaging/).",
        keywords="huurverlaging 2023, eenmalige huurverlaging",
        status=ARCHIVED,
        review_by=D(2024, 1, 1),
    ),
]

# The starting synonym list: words tenants use for the same thing. The functional
# administrator keeps it in the admin pages.
SYNONYMS = [
    "lekkage ~ daklekkage ~ waterschade ~ lek ~ daklek",
    "schimmel ~ vocht ~ vochtplekken ~ schimmelplekken",
    "ex ~ ex-partner ~ ex-man ~ ex-vrouw ~ vorige partner",
    "scheiding ~ echtscheiding ~ scheiden ~ uit elkaar",
    "incasso ~ automatische incasso ~ automatische afschrijving",
    "betalingsregeling ~ regeling ~ afbetalingsregeling ~ in termijnen betalen",
    "huurachterstand ~ achterstand ~ betalingsachterstand",
    "opzeggen ~ opzegging ~ huur beeindigen ~ huur stoppen",
    "ongedierte ~ beestjes ~ plaagdieren",
    "muis ~ muizen ~ knaagdieren",
    "kakkerlak ~ kakkerlakken ~ kakkerlakkenplaag",
    "cv ~ cv-ketel ~ verwarmingsketel ~ ketel",
    "verstopping ~ verstopt ~ ontstoppen",
    "overlast ~ herrie ~ lawaai ~ geluidsoverlast",
    "woningruil ~ woning ruilen ~ huis ruilen",
    "huurverhoging ~ huur omhoog ~ huurstijging",
    "servicekosten ~ bijkomende kosten",
    "zelf aangebrachte voorziening ~ zav ~ klussen ~ verbouwen",
    "inzage ~ inzageverzoek ~ inzien ~ opvragen",
    "persoonsgegevens ~ privacy ~ avg",
    "laag inkomen ~ weinig verdienen ~ klein inkomen ~ weinig geld",
    "medehuurder ~ medehuurderschap ~ partner op het contract",
    "ruit ~ raam ~ glas",
    "sleutel ~ huissleutel",
    "buitengesloten ~ sleutel vergeten ~ deur dichtgevallen",
    "enquete ~ tevredenheidsonderzoek ~ vragenlijst",
    "overleden ~ overlijden ~ gestorven",
    "spoed ~ noodgeval ~ storingsdienst",
]
