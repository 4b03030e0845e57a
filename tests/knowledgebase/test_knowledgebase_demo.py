"""The demo content: at least 40 realistic articles over every subject the issue names, sound
internal links, an idempotent seed, and search quality on the benchmark queries."""

import re

import pytest

from knowledgebase import benchdata, demo, demo_articles
from knowledgebase.markdown import render_markdown
from knowledgebase.models import Article, ArticleVersion, Category, SearchGap, SynonymGroup
from knowledgebase.search import search_articles

pytestmark = pytest.mark.django_db

# Every subject the issue lists, by the article that covers it.
SUBJECTS = {
    "paying rent and direct debit": ["huur-betalen", "automatische-incasso"],
    "payment arrangements and deferral": ["betalingsregeling", "uitstel-van-betaling"],
    "waiver of tenancy at divorce and co-tenancy": ["afstandsverklaring", "medehuurder-worden"],
    "repairs and who maintains what": ["reparatieverzoek", "onderhoud-wie-doet-wat"],
    "home improvements by the tenant": ["zelf-aanpassen", "voorzieningen-bij-vertrek"],
    "nuisance": ["overlast-melden", "buurtbemiddeling"],
    "giving notice": ["huur-opzeggen", "eindinspectie"],
    "changing personal details": ["gegevens-wijzigen"],
    "house swap": ["woningruil"],
    "rent increase and objection": ["huurverhoging", "bezwaar-huurverhoging"],
    "service costs": ["servicekosten", "afrekening-servicekosten"],
    "keys and locks": ["sleutel-kwijt", "extra-sleutel"],
    "mould and ventilation": ["schimmel-vocht", "ventileren"],
    "pests": ["muizen-ratten", "ongedierte"],
    "privacy rights": ["inzage-gegevens", "gegevens-corrigeren-verwijderen"],
}


@pytest.fixture
def seeded(make_user):
    from accounts import roles

    make_user("beheerder", roles=[roles.FUNCTIONAL_ADMINISTRATOR])
    return demo.seed_demo_data()


def test_at_least_forty_searchable_articles_on_every_subject(seeded):
    searchable = Article.objects.searchable()
    assert searchable.count() >= 40
    present = set(searchable.values_list("slug", flat=True))
    for subject, slugs in SUBJECTS.items():
        assert set(slugs) <= present, subject
    assert Article.objects.filter(status="draft").exists()
    assert Article.objects.filter(status="archived").exists()
    assert "knowledge base: 53 articles" in seeded[0]


def test_every_article_is_complete_and_renders(seeded):
    for article in Article.objects.searchable().select_related("category", "owner"):
        assert article.summary and len(article.summary) >= 80, article.slug
        assert article.category_id and article.owner.username == "beheerder", article.slug
        assert len(article.keyword_list()) >= 4, article.slug
        assert article.review_by is not None, article.slug
        html = render_markdown(article.body)
        assert "<p>" in html or "<ul>" in html, article.slug
        assert "&lt;" not in html, article.slug  # no stray markup in the content


def test_internal_links_point_at_existing_articles(seeded):
    slugs = set(Article.objects.values_list("slug", flat=True))
    for spec in demo_articles.demo_articles():
        for target in re.findall(r"\(/kennisbank/artikel/([a-z0-9-]+)/\)", spec.body):
            assert target in slugs, (spec.slug, target)
        assert set(spec.related) <= slugs, spec.slug


def test_seeding_twice_changes_nothing(seeded):
    versions = ArticleVersion.objects.count()
    snapshot = sorted(Article.objects.values_list("slug", "updated_at", "version", "status"))
    lines = demo.seed_demo_data()
    assert "0 articles created, 0 updated" in lines[1]
    assert ArticleVersion.objects.count() == versions
    assert sorted(Article.objects.values_list("slug", "updated_at", "version", "status")) == (
        snapshot
    )
    assert Category.objects.count() == len(demo_articles.demo_categories())
    assert SynonymGroup.objects.count() == len(demo_articles.demo_synonyms())


def test_seeding_restores_edited_demo_articles(seeded):
    from knowledgebase import services

    article = Article.objects.get(slug="huur-opzeggen")
    article.summary = "Iets anders."
    services.save_article(article, note="Proef")
    lines = demo.seed_demo_data()
    assert "0 articles created, 1 updated" in lines[1]
    article.refresh_from_db()
    assert article.summary.startswith("De huurder zegt de huur schriftelijk op")
    assert article.versions.order_by("-number").first().note == "Demo-inhoud hersteld."


def test_demo_history_has_an_earlier_version_to_compare(seeded):
    assert Article.objects.get(slug="huur-betalen").versions.count() == 2


def test_demo_gaps_hold_no_personal_data(seeded):
    gaps = list(SearchGap.objects.all())
    assert gaps
    for gap in gaps:
        stored = " ".join([gap.example, *gap.variants])
        assert not re.search(r"\d", stored) and "bakker" not in stored


def test_search_quality_on_the_benchmark_queries(seeded):
    """The same measure as bench/kb_quality.py (MRR@5 over all queries), as a regression
    guard on the demo content; the benchmark prints the figures per query set."""
    queries = benchdata.load_queries()
    assert len(queries) >= 60
    reciprocal = 0.0
    for query, expected, _subset in queries:
        slugs = [a.slug for a in search_articles(query, limit=5).articles]
        if expected in slugs:
            reciprocal += 1 / (slugs.index(expected) + 1)
    assert reciprocal / len(queries) >= 0.85
