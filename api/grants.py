"""API clients as a controlled grant: four eyes, a dedicated role, the AVG officer told.

- Only a superuser or an API administrator (``accounts.roles.API_ADMINISTRATOR``) requests,
  approves or rejects; the functional administrator and the AVG officer alone cannot.
- A new client, and any widening of a client (a scope or team it did not have, another
  processor agreement), is a ``GrantRequest``: it takes effect only when *another* authorised
  person approves it (here, and by the check constraint ``api_grant_four_eyes``). Until its
  first approval a client's token is refused. Narrowing takes effect at once.
- Each request and each decision is announced to the AVG officers: a notification in the app
  and, when mail is configured, an e-mail.
- Tokens expire ``API_TOKEN_LIFETIME_DAYS`` after they are issued; the accountable person and
  the API administrators are reminded ``API_TOKEN_REMINDER_DAYS`` before (once per expiry).
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from access.models import Notification
from accounts import roles
from accounts.models import Team, User
from klantcontact.enqueue import enqueue_on_commit

from .models import ApiClient, GrantRequest


def may_manage(user) -> bool:
    """May this person request, approve and reject API clients (not alone: four eyes)?"""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or roles.has_role(user, roles.API_ADMINISTRATOR)


def require_manager(user) -> None:
    if not may_manage(user):
        raise PermissionDenied(
            _("Only an API administrator or a superuser may request or approve API clients.")
        )


def pending_request(client: ApiClient) -> GrantRequest | None:
    if client.pk is None:
        return None
    return client.grant_requests.filter(state=GrantRequest.State.PENDING).first()


def _team_ids(teams) -> list[int]:
    return sorted({team.pk if isinstance(team, Team) else int(team) for team in teams})


@transaction.atomic
def request_grant(client: ApiClient, *, kind: str, scopes, teams, agreement, by) -> GrantRequest:
    """File (or replace) the client's pending request and announce it to the AVG officers."""
    require_manager(by)
    GrantRequest.objects.filter(client=client, state=GrantRequest.State.PENDING).delete()
    grant = GrantRequest.objects.create(
        client=client,
        kind=kind,
        scopes=sorted(set(scopes)),
        team_ids=_team_ids(teams),
        agreement=agreement,
        requested_by=by,
    )
    announce(
        client,
        _(
            "%(person)s asked for API client %(client)s (scopes: %(scopes)s); it needs a second "
            "person's approval."
        )
        % {"person": _name(by), "client": client.name, "scopes": ", ".join(grant.scopes) or "-"},
    )
    return grant


def widens(client: ApiClient, *, scopes, teams, agreement) -> bool:
    """Whether the new scopes, teams or agreement reach further than the client's current."""
    current_teams = set(client.teams.values_list("pk", flat=True))
    return bool(
        set(scopes) - set(client.scopes or [])
        or set(_team_ids(teams)) - current_teams
        or (agreement is not None and agreement.pk != client.agreement_id)
    )


@transaction.atomic
def change_grant(client: ApiClient, *, scopes, teams, agreement, by) -> GrantRequest | None:
    """Apply a change of scopes, teams and agreement: narrowing at once, widening by request.

    The narrowing part of a widening change (scopes or teams dropped) applies at once too; the
    request holds the whole new set, applied when another person approves it.
    """
    from .services import sync_teams  # a cycle: api.services imports this module

    require_manager(by)
    scopes = sorted(set(scopes))
    new_teams = _team_ids(teams)
    if client.approved_at is not None and not widens(
        client, scopes=scopes, teams=new_teams, agreement=agreement
    ):
        client.scopes = scopes
        client.save(update_fields=["scopes", "updated_at"])
        sync_teams(client, Team.objects.filter(pk__in=new_teams))
        return None
    pending = pending_request(client)
    if (
        pending is not None
        and pending.scopes == scopes
        and pending.team_ids == new_teams
        and pending.agreement_id == getattr(agreement, "pk", None)
    ):
        return pending  # the same request: it stays the requester's (four eyes)
    current_teams = set(client.teams.values_list("pk", flat=True))
    client.scopes = sorted(set(client.scopes or []) & set(scopes))
    client.save(update_fields=["scopes", "updated_at"])
    sync_teams(client, Team.objects.filter(pk__in=current_teams & set(new_teams)))
    kind = GrantRequest.Kind.WIDEN if client.approved_at else GrantRequest.Kind.CREATE
    return request_grant(
        client, kind=kind, scopes=scopes, teams=new_teams, agreement=agreement, by=by
    )


