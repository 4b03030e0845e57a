"""The customer-contact pages: search and caller lookup, the customer card, registering a
contact, a person, a mandate or a signal, the task inbox and a task, the team leader dashboard.
Thin: the rules are in ``contacts.services``, the reads in ``contacts.selectors``."""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from access import policy as access
from access.policy import WRITE_ROLES, person_view, person_write, role_view, scoped_view, task_view
from accounts import roles
from accounts.services import teams_led_by, teams_of
from audit.models import AccessLogEntry
from audit.services import log_access, log_search_results
from dataminimisation.forms import record_override
from klantcontact.forms import add_service_errors, page_number
from klantcontact.redirects import safe_next

from . import charts, exports, hooks, selectors, services
from .forms import (
    CloseTaskForm,
    ContactForm,
    DashboardForm,
    MandateForm,
    PersonForm,
    PersonSearchForm,
    ReassignTaskForm,
    SignalForm,
    SignalReviewForm,
    TimelineFilterForm,
)
from .models import ContactMoment, Signal

What = AccessLogEntry.What


def _person_rows(persons):
    return [(person, selectors.current_tenancy(person)) for person in persons]


def _log_results(request, persons):
    log_search_results(request, [(person.pk, access.grant_of(person)) for person in persons])


@scoped_view
@require_GET
def person_search(request):
    form = PersonSearchForm(request.GET or None)
    query, persons = None, []
    if form.is_valid() and form.cleaned_data["q"]:
        query, persons = selectors.search_persons(request.user, form.cleaned_data["q"])
        _log_results(request, persons)
    return render(
        request,
        "contacts/search.html",
        {"form": form, "query": query, "rows": _person_rows(persons)},
    )


@scoped_view
@require_GET
def caller_lookup(request):
    """Telephony: the phone rings, the caller's card opens (or a choice, or 'new person')."""
    raw = request.GET.get("phone", "")
    number, error, persons = selectors.lookup_caller(request.user, raw)
    if len(persons) == 1:
        return redirect(f"{reverse('contacts:card', args=[persons[0].pk])}?channel=TEL")
    _log_results(request, persons)
    return render(
        request,
        "contacts/lookup.html",
        {"raw": raw, "number": number, "error": error, "rows": _person_rows(persons)},
    )


@scoped_view
@require_GET
def caller_lookup_json(request):
    """The same lookup for a telephony integration: minimal data plus the card's URL."""
    raw = request.GET.get("phone", "")
    number, error, persons = selectors.lookup_caller(request.user, raw)
    if error:
        return JsonResponse({"error": error, "phone": raw}, status=400)
    for person in persons:
        log_access(
            request, person_id=person.pk, what=What.CALLER_LOOKUP, grant=access.grant_of(person)
        )
    return JsonResponse(
        {
            "phone": number,
            "matches": [
                {
                    "id": person.pk,
                    "name": person.full_name,
                    # Art. 18: the integration shows it too, before anyone writes.
                    "processing_restricted": person.processing_restricted,
                    "card_url": request.build_absolute_uri(
                        reverse("contacts:card", args=[person.pk])
                    ),
                }
                for person in persons
            ],
        }
    )


def _log_card_view(request, person, what=What.CARD, object_id=None):
    grant_obj = getattr(request, "break_glass", None)
    log_access(
        request,
        person_id=person.pk,
        what=what,
        grant=request.access_grant,
        object_id=object_id if object_id is not None else person.pk,
        reason=grant_obj.explanation if grant_obj else "",
    )


def _caller_context(request, person):
    caller = request.GET.get("caller", ContactMoment.CallerKind.SELF)
    if caller not in ContactMoment.CallerKind.values:
        caller = ContactMoment.CallerKind.SELF
    mandates = list(selectors.valid_mandates(person))
    mandate = None
    if caller == ContactMoment.CallerKind.REPRESENTATIVE:
        mandate = next((m for m in mandates if str(m.pk) == request.GET.get("mandate")), None)
    return {
        "caller": caller,
        "caller_mandate": mandate,
        "mandates": mandates,
        "may_share": services.caller_may_receive_data(caller, mandate, person),
    }


