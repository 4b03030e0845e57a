"""The record types retention rules apply to, how their trigger dates are computed, and how they
are deleted or anonymised.

A target names a model, where the person id sits, which moments (triggers) it knows and which
actions it allows. Trigger dates are computed per batch of records with a few aggregate queries
(never per record), so the same code serves the nightly run, the signals that recompute a
record's due date, the dry run and the check just before acting.

A module that adds personal data (e.g. the allocation of homes with medical urgency) registers a
target here; until then a rule for that data has no target and documents the policy only.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Case, Count, Max, Q, Value, When
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Action, Trigger
from .sql import among

# A trigger that is not computed from the data (events): the stored date stands.
STORED = object()


def as_date(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


@dataclass(frozen=True)
class Target:
    key: str
    model_label: str
    label: Promise
    person_field: str | None = "person_id"
    created_field: str | None = "created_at"
    closed_field: str | None = None
    review_field: str | None = None
    deregistration_field: str | None = None
    own_tenancy_end: str | None = None
    date_fields: tuple = ()
    actions: frozenset = frozenset({Action.DELETE})
    kind_field: str | None = None
    base_filter: Q | None = None
    # Deleting it removes a whole file (the person): every duty on the person's data counts.
    cascades_person: bool = False
    # Rules on other targets run first; the person goes last.
    order: int = 50
    # At most this many per transaction (a person takes a whole file along).
    max_batch: int | None = None
    # Append-only records with a fixed date (the access log) are scheduled by the nightly run
    # only: no work on the request that writes them.
    schedule_on_save: bool = True
    anonymiser: Callable | None = None
    before_delete: Callable | None = None
    after_delete: Callable | None = None

    @property
    def model(self):
        return apps.get_model(self.model_label)

    @property
    def available(self) -> bool:
        try:
            self.model  # noqa: B018
        except LookupError:
            return False
        return True

    def supports_trigger(self, trigger: str) -> bool:
        if trigger in (Trigger.TENANCY_END,):
            return bool(self.own_tenancy_end or self.person_field)
        if trigger in (Trigger.LAST_CONTACT, Trigger.EVENT):
            return bool(self.person_field)
        if trigger == Trigger.DATE_FIELD:
            return bool(self.date_fields)
        return bool(self._own_field(trigger, None))

    def _own_field(self, trigger: str, rule) -> str | None:
        return {
            Trigger.CREATED: self.created_field,
            Trigger.CLOSED: self.closed_field,
            Trigger.REVIEW_DATE: self.review_field,
            Trigger.DEREGISTRATION: self.deregistration_field,
            Trigger.TENANCY_END: self.own_tenancy_end,
            Trigger.DATE_FIELD: rule.trigger_field if rule is not None else None,
        }.get(trigger)

    # --- records ----------------------------------------------------------------------------

    def records(self, rule=None):
        """Every record the rule covers (the base manager: no default filters hide any)."""
        qs = self.model._base_manager.all()
        if self.base_filter is not None:
            qs = qs.filter(self.base_filter)
        if rule is not None and rule.kinds and self.kind_field:
            qs = qs.filter(**{f"{self.kind_field}__in": rule.kinds})
        return qs

    def records_of_persons(self, person_ids: Iterable[int], rule=None):
        return self.records(rule).filter(among(self.person_field, person_ids))

    def compute(self, rule, pks: Iterable[int]) -> dict:
        """{pk: (person_id, trigger_date or None or STORED)} for the records that still exist and
        are still covered by the rule."""
        pks = list(pks)
        if not pks:
            return {}
        own = self._own_field(rule.trigger, rule)
        person = self.person_field
        columns = ["pk", person] if person else ["pk"]
        if own:
            columns.append(own)
        rows = self.records(rule).filter(among("pk", pks)).values_list(*columns)
        result = {}
        for row in rows:
            pk = row[0]
            person_id = row[1] if person else None
            result[pk] = (person_id, as_date(row[-1]) if own else None)
        if own:
            return result
        if rule.trigger == Trigger.EVENT:
            return {pk: (person_id, STORED) for pk, (person_id, _d) in result.items()}
        person_ids = {person_id for person_id, _d in result.values() if person_id is not None}
        if rule.trigger == Trigger.TENANCY_END:
            dates = person_tenancy_end(person_ids)
        elif rule.trigger == Trigger.LAST_CONTACT:
            dates = person_relationship_end(person_ids)
        else:
            dates = {}
        return {pk: (person_id, dates.get(person_id)) for pk, (person_id, _d) in result.items()}


# --- Person-level triggers ----------------------------------------------------------------------


def _contacts_model(name):
    return apps.get_model("contacts", name)


def person_tenancy_end(person_ids: Iterable[int]) -> dict:
    """The end of a person's last tenancy; None while one runs without an end date or when the
    person never had a tenancy (the trigger has not happened)."""
    person_ids = list(person_ids)
    if not person_ids:
        return {}
    rows = (
        _contacts_model("Tenancy")
        ._base_manager.filter(among("person_id", person_ids))
        .values("person_id")
        .annotate(last=Max("end_date"), running=Count("pk", filter=Q(end_date__isnull=True)))
        .order_by()
    )
    return {row["person_id"]: (row["last"] if not row["running"] else None) for row in rows}


def person_relationship_end(person_ids: Iterable[int]) -> dict:
    """When the relationship with a person ended: the latest of the last contact, the end of the
    last tenancy and the end of the last mandate (as represented person or as representative).

    None while a tenancy or a mandate runs without an end date: the relationship goes on. A
    person with nothing at all counts from the day they were registered.
    """
    person_ids = list(person_ids)
    if not person_ids:
        return {}
    latest: dict[int, datetime.date | None] = {}
    running: set[int] = set()

    def note(person_id, day):
        day = as_date(day)
        if day is not None and (latest.get(person_id) is None or day > latest[person_id]):
            latest[person_id] = day

    tenancies = (
        _contacts_model("Tenancy")
        ._base_manager.filter(among("person_id", person_ids))
        .values("person_id")
        .annotate(last=Max("end_date"), running=Count("pk", filter=Q(end_date__isnull=True)))
        .order_by()
    )
    for row in tenancies:
        if row["running"]:
            running.add(row["person_id"])
        note(row["person_id"], row["last"])
    contacts = (
        _contacts_model("ContactMoment")
        ._base_manager.filter(among("person_id", person_ids))
        .values("person_id")
        .annotate(last=Max("occurred_at"))
        .order_by()
    )
    for row in contacts:
        note(row["person_id"], row["last"])
    mandate = _contacts_model("Mandate")._base_manager
    for side in ("represented_id", "representative_id"):
        rows = (
            mandate.filter(among(side, person_ids))
            .values(side)
            .annotate(last=Max("valid_to"), running=Count("pk", filter=Q(valid_to__isnull=True)))
            .order_by()
        )
        for row in rows:
            if row["running"]:
                running.add(row[side])
            note(row[side], row["last"])
    created = (
        _contacts_model("Person")
        ._base_manager.filter(among("pk", person_ids))
        .values_list("pk", "created_at")
    )
    result = {}
    for person_id, created_at in created:
        if person_id in running:
            result[person_id] = None
        else:
            result[person_id] = latest.get(person_id) or as_date(created_at)
    return result


# --- Actions ------------------------------------------------------------------------------------


def anonymise_contact_moments(ids, ctx):
    """Keep date, channel, direction, subject, defect type, outcome and team (management
    information); blank the texts; detach the person, the representative's mandate and the
    home. The contact's tasks lose their texts, their events the person and note."""
    from .actions import chunks, pks

    contact = _contacts_model("ContactMoment")
    task = _contacts_model("Task")
    event = _contacts_model("TaskEvent")
    for part in chunks(list(ids)):
        task_ids = pks(task._base_manager.filter(among("contact_moment_id", part)))
        event_ids = pks(event._base_manager.filter(among("task_id", task_ids))) if task_ids else []
        ctx.redact(contact, part)
        if task_ids:
            ctx.redact(task, task_ids)
            _blank_tasks(task._base_manager.filter(among("pk", task_ids)), ctx)
            task._base_manager.filter(among("pk", task_ids)).update(person=None)
        if event_ids:
            ctx.redact(event, event_ids)
            event._base_manager.filter(among("pk", event_ids)).update(person=None, note="")
        contact._base_manager.filter(among("pk", part)).update(
            person=None,
            mandate=None,
            unit=None,
            caller_kind="other",
            summary=ctx.tombstone or ctx.marker,
            notes="",
        )


