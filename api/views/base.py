"""What every API view shares: the base classes (a scope per view, no OPTIONS), the checked
query and body, the path id parameter and the access-log rows for what a response showed."""

from drf_spectacular.utils import OpenApiParameter
from rest_framework import generics
from rest_framework.views import APIView

from audit import services as audit
from audit.models import AccessLogEntry
from audit.services import client_address

from .. import serializers as s
from ..permissions import client_of, scope_required

What = AccessLogEntry.What
Grant = AccessLogEntry.Grant

ID_PARAMETER = {"type": "integer", "minimum": 1, "maximum": s.MAX_ID}


def id_path(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, ID_PARAMETER, OpenApiParameter.PATH, description=description)


def valid_query(serializer_class, request) -> dict:
    # A plain dict, not the QueryDict: DRF would take "?until=" as "not given".
    serializer = serializer_class(data=request.query_params.dict())
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def valid_body(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def accountable_note(request) -> str:
    """The access-log reason of an API read: the client and the person accountable for it.

    The actor of the row is the client's service account; this names the person behind it
    (``ApiClient.accountable``) as it was at the time of the read.
    """
    client = client_of(request)
    if client is None:
        return ""
    person = client.accountable
    who = "-"
    if person is not None:
        who = f"{person.get_full_name() or person.get_username()} ({person.get_username()})"
    return f"API-client {client.slug}; verantwoordelijke: {who}"[:300]


def log_access(request, **kwargs) -> None:
    """``audit.services.log_access`` with the accountable person as the reason."""
    audit.log_access(request, reason=accountable_note(request), **kwargs)


def log_rows(request, rows) -> None:
    """Access-log rows for what one response showed: [(person_id, what, grant, object_id)]."""
    rows = [row for row in rows if row[0] is not None]
    if not rows:
        return
    reason = accountable_note(request)
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            actor=request.user,
            person_id=person_id,
            what=what,
            grant=grant,
            object_id=object_id,
            reason=reason,
            remote_addr=client_address(request),
        )
        for person_id, what, grant, object_id in rows
    )


class ApiView(APIView):
    scope = ""
    metadata_class = None  # OPTIONS is not part of the API: 405

    def get_permissions(self):
        return [scope_required(self.scope)()]


class ApiListView(generics.GenericAPIView):
    scope = ""
    metadata_class = None

    def get_permissions(self):
        return [scope_required(self.scope)()]
