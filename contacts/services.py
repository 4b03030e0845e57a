"""Rules of the customer-contact work: finding persons, registering contacts, tasks, timeline."""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Prefetch, Q, Value, Window, prefetch_related_objects
from django.db.models.functions import Concat, Lower, TruncWeek
from django.utils import timezone
from django.utils.translation import gettext as _

from access import policy as access
from accounts.services import team_ids, teams_of  # noqa: F401  (teams_of re-exported for forms)
from persondata import restriction
from persondata.restriction import check as check_not_restricted
from processingregister.services import is_approved
from referencedata.models import CodeList, ReferenceCode

from . import names
from .models import (
    OUTCOME_TASK_KIND,
    ContactMoment,
    ContactSubject,
    EmailAddress,
    Mandate,
    Person,
    PhoneNumber,
    Task,
    TaskEvent,
    TaskKind,
    Tenancy,
)
from .normalise import fold, normalise_phone

# --- Finding persons --------------------------------------------------------------------------

POSTCODE_NUMBER = re.compile(
    r"^([1-9]\d{3})\s*([a-z]{2})\s*(\d{1,5})\s*[-\s]?\s*([a-z0-9-]*)$", re.I
)
RELATION_NUMBER = re.compile(r"^r\d{4,}$", re.I)
CONTRACT_NUMBER = re.compile(r"^hc-?\d{3,}$", re.I)
PHONE_LIKE = re.compile(r"^[+\d][\d\s\-().]{5,}$")
SEARCH_LIMIT = 25


@dataclass
class SearchQuery:
    kind: str  # name, phone, email, address, relation_number, contract_number, empty, invalid
    value: object = None
    error: str = ""


def parse_query(raw: str) -> SearchQuery:
    text = (raw or "").strip()
    if len(text) < 2:
        return SearchQuery("empty")
    if "@" in text:
        return SearchQuery("email", text.lower())
    if match := POSTCODE_NUMBER.match(text):
        postcode = f"{match.group(1)}{match.group(2).upper()}"
        return SearchQuery("address", (postcode, int(match.group(3)), match.group(4).upper()))
    if RELATION_NUMBER.match(text):
        return SearchQuery("relation_number", text.upper())
    if CONTRACT_NUMBER.match(text):
        digits = re.sub(r"\D", "", text)
        return SearchQuery("contract_number", f"HC-{int(digits):06d}")
    if PHONE_LIKE.match(text) and sum(ch.isdigit() for ch in text) >= 6:
        try:
            return SearchQuery("phone", normalise_phone(text))
        except ValidationError as exc:
            return SearchQuery("invalid", error=exc.messages[0])
    words = fold(text).split()
    if not words:
        return SearchQuery("empty")
    return SearchQuery("name", words)


def _name_filter(words: list[str]) -> Q:
    condition = Q()
    for word in words:
        condition &= Q(search_name__startswith=word) | Q(search_name__contains=f" {word}")
    return condition


def search_filter(query: SearchQuery) -> Q | None:
    if query.kind == "name":
        return _name_filter(query.value)
    if query.kind == "phone":
        return Q(pk__in=PhoneNumber.objects.filter(number=query.value).values("person_id"))
    if query.kind == "email":
        # lower() = lower(): the index emailaddress_lower_idx answers it. ``iexact`` compiles to
        # UPPER() = UPPER() on PostgreSQL, which no index has: every address was read (30 ms
        # for 120,000 addresses, the slowest searches at scale).
        addresses = EmailAddress.objects.alias(folded=Lower("address"))
        return Q(pk__in=addresses.filter(folded=query.value.lower()).values("person_id"))
    if query.kind == "address":
        postcode, number, addition = query.value
        units = {"unit__postcode": postcode, "unit__house_number": number}
        if addition:
            units["unit__house_number_addition__iexact"] = addition
        return Q(pk__in=Tenancy.objects.filter(**units).values("person_id"))
    if query.kind == "relation_number":
        return Q(relation_number=query.value)
    if query.kind == "contract_number":
        return Q(pk__in=Tenancy.objects.filter(contract_number=query.value).values("person_id"))
    return None


def _tenancies_prefetch():
    return Prefetch(
        "tenancies",
        queryset=Tenancy.objects.select_related("unit", "role").order_by(
            F("end_date").desc(nulls_first=True), "-start_date"
        ),
    )


def with_card_summary(persons):
    """Prefetch what a result row shows: the latest tenancy with its unit."""
    return persons.prefetch_related(_tenancies_prefetch())


def load_card_details(person: Person) -> Person:
    """Tenancies (with unit and role), phone numbers and e-mail addresses of a person already
    loaded: three queries, no second read of the person."""
    prefetch_related_objects([person], _tenancies_prefetch(), "phone_numbers", "email_addresses")
    return person