@transaction.atomic
def approve(grant: GrantRequest, *, by) -> ApiClient:
    """Approve another person's request: the client gets what it asked for."""
    from .services import client_errors, sync_teams  # a cycle: api.services imports this

    require_manager(by)
    grant = GrantRequest.objects.select_for_update().get(pk=grant.pk)
    if grant.state != GrantRequest.State.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if grant.requested_by_id == by.pk:
        raise PermissionDenied(_("You cannot approve your own request: ask a colleague."))
    client = grant.client
    client.scopes = grant.scopes
    client.agreement = grant.agreement
    errors = client_errors(client)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    client.approved_at = now
    client.approved_by = by
    client.save(update_fields=["scopes", "agreement", "approved_at", "approved_by", "updated_at"])
    sync_teams(client, Team.objects.filter(pk__in=grant.team_ids))
    grant.state = GrantRequest.State.APPROVED
    grant.decided_by = by
    grant.decided_at = now
    grant.save(update_fields=["state", "decided_by", "decided_at"])
    announce(
        client,
        _("%(person)s approved API client %(client)s (scopes: %(scopes)s).")
        % {"person": _name(by), "client": client.name, "scopes": ", ".join(grant.scopes) or "-"},
    )
    return client


@transaction.atomic
def reject(grant: GrantRequest, *, by) -> GrantRequest:
    """Turn a request down (the requester may withdraw their own)."""
    require_manager(by)
    grant = GrantRequest.objects.select_for_update().get(pk=grant.pk)
    if grant.state != GrantRequest.State.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if grant.requested_by_id == by.pk:
        grant.delete()  # withdrawn: nobody decided it
        return grant
    grant.state = GrantRequest.State.REJECTED
    grant.decided_by = by
    grant.decided_at = timezone.now()
    grant.save(update_fields=["state", "decided_by", "decided_at"])
    return grant


# --- Announcements ----------------------------------------------------------------------------


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def privacy_officers() -> list[User]:
    return list(
        User.objects.filter(groups__name=roles.PRIVACY_OFFICER, is_active=True)
        .distinct()
        .order_by("pk")
    )


def api_administrators() -> list[User]:
    return list(
        User.objects.filter(
            Q(groups__name=roles.API_ADMINISTRATOR) | Q(is_superuser=True), is_active=True
        )
        .distinct()
        .order_by("pk")
    )


def notify(users, text: str, link: str) -> None:
    """A notification for each user and, when mail is configured, one e-mail."""
    users = list({user.pk: user for user in users}.values())
    if not users:
        return
    Notification.objects.bulk_create(
        [Notification(recipient=user, text=text[:300], link=link) for user in users]
    )
    if settings.MAIL_CONFIGURED:
        from .tasks import mail_notice  # a cycle: api.tasks imports this module

        enqueue_on_commit(mail_notice, text, [user.pk for user in users])


def client_link(client: ApiClient) -> str:
    return reverse("admin:api_apiclient_change", args=[client.pk])


def announce(client: ApiClient, text: str) -> None:
    """Tell the AVG officers about a request or decision on an API client."""
    notify(privacy_officers(), text, client_link(client))


# --- Token expiry -----------------------------------------------------------------------------


def token_expiry(issued_at: datetime.datetime) -> datetime.datetime:
    return issued_at + datetime.timedelta(days=settings.API_TOKEN_LIFETIME_DAYS)


def is_expired(client: ApiClient, now=None) -> bool:
    now = now or timezone.now()
    return client.token_expires_at is not None and client.token_expires_at <= now


def send_expiry_reminders(now=None) -> int:
    """Remind of tokens expiring within API_TOKEN_REMINDER_DAYS: once per client per expiry."""
    now = now or timezone.now()
    horizon = now + datetime.timedelta(days=settings.API_TOKEN_REMINDER_DAYS)
    due = (
        ApiClient.objects.filter(
            is_active=True,
            revoked_at__isnull=True,
            token_expires_at__isnull=False,
            token_expires_at__gt=now,
            token_expires_at__lte=horizon,
        )
        .exclude(expiry_reminder_sent_for=F("token_expires_at"))
        .select_related("accountable")
    )
    sent = 0
    for client in due:
        with transaction.atomic():
            claimed = (
                ApiClient.objects.filter(pk=client.pk)
                .exclude(expiry_reminder_sent_for=client.token_expires_at)
                .update(expiry_reminder_sent_for=client.token_expires_at)
            )
            if not claimed:
                continue  # another run reminded of this expiry already
            with override(settings.LANGUAGE_CODE):
                text = _(
                    "The token of API client %(client)s expires on %(date)s: rotate it in time."
                ) % {
                    "client": client.name,
                    "date": timezone.localtime(client.token_expires_at).strftime("%d-%m-%Y"),
                }
            recipients = [
                *api_administrators(),
                *([client.accountable] if client.accountable else []),
            ]
            notify([u for u in recipients if u.is_active], text, client_link(client))
            sent += 1
    return sent
