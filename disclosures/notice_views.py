"""Marking an art. 19 notice from the request page (thin: the rules are in ``services``).

The request page belongs to rights, which does not know this app: the page shows the notices
through ``{% recipient_notices dsr %}`` and posts here; the answer goes back to the request.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access.policy import role_view
from accounts import roles

from . import services
from .models import RecipientNotice


@role_view(roles.PRIVACY_OFFICER)
@require_POST
def mark_notice(request, pk):
    notice = get_object_or_404(
        RecipientNotice.objects.select_related("request", "recipient"), pk=pk
    )
    back = reverse("rights:detail", args=[notice.request_id])
    try:
        services.mark_notice(
            notice,
            request.user,
            state=request.POST.get("state", ""),
            note=request.POST.get("note", ""),
        )
    except ValidationError as exc:
        messages.error(
            request,
            _("The notice to %(recipient)s was not recorded: %(errors)s")
            % {"recipient": notice.recipient.name, "errors": " ".join(exc.messages)},
        )
        return redirect(back)
    messages.success(
        request,
        _("Recorded for %(recipient)s: %(state)s.")
        % {"recipient": notice.recipient.name, "state": notice.get_state_display()},
    )
    return redirect(back)
