"""Recording a disclosure from the card (thin: the rules are in ``services``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from access.policy import person_view
from audit.models import AccessLogEntry
from audit.services import log_access
from dataminimisation.forms import record_override
from klantcontact.forms import add_service_errors

from . import services
from .forms import DisclosureForm


@person_view
@require_http_methods(["GET", "POST"])
def record(request, person):
    form = DisclosureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                disclosure = services.record_disclosure(request.user, form.disclosure_input(person))
                record_override(form, disclosure, request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The disclosure was recorded."))
            return redirect("contacts:card", pk=person.pk)
    log_access(
        request,
        person_id=person.pk,
        what=AccessLogEntry.What.CARD,
        grant=request.access_grant,
        reason="verstrekking vastleggen",
    )
    return render(
        request,
        "disclosures/record.html",
        {"form": form, "person": person, "recent": services.disclosures_of(person.pk)[:10]},
        status=400 if request.method == "POST" else 200,
    )
