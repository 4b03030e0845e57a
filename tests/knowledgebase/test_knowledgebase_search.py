"""The knowledge-base search: stemming, typing errors, accents, synonyms, prefixes, ranking,
filters. Runs on SQLite (Python scoring) and on PostgreSQL (full-text search); the tests at the
end check what only PostgreSQL has (the stored weighted vector, the accent-folding Dutch
configuration, the GIN index)."""

import pytest
from django.db import connection

from knowledgebase import services
from knowledgebase.models import Article
from knowledgebase.search import analyse, search_articles
from referencedata.models import CodeList, ReferenceCode
from tests.factories import ArticleFactory, KnowledgeCategoryFactory, SynonymGroupFactory

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search only"
)


def slugs(query, **kwargs):
    return [a.slug for a in search_articles(query, **kwargs).articles]


@pytest.fixture
def kb():
    """A small knowledge base with one clear answer per subject."""
    ArticleFactory(
        slug="lekkage",
        title="Lekkage en waterschade",
        summary="Draai de hoofdkraan dicht en meld de lekkage direct.",
        keywords="lek, water door plafond",
    )
    ArticleFactory(
        slug="schimmel",
        title="Schimmel en vocht in huis",
        summary="Ventileer dag en nacht; kleine plekken maakt u zelf schoon.",
        keywords="zwarte plekken, vochtig",
    )
    ArticleFactory(
        slug="huur-betalen",
        title="Huur betalen",
        summary="De huur betaalt u vooraf met automatische incasso of een overboeking.",
        keywords="betaalwijze, overmaken",
    )
    ArticleFactory(
        slug="regeling",
        title="Betalingsregeling treffen",
        summary="Een achterstand lost u af in maandelijkse termijnen.",
        keywords="afbetalen, termijnen",
    )
    ArticleFactory(
        slug="financiele-hulp",
        title="Financiële hulp bij schulden",
        summary="De gemeente helpt gratis bij geldzorgen.",
    )
    ArticleFactory(
        slug="sleutel",
        title="Sleutel kwijt",
        summary="Wij hebben geen reservesleutel; bel een slotenmaker.",
        keywords="buitengesloten",
    )


def test_dutch_stemming_finds_inflected_forms(kb):
    for query, expected in [
        ("betalingsregelingen", "regeling"),
        ("termijn afbetaling", "regeling"),
        ("vochtige plek", "schimmel"),
        ("betaling van de huren", "huur-betalen"),
    ]:
        result = search_articles(query)
        assert result.articles[0].slug == expected, query
        assert result.analysed.corrections == {}, query  # found by stemming, not by correcting


def test_typing_errors_are_corrected_towards_known_words(kb):
    assert slugs("scimmel")[0] == "schimmel"
    assert slugs("lekage")[0] == "lekkage"
    result = search_articles("betalingsreggeling")
    assert result.articles[0].slug == "regeling"
    assert result.corrected_query == "betalingsregeling"


def test_accents_are_folded_both_ways(kb):
    assert slugs("financiele hulp")[0] == "financiele-hulp"
    ArticleFactory(slug="ideeen", title="Ideeen voor de buurt", summary="Meedoen in de wijk.")
    assert slugs("ideeën")[0] == "ideeen"


def test_synonyms_from_the_managed_list(kb):
    ArticleFactory(slug="overlast", title="Overlast van buren melden", summary="Eerst praten.")
    assert slugs("herrie") == []
    SynonymGroupFactory(terms="overlast ~ herrie ~ lawaai")
    assert slugs("herrie") == ["overlast"]
    result = search_articles("herrie bovenburen")
    assert result.articles[0].slug == "overlast"
    assert "overlast" in result.analysed.synonyms


def test_multi_word_synonyms_match_in_any_order(kb):
    SynonymGroupFactory(terms="betalingsregeling ~ in termijnen betalen ~ afbetalen")
    assert slugs("betalen in termijnen")[0] == "regeling"


def test_switched_off_synonym_group_is_not_used(kb):
    group = SynonymGroupFactory(terms="sleutel ~ huissleutel")
    assert slugs("huissleutel")[0] == "sleutel"
    group.is_active = False
    services.save_synonym_group(group)
    assert "sleutel" not in slugs("huissleutel")


def test_ranking_title_before_keywords_before_answer_script_before_body():
    word = "rookmelder"
    ArticleFactory(slug="in-body", title="Veiligheid", body=f"Test de {word} elke maand.")
    ArticleFactory(slug="in-summary", title="Brand", summary=f"Een {word} is verplicht.")
    ArticleFactory(slug="in-keywords", title="Alarm", keywords=f"{word}, piepen")
    ArticleFactory(slug="in-title", title=f"De {word}")
    ArticleFactory(slug="unrelated", title="Tuin", summary="Gras maaien.")
    assert slugs(word) == ["in-title", "in-keywords", "in-summary", "in-body"]


def test_an_article_about_all_the_words_beats_one_repeating_one_word():
    ArticleFactory(
        slug="only-huur",
        title="Huur",
        summary="Huur, huur en nog eens huur: alles over de huur.",
        keywords="huur, huurprijs",
    )
    ArticleFactory(
        slug="huur-en-toeslag",
        title="Huurtoeslag",
        summary="Huurtoeslag vraagt u aan bij de Belastingdienst; de huur telt mee.",
        keywords="toeslag",
    )
    assert slugs("toeslag huur")[0] == "huur-en-toeslag"


