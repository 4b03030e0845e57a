"""Rules of the API: clients and their tokens, the agreement gate, and the writes that the
contacts services do not offer in this shape (a task on an existing contact, the portal intake).

Tokens look like ``kc_<prefix>_<secret>``: the prefix (10 characters) finds the client, the
whole token is compared by its SHA-256 hash. Only the hash is stored; the token is shown once,
when it is issued or rotated. A client acts through its own service account (``api-<code>``,
no usable password, inactive: it can never log in), so every existing ``log_access`` call and
every audit-trail entry names the client as the actor.
"""

import datetime
import hashlib
import hmac
import re
import secrets
import string

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Team, User
from accounts.services import add_team_member, remove_team_member
from contacts import services as contacts
from contacts.models import (
    OUTCOME_TASK_KIND,
    ContactMoment,
    ContactSubject,
    Mandate,
    Task,
    TaskKind,
    Tenancy,
)
from processingregister.services import agreement_state, is_approved
from referencedata.models import CodeList, ReferenceCode
from rights.services import check_not_restricted

from . import grants
from .models import ApiClient, GrantRequest
from .scopes import ALL_SCOPES

TOKEN_PREFIX = "kc"  # noqa: S105  (the public label of the token format)
PREFIX_LENGTH = 10
TOKEN_PATTERN = re.compile(r"^kc_([a-z0-9]{10})_([A-Za-z0-9_-]{20,100})$")
SERVICE_USER_PREFIX = "api-"
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)
USABLE_AGREEMENT_STATES = ("in_force", "expiring")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    alphabet = string.ascii_lowercase + string.digits
    prefix = "".join(secrets.choice(alphabet) for _ in range(PREFIX_LENGTH))
    return f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"


# --- Validation -----------------------------------------------------------------------------


def client_errors(client: ApiClient, day: datetime.date | None = None) -> dict[str, str]:
    """The rules a client must meet to be saved or approved; {field: Dutch message}.

    Every client, run by the corporation or by a third party, is bound to an agreement of the
    processing register that is in force and covers the client's processing activity.
    """
    errors = {}
    unknown = [scope for scope in client.scopes or [] if scope not in ALL_SCOPES]
    if unknown:
        errors["scopes"] = _("Unknown scope: %(scopes)s.") % {"scopes": ", ".join(unknown)}
    if client.processing_activity_id and not is_approved(client.processing_activity):
        errors["processing_activity"] = _("Choose an approved processing activity.")
    if client.agreement_id is None:
        errors["agreement"] = _(
            "Choose the processor agreement (processing register) that allows this client."
        )
    elif agreement_state(client.agreement, day) not in USABLE_AGREEMENT_STATES:
        errors["agreement"] = _("This agreement is not in force.")
    elif client.processing_activity_id:
        covered = client.agreement.activities.filter(pk=client.processing_activity_id).exists()
        if not covered:
            errors["agreement"] = _("This agreement does not cover the client's processing.")
    return errors


def disabled_reason(client: ApiClient, day: datetime.date | None = None) -> str | None:
    """Why a client with a valid token may do nothing now, or None (approval, agreement gate)."""
    if client.approved_at is None:
        return _("This client awaits a second person's approval.")
    if not is_approved(client.processing_activity):
        return _("The processing activity of this client is not approved.")
    if client.agreement is None:
        return _("This client has no processor agreement.")
    if agreement_state(client.agreement, day) not in USABLE_AGREEMENT_STATES:
        return _("The processor agreement of this client is not in force.")
    if not client.agreement.activities.filter(pk=client.processing_activity_id).exists():
        return _("The processor agreement of this client does not cover its processing.")
    return None


# --- Clients and tokens ---------------------------------------------------------------------


def service_user_for(slug: str) -> User:
    """The client's own account: no usable password and inactive, so it can never log in."""
    user, created = User.objects.get_or_create(
        username=f"{SERVICE_USER_PREFIX}{slug}"[:150],
        defaults={"first_name": "API", "last_name": slug, "is_active": False},
    )
    if created or user.has_usable_password() or user.is_active:
        user.set_unusable_password()
        user.is_active = False
        user.save(update_fields=["password", "is_active"])
    return user


def sync_teams(client: ApiClient, teams) -> None:
    """The client's teams, and its service account as a member of exactly those teams."""
    teams = list(teams)
    client.teams.set(teams)
    user = client.service_user
    wanted = {team.pk for team in teams}
    for team in Team.objects.filter(member_group__user=user).exclude(pk__in=wanted):
        remove_team_member(team, user)
    for team in teams:
        add_team_member(team, user)