def search_persons(user, raw: str, *, limit: int = SEARCH_LIMIT):
    """Persons in the user's scope that match what was typed; (query, list of persons)."""
    query = parse_query(raw)
    condition = search_filter(query)
    if condition is None:
        return query, []
    persons = access.persons_visible_to(user).filter(condition).order_by(*SEARCH_ORDER)
    return query, restriction.mark(with_card_summary(persons)[:limit])


# Results in name order, but sorted after matching: ordering on the bare column lets
# PostgreSQL walk the whole name index in order and test the name and the scope on every
# row until 25 match (0.5-1 s for a rare name in a 200,000-person register, see
# docs/performance.md "Evidence at scale"); on an expression it finds the matches through
# the trigram index first and sorts only those.
SEARCH_ORDER = (Concat("search_name", Value("")), "pk")


def lookup_caller(user, raw_phone: str):
    """Caller lookup for telephony: (normalised number or None, error, matching persons)."""
    try:
        number = normalise_phone(raw_phone)
    except ValidationError as exc:
        return None, exc.messages[0], []
    # A phone number matches a handful of persons: the user's teams as a subquery of the same
    # statement (``single``) instead of a query of their own first.
    persons = (
        access.persons_visible_to(user, single=True)
        .filter(search_filter(SearchQuery("phone", number)))
        .order_by("search_name", "pk")
    )
    return number, "", restriction.mark(with_card_summary(persons)[:SEARCH_LIMIT])


def current_tenancy(person: Person, day: datetime.date | None = None):
    """The tenancy to show for a person (prefetched list): current first, else the latest."""
    day = day or timezone.localdate()
    tenancies = list(person.tenancies.all())
    for tenancy in tenancies:
        if tenancy.is_current(day):
            return tenancy
    return tenancies[0] if tenancies else None


# --- Mandates and callers ---------------------------------------------------------------------