def _blank_tasks(tasks, ctx):
    tasks.update(
        requested_action=ctx.marker,
        # A closed task keeps a (blanked) closing note: a done task always has one.
        closing_note=Case(When(status="done", then=Value(ctx.marker)), default=Value("")),
    )


def anonymise_tasks(ids, ctx):
    from .actions import chunks, pks

    task = _contacts_model("Task")
    event = _contacts_model("TaskEvent")
    for part in chunks(list(ids)):
        event_ids = pks(event._base_manager.filter(among("task_id", part)))
        ctx.redact(task, part)
        if event_ids:
            ctx.redact(event, event_ids)
            event._base_manager.filter(among("pk", event_ids)).update(note="")
        _blank_tasks(task._base_manager.filter(among("pk", part)), ctx)


def detach_mandates(ids, ctx):
    """Contacts made by a representative keep their place on the represented person's
    timeline, without the mandate that is removed."""
    from .actions import chunks

    for part in chunks(list(ids)):
        _contacts_model("ContactMoment")._base_manager.filter(among("mandate_id", part)).update(
            mandate=None, caller_kind="other"
        )


def before_person_delete(ids, ctx):
    """A person's contacts stay, anonymised, for management information; contacts made under a
    mandate the person held lose the mandate."""
    from .actions import chunks, pks

    contact = _contacts_model("ContactMoment")
    mandate = _contacts_model("Mandate")
    for part in chunks(list(ids)):
        anonymise_contact_moments(pks(contact._base_manager.filter(among("person_id", part))), ctx)
        detach_mandates(
            pks(mandate._base_manager.filter(Q(represented__in=part) | Q(representative__in=part))),
            ctx,
        )