@person_view
@require_GET
def person_card(request, person):
    _log_card_view(request, person)
    filter_form = TimelineFilterForm(request.GET or None)
    page = page_number(request.GET.get("pagina"))
    timeline = selectors.timeline(person, filter_form.filters(), page)
    person = selectors.load_card_details(person)
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "person": person,
        "tenancy": selectors.current_tenancy(person),
        "tenancies": list(person.tenancies.all()),
        "open_tasks": selectors.card_open_tasks(person),
        "timeline": timeline,
        "filter_form": filter_form,
        "query_string": query.urlencode(),
        "channel": request.GET.get("channel", ""),
        "signals": [
            (signal, access.can_view_signal_content(request.user, signal))
            for signal in selectors.active_signals(person)
        ],
        "break_glass": request.break_glass,
        **_caller_context(request, person),
    }
    return render(request, "contacts/card.html", context)


@role_view(*WRITE_ROLES["person"])
def person_create(request):
    form = PersonForm(request.POST or None, initial={"phone": request.GET.get("phone", "")})
    if request.method == "POST" and form.is_valid():
        person = services.create_person(request.user, **form.cleaned_data)
        messages.success(request, _("Person registered."))
        url = reverse("contacts:register", args=[person.pk])
        channel = request.GET.get("channel")
        return redirect(f"{url}?channel={channel}" if channel else url)
    return render(request, "contacts/person_form.html", {"form": form})


def _initial_contact(request, person, form_class_user):
    initial = {}
    channel = request.GET.get("channel", "")
    # Only something shaped like a VERA code reaches the database (a NUL byte was a 500 there).
    if re.fullmatch(r"[A-Za-z0-9_-]{1,20}", channel):
        code = form_class_user.fields["channel"].queryset.filter(code=channel).first()
        if code is not None:
            initial["channel"] = code.pk
    caller = request.GET.get("caller")
    if caller in ContactMoment.CallerKind.values:
        initial["caller_kind"] = caller
    if request.GET.get("mandate", "").isdigit():
        initial["mandate"] = int(request.GET["mandate"])
    teams = list(teams_of(request.user)[:1])
    if teams:
        initial["team"] = teams[0].pk
    return initial


@person_write("contact")
def contact_register(request, person):
    """Register a contact for a person: keyboard-first, one submit."""
    return _contact_register(request, person)


@role_view(*WRITE_ROLES["contact"])
def contact_register_anonymous(request):
    """Register a contact without a person (an anonymous caller)."""
    return _contact_register(request, None)


