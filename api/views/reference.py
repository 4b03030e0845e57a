"""``reference/code-lists/`` (scope ``reference:read``): the VERA code lists in use and the
codes of one list that may be used today."""

from django.db.models import Count
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from referencedata.models import CodeList, ReferenceCode

from .. import problems as p
from .. import serializers as s
from ..scopes import Scope
from .base import ApiListView, ApiView


class CodeListsView(ApiView):
    scope = Scope.REFERENCE_READ

    @extend_schema(
        operation_id="reference_code_lists",
        tags=["reference data"],
        summary="The VERA code lists in use (scope reference:read)",
        responses={200: s.CodeListSerializer(many=True), **p.errors()},
    )
    def get(self, request):
        counts = dict(
            ReferenceCode.objects.usable()
            .values_list("code_list")
            .annotate(n=Count("pk"))
            .order_by()
        )
        return Response(
            [
                {"soort": value, "naam": str(label), "aantal": counts.get(value, 0)}
                for value, label in CodeList.choices
            ]
        )


class CodeListView(ApiListView):
    scope = Scope.REFERENCE_READ

    @extend_schema(
        operation_id="reference_codes_list",
        tags=["reference data"],
        summary="The codes of one VERA list that may be used today (scope reference:read)",
        parameters=[
            OpenApiParameter(
                "soort",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=CodeList.values,
                description="VERA 'Soort', e.g. COMMUNICATIEKANAAL.",
            )
        ],
        responses={200: s.ReferenceCodeSerializer(many=True), **p.errors(p.NOT_FOUND)},
    )
    def get(self, request, soort):
        if soort not in CodeList.values:
            raise NotFound(_("Unknown code list."))
        codes = (
            ReferenceCode.objects.usable()
            .filter(code_list=soort)
            .select_related("parent")
            .order_by("code", "pk")
        )
        page = self.paginate_queryset(codes)
        return self.get_paginated_response(s.ReferenceCodeSerializer(page, many=True).data)
