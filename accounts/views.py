from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from . import roles, services


def team_overview(request):
    """Team leader: the teams they lead and who works in them."""
    if not roles.has_role(request.user, roles.TEAM_LEADER):
        raise PermissionDenied
    teams = [(team, services.members_of(team)) for team in services.teams_led_by(request.user)]
    return render(request, "accounts/team_overview.html", {"teams": teams})
