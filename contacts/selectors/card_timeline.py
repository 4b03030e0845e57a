"""The customer card's timeline: a person's contact moments and task events, newest first, a
page at a time, as the plain entries the card prints. Reads only."""

import datetime
from dataclasses import dataclass

from referencedata.models import ReferenceCode

from .. import names
from ..models import ContactMoment, ContactSubject, Person, TaskEvent
from .periods import day_bound

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
        contacts = contacts.filter(occurred_at__gte=day_bound(filters.since))
        events = events.filter(at__gte=day_bound(filters.since))
    if filters.until:
        contacts = contacts.filter(occurred_at__lt=day_bound(filters.until, end=True))
        events = events.filter(at__lt=day_bound(filters.until, end=True))
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
