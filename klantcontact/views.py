"""The project's own views: the start page and the health check."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from access.policy import public_view, scoped_view
from accounts import roles, services

from .health import health_report


@public_view
@never_cache
@require_GET
def healthz(request):
    healthy, report = health_report()
    return JsonResponse(report, status=200 if healthy else 503)


@scoped_view
def home(request):
    user = request.user
    context = {
        "teams": services.teams_of(user),
        "is_team_leader": roles.has_role(user, roles.TEAM_LEADER),
        "is_privacy_officer": roles.has_role(user, roles.PRIVACY_OFFICER),
        "is_functional_administrator": roles.has_role(user, roles.FUNCTIONAL_ADMINISTRATOR),
    }
    return render(request, "home.html", context)
