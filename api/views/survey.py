"""``GET survey-export/`` (scope ``survey:export``): e-mail addresses for the satisfaction
survey, under a processor agreement in force; the rules are the rights app's."""

from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from audit.services import client_address
from rights.services import SurveyExportRefused, survey_export

from .. import problems as p
from .. import serializers as s
from ..scopes import Scope
from .base import ApiView, valid_query


class SurveyExportView(ApiView):
    scope = Scope.SURVEY_EXPORT

    @extend_schema(
        operation_id="survey_export",
        tags=["survey bureau"],
        summary="E-mail addresses for the satisfaction survey (scope survey:export)",
        description=(
            "Only under a processor agreement in force that covers the survey purpose; "
            "persons who objected or whose processing is restricted are left out by the "
            "rights app. Each exported person is in the access log."
        ),
        parameters=[s.SurveyQuerySerializer],
        responses={200: s.SurveyExportSerializer, **p.errors(p.VALIDATION)},
    )
    def get(self, request):
        query = valid_query(s.SurveyQuerySerializer, request)
        try:
            export = survey_export(
                actor=request.user,
                subject_code=query.get("subject"),
                since=query.get("since"),
                remote_addr=client_address(request),
            )
        except SurveyExportRefused as exc:
            raise PermissionDenied(str(exc), code="survey-export-refused") from exc
        agreement = export.agreement
        return Response(
            {
                "agreement": {
                    "reference": getattr(agreement, "reference", ""),
                    "party": str(getattr(getattr(agreement, "party", None), "name", "")),
                },
                "count": len(export.rows),
                "rows": s.SurveyRowSerializer(export.rows, many=True).data,
            }
        )