def valid_mandates(person: Person, day: datetime.date | None = None):
    day = day or timezone.localdate()
    return (
        Mandate.objects.filter(represented=person, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("representative", "role")
        .order_by("representative__search_name")
    )


def caller_may_receive_data(caller_kind: str, mandate: Mandate | None, person: Person) -> bool:
    """Whether the employee may give this caller information about ``person``."""
    if caller_kind == ContactMoment.CallerKind.SELF:
        return True
    if caller_kind == ContactMoment.CallerKind.REPRESENTATIVE and mandate is not None:
        return mandate.represented_id == person.pk and mandate.is_valid_on(timezone.localdate())
    return False


# --- Registering a contact --------------------------------------------------------------------

# Clock skew allowed for "now" on the contact form.
FUTURE_TOLERANCE = datetime.timedelta(minutes=5)


@dataclass
class TaskInput:
    requested_action: str
    due_date: datetime.date
    assigned_team: object = None
    assigned_to: object = None


@dataclass
class ContactInput:
    person: Person | None
    channel: ReferenceCode
    direction: str
    occurred_at: datetime.datetime
    caller_kind: str
    subject: ContactSubject
    summary: str
    outcome: str
    team: object
    notes: str = ""
    unit: object = None
    mandate: Mandate | None = None
    defect: ReferenceCode | None = None
    forwarded_to: object = None
    task: TaskInput | None = None
    errors: dict = field(default_factory=dict)


def contact_rule_errors(data: ContactInput, *, now=None) -> dict[str, str]:
    """All business rules of a contact registration; {field: Dutch message}."""
    now = now or timezone.now()
    errors = {}
    today = timezone.localdate()
    if data.occurred_at and data.occurred_at > now + FUTURE_TOLERANCE:
        errors["occurred_at"] = _("A contact cannot take place in the future.")
    if data.channel is not None and (
        data.channel.code_list != CodeList.CHANNEL
        or not data.channel.is_active
        or not data.channel.is_valid_on(today)
    ):
        errors["channel"] = _("This channel is not in use; choose another.")
    if data.subject is not None and not data.subject.is_active:
        errors["subject"] = _("This subject is no longer in use; choose another.")
    elif data.subject is not None and not is_approved(data.subject.processing_activity):
        errors["subject"] = _("This subject is not bound to an approved processing activity.")
    if data.defect is not None and data.defect.code_list != CodeList.DEFECT_TYPE:
        errors["defect"] = _("Choose a defect type.")
    if data.person is None and data.caller_kind != ContactMoment.CallerKind.OTHER:
        errors["caller_kind"] = _("An anonymous contact is always 'someone else'.")
    if data.caller_kind == ContactMoment.CallerKind.REPRESENTATIVE:
        if data.mandate is None:
            errors["mandate"] = _("Choose the representative's mandate.")
        elif data.person is None or data.mandate.represented_id != data.person.pk:
            errors["mandate"] = _("This mandate is not for this person.")
        elif not data.mandate.is_valid_on(today):
            errors["mandate"] = _("This mandate is not valid today.")
    if data.outcome == ContactMoment.Outcome.FORWARDED and data.forwarded_to is None:
        errors["forwarded_to"] = _("Choose the team the contact is forwarded to.")
    if data.outcome != ContactMoment.Outcome.FORWARDED and data.forwarded_to is not None:
        errors["forwarded_to"] = _("Only a forwarded contact names a team to forward to.")
    needs_task = data.outcome in OUTCOME_TASK_KIND
    if needs_task and data.task is None:
        errors["requested_action"] = _("Describe what needs to be done.")
    if not needs_task and data.task is not None:
        errors["outcome"] = _("A contact answered at first contact or forwarded has no task.")
    if needs_task and data.task is not None:
        if not (data.task.requested_action or "").strip():
            errors["requested_action"] = _("Describe what needs to be done.")
        if data.task.assigned_team is None and data.task.assigned_to is None:
            errors["assigned_team"] = _("Assign the task to a team or an employee.")
        if data.task.due_date and data.task.due_date < today:
            errors["due_date"] = _("The due date cannot be in the past.")
    return errors


@transaction.atomic
def register_contact(user, data: ContactInput) -> ContactMoment:
    """Store a contact and, when its outcome asks for one, its task: together or not at all."""
    check_not_restricted(data.person, user)
    errors = contact_rule_errors(data)
    if errors:
        raise ValidationError(errors)
    contact = ContactMoment(
        person=data.person,
        unit=data.unit,
        channel=data.channel,
        direction=data.direction,
        occurred_at=data.occurred_at,
        caller_kind=data.caller_kind,
        mandate=data.mandate
        if data.caller_kind == ContactMoment.CallerKind.REPRESENTATIVE
        else None,
        subject=data.subject,
        defect=data.defect,
        summary=data.summary.strip(),
        notes=data.notes.strip(),
        outcome=data.outcome,
        forwarded_to=data.forwarded_to,
        handled_by=user,
        team=data.team,
    )
    contact.full_clean()
    contact.save()
    access.record_involvement(user, data.person)
    if data.task is not None:
        create_task(
            user,
            contact,
            kind=TaskKind.objects.get(code=OUTCOME_TASK_KIND[data.outcome]),
            requested_action=data.task.requested_action,
            assigned_team=data.task.assigned_team,
            assigned_to=data.task.assigned_to,
            due_date=data.task.due_date,
            error_field="outcome",
        )
    return contact


def create_task(
    user,
    contact,
    *,
    kind,
    requested_action: str,
    assigned_team,
    assigned_to=None,
    due_date: datetime.date | None = None,
    error_field: str = "kind",
) -> Task:
    """The one way a task is made (the contact form, the API): its kind must be bound to an
    approved processing activity; the assignee becomes involved with the person; the task's
    history starts with "created". ``error_field``: where the kind's refusal is shown (the
    contact form chooses the kind through the outcome). Runs inside the caller's transaction."""
    if not is_approved(kind.processing_activity):
        raise ValidationError(
            {
                error_field: _(
                    "This kind of follow-up is not bound to an approved processing activity."
                )
            }
        )
    task = Task.objects.create(
        contact_moment=contact,
        kind=kind,
        requested_action=requested_action.strip(),
        assigned_team=assigned_team,
        assigned_to=assigned_to,
        due_date=due_date,
        created_by=user,
    )
    if task.assigned_to is not None and contact.person_id is not None:
        access.record_involvement(task.assigned_to, contact.person)
    _event(task, TaskEvent.Kind.CREATED, user)
    return task


def default_due_date(outcome: str, start: datetime.date | None = None) -> datetime.date | None:
    code = OUTCOME_TASK_KIND.get(outcome)
    if code is None:
        return None
    days = (
        TaskKind.objects.filter(code=code).values_list("default_days_due", flat=True).first() or 5
    )
    return add_working_days(start or timezone.localdate(), days)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    day = start
    while days > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


# --- Tasks ------------------------------------------------------------------------------------


def _event(task: Task, kind: str, user, note: str = "") -> TaskEvent:
    return TaskEvent.objects.create(
        task=task, person_id=task.contact_moment.person_id, kind=kind, by=user, note=note
    )


def tasks_for(user):
    """Open tasks the user may work on: assigned to them or to one of their teams."""
    return (
        Task.objects.exclude(status=Task.Status.DONE)
        # The team ids as values (a handful), not as a subquery: PostgreSQL then combines the
        # two partial inbox indexes instead of reading every open task.
        .filter(Q(assigned_to=user) | Q(assigned_team_id__in=team_ids(user)))
        .select_related("kind", "assigned_team", "assigned_to", "contact_moment__person")
    )


def inbox(user, *, mine_only: bool = False):
    """The task inbox: overdue first, then by due date."""
    tasks = tasks_for(user)
    if mine_only:
        tasks = tasks.filter(assigned_to=user)
    return tasks.order_by("due_date", "pk")


INBOX_PAGE_SIZE = 50


@dataclass
class InboxPage:
    tasks: list
    page: int
    has_next: bool
    total: int  # open tasks in the inbox, on all pages


def inbox_page(user, *, mine_only: bool = False, page: int = 1) -> InboxPage:
    """One page of the inbox: a team's inbox holds hundreds of open tasks (about a thousand
    per team at the size of bench/generate.py); a page shows the first due of them, the
    total says how many wait."""
    tasks = inbox(user, mine_only=mine_only)
    page = max(1, page)
    start = (page - 1) * INBOX_PAGE_SIZE
    # The page's tasks by id first (from the task table alone), then only those rows with
    # what the inbox shows: joined first, PostgreSQL fetched every open task's contact before
    # sorting (46 ms for a team's thousand open tasks).
    keys = tasks.values("pk")[start : start + INBOX_PAGE_SIZE + 1]
    rows = list(
        Task.objects.filter(pk__in=keys)
        .select_related("kind", "assigned_team", "assigned_to")
        .order_by("due_date", "pk")
    )
    total = tasks.count() if page > 1 or len(rows) > INBOX_PAGE_SIZE else len(rows)
    return InboxPage(
        tasks=rows[:INBOX_PAGE_SIZE],
        page=page,
        has_next=len(rows) > INBOX_PAGE_SIZE,
        total=total,
    )


# Who may work on a task is an access rule: one definition, in the access policy.
can_act_on_task = access.can_act_on_task


def _require(condition: bool, message: str):
    if not condition:
        raise ValidationError(message)


@transaction.atomic
def take_task(user, task: Task) -> Task:
    task = Task.objects.select_for_update().get(pk=task.pk)
    _require(can_act_on_task(user, task), _("You cannot work on this task."))
    _require(task.status != Task.Status.DONE, _("This task is already closed."))
    check_not_restricted(task.contact_moment.person_id, user)
    task.assigned_to = user
    task.status = Task.Status.IN_PROGRESS
    task.save(update_fields=["assigned_to", "status"])
    access.record_involvement(user, task.contact_moment.person)
    _event(task, TaskEvent.Kind.TAKEN, user)
    return task


@transaction.atomic
def reassign_task(user, task: Task, *, team=None, employee=None, note: str = "") -> Task:
    task = Task.objects.select_for_update().get(pk=task.pk)
    _require(can_act_on_task(user, task), _("You cannot work on this task."))
    _require(task.status != Task.Status.DONE, _("This task is already closed."))
    _require(team is not None or employee is not None, _("Choose a team or an employee."))
    check_not_restricted(task.contact_moment.person_id, user)
    task.assigned_team = team
    task.assigned_to = employee
    task.status = Task.Status.OPEN
    task.save(update_fields=["assigned_team", "assigned_to", "status"])
    if employee is not None:
        access.record_involvement(employee, task.contact_moment.person)
    _event(task, TaskEvent.Kind.REASSIGNED, user, note.strip())
    return task


@transaction.atomic
def close_task(user, task: Task, *, note: str) -> Task:
    task = Task.objects.select_for_update().get(pk=task.pk)
    _require(can_act_on_task(user, task), _("You cannot work on this task."))
    _require(task.status != Task.Status.DONE, _("This task is already closed."))
    _require(bool((note or "").strip()), _("Write a closing note: what was done."))
    check_not_restricted(task.contact_moment.person_id, user)
    task.status = Task.Status.DONE
    task.closing_note = note.strip()
    task.closed_at = timezone.now()
    task.closed_by = user
    task.save(update_fields=["status", "closing_note", "closed_at", "closed_by"])
    _event(task, TaskEvent.Kind.CLOSED, user, task.closing_note)
    return task


# --- Timeline ---------------------------------------------------------------------------------

TIMELINE_PAGE_SIZE = 20


@dataclass
class TimelineFilter:
    channel: ReferenceCode | None = None
    subject: ContactSubject | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None


@dataclass(frozen=True)
class TimelineContact:
    """A contact moment as the timeline shows it: its own fields and the names it refers to."""

    pk: int
    occurred_at: datetime.datetime
    channel: str
    direction: str
    subject: str
    defect: str
    summary: str
    notes: str
    outcome: str
    forwarded_to: str
    caller_kind: str
    caller: str
    employee: str

    @property
    def moment(self) -> datetime.datetime:
        return self.occurred_at


@dataclass(frozen=True)
class TimelineTaskEvent:
    """A task event as the timeline shows it."""

    pk: int
    at: datetime.datetime
    kind: str
    kind_label: str
    note: str
    employee: str
    task_id: int
    task_kind: str
    requested_action: str

    @property
    def moment(self) -> datetime.datetime:
        return self.at


@dataclass
class TimelinePage:
    entries: list
    page: int
    has_next: bool


# The columns a timeline entry shows; the names behind the ids come from ``names`` (per-process
# tables of a few hundred rows), not from joins: a six-table join cost PostgreSQL 2.5 ms of
# planning per card and Django a model instance per name.
_CONTACT_COLUMNS = (
    "pk",
    "occurred_at",
    "channel_id",
    "direction",
    "subject_id",
    "defect_id",
    "summary",
    "notes",
    "outcome",
    "forwarded_to_id",
    "caller_kind",
    "handled_by_id",
)
_EVENT_COLUMNS = (
    "pk",
    "at",
    "kind",
    "note",
    "by_id",
    "task_id",
    "task__kind_id",
    "task__requested_action",
)


def _timeline_entries(contact_rows, event_rows) -> dict:
    """Timeline entries keyed by ("contact" | "task", pk), names filled in."""
    codes = names.REFERENCE_CODES.names([r[2] for r in contact_rows] + [r[5] for r in contact_rows])
    subjects = names.CONTACT_SUBJECTS.names(r[4] for r in contact_rows)
    teams = names.TEAMS.names(r[9] for r in contact_rows)
    task_kinds = names.TASK_KINDS.names(r[6] for r in event_rows)
    employees = names.EMPLOYEES.names([r[11] for r in contact_rows] + [r[4] for r in event_rows])
    direction = dict(ContactMoment.Direction.choices)
    outcome = dict(ContactMoment.Outcome.choices)
    caller = dict(ContactMoment.CallerKind.choices)
    event_kind = dict(TaskEvent.Kind.choices)
    entries = {}
    for pk, at, channel, dirn, subject, defect, summary, notes, out, fwd, ck, by in contact_rows:
        entries["contact", pk] = TimelineContact(
            pk=pk,
            occurred_at=at,
            channel=codes.get(channel, ""),
            direction=direction.get(dirn, dirn),
            subject=subjects.get(subject, ""),
            defect=codes.get(defect, ""),
            summary=summary,
            notes=notes,
            outcome=outcome.get(out, out),
            forwarded_to=teams.get(fwd, ""),
            caller_kind=ck,
            caller=caller.get(ck, ck),
            employee=employees.get(by, ""),
        )
    for pk, at, kind, note, by, task_id, task_kind, requested_action in event_rows:
        entries["task", pk] = TimelineTaskEvent(
            pk=pk,
            at=at,
            kind=kind,
            kind_label=event_kind.get(kind, kind),
            note=note,
            employee=employees.get(by, ""),
            task_id=task_id,
            task_kind=task_kinds.get(task_kind, ""),
            requested_action=requested_action,
        )
    return entries


def _bounds(day: datetime.date, end: bool = False) -> datetime.datetime:
    moment = datetime.datetime.combine(
        day + datetime.timedelta(days=1) if end else day, datetime.time()
    )
    return timezone.make_aware(moment)


def timeline(person: Person, filters: TimelineFilter, page: int = 1) -> TimelinePage:
    """Contact moments and task events of a person, newest first: two queries for the first
    page, four for a later one; entries as ``TimelineContact`` and ``TimelineTaskEvent``."""
    contacts = ContactMoment.objects.filter(person=person)
    events = TaskEvent.objects.filter(person=person)
    if filters.channel is not None:
        contacts = contacts.filter(channel=filters.channel)
        events = events.filter(task__contact_moment__channel=filters.channel)
    if filters.subject is not None:
        contacts = contacts.filter(subject=filters.subject)
        events = events.filter(task__contact_moment__subject=filters.subject)
    if filters.since:
        contacts = contacts.filter(occurred_at__gte=_bounds(filters.since))
        events = events.filter(at__gte=_bounds(filters.since))
    if filters.until:
        contacts = contacts.filter(occurred_at__lt=_bounds(filters.until, end=True))
        events = events.filter(at__lt=_bounds(filters.until, end=True))
    page = max(1, page)
    start = (page - 1) * TIMELINE_PAGE_SIZE
    # Each kind newest first and only as many as this page can need (a range of the person's
    # timeline index), merged here: a UNION sorted as a whole read every contact and event of
    # the person first (thousands for a frequent caller).
    window = start + TIMELINE_PAGE_SIZE + 1
    contacts = contacts.order_by("-occurred_at", "-pk")
    events = events.order_by("-at", "-pk")
    if page == 1:
        # The first page (nearly every card view): the rows themselves, two queries.
        contact_rows = list(contacts.values_list(*_CONTACT_COLUMNS)[:window])
        event_rows = list(events.values_list(*_EVENT_COLUMNS)[:window])
    else:
        # Later pages: the keys of the window first, then only this page's rows.
        contact_keys = list(contacts.values_list("pk", "occurred_at")[:window])
        event_keys = list(events.values_list("pk", "at")[:window])
        keys = sorted(
            [("contact", pk, m) for pk, m in contact_keys]
            + [("task", pk, m) for pk, m in event_keys],
            key=lambda key: (key[2], key[1]),
            reverse=True,
        )[start : start + TIMELINE_PAGE_SIZE + 1]
        contact_rows = list(
            ContactMoment.objects.filter(
                pk__in=[pk for entry, pk, _m in keys if entry == "contact"]
            ).values_list(*_CONTACT_COLUMNS)
        )
        event_rows = list(
            TaskEvent.objects.filter(
                pk__in=[pk for entry, pk, _m in keys if entry == "task"]
            ).values_list(*_EVENT_COLUMNS)
        )
    entries = _timeline_entries(contact_rows, event_rows)
    merged = sorted(
        entries.items(),
        key=lambda item: (item[1].moment, item[1].pk),
        reverse=True,
    )[: TIMELINE_PAGE_SIZE + 1]
    return TimelinePage(
        entries=[(kind, entry) for (kind, _pk), entry in merged[:TIMELINE_PAGE_SIZE]],
        page=page,
        has_next=len(merged) > TIMELINE_PAGE_SIZE,
    )


def open_tasks_of(person: Person):
    """The person's tasks that are not done, first due first: a range of
    ``task_open_person_idx`` (the person is copied onto the task from its contact moment)."""
    return (
        Task.objects.filter(person=person)
        .exclude(status=Task.Status.DONE)
        .select_related("kind")
        .order_by("due_date", "pk")
    )


# The card lists the open tasks due first and counts the rest: a frequent caller can have
# dozens open, and the card is for seeing what is pending, not for working through them.
CARD_OPEN_TASKS = 10


@dataclass
class OpenTasks:
    shown: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.shown)


