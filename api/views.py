"""The API's views: thin, every rule in ``api.services`` / ``contacts.services``.

Who sees what (see ``api.scopes`` and docs/api.md): a client acts as its service account, so
``access.policy.persons_visible_to`` decides which persons it may read or write (its teams and
its involvement), exactly as for an employee; caller lookup and portal intake act for the
client's purpose instead and answer with the least data. A person or task the client may not
see answers 404, never 403, so existence is not revealed. Every call that returns or touches
personal data writes access-log rows with the client's service account as the actor.
"""

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from access import policy as access
from audit.models import AccessLogEntry
from audit.services import client_address, log_access
from contacts import selectors as contacts
from contacts.models import ContactMoment, Person, Task
from contacts.normalise import normalise_phone
from knowledgebase.models import Article
from knowledgebase.search import search_articles
from referencedata.models import CodeList, ReferenceCode

from . import idempotency, services
from . import problems as p
from . import serializers as s
from .permissions import client_of, scope_required
from .scopes import Scope

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


def log_rows(request, rows) -> None:
    """Access-log rows for what one response showed: [(person_id, what, grant, object_id)]."""
    rows = [row for row in rows if row[0] is not None]
    if not rows:
        return
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            actor=request.user,
            person_id=person_id,
            what=what,
            grant=grant,
            object_id=object_id,
            remote_addr=client_address(request),
        )
        for person_id, what, grant, object_id in rows
    )


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


def actionable_task(request, pk: int) -> Task:
    if pk > s.MAX_ID:
        raise NotFound
    task = get_object_or_404(
        Task.objects.select_related("kind", "assigned_team", "contact_moment__person"), pk=pk
    )
    if not access.can_act_on_task(request.user, task):
        raise NotFound(_("No such task, or not one of this client's tasks."))
    return task


def task_grant(request, task) -> str:
    return Grant.INVOLVEMENT if task.assigned_to_id == request.user.pk else Grant.TEAM


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


# --- Caller lookup ----------------------------------------------------------------------------


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


# --- Persons ----------------------------------------------------------------------------------


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


# --- Tasks ------------------------------------------------------------------------------------


class TaskListView(ApiListView):
    scope = Scope.TASKS_WRITE

    @extend_schema(
        operation_id="tasks_list",
        tags=["tasks"],
        summary="Open tasks of the client's teams, by due date (scope tasks:write)",
        parameters=[s.TaskQuerySerializer],
        responses={200: s.TaskSerializer(many=True), **p.errors(p.VALIDATION, p.NOT_FOUND)},
    )
    def get(self, request):
        filters = valid_query(s.TaskQuerySerializer, request)
        tasks = contacts.tasks_for(request.user)
        if filters.get("status"):
            tasks = tasks.filter(status=filters["status"])
        if filters.get("kind"):
            tasks = tasks.filter(kind__code=filters["kind"])
        if filters.get("person"):
            tasks = tasks.filter(contact_moment__person_id=filters["person"])
        page = self.paginate_queryset(tasks.order_by("due_date", "pk"))
        log_rows(
            request,
            [
                (task.contact_moment.person_id, What.TASK, task_grant(request, task), task.pk)
                for task in page
            ],
        )
        return self.get_paginated_response(s.TaskSerializer(page, many=True).data)

    @extend_schema(
        operation_id="tasks_create",
        tags=["tasks"],
        summary="A follow-up on an existing contact moment (scope tasks:write)",
        parameters=[idempotency.PARAMETER],
        request=s.TaskCreateSerializer,
        responses={
            201: s.TaskSerializer,
            **p.errors(p.VALIDATION, p.UNPROCESSABLE, p.NOT_FOUND, p.CONFLICT, p.UNSUPPORTED),
        },
    )
    def post(self, request):
        def create():
            data = valid_body(s.TaskCreateSerializer, request)
            contact = (
                ContactMoment.objects.select_related("person")
                .filter(pk=data["contact_moment"])
                .filter(
                    Q(person__in=access.persons_visible_to(request.user))
                    | Q(person__isnull=True, team__in=client_of(request).teams.all())
                )
                .first()
            )
            if contact is None:
                raise NotFound(_("No such contact moment, or not visible to this client."))
            task = services.create_task(client_of(request), contact, data)
            log_rows(request, [(contact.person_id, What.TASK, Grant.TEAM, task.pk)])
            task = Task.objects.select_related("kind", "assigned_team", "contact_moment").get(
                pk=task.pk
            )
            return Response(s.TaskSerializer(task).data, status=status.HTTP_201_CREATED)

        return idempotency.run(request, create)


