"""``tasks/`` and ``tasks/<id>/`` (scope ``tasks:write``): the open tasks of the client's
teams, a follow-up on an existing contact moment, taking and closing a task."""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from access import policy as access
from contacts import selectors as contacts
from contacts.models import ContactMoment, Task

from .. import idempotency, services
from .. import problems as p
from .. import serializers as s
from ..permissions import client_of
from ..scopes import Scope
from .base import ApiListView, ApiView, Grant, What, id_path, log_rows, valid_body, valid_query


def actionable_task(request, pk: int) -> Task:
    if pk > s.MAX_ID:
        raise NotFound
    task = get_object_or_404(
        Task.objects.select_related("kind", "assigned_team", "contact_moment__person"), pk=pk
    )
    if not access.can_act_on_task(request.user, task):
        raise NotFound(_("No such task, or not one of this client's tasks."))
    return task


def task_row(request, task) -> tuple:
    """The access-log row of a task the client sees (the grant from ``access.task_grant``)."""
    return (
        task.contact_moment.person_id,
        What.TASK,
        access.task_grant(request.user, task),
        task.pk,
    )


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
                (
                    task.contact_moment.person_id,
                    What.TASK,
                    access.task_grant(request.user, task),
                    task.pk,
                )
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
            [
                (
                    task.contact_moment.person_id,
                    What.TASK,
                    access.task_grant(request.user, task),
                    task.pk,
                )
            ],
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
            [
                (
                    task.contact_moment.person_id,
                    What.TASK,
                    access.task_grant(request.user, task),
                    task.pk,
                )
            ],
        )
        return Response(s.TaskSerializer(task).data)