def card_open_tasks(person: Person, limit: int = CARD_OPEN_TASKS) -> OpenTasks:
    """The first ``limit`` open tasks of the person (first due first) and how many are open in
    all, in one query (the count as a window over the same rows)."""
    shown = list(open_tasks_of(person).annotate(open_total=Window(Count("pk")))[:limit])
    return OpenTasks(shown=shown, total=shown[0].open_total if shown else 0)


# --- Team leader dashboard --------------------------------------------------------------------

FIRST_CONTACT_NORM = 0.8


def dashboard_figures(teams, *, weeks: int = 12, today: datetime.date | None = None) -> dict:
    """Management figures for the given teams; no personal data."""
    today = today or timezone.localdate()
    start = today - datetime.timedelta(days=today.weekday()) - datetime.timedelta(weeks=weeks - 1)
    contacts = ContactMoment.objects.filter(team__in=teams, occurred_at__gte=_bounds(start))
    per_week_channel = (
        contacts.annotate(week=TruncWeek("occurred_at"))
        .values("week", "channel__code", "channel__name")
        .annotate(n=Count("pk"))
        .order_by("week", "channel__code")
    )
    per_week = (
        contacts.annotate(week=TruncWeek("occurred_at"))
        .values("week")
        .annotate(n=Count("pk"), answered=Count("pk", filter=Q(answered_at_first_contact=True)))
        .order_by("week")
    )
    totals = contacts.aggregate(
        n=Count("pk"), answered=Count("pk", filter=Q(answered_at_first_contact=True))
    )
    top_subjects = list(
        contacts.values("subject__name").annotate(n=Count("pk")).order_by("-n", "subject__name")[:8]
    )
    open_tasks = Task.objects.exclude(status=Task.Status.DONE).filter(assigned_team__in=teams)
    age_buckets = []
    now = timezone.now()
    for label, low, high in (
        (_("less than 2 days"), 0, 2),
        (_("2 to 7 days"), 2, 7),
        (_("1 to 4 weeks"), 7, 28),
        (_("more than 4 weeks"), 28, None),
    ):
        bucket = open_tasks.filter(created_at__lte=now - datetime.timedelta(days=low))
        if high is not None:
            bucket = bucket.filter(created_at__gt=now - datetime.timedelta(days=high))
        age_buckets.append({"label": label, "n": bucket.count()})
    overdue = open_tasks.filter(due_date__lt=today).count()

    def week_key(value):
        return value.date() if isinstance(value, datetime.datetime) else value

    weeks_list = [start + datetime.timedelta(weeks=i) for i in range(weeks)]
    channels = {}
    for row in per_week_channel:
        channels.setdefault((row["channel__code"], row["channel__name"]), {})[
            week_key(row["week"])
        ] = row["n"]
    week_totals = {week_key(row["week"]): row for row in per_week}
    return {
        "start": start,
        "weeks": weeks_list,
        "channels": [
            {"code": code, "name": name, "counts": [counts.get(week, 0) for week in weeks_list]}
            for (code, name), counts in sorted(channels.items())
        ],
        "week_rows": [
            {
                "week": week,
                "n": week_totals.get(week, {}).get("n", 0),
                "answered": week_totals.get(week, {}).get("answered", 0),
            }
            for week in weeks_list
        ],
        "total": totals["n"],
        "answered": totals["answered"],
        "first_contact_share": (totals["answered"] / totals["n"]) if totals["n"] else None,
        "norm": FIRST_CONTACT_NORM,
        "top_subjects": top_subjects,
        "open_task_ages": age_buckets,
        "open_tasks": open_tasks.count(),
        "overdue_tasks": overdue,
    }