class TaskDetailView(ApiView):
    scope = Scope.TASKS_WRITE

    @extend_schema(
        operation_id="tasks_retrieve",
        tags=["tasks"],
        summary="A task of the client's teams (scope tasks:write)",
        parameters=[id_path("id", "The task's id.")],
        responses={200: s.TaskSerializer, **p.errors(p.NOT_FOUND)},
    )
    def get(self, request, id):
        task = actionable_task(request, id)
        log_rows(
            request,
            [(task.contact_moment.person_id, What.TASK, task_grant(request, task), task.pk)],
        )
        return Response(s.TaskSerializer(task).data)

    @extend_schema(
        operation_id="tasks_status_update",
        tags=["tasks"],
        summary="Take (in_progress) or close (done, with a closing note) a task "
        "(scope tasks:write)",
        parameters=[id_path("id", "The task's id.")],
        request=s.TaskUpdateSerializer,
        responses={
            200: s.TaskSerializer,
            **p.errors(p.VALIDATION, p.UNPROCESSABLE, p.NOT_FOUND, p.CONFLICT, p.UNSUPPORTED),
        },
    )
    def patch(self, request, id):
        task = actionable_task(request, id)
        data = valid_body(s.TaskUpdateSerializer, request)
        if task.status == Task.Status.DONE:
            raise p.Conflict(_("This task is already closed."), code="task-closed")
        note = data.get("closing_note", "")
        if data["status"] == Task.Status.DONE and not note.strip():
            raise p.UnprocessableEntity(
                {"closing_note": [_("Write a closing note: what was done.")]}
            )
        services.update_task_status(client_of(request), task, data["status"], note)
        task = Task.objects.select_related("kind", "assigned_team", "contact_moment").get(pk=id)
        log_rows(
            request,
            [(task.contact_moment.person_id, What.TASK, task_grant(request, task), task.pk)],
        )
        return Response(s.TaskSerializer(task).data)


# --- Knowledge base ---------------------------------------------------------------------------


class ArticleSearchView(ApiView):
    scope = Scope.KB_READ

    @extend_schema(
        operation_id="knowledge_articles_search",
        tags=["knowledge base"],
        summary="Search the published knowledge-base articles (scope kb:read)",
        parameters=[s.ArticleQuerySerializer],
        responses={200: s.ArticleSearchSerializer, **p.errors(p.VALIDATION)},
    )
    def get(self, request):
        query = valid_query(s.ArticleQuerySerializer, request)
        result = search_articles(
            query["q"],
            channel=query.get("channel"),
            statuses=(Article.Status.PUBLISHED,),
            limit=query["limit"],
        )
        return Response(
            {
                "query": result.query,
                "corrected_query": result.corrected_query,
                "results": s.ArticleSerializer(result.articles, many=True).data,
            }
        )


# --- Reference data ---------------------------------------------------------------------------


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


# --- Portal intake ----------------------------------------------------------------------------


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


# --- Survey export ----------------------------------------------------------------------------


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
            from rights.services import SurveyExportRefused, survey_export
        except ImportError as exc:
            raise PermissionDenied(
                _("The survey export is not available."), code="survey-export-unavailable"
            ) from exc
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


# --- Unknown API paths ------------------------------------------------------------------------


class NotFoundView(APIView):
    """Every other path under /api/v1/: 401 without a token, else a problem+json 404."""

    schema = None  # not an endpoint

    def _not_found(self, request, *args, **kwargs):
        raise NotFound(_("No such API endpoint."))

    get = post = put = patch = delete = _not_found
