"""Data for the knowledge-base benchmarks in ``bench/``: the query set and filler articles.

The filler imitates what a corporation's knowledge base grows into: many short articles per
complex, street or neighbourhood (maintenance plans, parking, waste collection, renovations,
house rules), written from generic sentences with varying names, dates and contractors. About
a third also mention a subject the real articles cover (lekkage, schimmel, huur, sleutels,
servicekosten, ...), so the real articles compete with filler that uses their words and the
search has to rank, not just filter.
Generated from a fixed seed; every filler article has a slug starting with ``bench-``.
"""

import csv
import random
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction

from . import services
from .models import Article, Category
from .search import CONFIG

FILLER_PREFIX = "bench-"
QUERIES_PATH = Path(__file__).resolve().parent.parent / "bench" / "data" / "kb_queries.csv"
SEED = 5000

COMPLEX_NAMES = [
    "De Eiken",
    "De Linden",
    "Het Baken",
    "De Vijverhof",
    "Meerzicht",
    "De Wilgen",
    "Het Anker",
    "De Boomgaard",
    "Zonnehof",
    "De Klaproos",
    "Het Hoge Veld",
    "De Kastanjes",
    "Veenhof",
    "De Molenwiek",
    "Rozenhof",
    "De Esdoorn",
    "Het Lage Land",
    "De Beuken",
    "Kerkzicht",
    "De Spreeuw",
    "Het Torentje",
    "De Hazelaar",
    "Parkzicht",
    "De Berken",
    "Het Kompas",
    "De Wielewaal",
    "Elzenhof",
    "De Notenkraker",
    "Het Schip",
    "De Populieren",
]
DISTRICTS = [
    "Veenhoven-Noord",
    "Veenhoven-Oost",
    "Veenhoven-Zuid",
    "Veenhoven-West",
    "Bovenmeer",
    "Koudedijk",
    "Elsweide",
]

STREETS = [
    "Kerkstraat",
    "Molenweg",
    "Dorpsstraat",
    "Schoolstraat",
    "Stationsweg",
    "Julianalaan",
    "Beatrixstraat",
    "Wilhelminaplein",
    "Vaartweg",
    "Dijkstraat",
    "Meidoornlaan",
    "Zuiderhaven",
    "Noorderpad",
    "Oosteinde",
    "Westerweg",
    "Marktplein",
    "Brugstraat",
    "Veenkade",
]
CONTRACTORS = [
    "Bouwbedrijf Hoeksema",
    "Installatiebedrijf Van Dam",
    "Schildersbedrijf Kuipers",
    "Dakdekker Bosma",
    "Hoveniersbedrijf Groen",
    "Liftservice Noord",
]
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"]

TITLE_TEMPLATES = [
    "Onderhoudsplanning {complex} {year}",
    "Parkeren bij {complex}",
    "Schoonmaak trappenhuis {complex}",
    "Renovatie {complex}: planning en bereikbaarheid",
    "Werkzaamheden aan de lift in {complex}",
    "Verdeling servicekosten {complex} {year}",
    "Tuinonderhoud rond {complex}",
    "Huishoudelijk reglement {complex}",
    "Schilderwerk buitenkant {complex} {year}",
    "Vervanging kozijnen {complex}",
    "Afvalinzameling en containers in {district}",
    "Glasvezel en kabel in {district}",
    "Bewonerscommissie {complex}",
    "Fietsenberging en scootmobielruimte {complex}",
    "Dakrenovatie {complex} {year}",
    "Isolatie en nieuwe ventilatie {complex}",
    "Speeltuin en groen bij {complex}",
    "Huismeester {complex}: spreekuur en taken",
    "Nieuwbouw {street}: oplevering en sleutels",
    "Sloop en nieuwbouw {street} {year}",
    "Energielabel en verduurzaming {complex}",
    "Bewonersavond {complex} {month}",
    "Gevelrenovatie {street}",
    "Brandveiligheid en vluchtwegen {complex}",
]

