"""``persons/<id>/contact-moments/``: a person's contact moments (``GET``, scope
``persons:read``) and registering a new one with its follow-up (``POST``, scope
``contacts:write``, idempotent)."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from access import policy as access
from contacts.models import ContactMoment, Task

from .. import idempotency, services
from .. import problems as p
from .. import serializers as s
from ..permissions import client_of
from ..scopes import Scope
from .base import ApiListView, What, id_path, log_access, valid_body, valid_query
from .persons import visible_person


def contact_moments_of(person, filters: dict):
    contacts_qs = ContactMoment.objects.filter(person=person).select_related(
        "channel", "subject", "defect", "team", "forwarded_to"
    )
    if filters.get("channel"):
        contacts_qs = contacts_qs.filter(channel__code=filters["channel"].upper())
    if filters.get("subject"):
        contacts_qs = contacts_qs.filter(subject__code=filters["subject"])
    if filters.get("since"):
        contacts_qs = contacts_qs.filter(occurred_at__date__gte=filters["since"])
    if filters.get("until"):
        contacts_qs = contacts_qs.filter(occurred_at__date__lte=filters["until"])
    return contacts_qs.prefetch_related(
        Prefetch("tasks", queryset=Task.objects.only("pk", "contact_moment_id").order_by("pk"))
    ).order_by("-occurred_at", "-pk")


class PersonContactMomentsView(ApiListView):
    @property
    def scope(self):
        return Scope.CONTACTS_WRITE if self.request.method == "POST" else Scope.PERSONS_READ

    @extend_schema(
        operation_id="persons_contact_moments_list",
        tags=["contact moments"],
        summary="A person's contact moments, newest first (scope persons:read)",
        parameters=[id_path("id", "The person's id."), s.ContactMomentQuerySerializer],
        responses={
            200: s.ContactMomentSerializer(many=True),
            **p.errors(p.VALIDATION, p.NOT_FOUND),
        },
    )
    def get(self, request, id):
        filters = valid_query(s.ContactMomentQuerySerializer, request)
        person = visible_person(request, id)
        page = self.paginate_queryset(contact_moments_of(person, filters))
        log_access(
            request, person_id=person.pk, what=What.CONTACT_MOMENT, grant=access.grant_of(person)
        )
        return self.get_paginated_response(s.ContactMomentSerializer(page, many=True).data)

    @extend_schema(
        operation_id="persons_contact_moments_create",
        tags=["contact moments"],
        summary="Register a contact moment, with its follow-up (scope contacts:write)",
        parameters=[id_path("id", "The person's id."), idempotency.PARAMETER],
        request=s.ContactMomentCreateSerializer,
        responses={
            201: s.ContactMomentSerializer,
            **p.errors(p.VALIDATION, p.UNPROCESSABLE, p.NOT_FOUND, p.CONFLICT, p.UNSUPPORTED),
        },
    )
    def post(self, request, id):
        person = visible_person(request, id)
        grant = access.grant_of(person)

        def create():
            data = valid_body(s.ContactMomentCreateSerializer, request)
            contact = services.register_contact(client_of(request), person, data)
            log_access(
                request,
                person_id=person.pk,
                what=What.CONTACT_MOMENT,
                grant=grant,
                object_id=contact.pk,
            )
            contact = contact_moments_of(person, {}).get(pk=contact.pk)
            return Response(s.ContactMomentSerializer(contact).data, status=status.HTTP_201_CREATED)

        return idempotency.run(request, create)
