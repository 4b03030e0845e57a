import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import roles
from accounts.services import teams_led_by, teams_of
from audit.models import AccessLogEntry
from audit.services import log_access, log_search_results

from . import access, services
from .forms import (
    CloseTaskForm,
    ContactForm,
    DashboardForm,
    MandateForm,
    PersonForm,
    PersonSearchForm,
    ReassignTaskForm,
    TimelineFilterForm,
)
from .models import ContactMoment, Person, Task

What = AccessLogEntry.What


def _person_rows(persons):
    return [(person, services.current_tenancy(person)) for person in persons]


def _log_results(request, persons):
    log_search_results(request, [(person.pk, access.grant_of(person)) for person in persons])


@require_GET
def person_search(request):
    form = PersonSearchForm(request.GET or None)
    query, persons = None, []
    if form.is_valid() and form.cleaned_data["q"]:
        query, persons = services.search_persons(request.user, form.cleaned_data["q"])
        _log_results(request, persons)
    return render(
        request,
        "contacts/search.html",
        {"form": form, "query": query, "rows": _person_rows(persons)},
    )


@require_GET
def caller_lookup(request):
    """Telephony: the phone rings, the caller's card opens (or a choice, or 'new person')."""
    raw = request.GET.get("phone", "")
    number, error, persons = services.lookup_caller(request.user, raw)
    if len(persons) == 1:
        return redirect(f"{reverse('contacts:card', args=[persons[0].pk])}?channel=TEL")
    _log_results(request, persons)
    return render(
        request,
        "contacts/lookup.html",
        {"raw": raw, "number": number, "error": error, "rows": _person_rows(persons)},
    )


@require_GET
def caller_lookup_json(request):
    """The same lookup for a telephony integration: minimal data plus the card's URL."""
    raw = request.GET.get("phone", "")
    number, error, persons = services.lookup_caller(request.user, raw)
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
                    "card_url": request.build_absolute_uri(
                        reverse("contacts:card", args=[person.pk])
                    ),
                }
                for person in persons
            ],
        }
    )


def _person_or_403(request, pk):
    person = get_object_or_404(Person, pk=pk)
    grant = access.grant_for(request.user, person)
    if grant is None:
        raise PermissionDenied(_("This person is outside your team and you are not involved."))
    return person, grant


def _caller_context(request, person):
    caller = request.GET.get("caller", ContactMoment.CallerKind.SELF)
    if caller not in ContactMoment.CallerKind.values:
        caller = ContactMoment.CallerKind.SELF
    mandates = list(services.valid_mandates(person))
    mandate = None
    if caller == ContactMoment.CallerKind.REPRESENTATIVE:
        mandate = next((m for m in mandates if str(m.pk) == request.GET.get("mandate")), None)
    return {
        "caller": caller,
        "caller_mandate": mandate,
        "mandates": mandates,
        "may_share": services.caller_may_receive_data(caller, mandate, person),
    }


@require_GET
def person_card(request, pk):
    person, grant = _person_or_403(request, pk)
    log_access(request, person_id=person.pk, what=What.CARD, grant=grant, object_id=person.pk)
    filter_form = TimelineFilterForm(request.GET or None)
    try:
        page = int(request.GET.get("pagina", "1"))
    except ValueError:
        page = 1
    timeline = services.timeline(person, filter_form.filters(), page)
    person = services.with_card_summary(Person.objects.filter(pk=person.pk)).prefetch_related(
        "phone_numbers", "email_addresses"
    )[0]
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "person": person,
        "tenancy": services.current_tenancy(person),
        "tenancies": list(person.tenancies.all()),
        "open_tasks": list(services.open_tasks_of(person)),
        "timeline": timeline,
        "filter_form": filter_form,
        "query_string": query.urlencode(),
        "channel": request.GET.get("channel", ""),
        **_caller_context(request, person),
    }
    return render(request, "contacts/card.html", context)


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
    channel = request.GET.get("channel")
    if channel:
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