# Generic sentences: the everyday words of a complex article.
GENERIC_SENTENCES = [
    "De werkzaamheden beginnen in {month} en duren ongeveer {n} weken per portiek.",
    "Bewoners krijgen twee weken van tevoren een brief met de planning van {contractor}.",
    "Tijdens de werkzaamheden is de entree aan de {street} soms beperkt bereikbaar.",
    "De aannemer werkt van maandag tot en met vrijdag tussen half acht en vier uur.",
    "Parkeren kan op de openbare parkeerplaatsen aan de {street}.",
    "De huismeester is op {weekday} aanwezig in {complex}.",
    "Bij de renovatie vervangen wij onder meer de keukens, badkamers en toiletten.",
    "Bewoners die tijdelijk niet in de woning kunnen, krijgen een logeerwoning aangeboden.",
    "De bewonerscommissie overlegt {n} keer per jaar met Woonservice over het onderhoud.",
    "Het schilderwerk aan de buitenkant gebeurt elke zes tot acht jaar.",
    "In het voorjaar snoeit {contractor} de struiken en maait het gras rond het complex.",
    "Het huishoudelijk reglement gaat over afval, geluid en het gebruik van algemene ruimten.",
    "De afrekening van de servicekosten komt voor 1 juli bij alle bewoners van {complex}.",
    "Een scootmobiel mag alleen in de speciale stallingsruimte worden opgeladen.",
    "Bij de dakrenovatie komt er nieuwe isolatie en worden de dakgoten vervangen.",
    "Speeltoestellen worden elk jaar gekeurd door een erkend bureau.",
    "Containers voor restafval en plastic staan bij de ingang van het parkeerterrein.",
    "De opzichter houdt op {weekday} spreekuur in de bouwkeet aan de {street}.",
    "Na de oplevering ontvangen bewoners een map met gebruiksinstructies.",
    "Op de bewonersavond in {month} lichten wij de plannen voor {complex} toe.",
    "Het energielabel van de woningen verbetert na de werkzaamheden naar label A.",
    "Vluchtwegen in het trappenhuis houdt u vrij van fietsen, kasten en planten.",
    "De gevel wordt gereinigd en de voegen worden waar nodig hersteld.",
    "Voor vragen over de planning kunt u terecht bij de projectleider van {contractor}.",
    "Wij houden u via de nieuwsbrief en het huurdersportaal op de hoogte.",
    "De nieuwbouw aan de {street} telt {n} woningen en wordt in {month} opgeleverd.",
    "In de bouwkeet ligt een maquette van het nieuwe complex ter inzage.",
    "De kosten van dit onderhoud komen voor rekening van Woonservice.",
]

# Sentences about subjects the real articles also cover. Each filler article gets one now and
# then, so the benchmark articles compete with filler that mentions their words too.
TOPICAL_SENTENCES = [
    "Heeft u last van lekkage of vocht in de buurt van de kozijnen, meld het dan voor de start.",
    "Een parkeerplaats of garage huurt u apart; de huur betaalt u samen met de woninghuur.",
    "De kosten voor de schoonmaak van het trappenhuis zitten in de servicekosten.",
    "Sleutels en tags voor de fietsenberging zijn verkrijgbaar aan de balie.",
    "Grofvuil zet u niet in de algemene ruimte; de gemeente haalt het op afspraak op.",
    "De huur verandert door de renovatie niet, behalve bij extra voorzieningen die u kiest.",
    "Schimmel en vochtplekken in de badkamer pakken wij mee tijdens de renovatie.",
    "Honden houdt u in de algemene ruimten en op de galerij aan de lijn.",
    "Overlast door geluid meldt u eerst bij de buren zelf, daarna bij ons.",
    "De lift wordt vervangen; in die periode is er een traplopersservice voor boodschappen.",
    "Nieuwe kozijnen met dubbel glas verminderen tocht en condens op de ramen.",
    "Storingen aan de centrale verwarming meldt u bij het onderhoudsbedrijf van de installatie.",
    "Ongedierte zoals muizen of wespen in de algemene ruimte laten wij bestrijden.",
    "Bewoners die een betalingsregeling hebben, kunnen gewoon deelnemen aan de renovatie.",
    "Tijdens de werkzaamheden kan het water een paar uur worden afgesloten.",
    "Zelf aangebrachte voorzieningen zoals een eigen keuken overleggen wij vooraf met u.",
    "Rookmelders in de woningen worden tijdens de renovatie vernieuwd.",
    "Een kapotte ruit in de algemene ruimte meldt u als reparatieverzoek.",
    "De mechanische ventilatie wordt vervangen door een stillere installatie.",
    "Heeft u een beperking en hulp nodig bij het verhuizen van spullen, laat het ons weten.",
]
TOPICAL_SHARE = 0.35


