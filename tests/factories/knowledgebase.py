"""Factories for the knowledge base: categories, articles and synonym groups
(saved through the services)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from tests.factories.accounts import UserFactory


class KnowledgeCategoryFactory(DjangoModelFactory):
    class Meta:
        model = "knowledgebase.Category"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Categorie {n}")
    slug = factory.Sequence(lambda n: f"categorie-{n}")
    parent = None
    position = 100


class ArticleFactory(DjangoModelFactory):
    """An article saved through the service (search vector, vocabulary, first version).

    ``status`` (default published) is set directly, as for imported content; test the
    workflow rules with ``knowledgebase.services.change_status``.
    """

    class Meta:
        model = "knowledgebase.Article"

    title = factory.Sequence(lambda n: f"Artikel {n}")
    slug = factory.Sequence(lambda n: f"artikel-{n}")
    summary = "Het korte antwoord voor de huurder."
    body = "Uitleg in **Markdown**."
    keywords = ""
    category = factory.SubFactory(KnowledgeCategoryFactory)
    owner = factory.SubFactory(UserFactory)
    status = "published"
    review_by = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=300))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from knowledgebase import services as kb_services

        article = model_class(*args, **kwargs)
        return kb_services.save_article(article, by=article.owner, note="Aangemaakt in een test.")


class SynonymGroupFactory(DjangoModelFactory):
    class Meta:
        model = "knowledgebase.SynonymGroup"

    terms = "lekkage ~ daklekkage ~ waterschade"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from knowledgebase import services as kb_services

        return kb_services.save_synonym_group(model_class(*args, **kwargs))
