"""``POST disclosures/`` (scope ``disclosures:write``): a system that shares tenants' data
automatically records the disclosure in the disclosure log, through the same rules as the form
on the card and the periodic run (``disclosures.services.record_disclosure``).

The client names the persons by relation number (any person the tenant administration knows,
former tenants too: a link shares what it shares, the log must say so); the answer names
nothing but the disclosure and its counts. Unknown relation numbers, agreements, recipients or
categories and every broken rule (an agreement not in force or not naming a category, an
objection, a restriction, a missing article) answer 422 with the messages per field, and
nothing is written. Each person is in the access log (``export``, grant ``api_client``).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from audit.models import AccessLogEntry
from audit.services import client_address
from contacts.models import Person
from disclosures import services as disclosures
from disclosures.models import Disclosure
from processingregister.models import Agreement, Party, PersonalDataCategory

from .. import disclosure_serializers as ds
from .. import idempotency
from .. import problems as p
from ..permissions import client_of
from ..scopes import Scope
from .base import ApiView, valid_body

# The rules allow a few minutes of clock difference between the systems.
FUTURE_MARGIN = datetime.timedelta(minutes=5)


def disclosure_input(data: dict) -> disclosures.DisclosureInput:
    """The disclosure log's input from an API body: references looked up, unknown ones refused
    (ValidationError {field: [Dutch messages]})."""
    errors: dict[str, list[str]] = {}

    def add(name, message):
        errors.setdefault(name, []).append(message)

    numbers = sorted({number.upper() for number in data["relation_numbers"]})
    persons = list(Person.objects.filter(relation_number__in=numbers).order_by("pk"))
    unknown = sorted(set(numbers) - {person.relation_number for person in persons})
    if unknown:
        add(
            "relation_numbers",
            _("No person with this relation number: %(numbers)s.")
            % {"numbers": ", ".join(unknown)},
        )
    agreement = None
    if data.get("agreement"):
        agreement = (
            Agreement.objects.filter(reference=data["agreement"])
            .select_related("party")
            .prefetch_related("data_categories")
            .first()
        )
        if agreement is None:
            add("agreement", _("No agreement with this reference in the processing register."))
    recipient = None
    if data.get("recipient"):
        recipient = Party.objects.filter(name=data["recipient"]).first()
        if recipient is None:
            add("recipient", _("No party with this name in the processing register."))
    if agreement is not None and recipient is not None and recipient != agreement.party:
        add("recipient", _("The recipient is the party of the agreement."))
    if not data.get("agreement") and not data.get("recipient"):
        add("agreement", _("Give the reference of the agreement, or the name of the recipient."))
    codes = sorted(set(data["categories"]))
    categories = list(PersonalDataCategory.objects.filter(code__in=codes).order_by("code"))
    unknown = sorted(set(codes) - {category.code for category in categories})
    if unknown:
        add(
            "categories",
            _("Unknown category of the processing register: %(codes)s.")
            % {"codes": ", ".join(unknown)},
        )
    disclosed_at = data.get("disclosed_at")
    if disclosed_at is not None and disclosed_at > timezone.now() + FUTURE_MARGIN:
        add("disclosed_at", _("A disclosure cannot be in the future."))
    if errors:
        raise ValidationError(errors)
    return disclosures.DisclosureInput(
        persons=persons,
        recipient=agreement.party if agreement is not None else recipient,
        agreement=agreement,
        basis=data["basis"],
        basis_reference=data.get("basis_reference", ""),
        channel=data["channel"],
        categories=categories,
        purpose=data["purpose"],
        disclosed_at=disclosed_at or timezone.now(),
    )


# The disclosure log's names for what the API calls otherwise.
FIELD_NAMES = {"persons": "relation_numbers"}


def request_fields(exc: ValidationError) -> dict[str, list[str]]:
    """The rules' messages under the names of the request's fields."""
    if not hasattr(exc, "error_dict"):
        return {"non_field_errors": exc.messages}
    errors: dict[str, list[str]] = {}
    for name, messages in exc.message_dict.items():
        errors.setdefault(FIELD_NAMES.get(name, name), []).extend(messages)
    return errors


def log_persons(request, disclosure, person_ids) -> None:
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            actor=request.user,
            person_id=person_id,
            what=AccessLogEntry.What.EXPORT,
            grant=AccessLogEntry.Grant.API_CLIENT,
            object_id=disclosure.pk,
            reason=f"Verstrekking #{disclosure.pk} aan {disclosure.recipient.name}"[:300],
            remote_addr=client_address(request),
        )
        for person_id in sorted(set(person_ids))
    )


class DisclosureCreateView(ApiView):
    scope = Scope.DISCLOSURES_WRITE

    @extend_schema(
        operation_id="disclosures_create",
        tags=["disclosures"],
        summary="Record a disclosure to a third party (scope disclosures:write)",
        description=(
            "For systems that share tenants' data automatically. The same rules as the form on "
            "the card: a covenant or processor agreement in force with the recipient that names "
            "every category; special or criminal data only under an agreement that names it; "
            "an objection or restriction refuses the sharing unless a legal obligation or court "
            "order requires it (name the article or reference). Refused: 422 with the messages "
            "per field, nothing recorded. Send an Idempotency-Key so that a retry never records "
            "the disclosure twice."
        ),
        parameters=[idempotency.PARAMETER],
        request=ds.DisclosureCreateSerializer,
        responses={
            201: ds.DisclosureResultSerializer,
            **p.errors(p.VALIDATION, p.UNPROCESSABLE, p.CONFLICT, p.UNSUPPORTED),
        },
    )
    def post(self, request):
        def create():
            data = valid_body(ds.DisclosureCreateSerializer, request)
            with transaction.atomic():
                given = disclosure_input(data)
                try:
                    disclosure = disclosures.record_disclosure(
                        client_of(request).service_user, given
                    )
                except ValidationError as exc:
                    raise ValidationError(request_fields(exc)) from exc
                log_persons(request, disclosure, [person.pk for person in given.persons])
            disclosure = (
                Disclosure.objects.select_related("recipient", "agreement")
                .prefetch_related("categories")
                .get(pk=disclosure.pk)
            )
            return Response(
                ds.DisclosureResultSerializer(disclosure).data, status=status.HTTP_201_CREATED
            )

        return idempotency.run(request, create)