def load_queries(path: Path = QUERIES_PATH) -> list[tuple[str, str, str]]:
    """(query, expected slug, set) from the semicolon-separated query file."""
    rows = []
    with open(path, encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter=";"):
        rows.append((row["query"], row["expected"], row["set"]))
    return rows


@dataclass
class FillerReport:
    created: int
    removed: int
    total_searchable: int


def _filler_specs(count: int):
    rng = random.Random(SEED)  # noqa: S311 (benchmark data)

    def fill(template: str, complex_label: str) -> str:
        return template.format(
            complex=complex_label,
            district=rng.choice(DISTRICTS),
            street=rng.choice(STREETS),
            contractor=rng.choice(CONTRACTORS),
            month=rng.choice(MONTHS),
            weekday=rng.choice(WEEKDAYS),
            year=rng.choice([2025, 2026, 2027]),
            n=rng.randint(2, 12),
        )

    for n in range(count):
        template = TITLE_TEMPLATES[n % len(TITLE_TEMPLATES)]
        complex_name = COMPLEX_NAMES[(n // len(TITLE_TEMPLATES)) % len(COMPLEX_NAMES)]
        block = n // (len(COMPLEX_NAMES) * len(TITLE_TEMPLATES))
        complex_label = f"{complex_name} {block + 1}" if block else complex_name
        sentences = [
            fill(t, complex_label) for t in rng.sample(GENERIC_SENTENCES, rng.randint(3, 7))
        ]
        if rng.random() < TOPICAL_SHARE:
            sentences.insert(rng.randint(0, len(sentences)), rng.choice(TOPICAL_SENTENCES))
        yield n, fill(template, complex_label), " ".join(sentences[:2]), "\n\n".join(sentences[2:])


def _index_filler() -> None:
    """Index new filler articles in one statement.

    The same vector as ``search.index_texts`` gives for them (plain-text body, a top-level
    category); calling the service 5,000 times would only make loading slower.
    """
    if connection.vendor != "postgresql":
        for article in Article.objects.filter(
            slug__startswith=FILLER_PREFIX, search_vector__isnull=True
        ).select_related("category"):
            services.reindex_article(article)
        return
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE knowledgebase_article a SET search_vector =
                setweight(to_tsvector(%(config)s::regconfig, a.title), 'A')
                || setweight(to_tsvector(%(config)s::regconfig, a.keywords), 'B')
                || setweight(to_tsvector(%(config)s::regconfig, a.summary || ' ' || c.name), 'C')
                || setweight(to_tsvector(%(config)s::regconfig, a.body), 'D')
            FROM knowledgebase_category c
            WHERE c.id = a.category_id AND a.slug LIKE %(prefix)s AND a.search_vector IS NULL
            """,
            {"config": CONFIG, "prefix": FILLER_PREFIX + "%"},
        )


@transaction.atomic
def ensure_filler(count: int) -> FillerReport:
    """Make exactly ``count`` filler articles exist (internal status, indexed)."""
    existing = Article.objects.filter(slug__startswith=FILLER_PREFIX)
    have = existing.count()
    removed = 0
    if have > count:
        removed = have - count
        extra = existing.order_by("-slug").values_list("pk", flat=True)[:removed]
        Article.objects.filter(pk__in=list(extra)).delete()
        have = count
    category, _created = Category.objects.get_or_create(
        slug="complexen-en-wijken", defaults={"name": "Complexen en wijken", "position": 200}
    )
    created = 0
    if have < count:
        present = set(existing.values_list("slug", flat=True))
        new = []
        for n, title, summary, body in _filler_specs(count):
            slug = f"{FILLER_PREFIX}{n:05d}"
            if slug in present:
                continue
            new.append(
                Article(
                    slug=slug,
                    title=title,
                    summary=summary,
                    body=body,
                    keywords="complex, wijk, bewoners",
                    category=category,
                    status=Article.Status.INTERNAL,
                )
            )
        Article.objects.bulk_create(new, batch_size=500)
        _index_filler()
        created = len(new)
    if created or removed:
        services.rebuild_vocabulary()
    return FillerReport(created, removed, Article.objects.searchable().count())
