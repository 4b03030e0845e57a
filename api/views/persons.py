"""``GET persons/`` and ``GET persons/<id>/`` (scope ``persons:read``): search and read the
persons in the client's scope; a person the client may not see answers 404."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from access import policy as access
from contacts import selectors as contacts
from contacts.models import Person

from .. import problems as p
from .. import serializers as s
from ..scopes import Scope
from .base import ApiListView, ApiView, What, id_path, log_access, log_rows, valid_query


def visible_person(request, pk: int) -> Person:
    """The person, if the client may see them (else 404), annotated with the grant."""
    if pk > s.MAX_ID:
        raise NotFound
    person = (
        access.persons_visible_to(request.user)
        .filter(pk=pk)
        .prefetch_related("phone_numbers", "email_addresses")
    )
    person = contacts.with_card_summary(person).first()
    if person is None:
        raise NotFound(_("No such person, or not visible to this client."))
    return person


class PersonSearchView(ApiListView):
    scope = Scope.PERSONS_READ

    @extend_schema(
        operation_id="persons_search",
        tags=["persons"],
        summary="Search persons in the client's scope (scope persons:read)",
        parameters=[s.PersonSearchQuerySerializer],
        responses={
            200: s.PersonSerializer(many=True),
            **p.errors(p.VALIDATION, p.UNPROCESSABLE, p.NOT_FOUND),
        },
    )
    def get(self, request):
        query = contacts.parse_query(valid_query(s.PersonSearchQuerySerializer, request)["q"])
        if query.kind == "invalid":
            raise p.UnprocessableEntity({"q": [query.error]})
        condition = contacts.search_filter(query)
        if condition is None:
            raise p.UnprocessableEntity({"q": [_("Type at least two characters.")]})
        persons = (
            access.persons_visible_to(request.user).filter(condition).order_by("search_name", "pk")
        )
        page = self.paginate_queryset(contacts.with_card_summary(persons))
        log_rows(
            request,
            [(person.pk, What.SEARCH_RESULT, access.grant_of(person), None) for person in page],
        )
        data = s.PersonSerializer(page, many=True, context={"request": request}).data
        return self.get_paginated_response(data)


class PersonDetailView(ApiView):
    scope = Scope.PERSONS_READ

    @extend_schema(
        operation_id="persons_retrieve",
        tags=["persons"],
        summary="A person in the client's scope (scope persons:read)",
        parameters=[id_path("id", "The person's id.")],
        responses={200: s.PersonDetailSerializer, **p.errors(p.NOT_FOUND)},
    )
    def get(self, request, id):
        person = visible_person(request, id)
        log_access(
            request,
            person_id=person.pk,
            what=What.CARD,
            grant=access.grant_of(person),
            object_id=person.pk,
        )
        return Response(s.PersonDetailSerializer(person, context={"request": request}).data)
