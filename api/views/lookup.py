"""``GET caller-lookup/`` (scope ``lookup``): which persons have this phone number, for the
telephony system; ids and card URLs only."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from contacts import selectors as contacts
from contacts.models import Person
from contacts.normalise import normalise_phone

from .. import problems as p
from .. import serializers as s
from ..scopes import Scope
from .base import ApiView, Grant, What, log_rows, valid_query


class CallerLookupView(ApiView):
    scope = Scope.LOOKUP

    @extend_schema(
        operation_id="caller_lookup",
        tags=["telephony"],
        summary="Caller lookup by phone number (scope lookup)",
        description=(
            "Matches every person with this number (normalised as in the search on the pages: "
            "06-12345678, +31 6 1234 5678, 0031...). Returns only ids and card URLs; the "
            "employee opening the card passes the pages' access policy."
        ),
        parameters=[s.LookupQuerySerializer],
        responses={200: s.LookupSerializer, **p.errors(p.VALIDATION, p.UNPROCESSABLE)},
    )
    def get(self, request):
        query = valid_query(s.LookupQuerySerializer, request)
        try:
            number = normalise_phone(query["phone"])
        except ValidationError as exc:
            raise p.UnprocessableEntity({"phone": exc.messages}) from exc
        person_ids = list(
            Person.objects.filter(phone_numbers__number=number)
            .order_by("pk")
            .values_list("pk", flat=True)
            .distinct()[: contacts.SEARCH_LIMIT]
        )
        log_rows(request, [(pk, What.CALLER_LOOKUP, Grant.API_CLIENT, None) for pk in person_ids])
        return Response(
            {
                "phone": number,
                "matches": [{"id": pk, "card_url": s.card_url(request, pk)} for pk in person_ids],
            }
        )