# --- New persons ------------------------------------------------------------------------------


@transaction.atomic
def create_person(
    user, *, surname, initials="", given_name="", surname_prefix="", phone="", email=""
):
    """Register a new person with at most one phone number and e-mail address.

    The employee who registers the person gets a direct grant on them (involvement), so they can
    open the card before any tenancy or contact links the person to a team.
    """
    person = Person(
        surname=surname.strip(),
        initials=initials.strip(),
        given_name=given_name.strip(),
        surname_prefix=surname_prefix.strip(),
    )
    person.full_clean()
    person.save()
    if phone:
        PhoneNumber.objects.create(person=person, number=normalise_phone(phone), is_preferred=True)
    if email:
        EmailAddress.objects.create(person=person, address=email.strip().lower(), is_preferred=True)
    access.record_involvement(user, person)
    return person


# Colours of the channels in charts (an accessible palette; the legend names each).
CHART_COLOURS = (
    "#1f5f8b",
    "#e07b39",
    "#3a9e6f",
    "#8e5ea2",
    "#c94f4f",
    "#5d6d7e",
    "#b8860b",
    "#2a9fbc",
    "#7a9a01",
)


def dashboard_charts(figures: dict) -> dict:
    """Geometry for the server-rendered SVG charts (no JavaScript, no external library)."""
    width, height, left, bottom = 720, 220, 36, 24
    weeks = figures["weeks"]
    slot = (width - left) / max(len(weeks), 1)
    bar = slot * 0.7
    totals = [
        sum(channel["counts"][i] for channel in figures["channels"]) for i in range(len(weeks))
    ]
    peak = max(totals + [1])
    stacked = []
    for i, week in enumerate(weeks):
        y = height - bottom
        for index, channel in enumerate(figures["channels"]):
            count = channel["counts"][i]
            if not count:
                continue
            h = (height - bottom - 10) * count / peak
            y -= h
            stacked.append(
                {
                    "x": left + i * slot + (slot - bar) / 2,
                    "y": y,
                    "w": bar,
                    "h": h,
                    "fill": CHART_COLOURS[index % len(CHART_COLOURS)],
                    "title": f"{week:%d-%m}: {channel['name']} {count}",
                }
            )
    legend = [
        {"name": channel["name"], "fill": CHART_COLOURS[index % len(CHART_COLOURS)]}
        for index, channel in enumerate(figures["channels"])
    ]
    plot = height - bottom - 10
    share_bars = []
    for i, row in enumerate(figures["week_rows"]):
        share = row["answered"] / row["n"] if row["n"] else 0
        h = plot * share
        share_bars.append(
            {
                "x": left + i * slot + (slot - bar) / 2,
                "y": height - bottom - h,
                "w": bar,
                "h": h,
                "below_norm": bool(row["n"]) and share < figures["norm"],
                "title": (
                    f"{row['week']:%d-%m}: {round(share * 100)}% ({row['answered']}/{row['n']})"
                ),
            }
        )
    labels = [
        {"x": left + i * slot + slot / 2, "text": f"{week:%d-%m}"} for i, week in enumerate(weeks)
    ]
    subject_peak = max([row["n"] for row in figures["top_subjects"]] + [1])
    subjects = [
        {
            "name": row["subject__name"],
            "n": row["n"],
            "w": 240 * row["n"] / subject_peak,
            "y": 8 + i * 26,
        }
        for i, row in enumerate(figures["top_subjects"])
    ]
    age_peak = max([row["n"] for row in figures["open_task_ages"]] + [1])
    ages = [
        {"label": row["label"], "n": row["n"], "w": 240 * row["n"] / age_peak, "y": 8 + i * 26}
        for i, row in enumerate(figures["open_task_ages"])
    ]
    return {
        "width": width,
        "height": height,
        "left": left,
        "axis_y": height - bottom,
        "peak": peak,
        "stacked": stacked,
        "legend": legend,
        "share_bars": share_bars,
        "norm_y": height - bottom - plot * figures["norm"],
        "labels": labels,
        "subjects": subjects,
        "subjects_height": 16 + 26 * len(subjects),
        "ages": ages,
        "ages_height": 16 + 26 * len(ages),
    }


