"""Demo contact history: two years of contact moments on every channel, tasks in every state,
mandates, and a few colleagues per team who handled them.

Generated from a fixed seed. The history is written once: a later run finds it and leaves it
alone (contacts have no natural key, and the demo must not duplicate them). The colleagues,
weights and texts are data (contacts/demo_data/history.yaml).
"""

import datetime
import random
from pathlib import Path

from django.contrib.auth.models import Permission
from django.utils import timezone

from access.models import AccessAlert, BreakGlassGrant, Notification
from accounts import roles, services
from accounts.models import Team, User
from audit.models import AccessLogEntry
from klantcontact.content import load_yaml
from referencedata.models import CodeList, ReferenceCode

from .models import (
    ContactMoment,
    ContactSubject,
    Mandate,
    Person,
    PersonUserObjectPermission,
    Signal,
    SignalType,
    Task,
    TaskEvent,
    TaskKind,
)
from .services import add_working_days

SEED = 4711
DAYS = 730
CONTACTS_PER_PERSON = (3, 16)

_HISTORY = load_yaml(Path(__file__).resolve().parent / "demo_data" / "history.yaml")
# Per team: (username, first name, last name) of the colleagues who handled the history.
COLLEAGUES = {
    team: [(c["username"], c["first_name"], c["last_name"]) for c in colleagues]
    for team, colleagues in _HISTORY["colleagues"].items()
}
CHANNEL_WEIGHTS = _HISTORY["channel_weights"]
# Per subject: weight, summaries, follow-up action and outcome weights.
SUBJECTS = {
    code: (spec["weight"], spec["summaries"], spec["action"], spec["outcomes"])
    for code, spec in _HISTORY["subjects"].items()
}
CLOSING_NOTES = _HISTORY["closing_notes"]
DEFECTS = _HISTORY["defects"]
# (signal type code, description, legal basis)
SIGNAL_EXAMPLES = [
    (s["type"], s["description"], s["legal_basis"]) for s in _HISTORY["signal_examples"]
]


