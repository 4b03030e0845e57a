"""Access-control views: break-the-glass, the review queue, access logs and notifications."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import roles
from accounts.models import User
from audit.models import AccessLogEntry
from audit.services import log_access
from klantcontact.redirects import safe_next

from . import policy, services, subjects
from .forms import BreakGlassForm, DecideAlertForm
from .models import AccessAlert, Notification
from .policy import role_view, scoped_view


def break_glass_refusal(request, person, form=None, status=403):
    """Shown instead of a file outside the employee's scope: refuse, or open it with a reason."""
    next_url = (
        request.get_full_path()
        if request.method == "GET"
        else reverse("contacts:card", args=[person.pk])
    )
    may = policy.may_break_glass(request.user)
    return render(
        request,
        "access/break_glass.html",
        {
            "person_id": person.pk,
            "form": (form or BreakGlassForm()) if may else None,
            "refusal": None if may else services.break_glass_refusal(),
            "next": next_url,
        },
        status=403 if not may else status,
    )


@scoped_view
@require_POST
def break_glass(request, pk):
    person = get_object_or_404(subjects.get().person, pk=pk)
    if not policy.may_break_glass(request.user):
        return break_glass_refusal(request, person)
    form = BreakGlassForm(request.POST)
    if form.is_valid():
        try:
            grant = services.break_the_glass(request.user, person, **form.cleaned_data)
        except policy.AccessRefused as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.warning(
                request,
                _("You have access to this file for %(hours)s hours. Told: %(told)s.")
                % {
                    "hours": request_hours(),
                    "told": ", ".join(
                        user.get_full_name() or user.get_username()
                        for user in grant.alert.notified.all()
                    ),
                },
            )
            return HttpResponseRedirect(
                safe_next(
                    request,
                    reverse("contacts:card", args=[person.pk]),
                    candidate=request.POST.get("next", ""),
                )
            )
    return break_glass_refusal(request, person, form=form, status=400)


def request_hours():
    return settings.BREAK_GLASS_HOURS


@role_view(roles.PRIVACY_OFFICER)
@require_GET
def review_queue(request):
    pending = (
        AccessAlert.objects.filter(outcome=AccessAlert.Outcome.PENDING)
        .select_related("employee", "grant")
        .prefetch_related("notified")
    )
    decided = (
        AccessAlert.objects.exclude(outcome=AccessAlert.Outcome.PENDING)
        .select_related("employee", "decided_by", "grant")
        .prefetch_related("notified")[:50]
    )
    return render(
        request,
        "access/review_queue.html",
        {"pending": pending, "decided": decided, "form": DecideAlertForm()},
    )


@role_view(roles.PRIVACY_OFFICER)
@require_POST
def decide(request, pk):
    alert = get_object_or_404(AccessAlert, pk=pk)
    form = DecideAlertForm(request.POST)
    if form.is_valid():
        try:
            services.decide_alert(request.user, alert, **form.cleaned_data)
        except policy.AccessRefused as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Outcome recorded."))
    else:
        messages.error(request, _("Choose an outcome and write a note."))
    return redirect("access:review")


@role_view(roles.PRIVACY_OFFICER)
@require_GET
def person_log(request, pk):
    """Who looked at this file (the officer's own look is logged too)."""
    person = get_object_or_404(subjects.get().person, pk=pk)
    log_access(
        request,
        person_id=person.pk,
        what=AccessLogEntry.What.ACCESS_LOG,
        grant=AccessLogEntry.Grant.ROLE,
    )
    entries = services.person_access_log(person.pk)[:500]
    return render(request, "access/person_log.html", {"person": person, "entries": entries})


@role_view(roles.PRIVACY_OFFICER, roles.TEAM_LEADER)
@require_GET
def employee_log(request, pk):
    """What an employee viewed in the last 30 days, and how much outside their involvement."""
    employee = get_object_or_404(User, pk=pk)
    if not roles.has_role(request.user, roles.PRIVACY_OFFICER):
        # A team leader only reviews employees of the teams they lead.
        led = services.leaders_teams(request.user)
        if not User.objects.filter(pk=employee.pk, groups__team_of_members__in=led).exists():
            return render(request, "403.html", status=403)
    since = timezone.localdate() - datetime.timedelta(days=30)
    summary = services.employee_access_summary(employee, since=since)
    grants = services.employee_break_glass(employee)
    return render(
        request,
        "access/employee_log.html",
        {"employee": employee, "summary": summary, "since": since, "grants": grants},
    )


@scoped_view
@require_GET
def notifications(request):
    items = list(Notification.objects.filter(recipient=request.user)[:100])
    services.mark_read(request.user, [n.pk for n in items if n.read_at is None])
    return render(request, "access/notifications.html", {"items": items})
