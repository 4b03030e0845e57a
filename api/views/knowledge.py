"""``GET knowledge/articles/`` (scope ``kb:read``): search the published knowledge-base
articles."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from knowledgebase.models import Article
from knowledgebase.search import search_articles

from .. import problems as p
from .. import serializers as s
from ..scopes import Scope
from .base import ApiView, valid_query


class ArticleSearchView(ApiView):
    scope = Scope.KB_READ

    @extend_schema(
        operation_id="knowledge_articles_search",
        tags=["knowledge base"],
        summary="Search the published knowledge-base articles (scope kb:read)",
        parameters=[s.ArticleQuerySerializer],
        responses={200: s.ArticleSearchSerializer, **p.errors(p.VALIDATION)},
    )
    def get(self, request):
        query = valid_query(s.ArticleQuerySerializer, request)
        result = search_articles(
            query["q"],
            channel=query.get("channel"),
            statuses=(Article.Status.PUBLISHED,),
            limit=query["limit"],
        )
        return Response(
            {
                "query": result.query,
                "corrected_query": result.corrected_query,
                "results": s.ArticleSerializer(result.articles, many=True).data,
            }
        )
