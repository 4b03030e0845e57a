"""Views of the rights app: thin; the rules are in ``services``, the reads in ``selectors``, the
files and charts in ``exports`` and ``charts``.

The request register is the privacy officer's work (``role_view(PRIVACY_OFFICER)``): handling a
request needs the person's data by role (art. 12 AVG), and every page that shows it is logged.
The survey opt-out link needs no login (``public_view``).
"""

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.policy import person_view, public_view, role_view
from accounts import roles
from audit.models import AccessLogEntry
from audit.services import client_address, log_access
from klantcontact.forms import add_service_errors

from . import charts, exports, forms, report, selectors, services
from .models import DataSubjectRequest, Objection

officer_view = role_view(roles.PRIVACY_OFFICER)


@officer_view
@require_GET
def request_list(request):
    form = forms.ListFilterForm(request.GET or None)
    state, kind = "open", ""
    if form.is_valid():
        state = form.cleaned_data["state"] or "open"
        kind = form.cleaned_data["kind"]
    today = timezone.localdate()
    rows = list(selectors.request_list(state=state, kind=kind)[:300])
    return render(
        request,
        "rights/request_list.html",
        {
            "form": form,
            "rows": rows,
            "today": today,
            "state": state,
            "overdue_count": selectors.request_list(state="overdue").count(),
        },
    )


