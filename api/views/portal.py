"""``POST portal/intake/`` (scope ``portal:intake``): what a tenant reported in the portal,
registered as a contact moment with a task in one transaction (idempotent)."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from .. import idempotency, services
from .. import problems as p
from .. import serializers as s
from ..permissions import client_of
from ..scopes import Scope
from .base import ApiView, Grant, What, log_access, valid_body


class PortalIntakeView(ApiView):
    scope = Scope.PORTAL_INTAKE

    @extend_schema(
        operation_id="portal_intake",
        tags=["tenant portal"],
        summary="Register what a tenant reported in the portal (scope portal:intake)",
        description=(
            "Creates, in one transaction, a contact moment on channel INT for the tenant the "
            "portal authenticated and a task or repair request for the team of their home. "
            "Send an Idempotency-Key so that a retry never creates a second contact."
        ),
        parameters=[idempotency.PARAMETER],
        request=s.IntakeSerializer,
        responses={
            201: s.IntakeResultSerializer,
            **p.errors(p.VALIDATION, p.UNPROCESSABLE, p.CONFLICT, p.UNSUPPORTED),
        },
    )
    def post(self, request):
        def create():
            data = valid_body(s.IntakeSerializer, request)
            contact, task = services.portal_intake(client_of(request), data)
            log_access(
                request,
                person_id=contact.person_id,
                what=What.CONTACT_MOMENT,
                grant=Grant.API_CLIENT,
                object_id=contact.pk,
            )
            return Response(
                {
                    "contact_moment": contact.pk,
                    "task": task.pk,
                    "kind": task.kind.code,
                    "status": task.status,
                    "due_date": task.due_date,
                    "channel": contact.channel.code,
                },
                status=status.HTTP_201_CREATED,
            )

        return idempotency.run(request, create)
