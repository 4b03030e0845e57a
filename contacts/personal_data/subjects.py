"""The data-subject declarations of the contacts app (persondata.registry): what each model
holds about a person (``SUBJECT_DATA``) and where it appears in the access copy
(``COPY_SECTIONS``). Read by the access copy, retention, erasure, rectification and restriction;
see docs/architecture.md, "The person-data registry".
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from persondata.registry import (
    DELETE,
    Anonymise,
    F,
    Holds,
    Retention,
    Section,
    Source,
    WithParent,
)

COPY_SECTIONS = [
    Section(
        "person",
        _("Your personal details"),
        _("Your name and the details we use to tell you apart from others."),
        order=10,
    ),
    Section(
        "contact_details",
        _("Your phone numbers and e-mail addresses"),
        _("How we can reach you."),
        order=20,
    ),
    Section(
        "tenancies",
        _("Your tenancies"),
        _("The homes you rent or rented from us, and your part in the rental contract."),
        order=30,
    ),
    Section(
        "mandates",
        _("Representation (mandates)"),
        _(
            "Who may act for you, for example a financial administrator, and for whom you "
            "act yourself. When you act for someone else, we do not show that person's "
            "name here."
        ),
        order=40,
    ),
    Section(
        "contact_moments",
        _("Your contacts with us"),
        _(
            "Every time you (or someone on your behalf) contacted us, or we contacted you: "
            "when, how, about what, and what was done. We show the team that handled it."
        ),
        order=50,
    ),
    Section(
        "tasks",
        _("Follow-up of your contacts (tasks)"),
        _("What we agreed to do after a contact, such as a repair or a call back."),
        order=60,
    ),
    Section(
        "signals",
        _("Signals"),
        _(
            "Short, factual notes that only the employees involved may read, for example "
            "about nuisance or about support you receive. Each has a date on which we check "
            "whether it is still needed."
        ),
        order=70,
    ),
]

_CONTACT_DATES = ("occurred_at", "created_at")
_AUTHORISATION = _("who may open your file; shown as 'who looked at your data'")

SUBJECT_DATA = {
    "Person": Holds(
        path="id",
        label=_("name and relation number"),
        section="person",
        copy=(
            "relation_number",
            "initials",
            "given_name",
            "surname_prefix",
            "surname",
            "date_of_birth",
            "created_at",
        ),
        source=Source.ADMINISTRATION,
        rectifiable=("initials", "given_name", "surname_prefix", "surname", "date_of_birth"),
        retention=(
            Retention(
                "person",
                label=_("persons (the whole file)"),
                person_field="id",
                date_fields=("created_at",),
                cascades_person=True,
                max_batch=250,
                before_delete="retention.targets.before_person_delete",
                after_delete="retention.targets.after_person_delete",
                order=90,
            ),
        ),
        erasure=DELETE,
    ),
    "PersonUserObjectPermission": Holds(
        path="content_object",
        label=_("access rights of employees to your file"),
        not_in_copy=_AUTHORISATION,
        source=Source.SYSTEM,
        restricted=False,
        erasure=DELETE,
    ),
    "PersonGroupObjectPermission": Holds(
        path="content_object",
        label=_("access rights of teams to your file"),
        not_in_copy=_AUTHORISATION,
        source=Source.SYSTEM,
        restricted=False,
        erasure=DELETE,
    ),
    "PhoneNumber": Holds(
        path="person",
        label=_("phone numbers"),
        section="contact_details",
        copy=(F("number", attr="display"), "kind", "is_preferred"),
        source=Source.SUBJECT,
        rectifiable=("number", "kind", "is_preferred"),
        retention=(
            Retention(
                "phone_number",
                label=_("phone numbers"),
                date_fields=("created_at", "updated_at"),
                order=30,
            ),
        ),
        erasure=DELETE,
    ),
    "EmailAddress": Holds(
        path="person",
        label=_("e-mail addresses"),
        section="contact_details",
        copy=("address", "kind", "is_preferred"),
        source=Source.SUBJECT,
        rectifiable=("address", "kind", "is_preferred"),
        retention=(
            Retention(
                "email_address",
                label=_("e-mail addresses"),
                date_fields=("created_at", "updated_at"),
                order=30,
            ),
        ),
        erasure=DELETE,
    ),
    "Tenancy": Holds(
        path="person",
        label=_("tenancies"),
        section="tenancies",
        copy=(
            "contract_number",
            F("unit", attr="unit.full_address"),
            "role",
            "start_date",
            "end_date",
        ),
        source=Source.ADMINISTRATION,
        retention=(
            Retention(
                "tenancy",
                label=_("tenancies"),
                own_tenancy_end="end_date",
                date_fields=("start_date", "end_date"),
                order=40,
            ),
        ),
        erasure=DELETE,
    ),
    "Mandate": Holds(
        path=("represented", "representative"),
        label=_("mandates (machtigingen)"),
        section="mandates",
        copy={
            "represented": (
                F("representative", attr="representative.full_name"),
                "role",
                "scope",
                "valid_from",
                "valid_to",
                "verified_how",
                "verified_at",
            ),
            # Acting for someone else: that person's name is theirs, not the reader's.
            "representative": ("role", "scope", "valid_from", "valid_to"),
        },
        source=Source.REPRESENTATIVE,
        retention=(
            Retention(
                "mandate",
                label=_("mandates (machtigingen)"),
                person_field="represented_id",
                date_fields=("valid_to", "verified_at"),
                before_delete="retention.targets.detach_mandates",
                order=35,
            ),
        ),
        erasure=DELETE,
    ),
    "ContactMoment": Holds(
        path="person",
        label=_("contact moments"),
        section="contact_moments",
        copy=(
            "occurred_at",
            "channel",
            "direction",
            "caller_kind",
            "subject",
            "defect",
            "summary",
            "notes",
            "outcome",
            "forwarded_to",
            "team",
        ),
        order_by=("-occurred_at", "-pk"),
        activity="subject__processing_activity",
        source=Source.SUBJECT,
        rectifiable=("summary", "notes"),
        withhold_key="contact_moment",
        retention=(
            Retention(
                "contact_moment",
                label=_("contact moments of a person"),
                created_field="occurred_at",
                date_fields=_CONTACT_DATES,
                actions=("delete", "anonymise"),
                kind_field="subject__code",
                base_filter=Q(person__isnull=False),
                order=20,
            ),
            Retention(
                "anonymous_contact_moment",
                label=_("anonymous contact moments (caller not identified)"),
                person_field="",
                created_field="occurred_at",
                date_fields=_CONTACT_DATES,
                actions=("delete", "anonymise"),
                kind_field="subject__code",
                base_filter=Q(person__isnull=True),
                order=21,
            ),
        ),
        # Date, channel, direction, subject, defect type, outcome and team stay for management
        # information; the texts go, and so do the person, the representative's mandate and
        # the home.
        erasure=Anonymise(
            replace=("summary",),
            blank=("notes",),
            detach=("person", "mandate", "unit"),
            values=(("caller_kind", "other"),),
        ),
    ),
    "Task": Holds(
        path=("person", "contact_moment__person"),
        label=_("tasks, repair requests and callbacks"),
        section="tasks",
        copy=(
            "kind",
            "requested_action",
            "assigned_team",
            "due_date",
            "status",
            "closing_note",
            "created_at",
            "closed_at",
        ),
        order_by=("-created_at", "-pk"),
        activity="kind__processing_activity",
        source=Source.STAFF,
        part_of="contact_moment",
        withhold_key="task",
        retention=(
            Retention(
                "task",
                label=_("tasks, repair requests and callbacks"),
                person_field="contact_moment__person_id",
                closed_field="closed_at",
                date_fields=("closed_at", "due_date", "created_at"),
                actions=("delete", "anonymise"),
                kind_field="kind__code",
                order=10,
            ),
        ),
        # Anonymised on its own by its rule, or with its contact moment.
        erasure=WithParent(anonymise=Anonymise(replace=("requested_action", "closing_note"))),
    ),
    "TaskEvent": Holds(
        path=("person", "task__contact_moment__person"),
        label=_("the history of a task (handed over, closed, with a note)"),
        section="tasks",
        copy=("kind", "at", "note"),
        order_by=("-at", "-pk"),
        source=Source.STAFF,
        part_of="task",
        withhold_key="task_event",
        erasure=WithParent(anonymise=Anonymise(blank=("note",))),
    ),
    "Signal": Holds(
        path="person",
        label=_("signals"),
        section="signals",
        copy=("signal_type", "description", "legal_basis", "created_at", "review_on", "ended_on"),
        order_by=("-created_at", "-pk"),
        activity="signal_type__processing_activity",
        source=Source.STAFF,
        withhold_key="signal",
        retention=(
            Retention(
                "signal",
                label=_("signals"),
                closed_field="ended_on",
                review_field="review_on",
                date_fields=("review_on", "ended_on"),
                kind_field="signal_type__code",
                order=15,
            ),
        ),
        erasure=DELETE,
    ),
}
