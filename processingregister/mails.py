"""The texts of the register's messages to the privacy officers: subject and lines of each.

Presentation only: ``services.breaches`` and ``services.reminders`` decide who is told what and
when, and call these inside ``translation.override("nl")``; ``services.mail`` sends them.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .formatting import date_text, datetime_text, format_remaining

Message = tuple[str, list[str]]  # (subject, lines of the body)


def mail_body(lines: list[str]) -> str:
    return "\n".join(
        [*lines, "", _("This message was sent by Klantcontact (processing register).")]
    )


def new_breach_message(breach, state) -> Message:
    return (
        _("New data breach %(ref)s: decide within 72 hours") % {"ref": breach.reference},
        [
            _("A data breach was registered: %(ref)s %(title)s.")
            % {"ref": breach.reference, "title": breach.title},
            _("Aware since: %(at)s. Deadline for notifying the AP: %(deadline)s.")
            % {"at": datetime_text(breach.aware_at), "deadline": datetime_text(state.deadline)},
            _("Open it: %(path)s")
            % {"path": reverse("processingregister:breach_detail", args=[breach.pk])},
        ],
    )


def breach_reminder_message(breach, state) -> Message:
    if state.overdue:
        subject = _("OVERDUE: data breach %(ref)s, the 72 hours have passed") % {
            "ref": breach.reference
        }
    else:
        subject = _("Reminder: data breach %(ref)s awaits a decision") % {"ref": breach.reference}
    lines = [
        f"{breach.reference} {breach.title}",
        _("Still to do: %(items)s.") % {"items": ", ".join(state.pending)},
    ]
    if state.authority_pending:
        lines.append(
            _("Deadline for the AP: %(deadline)s (%(remaining)s).")
            % {
                "deadline": datetime_text(state.deadline),
                "remaining": format_remaining(state.remaining),
            }
        )
    lines.append(
        _("Open it: %(path)s")
        % {"path": reverse("processingregister:breach_detail", args=[breach.pk])}
    )
    return subject, lines


def expiry_reminder_message(due) -> Message:
    lines = [_("These agreements expire soon; extend, replace or end them:")]
    for agreement in due:
        linked = ", ".join(a.name for a in agreement.activities.all()) or "-"
        lines.append(
            _("- %(ref)s %(title)s (%(party)s): expires on %(date)s; activities: %(linked)s")
            % {
                "ref": agreement.reference,
                "title": agreement.title,
                "party": agreement.party.name,
                "date": date_text(agreement.end_date),
                "linked": linked,
            }
        )
    lines.append(_("Open the list: %(path)s") % {"path": reverse("processingregister:agreements")})
    subject = ngettext(
        "%(count)d processor agreement expires soon",
        "%(count)d processor agreements expire soon",
        len(due),
    ) % {"count": len(due)}
    return subject, lines


def review_reminder_message(due, day) -> Message:
    lines = [_("These processing activities must be reviewed:")]
    for activity in due:
        late = activity.review_date < day
        lines.append(
            (
                _("- %(name)s (%(code)s): review was due on %(date)s")
                if late
                else _("- %(name)s (%(code)s): review due on %(date)s")
            )
            % {
                "name": activity.name,
                "code": activity.code,
                "date": date_text(activity.review_date),
            }
        )
    lines.append(
        _("Open the register: %(path)s") % {"path": reverse("processingregister:activities")}
    )
    subject = ngettext(
        "%(count)d processing activity is due for review",
        "%(count)d processing activities are due for review",
        len(due),
    ) % {"count": len(due)}
    return subject, lines