@transaction.atomic
def create_client(
    *,
    name: str,
    slug: str,
    scopes,
    processing_activity,
    requested_by,
    accountable=None,
    third_party: bool = False,
    agreement=None,
    teams=(),
    rate_per_minute: int = 120,
    description: str = "",
    token: str | None = None,
) -> tuple[ApiClient, str]:
    """Request a client and issue its first token; returns (client, token shown once).

    The client awaits a second person's approval (``api.grants.approve``): until then its
    token is refused. ``accountable`` (default: the requester) answers for its reads.
    """
    grants.require_manager(requested_by)
    client = ApiClient(
        name=name,
        slug=slug,
        scopes=sorted(set(scopes)),
        processing_activity=processing_activity,
        third_party=third_party,
        agreement=agreement,
        rate_per_minute=rate_per_minute,
        description=description,
        created_by=requested_by,
        accountable=accountable or requested_by,
    )
    client.service_user = service_user_for(slug)
    client.full_clean()
    client.save()
    sync_teams(client, teams)
    grants.request_grant(
        client,
        kind=GrantRequest.Kind.CREATE,
        scopes=client.scopes,
        teams=teams,
        agreement=agreement,
        by=requested_by,
    )
    return client, issue_token(client, token=token)


@transaction.atomic
def issue_token(client: ApiClient, *, token: str | None = None) -> str:
    """A new token for the client (first issue or rotation): the previous one stops working
    at once. Returns the token; only its hash is kept."""
    token = token or new_token()
    match = TOKEN_PATTERN.match(token)
    if match is None:
        raise ValidationError(_("A token has the form kc_<10 characters>_<secret>."))
    client.token_prefix = match.group(1)
    client.token_hash = hash_token(token)
    client.token_issued_at = timezone.now()
    client.token_expires_at = grants.token_expiry(client.token_issued_at)
    client.revoked_at = None
    client.save(
        update_fields=[
            "token_prefix",
            "token_hash",
            "token_issued_at",
            "token_expires_at",
            "revoked_at",
        ]
    )
    return token


rotate_token = issue_token


@transaction.atomic
def revoke(client: ApiClient) -> ApiClient:
    """Withdraw the client's token for good (a new one can be issued by rotating)."""
    client.revoked_at = timezone.now()
    client.token_hash = ""
    client.token_prefix = None
    client.save(update_fields=["revoked_at", "token_hash", "token_prefix"])
    return client


def client_for_token(token: str) -> ApiClient | None:
    """The active, unrevoked client this token belongs to, or None (expired tokens included:
    the caller refuses them with their own message)."""
    match = TOKEN_PATTERN.match(token or "")
    if match is None:
        return None
    client = (
        ApiClient.objects.select_related(
            "service_user", "processing_activity", "agreement", "accountable"
        )
        .filter(token_prefix=match.group(1), is_active=True, revoked_at__isnull=True)
        .first()
    )
    if client is None or not client.token_hash:
        return None
    if not hmac.compare_digest(client.token_hash, hash_token(token)):
        return None
    return client


def touch(client: ApiClient, now=None) -> None:
    """Record that the client was used (at most one write a minute)."""
    now = now or timezone.now()
    if client.last_used_at is None or now - client.last_used_at >= LAST_USED_RESOLUTION:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        client.last_used_at = now


# --- Writes on behalf of a client -------------------------------------------------------------


def usable_code(code_list: str, code: str | None):
    if not code:
        return None
    return ReferenceCode.objects.usable().filter(code_list=code_list, code=code.upper()).first()


def client_team(client: ApiClient, code: str | None, field: str = "team"):
    """The team a client writes for: one of its own teams (default: the first)."""
    teams = list(client.teams.order_by("name"))
    if code is None:
        if not teams:
            raise ValidationError({field: _("This client has no team to register for.")})
        return teams[0]
    for team in teams:
        if team.code == code:
            return team
    raise ValidationError({field: _("Not one of this client's teams.")})


def _subject(code: str, field: str = "subject"):
    subject = ContactSubject.objects.filter(code=code).select_related("processing_activity")
    subject = subject.first()
    if subject is None:
        raise ValidationError({field: _("Unknown subject.")})
    return subject