def _contact_register(request, person):
    form = ContactForm(request.POST or None, person=person, user=request.user)
    if request.method == "GET":
        form.initial.update(_initial_contact(request, person, form))
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                contact = services.register_contact(request.user, form.contact_input)
                record_override(form, contact, request.user)
                hooks.contact_registered.send(
                    sender=ContactForm, contact=contact, user=request.user, data=request.POST
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Contact registered."))
            if person is not None:
                return redirect("contacts:card", pk=person.pk)
            return redirect(f"{reverse('contacts:register_anonymous')}?registered={contact.pk}")
    return render(request, "contacts/contact_form.html", {"form": form, "person": person})


@person_write("mandate")
def mandate_register(request, person):
    """Record that a representative may act for this person (after checking the document)."""
    form = MandateForm(request.POST or None, represented=person, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.register_mandate(request.user, person, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Mandate recorded."))
            return redirect("contacts:card", pk=person.pk)
    return render(request, "contacts/mandate_form.html", {"form": form, "person": person})


@scoped_view
@require_GET
def task_inbox(request):
    mine = request.GET.get("mijn") == "1"
    page = page_number(request.GET.get("pagina"))
    inbox = selectors.inbox_page(request.user, mine_only=mine, page=page)
    return render(
        request,
        "contacts/task_inbox.html",
        {"inbox": inbox, "tasks": inbox.tasks, "mine": mine, "today": timezone.localdate()},
    )


@task_view
@require_GET
def task_detail(request, task):
    return _task_page(request, task)


def _task_page(request, task, *, close_form=None, status=200):
    contact = task.contact_moment
    if contact.person_id:
        log_access(
            request,
            person_id=contact.person_id,
            what=What.TASK,
            grant=access.task_grant(request.user, task),
            object_id=task.pk,
        )
    return render(
        request,
        "contacts/task_detail.html",
        {
            "task": task,
            "contact": contact,
            "events": task.events.select_related("by"),
            "close_form": close_form or CloseTaskForm(),
            "reassign_form": ReassignTaskForm(),
            "today": timezone.localdate(),
        },
        status=status,
    )


def _back(request, default):
    return HttpResponseRedirect(safe_next(request, default, candidate=request.POST.get("next", "")))


@task_view
@require_POST
def task_take(request, task):
    pk = task.pk
    try:
        services.take_task(request.user, task)
        messages.success(request, _("You took the task."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _back(request, reverse("contacts:task", args=[pk]))


@task_view
@require_POST
def task_close(request, task):
    form = CloseTaskForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                services.close_task(request.user, task, note=form.cleaned_data["note"])
                task.refresh_from_db()
                record_override(form, task, request.user, field_map={"note": "closing_note"})
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Task closed."))
            return _back(request, reverse("contacts:tasks"))
    return _task_page(request, task, close_form=form, status=400)


@task_view
@require_POST
def task_reassign(request, task):
    pk = task.pk
    form = ReassignTaskForm(request.POST)
    if form.is_valid():
        try:
            services.reassign_task(
                request.user,
                task,
                team=form.cleaned_data["team"],
                employee=form.cleaned_data["employee"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Task reassigned."))
            return redirect("contacts:tasks")
    else:
        for error in form.non_field_errors():
            messages.error(request, error)
    return redirect("contacts:task", pk=pk)


@role_view(roles.TEAM_LEADER)
@require_GET
def dashboard(request):
    teams = teams_led_by(request.user)
    form = DashboardForm(request.GET or None)
    weeks = (form.cleaned_data.get("weeks") if form.is_valid() else None) or 12
    figures = selectors.dashboard_figures(teams, weeks=weeks)
    return render(
        request,
        "contacts/dashboard.html",
        {
            "figures": figures,
            "teams": list(teams),
            "form": form,
            "charts": charts.dashboard_charts(figures),
        },
    )


@role_view(roles.TEAM_LEADER)
@require_GET
def dashboard_csv(request):
    teams = teams_led_by(request.user)
    figures = selectors.dashboard_figures(teams)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="klantcontacten-per-week.csv"'
    exports.dashboard_csv(response, figures)
    return response


@person_write("signal")
def signal_register(request, person):
    """Record a signal: the place for sensitive facts that must be kept, with a legal basis."""
    form = SignalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.register_signal(request.user, person, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Signal recorded."))
            return redirect("contacts:card", pk=person.pk)
    return render(request, "contacts/signal_form.html", {"form": form, "person": person})


@person_view
def signal_content(request, person, signal_pk):
    """The 'what' of a signal: only for involved employees with the role; each opening logged."""
    signal = get_object_or_404(
        Signal.objects.select_related("signal_type", "created_by"), pk=signal_pk, person=person
    )
    if not access.can_view_signal_content(request.user, signal):
        raise PermissionDenied(
            _("Only involved employees with the right role may read this signal.")
        )
    form = SignalReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_signal(request.user, signal, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Review recorded."))
            return redirect("contacts:card", pk=person.pk)
    _log_card_view(request, person, what=What.SIGNAL_CONTENT, object_id=signal.pk)
    return render(
        request,
        "contacts/signal_content.html",
        {"signal": signal, "person": person, "form": form, "today": timezone.localdate()},
    )