@officer_view
@require_http_methods(["GET", "POST"])
def request_create(request):
    form = forms.RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.register_request(
                request.user,
                kind=data["kind"],
                person=data["person"],
                received_at=data["received_at"],
                channel=data["channel"],
                requester_kind=data["requester_kind"],
                mandate=data["mandate"],
                description=data["description"],
                assignee=data["assignee"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Request %(reference)s registered; answer by %(due)s.")
                % {"reference": created.reference, "due": created.due_date.strftime("%d-%m-%Y")},
            )
            return redirect("rights:detail", pk=created.pk)
    return render(request, "rights/request_form.html", {"form": form}, status=_status(form))


def _status(form):
    return 400 if form.is_bound and form.errors else 200


def _get(pk):
    return get_object_or_404(
        DataSubjectRequest.objects.select_related(
            "person", "channel", "assignee", "mandate__representative", "mandate__role"
        ),
        pk=pk,
    )


def _detail_context(dsr, **forms_in_error):
    person = dsr.person
    items = selectors.withholdable_items(dsr) if dsr.kind in services.COPY_KINDS else {}
    withheld = {(w.item_kind, w.object_id) for w in dsr.withheld_items.all()}
    open_items = {
        kind: [record for record in records if (kind, record.pk) not in withheld]
        for kind, records in items.items()
    }
    initial_person = (
        {
            "initials": person.initials,
            "given_name": person.given_name,
            "surname_prefix": person.surname_prefix,
            "surname": person.surname,
            "date_of_birth": person.date_of_birth,
        }
        if person
        else {}
    )
    now = timezone.now()
    exports = [
        {
            "export": export,
            "expired": export.is_expired(now),
            "html": reverse("rights:download", args=[services.download_token(export, "html")]),
            "json": reverse("rights:download", args=[services.download_token(export, "json")]),
            "pdf": reverse("rights:download", args=[services.download_token(export, "pdf")]),
        }
        for export in dsr.exports.all()
    ]
    context = {
        "dsr": dsr,
        "person": person,
        "today": timezone.localdate(),
        "events": dsr.events.select_related("by"),
        "withheld": dsr.withheld_items.select_related("withheld_by"),
        "exports": exports,
        "restriction": selectors.active_restriction(person) if person else None,
        "objections": Objection.objects.filter(person=person) if person else [],
        "statements": selectors.statements_for(person) if person else [],
        "obstacles": selectors.erasure_obstacles(dsr)
        if dsr.kind == DataSubjectRequest.Kind.ERASURE and dsr.is_open
        else [],
        "latest_extension": services.latest_extension_date(services.received_on(dsr)),
        "may_extend": dsr.is_open and timezone.localdate() <= dsr.due_date,
        "contact_moments": items.get("contact_moment", []),
        "signals": items.get("signal", []),
        "verify_form": forms.VerifyForm(),
        "assign_form": forms.AssignForm(initial={"assignee": dsr.assignee_id}),
        "extend_form": forms.ExtendForm(),
        "withhold_form": forms.WithholdForm(items=open_items),
        "rectify_form": forms.RectifyForm(initial=initial_person),
        "statement_form": forms.StatementForm(),
        "restrict_form": forms.RestrictForm(),
        "objection_form": forms.ObjectionForm(),
        "complete_form": forms.CompleteForm(),
        "erase_form": forms.EraseForm(),
        "erasure_preview": selectors.erasure_preview(dsr)
        if dsr.kind == DataSubjectRequest.Kind.ERASURE and dsr.is_open and person
        else None,
        "withdraw_form": forms.WithdrawForm(),
    }
    context.update(forms_in_error)
    return context


def _log_view(request, dsr):
    if dsr.person_id:
        log_access(
            request,
            person_id=dsr.person_id,
            what=AccessLogEntry.What.CARD,
            grant=AccessLogEntry.Grant.ROLE,
            object_id=dsr.pk,
            reason=f"Verzoek {dsr.reference}",
        )


@officer_view
@require_GET
def request_detail(request, pk):
    dsr = _get(pk)
    _log_view(request, dsr)
    return render(request, "rights/request_detail.html", _detail_context(dsr))


def _action(request, pk, form_name, form, perform, success):
    """Validate ``form``, run ``perform(dsr, data)``; on bad input re-render with the errors."""
    dsr = _get(pk)
    if form.is_valid():
        try:
            perform(dsr, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect("rights:detail", pk=dsr.pk)
    messages.error(request, _("Nothing was changed; see the message at the form."))
    _log_view(request, dsr)
    context = _detail_context(dsr, **{form_name: form})
    context["error_form"] = form_name
    return render(request, "rights/request_detail.html", context, status=400)


@officer_view
@require_POST
def request_verify(request, pk):
    return _action(
        request,
        pk,
        "verify_form",
        forms.VerifyForm(request.POST),
        lambda dsr, d: services.verify_identity(dsr, request.user, how=d["how"], at=d["at"]),
        _("Identity verification recorded."),
    )


@officer_view
@require_POST
def request_assign(request, pk):
    return _action(
        request,
        pk,
        "assign_form",
        forms.AssignForm(request.POST),
        lambda dsr, d: services.assign(dsr, request.user, d["assignee"]),
        _("Handler changed."),
    )


@officer_view
@require_POST
def request_extend(request, pk):
    return _action(
        request,
        pk,
        "extend_form",
        forms.ExtendForm(request.POST),
        lambda dsr, d: services.extend(
            dsr, request.user, until=d["until"], reason=d["reason"], told_at=d["told_at"]
        ),
        _("Deadline extended."),
    )


@officer_view
@require_POST
def request_withhold(request, pk):
    dsr = _get(pk)
    form = forms.WithholdForm(request.POST, items=selectors.withholdable_items(dsr))
    return _action(
        request,
        pk,
        "withhold_form",
        form,
        lambda dsr, d: services.withhold_item(
            dsr, request.user, item_kind=d["item"][0], object_id=d["item"][1], reason=d["reason"]
        ),
        _("The item will be left out of the copy; the reason is recorded."),
    )


class _NoFields(django_forms.Form):
    pass


@officer_view
@require_POST
def request_produce(request, pk):
    return _action(
        request,
        pk,
        "produce_form",
        _NoFields(request.POST),
        lambda dsr, d: services.produce_copy(
            dsr, request.user, remote_addr=client_address(request)
        ),
        _("The copy was produced. Download it below; the links expire."),
    )


@officer_view
@require_GET
def export_download(request, token):
    try:
        export, fmt = services.read_download_token(token)
    except services.DownloadExpired:
        return render(request, "rights/download_expired.html", status=410)
    body, content_type, filename = exports.render_copy(export, fmt)
    services.record_download(export, request.user, fmt, remote_addr=client_address(request))
    response = HttpResponse(body, content_type=content_type)
    disposition = "inline" if fmt == "html" and request.GET.get("bekijken") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    if fmt == "html":
        response["Content-Security-Policy"] = exports.document_csp(body)
    return response


@officer_view
@require_POST
def request_rectify(request, pk):
    def perform(dsr, data):
        services.person_of(dsr)
        services.rectify(dsr, request.user, dsr.person, data)

    return _action(
        request,
        pk,
        "rectify_form",
        forms.RectifyForm(request.POST),
        perform,
        _("The correction was saved and recorded in the audit trail."),
    )


@officer_view
@require_POST
def request_statement(request, pk):
    def perform(dsr, data):
        services.person_of(dsr)
        services.add_statement(
            dsr.person,
            request.user,
            statement=data["statement"],
            record_kind=data["record_kind"],
            object_id=data["object_id"],
            request=dsr,
        )

    return _action(
        request,
        pk,
        "statement_form",
        forms.StatementForm(request.POST),
        perform,
        _("The person's statement was added to the record."),
    )


@officer_view
@require_POST
def request_erase(request, pk):
    return _action(
        request,
        pk,
        "erase_form",
        forms.EraseForm(request.POST),
        lambda dsr, d: services.erase_for_request(dsr, request.user),
        _("The data was erased as far as the law allows; the contacts carry the erasure note."),
    )


@officer_view
@require_POST
def request_restrict(request, pk):
    def perform(dsr, data):
        services.person_of(dsr)
        services.restrict(dsr.person, request.user, reason=data["reason"], request=dsr)

    return _action(
        request,
        pk,
        "restrict_form",
        forms.RestrictForm(request.POST),
        perform,
        _("Processing is restricted: the data can no longer be changed or exported."),
    )


@officer_view
@require_POST
def request_lift_restriction(request, pk):
    def perform(dsr, data):
        services.lift_restriction(dsr.person, request.user, request=dsr)

    return _action(
        request,
        pk,
        "lift_form",
        _NoFields(request.POST),
        perform,
        _("The restriction was lifted."),
    )


@officer_view
@require_POST
def request_objection(request, pk):
    def perform(dsr, data):
        services.person_of(dsr)
        services.record_objection(
            dsr.person, request.user, purpose=data["purpose"], note=data["note"], request=dsr
        )

    return _action(
        request,
        pk,
        "objection_form",
        forms.ObjectionForm(request.POST),
        perform,
        _("The objection was recorded; that processing stops at once."),
    )


@officer_view
@require_POST
def request_complete(request, pk):
    return _action(
        request,
        pk,
        "complete_form",
        forms.CompleteForm(request.POST),
        lambda dsr, d: services.complete(
            dsr,
            request.user,
            outcome=d["outcome"],
            reply=d["reply"],
            refusal_reason=d["refusal_reason"],
        ),
        _("The request is completed; its legal hold has been released."),
    )


@officer_view
@require_POST
def request_withdraw(request, pk):
    return _action(
        request,
        pk,
        "withdraw_form",
        forms.WithdrawForm(request.POST),
        lambda dsr, d: services.withdraw(dsr, request.user, note=d["note"]),
        _("The request was recorded as withdrawn."),
    )


# --- Management report ---------------------------------------------------------------------------


@officer_view
@require_GET
def management_report(request):
    form = forms.ReportForm(request.GET or None)
    end = form.cleaned_data["month"] if form.is_valid() else timezone.localdate()
    figures = report.report_figures(end)
    return render(
        request,
        "rights/report.html",
        {"form": form, "figures": figures, "charts": charts.report_charts(figures)},
    )


@officer_view
@require_GET
def management_report_csv(request):
    form = forms.ReportForm(request.GET or None)
    end = form.cleaned_data["month"] if form.is_valid() else timezone.localdate()
    figures = report.report_figures(end)
    response = HttpResponse(exports.report_csv(figures), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="avg-verzoeken-{figures["end_month"]:%Y-%m}.csv"'
    )
    return response


# --- On the customer card: survey opt-out through staff ------------------------------------------


@person_view
@require_POST
def person_survey_opt_out(request, person):
    services.opt_out_by_staff(person, user=request.user)
    messages.success(request, _("Recorded: no more survey invitations for this person."))
    return redirect("contacts:card", pk=person.pk)


# --- Public: the opt-out link in a survey e-mail -------------------------------------------------


@public_view
@require_http_methods(["GET", "POST"])
def survey_opt_out(request, token):
    """The personal link in a survey e-mail: no login. GET asks, POST records (works once).

    GET changes nothing (mail scanners follow links); a forged, expired or used link shows a
    plain page and changes nothing.
    """
    try:
        services.read_opt_out_token(token)
    except services.OptOutLinkInvalid as exc:
        return render(request, "rights/opt_out.html", {"state": exc.reason}, status=400)
    if request.method == "POST":
        try:
            services.opt_out_by_link(token)
        except services.OptOutLinkInvalid as exc:
            return render(request, "rights/opt_out.html", {"state": exc.reason}, status=400)
        return render(request, "rights/opt_out.html", {"state": "done"})
    return render(request, "rights/opt_out.html", {"state": "ask"})