@transaction.atomic
def register_mandate(user, represented: Person, data: dict) -> Mandate:
    """Record a mandate; a representative who is not yet known is registered as a person."""
    check_not_restricted(represented, user)
    representative = data.get("representative")
    if representative is None:
        representative = create_person(
            user,
            surname=data["representative_surname"],
            initials=data.get("representative_initials", ""),
            surname_prefix=data.get("representative_surname_prefix", ""),
        )
    mandate = Mandate(
        represented=represented,
        representative=representative,
        role=data["role"],
        scope=data["scope"],
        valid_from=data["valid_from"],
        valid_to=data.get("valid_to"),
        verified_how=data["verified_how"],
        verified_at=data["verified_at"],
        verified_by=user,
    )
    mandate.full_clean()
    mandate.save()
    return mandate


# --- Signals (signaleringen) ------------------------------------------------------------------


def active_signals(person: Person):
    """The 'that' information for the card: active signals with their type only."""
    from .models import Signal

    return (
        Signal.objects.filter(person=person, ended_on__isnull=True)
        .select_related("signal_type")
        .order_by("signal_type__name")
    )


@transaction.atomic
def register_signal(
    user,
    person: Person,
    *,
    signal_type,
    description: str,
    legal_basis: str = "",
    review_on=None,
    review_reason: str = "",
):
    """``review_reason``: why a review date beyond the default period is needed (Signal.clean
    caps the date; the reason goes into the audit trail of the signal)."""
    from .models import Signal

    check_not_restricted(person, user)
    if not is_approved(signal_type.processing_activity):
        raise ValidationError(
            {
                "signal_type": _(
                    "This kind of signal is not bound to an approved processing activity."
                )
            }
        )
    signal = Signal(
        person=person,
        signal_type=signal_type,
        description=description.strip(),
        legal_basis=legal_basis.strip(),
        review_on=review_on
        or timezone.localdate() + datetime.timedelta(days=signal_type.review_after_days),
        created_by=user,
    )
    signal.review_reason = (review_reason or "").strip()
    signal.full_clean()
    signal.save()
    _record_review_reason(signal, user)
    signal.handlers.add(user)
    access.record_involvement(user, person)
    return signal


