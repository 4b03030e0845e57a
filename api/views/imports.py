"""``POST imports/{kind}/`` (scope ``erp:import``): a batch of persons, units or tenancies from
the ERP, imported as the ``import_erp`` command imports a file (``erpimport.services.
import_rows``: upsert by the ERP's keys, bad rows refused with their number and a Dutch reason
while the good rows go in, optional dry run and full sync). The answer is the run's report.

A batch holds at most ``MAX_BATCH`` rows; larger exports go in several batches (or as a file
through the command). 200 with the report, also when rows were refused (the report says which);
409 while another import of the kind runs or when a full sync would end too many tenancies.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from erpimport import formats, services
from erpimport.models import ImportRun

from .. import problems as p
from .. import serializers as s
from ..scopes import Scope
from .base import ApiView, valid_body

MAX_BATCH = 10_000


class ImportBatchSerializer(serializers.Serializer):
    rows = serializers.ListField(
        child=serializers.DictField(),
        min_length=1,
        max_length=MAX_BATCH,
        help_text="The rows, each an object with the fields of the kind (docs/import.md).",
    )
    dry_run = s.StrictBooleanField(default=False, help_text="Check and count, store nothing.")
    full_sync = s.StrictBooleanField(
        default=False,
        help_text="Tenancies only: the batch holds every tenancy; end the open ones it lacks.",
    )


class RefusalSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="Position of the row in the batch, from 1.")
    reason = serializers.CharField(help_text="Why the row was refused (Dutch).")


class ImportReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    dry_run = s.StrictBooleanField()
    full_sync = s.StrictBooleanField()
    status = serializers.CharField()
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    ended = serializers.IntegerField()
    refused = serializers.IntegerField()
    refusals = RefusalSerializer(many=True)


class ImportBatchView(ApiView):
    scope = Scope.ERP_IMPORT

    @extend_schema(
        operation_id="imports_create",
        tags=["imports"],
        summary="Import a batch of persons, units or tenancies from the ERP (scope erp:import)",
        parameters=[
            OpenApiParameter(
                "kind",
                str,
                OpenApiParameter.PATH,
                enum=ImportRun.Kind.values,
                description="What the rows describe.",
            )
        ],
        request=ImportBatchSerializer,
        responses={
            200: ImportReportSerializer,
            **p.errors(p.VALIDATION, p.NOT_FOUND, p.UNPROCESSABLE, p.CONFLICT),
        },
    )
    def post(self, request, kind):
        body = valid_body(ImportBatchSerializer, request)
        if body["full_sync"] and kind != ImportRun.Kind.TENANCIES:
            raise p.UnprocessableEntity({"full_sync": [_("A full sync is for tenancies only.")]})
        try:
            run = services.import_rows(
                kind,
                formats.rows_of_objects(kind, body["rows"]),
                user=request.user,
                source=ImportRun.Source.API,
                dry_run=body["dry_run"],
                full_sync=body["full_sync"],
            )
        except services.ImportRefused as exc:
            raise p.Conflict(str(exc)) from exc
        return Response(ImportReportSerializer(run).data)