def test_rare_words_weigh_more_than_common_ones():
    for n in range(6):
        ArticleFactory(slug=f"aanvragen-{n}", title=f"Iets anders aanvragen {n}")
    ArticleFactory(slug="traplift", title="Woningaanpassing", keywords="traplift, beugels")
    assert slugs("traplift aanvragen")[0] == "traplift"


def test_as_you_type_matches_and_completes_the_last_word(kb):
    assert slugs("schimm", as_you_type=True)[0] == "schimmel"
    assert slugs("sleutel kw", as_you_type=True)[0] == "sleutel"
    # Completed from the vocabulary where the stem is shorter than what was typed.
    assert slugs("betalingsre", as_you_type=True)[0] == "regeling"


def test_only_internal_and_published_articles_are_found(kb):
    draft = ArticleFactory(slug="concept", title="Glasvezel aanleg", status="draft")
    archived = ArticleFactory(slug="oud", title="Glasvezel oud", status="archived")
    internal = ArticleFactory(slug="intern", title="Glasvezel intern", status="internal")
    found = slugs("glasvezel")
    assert internal.slug in found
    assert draft.slug not in found and archived.slug not in found
    assert draft.slug in slugs("glasvezel", statuses=[Article.Status.DRAFT])


def test_channel_filter_keeps_articles_for_all_channels(reference_codes, kb):
    phone = ReferenceCode.objects.get(code_list=CodeList.CHANNEL, code="TEL")
    desk = ReferenceCode.objects.get(code_list=CodeList.CHANNEL, code="BAL")
    only_phone = ArticleFactory(slug="telefoon", title="Sleutel kwijt: telefonisch")
    only_phone.channels.set([phone])
    assert set(slugs("sleutel", channel="TEL")) == {"sleutel", "telefoon"}
    assert set(slugs("sleutel", channel=desk)) == {"sleutel"}
    assert set(slugs("sleutel", channel=str(phone.pk))) == {"sleutel", "telefoon"}


def test_category_filter_includes_subcategories():
    parent = KnowledgeCategoryFactory(slug="wonen", name="Wonen")
    child = KnowledgeCategoryFactory(slug="onderhoud", name="Onderhoud", parent=parent)
    other = KnowledgeCategoryFactory(slug="geld", name="Geld")
    ArticleFactory(slug="kraan", title="Kraan lekt", category=child)
    ArticleFactory(slug="kraan-geld", title="Kraan betalen", category=other)
    assert slugs("kraan", category=parent) == ["kraan"]
    assert slugs("kraan", category=other.pk) == ["kraan-geld"]
    assert slugs("kraan", category=999999) == []


def test_queries_without_content_and_with_syntax_characters_are_safe(kb):
    assert slugs("") == []
    assert slugs("de het een") == []  # only stop words
    assert slugs("12345") == []
    assert slugs("lekkage' & | ! :* ( ) \\ <->")[0] == "lekkage"
    assert slugs("x" * 5000) == []


def test_analysis_explains_what_was_searched(kb):
    SynonymGroupFactory(terms="lekkage ~ waterschade")
    analysed = analyse("waterschade bij de buren", as_you_type=False)
    tokens = [group.tokens for group in analysed.groups]
    assert tokens == [("waterschade",), ("buren",)]
    words = {a.words for a in analysed.groups[0].alternatives}
    assert ("lekkage",) in words


def test_saving_an_article_makes_it_findable_at_once(kb):
    assert slugs("zonnepanelen") == []
    article = ArticleFactory(slug="zon", title="Zonnepanelen op het dak", status="draft")
    assert slugs("zonnepanelen") == []
    services.change_status(article, Article.Status.INTERNAL)
    assert slugs("zonnepanelen") == ["zon"]
    article.refresh_from_db()
    article.title = "Panelen op het dak"
    services.save_article(article)
    assert slugs("zonnepanelen") == []


@postgres_only
def test_the_stored_vector_is_weighted_and_accent_folded(kb):
    article = ArticleFactory(
        slug="gewogen",
        title="Geïnstalleerde ketel",
        keywords="storing",
        summary="Bel de monteur.",
        body="De thermostaat staat laag.",
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector::text FROM knowledgebase_article WHERE id = %s", [article.pk]
        )
        vector = cursor.fetchone()[0]
    assert "'geinstalleerd':1A" in vector
    assert "'storing'" in vector and ":3B" in vector
    assert "'monteur'" in vector and "C" in vector.split("'monteur':")[1][:6]
    assert "'thermostat':10" in vector  # weight D is the default and is not printed


@postgres_only
def test_the_search_uses_the_gin_index_and_the_dutch_configuration():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'kb_article_search_idx'")
        assert "gin (search_vector)" in cursor.fetchone()[0]
        cursor.execute("SELECT to_tsvector('kb_dutch', 'Café geïnstalleerd lekkage')::text")
        assert cursor.fetchone()[0] == "'caf':1 'geinstalleerd':2 'lekkag':3"