def contact_register(request, pk=None):
    """Register a contact for a person (or anonymously): keyboard-first, one submit."""
    person = None
    if pk is not None:
        person, _grant = _person_or_403(request, pk)
    form = ContactForm(request.POST or None, person=person, user=request.user)
    if request.method == "GET":
        form.initial.update(_initial_contact(request, person, form))
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.register_contact(request.user, form.contact_input)
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("Contact registered."))
            if person is not None:
                return redirect("contacts:card", pk=person.pk)
            return redirect(f"{reverse('contacts:register_anonymous')}?registered={contact.pk}")
    return render(request, "contacts/contact_form.html", {"form": form, "person": person})


def mandate_register(request, pk):
    """Record that a representative may act for this person (after checking the document)."""
    person, _grant = _person_or_403(request, pk)
    form = MandateForm(request.POST or None, represented=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.register_mandate(request.user, person, form.cleaned_data)
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("Mandate recorded."))
            return redirect("contacts:card", pk=person.pk)
    return render(request, "contacts/mandate_form.html", {"form": form, "person": person})


@require_GET
def task_inbox(request):
    mine = request.GET.get("mijn") == "1"
    tasks = list(services.inbox(request.user, mine_only=mine)[:200])
    return render(
        request,
        "contacts/task_inbox.html",
        {"tasks": tasks, "mine": mine, "today": timezone.localdate()},
    )


def _task_or_403(request, pk):
    task = get_object_or_404(Task.objects.select_related("contact_moment__person", "kind"), pk=pk)
    if not services.can_act_on_task(request.user, task):
        raise PermissionDenied(_("This task is not assigned to you or your team."))
    return task


@require_GET
def task_detail(request, pk):
    task = _task_or_403(request, pk)
    contact = task.contact_moment
    if contact.person_id:
        grant = (
            AccessLogEntry.Grant.INVOLVEMENT
            if task.assigned_to_id == request.user.pk
            else AccessLogEntry.Grant.TEAM
        )
        log_access(
            request, person_id=contact.person_id, what=What.TASK, grant=grant, object_id=task.pk
        )
    return render(
        request,
        "contacts/task_detail.html",
        {
            "task": task,
            "contact": contact,
            "events": task.events.select_related("by"),
            "close_form": CloseTaskForm(),
            "reassign_form": ReassignTaskForm(),
            "today": timezone.localdate(),
        },
    )


def _back(request, default):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(default)


@require_POST
def task_take(request, pk):
    task = _task_or_403(request, pk)
    try:
        services.take_task(request.user, task)
        messages.success(request, _("You took the task."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _back(request, reverse("contacts:task", args=[pk]))


@require_POST
def task_close(request, pk):
    task = _task_or_403(request, pk)
    form = CloseTaskForm(request.POST)
    if form.is_valid():
        try:
            services.close_task(request.user, task, note=form.cleaned_data["note"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Task closed."))
            return _back(request, reverse("contacts:tasks"))
    else:
        messages.error(request, _("Write a closing note: what was done."))
    return redirect("contacts:task", pk=pk)


@require_POST
def task_reassign(request, pk):
    task = _task_or_403(request, pk)
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


def _led_teams_or_403(request):
    if not roles.has_role(request.user, roles.TEAM_LEADER):
        raise PermissionDenied
    return teams_led_by(request.user)


@require_GET
def dashboard(request):
    teams = _led_teams_or_403(request)
    form = DashboardForm(request.GET or None)
    weeks = (form.cleaned_data.get("weeks") if form.is_valid() else None) or 12
    figures = services.dashboard_figures(teams, weeks=weeks)
    return render(
        request,
        "contacts/dashboard.html",
        {
            "figures": figures,
            "teams": list(teams),
            "form": form,
            "charts": services.dashboard_charts(figures),
        },
    )


@require_GET
def dashboard_csv(request):
    teams = _led_teams_or_403(request)
    figures = services.dashboard_figures(teams)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="klantcontacten-per-week.csv"'
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("week"), _("channel"), _("contacts")])
    for channel in figures["channels"]:
        for week, count in zip(figures["weeks"], channel["counts"], strict=True):
            writer.writerow([week.isoformat(), channel["name"], count])
    writer.writerow([])
    writer.writerow([_("week"), _("contacts"), _("answered at first contact"), _("share")])
    for row in figures["week_rows"]:
        share = f"{row['answered'] / row['n']:.2f}" if row["n"] else ""
        writer.writerow([row["week"].isoformat(), row["n"], row["answered"], share])
    return response
