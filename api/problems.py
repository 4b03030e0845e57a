"""Errors as ``application/problem+json`` (RFC 9457): type, title, status, detail and, for
validation errors, ``errors`` with the messages per field.

Status codes: 400 malformed request (wrong types, missing or unknown values the schema
describes), 401 no or bad token, 403 client disabled or scope missing, 404 not found or not
visible to the client, 405 method not allowed, 409 conflict (idempotency key reused with
another body, processing restricted, task already closed), 415 not JSON, 422 well-formed but
refused by a business rule, 429 throttled (with ``Retry-After``), 500 unexpected.
"""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from klantcontact.errors import ApplicationError
from persondata.restriction import ProcessingRestricted

logger = logging.getLogger("api")

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:klantcontact:problem:"


class UnprocessableEntity(exceptions.ValidationError):
    """Well-formed, but refused by a business rule (422)."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "unprocessable"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"

    def __init__(self, detail=None, code=None, title=None):
        super().__init__(detail, code)
        self.title = title


# (type code, Dutch title) per status.
TITLES = {
    400: ("validation", "Ongeldige aanvraag"),
    401: ("unauthorized", "Niet geauthenticeerd"),
    403: ("forbidden", "Geen toegang"),
    404: ("not-found", "Niet gevonden"),
    405: ("method-not-allowed", "Methode niet toegestaan"),
    406: ("not-acceptable", "Antwoordformaat niet beschikbaar"),
    409: ("conflict", "Conflict"),
    415: ("unsupported-media-type", "Formaat niet ondersteund"),
    422: ("unprocessable", "Aanvraag afgewezen"),
    429: ("throttled", "Te veel aanvragen"),
    500: ("server-error", "Interne fout"),
}


def field_errors(detail, prefix="") -> dict[str, list[str]]:
    """DRF's nested error detail as {"field" or "parent.child": [messages]}."""
    errors: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            for sub_key, messages in field_errors(value, name).items():
                errors.setdefault(sub_key, []).extend(messages)
    elif isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            errors[prefix or "non_field_errors"] = [str(item) for item in detail]
        else:
            for index, item in enumerate(detail):
                name = f"{prefix}.{index}" if prefix else str(index)
                for sub_key, messages in field_errors(item, name).items():
                    errors.setdefault(sub_key, []).extend(messages)
    else:
        errors[prefix or "non_field_errors"] = [str(detail)]
    return errors


def problem(status_code: int, detail: str, *, code=None, title=None, errors=None, headers=None):
    type_code, default_title = TITLES.get(status_code, ("error", "Fout"))
    body = {
        "type": f"{TYPE_PREFIX}{code or type_code}",
        "title": title or default_title,
        "status": status_code,
        "detail": str(detail),
    }
    if errors is not None:
        body["errors"] = errors
    return Response(body, status=status_code, headers=headers, content_type=PROBLEM_CONTENT_TYPE)


def exception_handler(exc, context):
    if isinstance(exc, ProcessingRestricted):
        set_rollback()
        return problem(
            409,
            str(exc) or _("Processing of this person's data is restricted."),
            code="processing-restricted",
            title="Verwerking beperkt",
        )
    if isinstance(exc, ApplicationError):
        # Every refusal by a rule the same way: its status, its code, its (Dutch) message.
        set_rollback()
        return problem(exc.status, str(exc) or _("This request was refused."), code=exc.code)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        exc = UnprocessableEntity(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        logger.exception("Unexpected error in an API call", exc_info=exc)
        set_rollback()
        return problem(500, _("Something went wrong on our side; try again later."))
    headers = {
        name: response[name]
        for name in ("WWW-Authenticate", "Retry-After", "Allow")
        if name in response
    }
    if isinstance(exc, exceptions.ParseError):
        return problem(
            400,
            _("The request has errors; see 'errors'."),
            errors={"body": [str(exc.detail)]},
            headers=headers,
        )
    if isinstance(exc, exceptions.ValidationError):
        return problem(
            response.status_code,
            _("The request has errors; see 'errors'."),
            errors=field_errors(exc.detail),
            headers=headers,
        )
    detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
    if isinstance(detail, list | dict):
        detail = " ".join(sum(field_errors(detail).values(), []))
    code = None
    if isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        if isinstance(codes, str) and codes not in {
            "not_authenticated",
            "authentication_failed",
            "permission_denied",
            "not_found",
            "method_not_allowed",
            "throttled",
            "error",
            "conflict",
        }:
            code = codes.replace("_", "-")
    return problem(
        response.status_code,
        detail,
        code=code,
        title=getattr(exc, "title", None),
        headers=headers,
    )


# --- Schema ---------------------------------------------------------------------------------


class ProblemSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="urn:klantcontact:problem:<code>")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()


class ValidationProblemSerializer(ProblemSerializer):
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages per field ('parent.child' for nested fields).",
    )


def _problem(status_code, description, serializer=ProblemSerializer):
    return {
        (status_code, PROBLEM_CONTENT_TYPE): OpenApiResponse(
            response=serializer, description=description
        )
    }


COMMON_ERRORS = {
    **_problem(401, "No, an invalid, a revoked, an expired or an inactive token."),
    **_problem(403, "Client disabled (agreement gate) or scope missing."),
    **_problem(429, "Too many calls; see Retry-After."),
    **_problem(500, "Unexpected error."),
}
VALIDATION = _problem(400, "Malformed request.", ValidationProblemSerializer)
UNPROCESSABLE = _problem(422, "Refused by a business rule.", ValidationProblemSerializer)
NOT_FOUND = _problem(404, "Not found, or not visible to this client.")
CONFLICT = _problem(409, "Conflict (idempotency key, restriction, state).")
UNSUPPORTED = _problem(415, "The body must be JSON.")


def errors(*groups) -> dict:
    merged = dict(COMMON_ERRORS)
    for group in groups:
        merged.update(group)
    return merged