def contact_input(client: ApiClient, person, data: dict):
    """The contacts service's input from an API body (codes looked up; unknown ones refused)."""
    errors = {}
    channel = usable_code(CodeList.CHANNEL, data["channel"])
    if channel is None:
        errors["channel"] = _("Unknown channel or not in use.")
    defect = None
    if data.get("defect"):
        defect = usable_code(CodeList.DEFECT_TYPE, data["defect"])
        if defect is None:
            errors["defect"] = _("Unknown defect type.")
    mandate = None
    if data.get("mandate") is not None:
        mandate = Mandate.objects.filter(pk=data["mandate"], represented=person).first()
        if mandate is None:
            errors["mandate"] = _("This mandate is not for this person.")
    forwarded_to = None
    if data.get("forwarded_to"):
        forwarded_to = Team.objects.filter(code=data["forwarded_to"], is_active=True).first()
        if forwarded_to is None:
            errors["forwarded_to"] = _("Unknown team.")
    try:
        subject = _subject(data["subject"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
        subject = None
    try:
        team = client_team(client, data.get("team"))
    except ValidationError as exc:
        errors.update(exc.message_dict)
        team = None
    task = None
    if data.get("task"):
        follow_up = data["task"]
        try:
            assigned = client_team(client, follow_up.get("assigned_team"), "task.assigned_team")
        except ValidationError as exc:
            errors.update(exc.message_dict)
            assigned = None
        task = contacts.TaskInput(
            requested_action=follow_up["requested_action"],
            due_date=follow_up.get("due_date") or contacts.default_due_date(data["outcome"]),
            assigned_team=assigned,
        )
    if errors:
        raise ValidationError(errors)
    return contacts.ContactInput(
        person=person,
        channel=channel,
        direction=data["direction"],
        occurred_at=data.get("occurred_at") or timezone.now(),
        caller_kind=data["caller_kind"],
        subject=subject,
        summary=data["summary"],
        outcome=data["outcome"],
        team=team,
        notes=data.get("notes", ""),
        mandate=mandate,
        defect=defect,
        forwarded_to=forwarded_to,
        task=task,
    )


@transaction.atomic
def register_contact(client: ApiClient, person, data: dict):
    return contacts.register_contact(client.service_user, contact_input(client, person, data))


@transaction.atomic
def create_task(client: ApiClient, contact, data: dict):
    """A follow-up on an existing contact moment (what the contact form does in one go)."""
    user = client.service_user
    errors = {}
    if contact.outcome not in OUTCOME_TASK_KIND:
        errors["contact_moment"] = _(
            "This contact was answered at first contact or forwarded: it takes no task."
        )
    kind = TaskKind.objects.filter(code=data["kind"]).select_related("processing_activity")
    kind = kind.first()
    if kind is None:
        errors["kind"] = _("Unknown kind of follow-up.")
    due_date = data.get("due_date")
    if due_date is None and kind is not None:
        due_date = contacts.add_working_days(timezone.localdate(), kind.default_days_due)
    if due_date is not None and due_date < timezone.localdate():
        errors["due_date"] = _("The due date cannot be in the past.")
    try:
        team = client_team(client, data.get("assigned_team"), "assigned_team")
    except ValidationError as exc:
        errors.update(exc.message_dict)
        team = None
    action = data["requested_action"].strip()
    if not action:
        errors["requested_action"] = _("Describe what needs to be done.")
    if errors:
        raise ValidationError(errors)
    check_not_restricted(contact.person, user)  # contacts' writes check it themselves
    return contacts.create_task(
        user,
        contact,
        kind=kind,
        requested_action=action,
        assigned_team=team,
        due_date=due_date,
    )


@transaction.atomic
def update_task_status(client: ApiClient, task, status: str, note: str = ""):
    if status == Task.Status.IN_PROGRESS:
        return contacts.take_task(client.service_user, task)
    return contacts.close_task(client.service_user, task, note=note)


def current_tenant(relation_number: str):
    """(person, current tenancy) for a relation number, or (None, None)."""
    today = timezone.localdate()
    tenancy = (
        Tenancy.objects.current(today)
        .filter(person__relation_number=relation_number.upper())
        .select_related("person", "unit__team")
        .order_by("-start_date")
        .first()
    )
    return (tenancy.person, tenancy) if tenancy else (None, None)


@transaction.atomic
def portal_intake(client: ApiClient, data: dict):
    """What a tenant reported in the portal: a contact moment on channel INT with a task or
    repair request for the team of the tenant's home, in one transaction (or nothing)."""
    person, tenancy = current_tenant(data["relation_number"])
    if person is None:
        raise ValidationError(
            {"relation_number": _("No current tenant with this relation number.")}
        )
    team = tenancy.unit.team
    kind = data["kind"]
    default_subject = "reparatieverzoek" if kind == TaskKind.REPAIR_REQUEST else "overig"
    subject_code = data.get("subject") or default_subject
    errors = {}
    channel = usable_code(CodeList.CHANNEL, "INT")
    if channel is None:
        errors["channel"] = _("The channel INT (internet) is not in use.")
    try:
        subject = _subject(subject_code)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        subject = None
    defect = None
    if data.get("defect"):
        defect = usable_code(CodeList.DEFECT_TYPE, data["defect"])
        if defect is None:
            errors["defect"] = _("Unknown defect type.")
    if errors:
        raise ValidationError(errors)
    outcome = (
        ContactMoment.Outcome.REPAIR_REQUEST
        if kind == TaskKind.REPAIR_REQUEST
        else ContactMoment.Outcome.TASK
    )
    contact = contacts.register_contact(
        client.service_user,
        contacts.ContactInput(
            person=person,
            unit=tenancy.unit,
            channel=channel,
            direction=ContactMoment.Direction.INBOUND,
            occurred_at=timezone.now(),
            caller_kind=ContactMoment.CallerKind.SELF,
            subject=subject,
            summary=data["summary"],
            outcome=outcome,
            team=team,
            notes=data.get("notes", ""),
            defect=defect,
            task=contacts.TaskInput(
                requested_action=data["requested_action"],
                due_date=contacts.default_due_date(outcome),
                assigned_team=team,
            ),
        ),
    )
    return contact, contact.tasks.get()