def _weighted(rng, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def ensure_colleagues(teams: dict[str, Team]) -> dict[str, list[User]]:
    """A few colleagues per team who handled the history (they cannot log in)."""
    staff = {}
    for code, people in COLLEAGUES.items():
        team = teams[code]
        members = []
        for username, first, last in people:
            user, created = User.objects.get_or_create(
                username=username, defaults={"first_name": first, "last_name": last}
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
                services.assign_role(user, roles.EMPLOYEE)
                services.add_team_member(team, user)
            members.append(user)
        staff[code] = members
    for username, code in (
        ("medewerker", "noord"),
        ("teamleider", "noord"),
        ("medewerker.zuid", "zuid"),
    ):
        user = User.objects.filter(username=username).first()
        if user is not None:
            staff[code].append(user)
    return staff


def seed_mandates(rng: random.Random, persons: list[Person], officer: User | None) -> int:
    if Mandate.objects.exists():
        return 0
    role_codes = {c.code: c for c in ReferenceCode.objects.of_list(CodeList.RELATION_ROLE)}
    today = timezone.localdate()
    plans = [
        ("BWI", Mandate.Scope.FINANCES, Mandate.Verification.COURT_ORDER, 700, None),
        ("BWI", Mandate.Scope.FINANCES, Mandate.Verification.PUBLIC_REGISTER, 300, None),
        ("CUR", Mandate.Scope.ALL, Mandate.Verification.COURT_ORDER, 900, None),
        ("CPE", Mandate.Scope.REPAIRS, Mandate.Verification.WRITTEN_MANDATE, 200, None),
        ("CPE", Mandate.Scope.ALL, Mandate.Verification.WRITTEN_MANDATE, 500, 30),  # expired
    ]
    created = 0
    for index, (role, scope, how, days_ago, ended_days_ago) in enumerate(plans):
        represented, representative = persons[index * 7], persons[index * 7 + 3]
        start = today - datetime.timedelta(days=days_ago)
        Mandate.objects.create(
            represented=represented,
            representative=representative,
            role=role_codes[role],
            scope=scope,
            valid_from=start,
            valid_to=today - datetime.timedelta(days=ended_days_ago) if ended_days_ago else None,
            verified_how=how,
            verified_at=start,
            verified_by=officer,
        )
        created += 1
    return created


def seed_demo_data() -> list[str]:
    """Write the contact history once; report what is there."""
    existing = ContactMoment.objects.count()
    if existing:
        return [f"  contact history: {existing} contact moments present (left as they are)"]
    rng = random.Random(SEED)  # noqa: S311  (demo data)
    teams = {team.code: team for team in Team.objects.all()}
    staff = ensure_colleagues(teams)
    persons = list(
        Person.objects.filter(tenancies__isnull=False)
        .distinct()
        .order_by("relation_number")
        .prefetch_related("tenancies__unit")
    )
    officer = User.objects.filter(username="avg").first()
    mandates = seed_mandates(rng, persons, officer)
    now = timezone.now().replace(second=0, microsecond=0)
    today = timezone.localdate()

    contacts, task_specs = _plan_contacts(rng, persons, teams, staff, now)
    ContactMoment.objects.bulk_create(contacts, batch_size=1000)
    # bulk_create does not set auto_now_add on all backends consistently: align created_at.
    for contact in contacts:
        contact.created_at = contact.occurred_at
    ContactMoment.objects.bulk_update(contacts, ["created_at"], batch_size=1000)

    kinds = {k.code: k for k in TaskKind.objects.all()}
    tasks = [_plan_task(rng, spec, kinds, staff, now, today) for spec in task_specs]
    Task.objects.bulk_create(tasks, batch_size=1000)
    for task in tasks:
        task.created_at = task.contact_moment.occurred_at
    Task.objects.bulk_update(tasks, ["created_at"], batch_size=1000)
    TaskEvent.objects.bulk_create(
        [event for task in tasks for event in _task_events(task)], batch_size=1000
    )

    involved = grant_involvement(contacts, tasks)
    signals = seed_signals(rng, persons, staff)
    break_glass = seed_break_glass(persons, now)
    by_status = {
        status: sum(1 for t in tasks if t.status == status) for status in Task.Status.values
    }
    overdue = sum(1 for t in tasks if t.status != Task.Status.DONE and t.due_date < today)
    return [
        f"  contact history: {len(contacts)} contact moments over {DAYS} days, "
        f"{len(tasks)} tasks ({by_status['open']} open, {by_status['in_progress']} in progress, "
        f"{by_status['done']} done; {overdue} overdue), {mandates} mandates",
        f"  access: {involved} involvement grants, {signals} signals, "
        f"{break_glass} break-the-glass case awaiting review",
    ]


def _plan_contacts(rng: random.Random, persons, teams, staff, now):
    """Every person's contact moments (unsaved), and per follow-up outcome the task to make:
    (contact, outcome, requested action, team code)."""
    channels = {c.code: c for c in ReferenceCode.objects.of_list(CodeList.CHANNEL)}
    defects = list(ReferenceCode.objects.of_list(CodeList.DEFECT_TYPE).filter(code__in=DEFECTS))
    defects = defects or list(ReferenceCode.objects.of_list(CodeList.DEFECT_TYPE)[:6])
    subjects = {s.code: s for s in ContactSubject.objects.all()}
    subject_weights = {code: spec[0] for code, spec in SUBJECTS.items() if code in subjects}
    contacts, task_specs = [], []
    for person in persons:
        tenancy = max(person.tenancies.all(), key=lambda t: t.start_date)
        team_code = tenancy.unit.team.code
        for _ in range(rng.randint(*CONTACTS_PER_PERSON)):
            code = _weighted(rng, subject_weights)
            _weight, summaries, action, outcomes = SUBJECTS[code]
            outcome = _weighted(rng, outcomes)
            minutes = rng.randint(0, DAYS * 24 * 60)
            occurred = now - datetime.timedelta(minutes=minutes)
            occurred = occurred.replace(hour=rng.randint(8, 16))
            if occurred > now:
                occurred -= datetime.timedelta(days=1)
            channel = _weighted(rng, CHANNEL_WEIGHTS)
            contact = ContactMoment(
                person=person,
                unit=tenancy.unit,
                channel=channels[channel],
                direction=ContactMoment.Direction.OUTBOUND
                if channel in {"BRI", "BEZ"} or rng.random() < 0.08
                else ContactMoment.Direction.INBOUND,
                occurred_at=occurred,
                subject=subjects[code],
                defect=rng.choice(defects) if subjects[code].asks_for_defect else None,
                summary=rng.choice(summaries),
                outcome=outcome,
                forwarded_to=rng.choice([t for t in teams.values() if t.code != team_code])
                if outcome == "forwarded"
                else None,
                handled_by=rng.choice(staff[team_code]) if staff[team_code] else None,
                team=teams[team_code],
            )
            contacts.append(contact)
            if outcome in ("task", "repair_request", "callback", "internal_note"):
                task_specs.append((contact, outcome, action, team_code))
    return contacts, task_specs


def _plan_task(rng: random.Random, spec, kinds, staff, now, today) -> Task:
    """The (unsaved) follow-up of a saved contact: older ones done, recent ones still open."""
    contact, outcome, action, team_code = spec
    start = timezone.localtime(contact.occurred_at).date()
    due = add_working_days(start, kinds[outcome].default_days_due)
    age_days = (today - start).days
    roll = rng.random()
    if age_days > 30 or roll < 0.55 and age_days > 3:
        status = Task.Status.DONE
    elif roll < 0.8:
        status = Task.Status.IN_PROGRESS
    else:
        status = Task.Status.OPEN
    handler = contact.handled_by
    assignee = (
        rng.choice(staff[team_code]) if status != Task.Status.OPEN and staff[team_code] else None
    )
    closed_at = None
    if status == Task.Status.DONE:
        closed_at = contact.occurred_at + datetime.timedelta(
            days=rng.randint(0, 12), hours=rng.randint(1, 6)
        )
        closed_at = min(closed_at, now)
    return Task(
        contact_moment=contact,
        person_id=contact.person_id,
        kind=kinds[outcome],
        requested_action=action,
        assigned_team=contact.team,
        assigned_to=assignee,
        due_date=due,
        status=status,
        closing_note=rng.choice(CLOSING_NOTES) if status == Task.Status.DONE else "",
        closed_at=closed_at,
        closed_by=assignee if status == Task.Status.DONE else None,
        created_by=handler,
    )


def _task_events(task: Task) -> list[TaskEvent]:
    """A saved task's timeline: created, taken (when assigned), closed (when done)."""
    contact = task.contact_moment
    events = [
        TaskEvent(
            task=task,
            person_id=contact.person_id,
            kind=TaskEvent.Kind.CREATED,
            at=contact.occurred_at,
            by=task.created_by,
        )
    ]
    if task.assigned_to_id:
        events.append(
            TaskEvent(
                task=task,
                person_id=contact.person_id,
                kind=TaskEvent.Kind.TAKEN,
                at=contact.occurred_at + datetime.timedelta(minutes=30),
                by=task.assigned_to,
            )
        )
    if task.status == Task.Status.DONE:
        events.append(
            TaskEvent(
                task=task,
                person_id=contact.person_id,
                kind=TaskEvent.Kind.CLOSED,
                at=task.closed_at,
                by=task.closed_by,
                note=task.closing_note,
            )
        )
    return events


def grant_involvement(contacts, tasks) -> int:
    """Involvement grants as the services write them (bulk, since the history is bulk-created)."""
    permission = Permission.objects.get(content_type__app_label="contacts", codename="view_person")
    pairs = {(c.handled_by_id, c.person_id) for c in contacts if c.handled_by_id and c.person_id}
    pairs |= {(t.assigned_to_id, t.contact_moment.person_id) for t in tasks if t.assigned_to_id}
    existing = set(
        PersonUserObjectPermission.objects.filter(permission=permission).values_list(
            "user_id", "content_object_id"
        )
    )
    rows = [
        PersonUserObjectPermission(
            user_id=user_id, content_object_id=person_id, permission=permission
        )
        for user_id, person_id in sorted(pairs - existing)
    ]
    PersonUserObjectPermission.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def seed_signals(rng: random.Random, persons, staff) -> int:
    if Signal.objects.exists():
        return 0
    types = {t.code: t for t in SignalType.objects.all()}
    noord = [
        p
        for p in persons
        if max(p.tenancies.all(), key=lambda t: t.start_date).unit.team.code == "noord"
    ]
    employee = User.objects.filter(username="medewerker").first()
    leader = User.objects.filter(username="teamleider").first()
    today = timezone.localdate()
    created = 0
    for index, (code, description, basis) in enumerate(SIGNAL_EXAMPLES):
        if code not in types or index >= len(noord):
            continue
        signal_type = types[code]
        signal = Signal.objects.create(
            person=noord[index * 3],
            signal_type=signal_type,
            description=description,
            legal_basis=basis,
            # One ordinary signal is due for review, so the handler sees it surface.
            review_on=today - datetime.timedelta(days=3)
            if code == "geluidsoverlast"
            else today + datetime.timedelta(days=signal_type.review_after_days // 2),
            created_by=leader,
        )
        handlers = [leader] + ([employee] if signal_type.sensitivity == "ordinary" else [])
        signal.handlers.add(*[h for h in handlers if h is not None])
        created += 1
    return created


def seed_break_glass(persons, now) -> int:
    """A colleague of team Zuid opened a file of team Noord with a reason; awaiting review."""
    if BreakGlassGrant.objects.exists():
        return 0
    employee = User.objects.filter(username="medewerker.zuid").first()
    leader = User.objects.filter(username="teamleider").first()
    noord = [
        p
        for p in persons
        if max(p.tenancies.all(), key=lambda t: t.start_date).unit.team.code == "noord"
    ]
    if employee is None or not noord:
        return 0
    person = noord[1]
    granted = now - datetime.timedelta(days=2, hours=3)
    grant = BreakGlassGrant.objects.create(
        employee=employee,
        person=person,
        reason=BreakGlassGrant.Reason.COLLEAGUE_ABSENT,
        explanation=(
            "Collega van team Noord ziek; huurder belde over lekkage en vroeg naar de afspraak."
        ),
        granted_at=granted,
        expires_at=granted + datetime.timedelta(hours=8),
    )
    AccessAlert.objects.create(
        kind=AccessAlert.Kind.BREAK_THE_GLASS, employee=employee, grant=grant
    )
    AccessLogEntry.objects.create(
        actor=employee,
        person_id=person.pk,
        what=AccessLogEntry.What.CARD,
        object_id=person.pk,
        grant=AccessLogEntry.Grant.BREAK_THE_GLASS,
        reason=grant.explanation,
        at=granted,
        remote_addr="127.0.0.1",
    )
    if leader is not None:
        Notification.objects.create(
            recipient=leader,
            text=(
                f"{employee.get_full_name()} gebruikte 'doorbreken' om een klantkaart "
                "buiten het eigen team te openen."
            ),
            link=f"/toegang/medewerkers/{employee.pk}/",
            created_at=granted,
        )
    return 1