def _record_review_reason(signal, user) -> None:
    """Keep the reason for a review date with the audit-trail entry of the change: the signal has
    no field for it, and the entry is redacted with the rest of the person's data."""
    reason = getattr(signal, "review_reason", "")
    if not reason:
        return
    from audit.models import LogEntry as AuditEntry

    entry = AuditEntry.objects.get_for_object(signal).order_by("-pk").first()
    if entry is None or not (
        entry.action == AuditEntry.Action.CREATE or "review_on" in (entry.changes or {})
    ):
        entry = AuditEntry.objects.log_create(
            signal,
            force_log=True,
            action=AuditEntry.Action.UPDATE,
            changes={"review_on": [None, str(signal.review_on)]},
            actor=user if getattr(user, "is_authenticated", False) else None,
        )
    entry.additional_data = {**(entry.additional_data or {}), "review_reason": reason}
    entry.save(update_fields=["additional_data"])


def signals_to_review(user, day: datetime.date | None = None):
    """Signals the employee handles whose review date has passed."""
    from .models import Signal

    day = day or timezone.localdate()
    return (
        Signal.objects.filter(ended_on__isnull=True, review_on__lte=day)
        .filter(Q(handlers=user) | Q(created_by=user))
        .select_related("signal_type", "person")
        .distinct()
        .order_by("review_on")
    )


@transaction.atomic
def review_signal(user, signal, *, keep_until: datetime.date | None, note: str = ""):
    """The handler's review: keep the signal until a new date, or end it (kept for retention)."""
    if not access.can_view_signal_content(user, signal):
        raise ValidationError(_("You cannot review this signal."))
    check_not_restricted(signal.person_id, user)
    if keep_until is not None:
        if keep_until <= timezone.localdate():
            raise ValidationError({"keep_until": _("Choose a date in the future.")})
        # The note is the reason a date beyond the default period needs (Signal.clean).
        signal.review_on = keep_until
        signal.review_reason = (note or "").strip()
        try:
            signal.clean()
        except ValidationError as exc:
            if "review_on" not in exc.message_dict:
                raise
            raise ValidationError({"keep_until": exc.message_dict["review_on"]}) from exc
        signal.save(update_fields=["review_on"])
        _record_review_reason(signal, user)
    else:
        signal.ended_on = timezone.localdate()
        signal.save(update_fields=["ended_on"])
    return signal