def after_person_delete(person_ids, ctx):
    from audit.services import redact_entries_for_person

    for person_id in person_ids:
        redact_entries_for_person(person_id, reason=ctx.reason)


CONTACT_DATE_FIELDS = ("occurred_at", "created_at")

REGISTRY: dict[str, Target] = {}


def register(target: Target) -> Target:
    REGISTRY[target.key] = target
    return target


register(
    Target(
        key="contact_moment",
        model_label="contacts.ContactMoment",
        label=_("contact moments of a person"),
        created_field="occurred_at",
        date_fields=CONTACT_DATE_FIELDS,
        actions=frozenset({Action.DELETE, Action.ANONYMISE}),
        kind_field="subject__code",
        base_filter=Q(person__isnull=False),
        anonymiser=anonymise_contact_moments,
        order=20,
    )
)
register(
    Target(
        key="anonymous_contact_moment",
        model_label="contacts.ContactMoment",
        label=_("anonymous contact moments (caller not identified)"),
        person_field=None,
        created_field="occurred_at",
        date_fields=CONTACT_DATE_FIELDS,
        actions=frozenset({Action.DELETE, Action.ANONYMISE}),
        kind_field="subject__code",
        base_filter=Q(person__isnull=True),
        anonymiser=anonymise_contact_moments,
        order=21,
    )
)
register(
    Target(
        key="task",
        model_label="contacts.Task",
        label=_("tasks, repair requests and callbacks"),
        person_field="contact_moment__person_id",
        closed_field="closed_at",
        date_fields=("closed_at", "due_date", "created_at"),
        actions=frozenset({Action.DELETE, Action.ANONYMISE}),
        kind_field="kind__code",
        anonymiser=anonymise_tasks,
        order=10,
    )
)
register(
    Target(
        key="phone_number",
        model_label="contacts.PhoneNumber",
        label=_("phone numbers"),
        date_fields=("created_at", "updated_at"),
        order=30,
    )
)
register(
    Target(
        key="email_address",
        model_label="contacts.EmailAddress",
        label=_("e-mail addresses"),
        date_fields=("created_at", "updated_at"),
        order=30,
    )
)
register(
    Target(
        key="tenancy",
        model_label="contacts.Tenancy",
        label=_("tenancies"),
        own_tenancy_end="end_date",
        date_fields=("start_date", "end_date"),
        order=40,
    )
)
register(
    Target(
        key="mandate",
        model_label="contacts.Mandate",
        label=_("mandates (machtigingen)"),
        person_field="represented_id",
        date_fields=("valid_to", "verified_at"),
        before_delete=detach_mandates,
        order=35,
    )
)
register(
    Target(
        key="signal",
        model_label="contacts.Signal",
        label=_("signals"),
        closed_field="ended_on",
        review_field="review_on",
        date_fields=("review_on", "ended_on"),
        kind_field="signal_type__code",
        order=15,
    )
)
register(
    Target(
        key="access_log",
        model_label="audit.AccessLogEntry",
        label=_("access log (who viewed which person's data)"),
        created_field="at",
        date_fields=("at",),
        kind_field="what",
        order=60,
        schedule_on_save=False,
    )
)
register(
    Target(
        key="person",
        model_label="contacts.Person",
        label=_("persons (the whole file)"),
        person_field="id",
        date_fields=("created_at",),
        cascades_person=True,
        max_batch=250,
        before_delete=before_person_delete,
        after_delete=after_person_delete,
        order=90,
    )
)


def targets_for_model(model) -> list[Target]:
    label = model._meta.label
    return [target for target in REGISTRY.values() if target.model_label == label]
