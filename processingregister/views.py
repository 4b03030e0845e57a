"""Register pages for the privacy officer: overview, activities, exports, unbound
registrations, agreements, data breaches and the personal-data inventory. Editing happens in
the admin pages; these pages show, filter, export and change status."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from access.policy import role_view
from accounts import roles

from . import exports, selectors, services
from .forms import BindForm, NoteForm, RegisterFilterForm, RetireForm, ReturnForm, ReviewForm
from .models import (
    ActivityEvent,
    Agreement,
    Controller,
    DataBreach,
    ProcessingActivity,
)

Status = ProcessingActivity.Status


# Every register page is for the privacy officer (role check, declared for the permission
# matrix); the actions on them also need the model permission (approve, bind).
register_page = role_view(roles.PRIVACY_OFFICER)


def _render(request, template, context):
    """Render a register page, with the counters of the sub-navigation."""
    context.setdefault("unbound_total", selectors.unbound_count())
    context.setdefault("open_breach_total", selectors.open_breaches().count())
    return render(request, f"processingregister/{template}", context)


def _filters(request):
    form = RegisterFilterForm(request.GET or None)
    return form, form.filters() if request.GET else {}


@require_GET
@register_page
def dashboard(request):
    activities = ProcessingActivity.objects.all()
    counts = {status: activities.filter(status=status).count() for status in Status.values}
    context = {
        "attention": services.attention_points(),
        "counts": [(label, counts[value], value) for value, label in Status.choices],
        "open_breaches": [
            (breach, services.breach_state(breach)) for breach in selectors.open_breaches()
        ],
        "version": services.current_version(request.user),
        "recent_events": ActivityEvent.objects.select_related("activity", "by")[:8],
        "active_tab": "dashboard",
    }
    return _render(request, "dashboard.html", context)


@require_GET
@register_page
def activity_list(request):
    form, filters = _filters(request)
    activities = selectors.filter_activities(
        ProcessingActivity.objects.select_related("department").prefetch_related("data_categories"),
        **filters,
    )
    query = request.GET.urlencode()
    context = {
        "form": form,
        "activities": activities,
        "query": query,
        "active_tab": "activities",
    }
    return _render(request, "activity_list.html", context)


@require_GET
@register_page
def activity_detail(request, code):
    activity = get_object_or_404(selectors.register_queryset(), code=code)
    actions = services.allowed_actions(activity)
    can_approve = request.user.has_perm("processingregister.approve_processingactivity")
    context = {
        "activity": activity,
        "record": exports.export_record(activity),
        # The page header shows code, name and status already.
        "detail_fields": [
            f for f in exports.EXPORT_FIELDS if f.key not in ("code", "name", "status")
        ],
        "problems": services.approval_problems(activity)
        if activity.status in (Status.DRAFT, Status.IN_REVIEW)
        else [],
        "notes": services.attention_notes(activity),
        "events": activity.events.select_related("by"),
        "agreements": activity.agreements.all(),
        "bound_count": selectors.bound_record_count(activity),
        "actions": [a for a in actions if can_approve or a in ("submit",)],
        "note_form": NoteForm(),
        "return_form": ReturnForm(),
        "review_form": ReviewForm(),
        "retire_form": RetireForm(activity=activity),
        "active_tab": "activities",
    }
    return _render(request, "activity_detail.html", context)


ACTIONS = {
    "submit": (NoteForm, "processingregister.change_processingactivity"),
    "approve": (NoteForm, "processingregister.approve_processingactivity"),
    "return": (ReturnForm, "processingregister.approve_processingactivity"),
    "review": (ReviewForm, "processingregister.approve_processingactivity"),
    "retire": (RetireForm, "processingregister.approve_processingactivity"),
}


@require_POST
@register_page
def activity_action(request, code, action):
    if action not in ACTIONS:
        raise Http404
    form_class, permission = ACTIONS[action]
    if not request.user.has_perm(permission):
        raise PermissionDenied
    activity = get_object_or_404(ProcessingActivity, code=code)
    kwargs = {"activity": activity} if form_class is RetireForm else {}
    form = form_class(request.POST, **kwargs)
    url = reverse("processingregister:activity_detail", args=[activity.code])
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(url)
    note = form.cleaned_data.get("note", "")
    user = request.user
    try:
        if action == "submit":
            services.submit_for_review(activity, user, note)
            messages.success(request, _("Submitted for review."))
        elif action == "approve":
            services.approve(activity, user, note)
            messages.success(request, _("Approved: the activity can now be chosen."))
        elif action == "return":
            services.return_to_draft(activity, user, note)
            messages.success(request, _("Returned to draft."))
        elif action == "review":
            services.mark_reviewed(activity, user, note, form.cleaned_data["next_review"])
            messages.success(request, _("Review recorded."))
        else:
            moved = services.retire(
                activity,
                user,
                note,
                replaced_by=form.cleaned_data["replaced_by"],
                move_bindings=form.cleaned_data["move_bindings"],
            )
            messages.success(request, _("Retired."))
            if moved:
                messages.success(
                    request,
                    _("%(count)d registrations moved to the replacement.") % {"count": moved},
                )
    except ValidationError as exc:
        if action == "approve" and activity.status != Status.RETIRED:
            # The page lists what is missing; one message is enough here.
            messages.error(
                request, _("Not approved: the activity is not complete yet. See the points below.")
            )
        else:
            messages.error(request, " ".join([_("Not possible:"), *exc.messages]))
    return redirect(url)


def _selection(form, filters) -> list[str]:
    """The chosen filters, in words, for the printed document."""
    if not filters:
        return [_("All current processing activities (not retired)")]
    if filters == {"status": Status.APPROVED}:
        return [_("All approved processing activities")]
    parts = []
    for name, value in filters.items():
        field = form.fields[name]
        if name == "q":
            parts.append(f"{field.label}: “{value}”")
        else:
            parts.append(f"{field.label}: {dict(field.choices).get(value, value)}")
    return parts


def _export_context(request):
    form, filters = _filters(request)
    activities = list(selectors.filter_activities(selectors.register_queryset(), **filters))
    today = timezone.localdate()
    records = []
    for activity in activities:
        record = exports.export_record(activity, today)
        # The controller's details, DPO and representative stand once, on the first page.
        record["controller"] = [
            activity.controller.name,
            _("Contact details, data protection officer and representative: see the first page."),
        ]
        records.append((activity, record))
    return {
        "form": form,
        "filters": filters,
        "selection": _selection(form, filters),
        "activities": records,
        "fields": [
            f
            for f in exports.EXPORT_FIELDS
            if f.key not in ("name", "status", "dpo", "representative")
        ],
        "controllers": Controller.objects.filter(activities__in=activities).distinct(),
        "version": services.current_version(request.user),
        "printed_at": timezone.now(),
        "includes_unapproved": any(a.status != Status.APPROVED for a in activities),
        "query": request.GET.urlencode(),
    }


@require_GET
@register_page
def export_print(request):
    context = _export_context(request)
    context["active_tab"] = "export"
    return _render(request, "export_print.html", context)


@require_GET
@register_page
def export_csv(request):
    context = _export_context(request)
    content = exports.register_csv(a for a, _record in context["activities"])  # full records
    filename = "verwerkingsregister-v{}-{}.csv".format(
        context["version"].number, timezone.localdate().isoformat()
    )
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@register_page
def unbound(request):
    can_bind = request.user.has_perm("processingregister.bind_records")
    if request.method == "POST":
        if not can_bind:
            raise PermissionDenied
        form = BindForm(request.POST)
        if form.is_valid():
            try:
                services.bind_record(
                    form.cleaned_data["model"],
                    form.cleaned_data["pk"],
                    form.cleaned_data["activity"],
                )
            except (ValidationError, ObjectDoesNotExist) as exc:
                messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            else:
                messages.success(
                    request,
                    _("Bound to '%(name)s'.") % {"name": form.cleaned_data["activity"].name},
                )
        else:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
        return redirect("processingregister:unbound")
    groups = selectors.unbound_records()
    context = {
        "groups": groups,
        "bind_form": BindForm(),
        "can_bind": can_bind,
        "approved": selectors.approved_activities(),
        "active_tab": "unbound",
    }
    return _render(request, "unbound.html", context)


@require_GET
@register_page
def agreements(request):
    today = timezone.localdate()
    rows = [
        (agreement, selectors.agreement_state(agreement, today))
        for agreement in Agreement.objects.select_related("party")
        .prefetch_related("activities", "sub_processors")
        .order_by("end_date", "party__name")
    ]
    return _render(
        request,
        "agreement_list.html",
        {"rows": rows, "active_tab": "agreements"},
    )


@require_GET
@register_page
def agreement_document(request, pk):
    agreement = get_object_or_404(Agreement, pk=pk)
    if not agreement.has_document:
        raise Http404
    response = HttpResponse(
        bytes(agreement.document_content), content_type=agreement.document_content_type
    )
    response["Content-Disposition"] = content_disposition_header(True, agreement.document_name)
    return response


def _breaches():
    return DataBreach.objects.select_related("processor_agreement__party").prefetch_related(
        "data_categories", "subject_categories"
    )


@require_GET
@register_page
def breaches(request):
    now = timezone.now()
    rows = [(breach, services.breach_state(breach, now)) for breach in _breaches()]
    return _render(
        request,
        "breach_list.html",
        {"rows": rows, "active_tab": "breaches"},
    )


@require_GET
@register_page
def breach_detail(request, pk):
    breach = get_object_or_404(
        _breaches().prefetch_related(
            "activities", Prefetch("updates"), "processor_agreement__sub_processors"
        ),
        pk=pk,
    )
    return _render(
        request,
        "breach_detail.html",
        {"breach": breach, "state": services.breach_state(breach), "active_tab": "breaches"},
    )


@require_GET
@register_page
def breaches_csv(request):
    content = exports.breach_csv(_breaches().order_by("aware_at"))
    filename = f"datalekkenregister-{timezone.localdate().isoformat()}.csv"
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@require_GET
@register_page
def inventory(request):
    return _render(
        request,
        "inventory.html",
        {"rows": selectors.inventory_overview(), "active_tab": "inventory"},
    )
