"""Rules of the processing register: purpose binding, approval, agreements, breaches, exports.

Purpose binding, for other apps: a model that records something for a purpose (contact
subject, task kind, signal type) has a ``processing_activity`` foreign key to
``processingregister.ProcessingActivity`` (``on_delete=PROTECT``). Use:

- ``approved_activities()``: the activities that may be chosen;
- ``is_approved(activity)`` / ``validate_approved(activity)``: the rule for one choice;
- ``selectable(queryset)``: rows of such a model whose activity is approved (for forms);
- ``purpose_summary(activity)``: purpose and legal basis in Dutch, for the contact form;
- ``unbound_records()``: every row, of every such model, that is not bound to an approved
  activity (the register pages and the admin show it).
"""

import csv
import datetime
import hashlib
import io
import json
import logging
from dataclasses import dataclass, field

from django.apps import apps as global_apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts import roles

from . import countries, inventory
from .models import (
    ActivityEvent,
    Agreement,
    DataBreach,
    Decision,
    DpiaNeeded,
    LegalBasis,
    PersonalDataCategory,
    ProcessingActivity,
    RegisterVersion,
    utc,
)

logger = logging.getLogger(__name__)

Status = ProcessingActivity.Status
BINDING_FIELD = "processing_activity"
REVIEW_WARNING_DAYS = 30
REVIEW_REMINDER_EVERY_DAYS = 7
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
DOCUMENT_TYPES = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", b"PK\x03\x04"),
}


def next_review_date(day: datetime.date) -> datetime.date:
    """One year later (29 February becomes 28 February): the default review interval."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def _date(value) -> str:
    return formats.date_format(value, "j F Y") if value else ""


def _datetime(value) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y H:i") if value else ""


# --- Purpose binding ------------------------------------------------------------------------------


def approved_activities():
    """The activities a registration may be bound to."""
    return ProcessingActivity.objects.filter(status=Status.APPROVED).order_by("name")


def is_approved(activity) -> bool:
    return activity is not None and activity.status == Status.APPROVED


def validate_approved(activity) -> None:
    """Raise a ValidationError (Dutch) unless ``activity`` is an approved activity."""
    if activity is None:
        raise ValidationError(
            _("Choose the processing activity this registration serves."), code="unbound"
        )
    if not is_approved(activity):
        raise ValidationError(
            _(
                "The processing activity '%(name)s' is not approved (status: %(status)s). "
                "Only approved activities can be chosen."
            )
            % {"name": activity.name, "status": activity.get_status_display()},
            code="not_approved",
        )


def selectable(queryset):
    """Rows of a bound model whose processing activity is approved (may be chosen in forms)."""
    return queryset.filter(**{f"{BINDING_FIELD}__status": Status.APPROVED})


def purpose_summary(activity) -> dict | None:
    """Purpose and legal basis of an activity, in Dutch, for display next to a choice."""
    if activity is None:
        return None
    with translation.override("nl"):
        special = [c.name for c in activity.data_categories.all() if c.is_special]
        return {
            "code": activity.code,
            "name": activity.name,
            "purposes": activity.purposes,
            "legal_basis": activity.legal_basis,
            "legal_basis_label": str(activity.get_legal_basis_display())
            if activity.legal_basis
            else "",
            "legal_basis_explanation": activity.legal_basis_explanation,
            "special_categories": special,
            "retention": str(activity.retention_display()),
            "approved": is_approved(activity),
            "status_label": str(activity.get_status_display()),
        }


# Models that point at an activity for another reason than purpose binding: a retention rule
# may name an activity to refine its period, and is not "unbound" without one. A model can
# also say so itself with ``purpose_binding = False``.
NOT_PURPOSE_BINDING = frozenset({"retention.RetentionRule"})


def bound_models(registry=None) -> list[type[models.Model]]:
    """Every installed model with a ``processing_activity`` FK to ProcessingActivity."""
    registry = registry or global_apps
    found = []
    for model in registry.get_models():
        if model._meta.label in NOT_PURPOSE_BINDING or not getattr(model, "purpose_binding", True):
            continue
        try:
            fk = model._meta.get_field(BINDING_FIELD)
        except FieldDoesNotExist:
            continue
        if fk.is_relation and fk.many_to_one and fk.related_model is ProcessingActivity:
            found.append(model)
    return sorted(found, key=lambda m: m._meta.label)


@dataclass
class UnboundGroup:
    model: type[models.Model]
    records: list
    total: int  # rows of the model that count (active ones, when it has ``is_active``)

    @property
    def label(self) -> str:
        return self.model._meta.label

    @property
    def name(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    @property
    def count(self) -> int:
        return len(self.records)


def _counted_rows(model):
    queryset = model._default_manager.all()
    if any(f.name == "is_active" for f in model._meta.fields):
        queryset = queryset.filter(is_active=True)  # switched-off rows cannot be chosen anyway
    return queryset


def unbound_filter() -> Q:
    return Q(**{f"{BINDING_FIELD}__isnull": True}) | ~Q(
        **{f"{BINDING_FIELD}__status": Status.APPROVED}
    )


def unbound_records(models_to_check=None) -> list[UnboundGroup]:
    """Per bound model, the (active) rows whose activity is missing or not approved.

    Every bound model is listed, also when nothing is unbound, so the pages can show which
    registrations are covered by purpose binding at all.
    """
    groups = []
    for model in models_to_check or bound_models():
        rows = _counted_rows(model)
        records = list(rows.filter(unbound_filter()).select_related(BINDING_FIELD).order_by("pk"))
        groups.append(UnboundGroup(model=model, records=records, total=rows.count()))
    return groups


def unbound_count() -> int:
    return sum(group.count for group in unbound_records())


def bound_record_count(activity) -> int:
    return sum(
        model._default_manager.filter(**{BINDING_FIELD: activity}).count()
        for model in bound_models()
    )


@transaction.atomic
def bind_record(model, pk, activity):
    """Bind one registration to an approved activity (saved, so the audit trail records it,
    with the acting employee from the request)."""
    if model not in bound_models():
        raise ValidationError(_("This kind of registration cannot be bound to an activity."))
    validate_approved(activity)
    record = model._default_manager.select_for_update().get(pk=pk)
    setattr(record, BINDING_FIELD, activity)
    record.save(update_fields=[BINDING_FIELD])
    return record


# --- Approval and status --------------------------------------------------------------------------


def approval_problems(
    activity, *, data_categories=None, subject_categories=None, transfers=None
) -> list[str]:
    """Why ``activity`` cannot be approved (Dutch messages); empty when it can.

    The related lists can be passed in (a form that is not saved yet); otherwise they are read.
    """
    if data_categories is None:
        data_categories = list(activity.data_categories.all()) if activity.pk else []
    if subject_categories is None:
        subject_categories = list(activity.subject_categories.all()) if activity.pk else []
    if transfers is None:
        transfers = list(activity.transfers.all()) if activity.pk else []
    problems = []
    if not activity.purposes.strip():
        problems.append(_("Describe the purposes of the processing."))
    if not activity.process_owner.strip():
        problems.append(_("Name the process owner (a function)."))
    if not activity.legal_basis:
        problems.append(_("Choose the legal basis (art. 6(1) AVG)."))
    elif not activity.legal_basis_explanation.strip():
        problems.append(
            {
                LegalBasis.CONSENT: _(
                    "Explain how consent is asked, recorded and withdrawn (art. 7 AVG)."
                ),
                LegalBasis.CONTRACT: _("Name the contract the processing is necessary for."),
                LegalBasis.LEGAL_OBLIGATION: _("Name the statutory provision that obliges it."),
                LegalBasis.VITAL_INTEREST: _("Explain which vital interest is protected."),
                LegalBasis.PUBLIC_TASK: _("Name the statutory task the processing serves."),
                LegalBasis.LEGITIMATE_INTEREST: _(
                    "Record the balancing test for the legitimate interest."
                ),
            }[activity.legal_basis]
        )
    if not subject_categories:
        problems.append(_("Choose at least one category of data subjects."))
    if not data_categories:
        problems.append(_("Choose at least one category of personal data."))
    special = [c.name for c in data_categories if c.kind == PersonalDataCategory.Kind.SPECIAL]
    if special and not activity.special_category_condition:
        problems.append(
            _(
                "This activity processes special categories of personal data (%(names)s). "
                "Choose the exception of art. 9(2) AVG before approving it."
            )
            % {"names": ", ".join(special)}
        )
    elif special and not activity.special_category_explanation.strip():
        problems.append(
            _("Explain the art. 9(2) exception: which provision, and which limits apply.")
        )
    criminal = [c.name for c in data_categories if c.kind == PersonalDataCategory.Kind.CRIMINAL]
    if criminal and not activity.criminal_data_basis:
        problems.append(
            _(
                "This activity processes criminal data (%(names)s). Choose the basis of art. 10 "
                "AVG (UAVG) before approving it."
            )
            % {"names": ", ".join(criminal)}
        )
    elif criminal and not activity.criminal_data_explanation.strip():
        problems.append(_("Explain the art. 10 basis: which provision, and which limits apply."))
    national_id = [
        c.name for c in data_categories if c.kind == PersonalDataCategory.Kind.NATIONAL_ID
    ]
    if national_id and activity.legal_basis not in (
        LegalBasis.LEGAL_OBLIGATION,
        LegalBasis.PUBLIC_TASK,
    ):
        problems.append(
            _(
                "The citizen service number may only be used where a law prescribes it "
                "(art. 46 UAVG): the legal basis must be a legal obligation or a public task."
            )
        )
    for transfer in transfers:
        if not transfer.safeguard or not transfer.safeguard_details.strip():
            problems.append(
                _(
                    "The transfer to %(country)s (%(recipient)s) has no documented safeguard "
                    "(chapter V AVG)."
                )
                % {"country": countries.name(transfer.country), "recipient": transfer.recipient}
            )
    if activity.retention_period is None or not activity.retention_trigger:
        problems.append(
            _("Record the retention period: a period and the moment it is counted from.")
        )
    if not activity.security_measures.strip():
        problems.append(_("Describe the technical and organisational security measures."))
    if activity.dpia_needed == DpiaNeeded.UNDETERMINED:
        problems.append(_("Decide whether a DPIA is needed (art. 35 AVG)."))
    elif activity.dpia_needed == DpiaNeeded.YES and not activity.dpia_reference.strip():
        problems.append(_("A DPIA is needed: enter the reference of the DPIA."))
    if activity.review_date and activity.review_date < timezone.localdate():
        problems.append(_("The review date is in the past."))
    return problems


def attention_notes(activity, data_categories=None, subject_categories=None) -> list[str]:
    """Points for the officer that do not block approval (shown on the activity page)."""
    if data_categories is None:
        data_categories = list(activity.data_categories.all())
    if subject_categories is None:
        subject_categories = list(activity.subject_categories.all())
    notes = []
    sensitive = any(c.kind != PersonalDataCategory.Kind.ORDINARY for c in data_categories)
    vulnerable = any(c.is_vulnerable for c in subject_categories)
    if (sensitive or vulnerable) and activity.dpia_needed == DpiaNeeded.NO:
        notes.append(
            _(
                "Special or criminal data or vulnerable data subjects, but no DPIA: make sure "
                "the explanation says why none is needed."
            )
        )
    if activity.pk:
        for agreement in activity.agreements.all():
            if agreement.end_date and agreement.end_date < timezone.localdate():
                notes.append(
                    _("Agreement %(ref)s with %(party)s expired on %(date)s.")
                    % {
                        "ref": agreement.reference,
                        "party": agreement.party.name,
                        "date": _date(agreement.end_date),
                    }
                )
    return notes


def allowed_actions(activity) -> list[str]:
    return {
        Status.DRAFT: ["submit", "approve", "retire"],
        Status.IN_REVIEW: ["approve", "return", "retire"],
        Status.APPROVED: ["review", "retire"],
        Status.RETIRED: [],
    }[activity.status]


def _event(activity, kind, from_status, user, note=""):
    return ActivityEvent.objects.create(
        activity=activity,
        kind=kind,
        from_status=from_status,
        to_status=activity.status,
        by=user if user and user.is_authenticated else None,
        note=note,
    )


def _refuse_unless(activity, action):
    if action not in allowed_actions(activity):
        raise ValidationError(
            _("This is not possible for an activity with status '%(status)s'.")
            % {"status": activity.get_status_display()}
        )


def record_created(activity, user=None):
    _event(activity, ActivityEvent.Kind.CREATED, "", user)


@transaction.atomic
def submit_for_review(activity, user, note=""):
    _refuse_unless(activity, "submit")
    previous = activity.status
    activity.status = Status.IN_REVIEW
    activity.save(update_fields=["status", "updated_at"])
    return _event(activity, ActivityEvent.Kind.SUBMITTED, previous, user, note)


@transaction.atomic
def approve(activity, user, note=""):
    """Approve an activity; refused (ValidationError with every reason) when incomplete."""
    _refuse_unless(activity, "approve")
    problems = approval_problems(activity)
    if problems:
        raise ValidationError(problems)
    previous = activity.status
    activity.status = Status.APPROVED
    activity.approved_at = timezone.now()
    if activity.review_date is None:
        activity.review_date = next_review_date(timezone.localdate())
    activity.save(update_fields=["status", "approved_at", "review_date", "updated_at"])
    return _event(activity, ActivityEvent.Kind.APPROVED, previous, user, note)


@transaction.atomic
def return_to_draft(activity, user, note):
    _refuse_unless(activity, "return")
    if not note.strip():
        raise ValidationError(_("Say what must change before the activity can be approved."))
    previous = activity.status
    activity.status = Status.DRAFT
    activity.save(update_fields=["status", "updated_at"])
    return _event(activity, ActivityEvent.Kind.RETURNED, previous, user, note)


@transaction.atomic
def retire(activity, user, note="", replaced_by=None, move_bindings=False) -> int:
    """Retire an activity, optionally replaced by another. Returns the number of registrations
    moved to the replacement (``move_bindings``) -- the others become unbound."""
    _refuse_unless(activity, "retire")
    if replaced_by is not None:
        if replaced_by.pk == activity.pk:
            raise ValidationError(_("An activity cannot replace itself."))
        if replaced_by.status == Status.RETIRED:
            raise ValidationError(_("The replacement is retired itself; choose a current one."))
    if move_bindings and not is_approved(replaced_by):
        raise ValidationError(_("Registrations can only be moved to an approved replacement."))
    previous = activity.status
    activity.status = Status.RETIRED
    activity.replaced_by = replaced_by
    activity.save(update_fields=["status", "replaced_by", "updated_at"])
    moved = 0
    if move_bindings:
        for model in bound_models():
            for record in model._default_manager.filter(**{BINDING_FIELD: activity}):
                setattr(record, BINDING_FIELD, replaced_by)
                record.save(update_fields=[BINDING_FIELD])
                moved += 1
    _event(activity, ActivityEvent.Kind.RETIRED, previous, user, note)
    return moved


@transaction.atomic
def mark_reviewed(activity, user, note="", next_review=None):
    _refuse_unless(activity, "review")
    today = timezone.localdate()
    next_review = next_review or next_review_date(today)
    if next_review <= today:
        raise ValidationError(_("The next review date must be in the future."))
    activity.last_reviewed_on = today
    activity.review_date = next_review
    activity.review_reminder_sent_on = None
    activity.save(
        update_fields=["last_reviewed_on", "review_date", "review_reminder_sent_on", "updated_at"]
    )
    return _event(activity, ActivityEvent.Kind.REVIEWED, activity.status, user, note)


# --- Agreements -----------------------------------------------------------------------------------


def agreement_state(agreement, day=None) -> str:
    """'future', 'in_force', 'expiring' (inside the warning window) or 'expired'."""
    day = day or timezone.localdate()
    if agreement.start_date > day:
        return "future"
    if agreement.end_date is None:
        return "in_force"
    if agreement.end_date < day:
        return "expired"
    if agreement.end_date - day <= datetime.timedelta(days=agreement.expiry_warning_days):
        return "expiring"
    return "in_force"


def recipients_of(activity, day=None) -> list[Agreement]:
    """The activity's recipients: the parties of its agreements in force (not typed twice)."""
    day = day or timezone.localdate()
    return sorted(
        (a for a in activity.agreements.all() if a.is_in_force(day)),
        key=lambda a: (a.party.name, a.reference),
    )


def expiring_agreements(day=None) -> list[Agreement]:
    day = day or timezone.localdate()
    candidates = Agreement.objects.filter(end_date__isnull=False, end_date__gte=day)
    return [
        a
        for a in candidates.select_related("party").order_by("end_date")
        if agreement_state(a, day) == "expiring"
    ]


def store_document(agreement, uploaded) -> None:
    """Keep the signed document with the agreement (PDF, DOCX or ODT, at most 10 MB)."""
    name = uploaded.name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in DOCUMENT_TYPES:
        raise ValidationError(_("Upload the agreement as a PDF, DOCX or ODT file."))
    if uploaded.size > DOCUMENT_MAX_BYTES:
        raise ValidationError(_("The document is larger than 10 MB."))
    content = b"".join(uploaded.chunks())
    content_type, magic = DOCUMENT_TYPES[suffix]
    if not content.startswith(magic):
        raise ValidationError(
            _("The file is not a real %(kind)s document.") % {"kind": suffix[1:].upper()}
        )
    agreement.document_name = name[:200]
    agreement.document_content_type = content_type
    agreement.document_size = len(content)
    agreement.document_sha256 = hashlib.sha256(content).hexdigest()
    agreement.document_uploaded_at = timezone.now()
    agreement.document_content = content


# --- Data breaches --------------------------------------------------------------------------------


@dataclass
class BreachState:
    deadline: datetime.datetime
    remaining: datetime.timedelta  # negative once the deadline has passed
    authority_pending: bool  # no decision yet, or decided to notify and not notified yet
    overdue: bool
    notified_late: bool
    pending: list[str] = field(default_factory=list)


def breach_state(breach, now=None) -> BreachState:
    now = utc(now or timezone.now())
    deadline = breach.deadline  # in UTC: remaining and overdue count real elapsed time
    authority_pending = breach.closed_at is None and (
        breach.authority_decision == Decision.PENDING
        or (breach.authority_decision == Decision.NOTIFY and breach.authority_notified_at is None)
    )
    pending = []
    if breach.closed_at is None:
        if breach.authority_decision == Decision.PENDING:
            pending.append(_("decide whether to notify the AP"))
        elif breach.authority_decision == Decision.NOTIFY and not breach.authority_notified_at:
            pending.append(_("notify the AP"))
        if breach.subjects_decision == Decision.PENDING:
            pending.append(_("decide whether to inform the data subjects"))
        elif breach.subjects_decision == Decision.NOTIFY and not breach.subjects_notified_at:
            pending.append(_("inform the data subjects"))
    return BreachState(
        deadline=deadline,
        remaining=deadline - now,
        authority_pending=authority_pending,
        overdue=authority_pending and now > deadline,
        notified_late=bool(
            breach.authority_notified_at and utc(breach.authority_notified_at) > deadline
        ),
        pending=pending,
    )


def format_remaining(remaining: datetime.timedelta) -> str:
    """'41 hours 12 minutes left' / '3 hours overdue' / '5 minutes left', in whole minutes."""
    minutes = int(abs(remaining.total_seconds()) // 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(ngettext("%(h)d hour", "%(h)d hours", hours) % {"h": hours})
    if minutes or not hours:
        parts.append(ngettext("%(m)d minute", "%(m)d minutes", minutes) % {"m": minutes})
    amount = " ".join(parts)
    if remaining.total_seconds() >= 0:
        return _("%(amount)s left") % {"amount": amount}
    return _("%(amount)s overdue") % {"amount": amount}


def next_breach_reference(day=None) -> str:
    year = (day or timezone.localdate()).year
    prefix = f"DL-{year}-"
    numbers = [
        int(ref.rsplit("-", 1)[1])
        for ref in DataBreach.objects.filter(reference__startswith=prefix).values_list(
            "reference", flat=True
        )
        if ref.rsplit("-", 1)[1].isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def register_breach(breach, user=None, notify=True):
    """Save a new breach with the next reference; tell the privacy officers at once."""
    breach.reported_by = user if user and user.is_authenticated else None
    _stamp_decisions(breach, None)
    for _attempt in range(5):
        breach.reference = next_breach_reference(timezone.localdate(breach.aware_at))
        try:
            with transaction.atomic():
                breach.save()
            break
        except IntegrityError:
            breach.pk = None  # another breach took the number: try the next one
    else:
        raise IntegrityError("No free data-breach reference")
    if notify:
        transaction.on_commit(lambda: notify_new_breach(breach.pk))
    return breach


def update_breach(breach, previous):
    """Save changes; note when a notification decision was taken."""
    _stamp_decisions(breach, previous)
    breach.save()
    return breach


def _stamp_decisions(breach, previous):
    now = timezone.now()
    for decision, stamp in (
        ("authority_decision", "authority_decided_at"),
        ("subjects_decision", "subjects_decided_at"),
    ):
        value = getattr(breach, decision)
        before = getattr(previous, decision) if previous else Decision.PENDING
        if value == Decision.PENDING:
            setattr(breach, stamp, None)
        elif value != before or getattr(breach, stamp) is None:
            setattr(breach, stamp, now)


def open_breaches():
    return DataBreach.objects.filter(closed_at__isnull=True).order_by("aware_at")


# --- Reminders (Celery tasks call these) ----------------------------------------------------------


def privacy_officers():
    return (
        global_apps.get_model(settings.AUTH_USER_MODEL)
        .objects.filter(groups__name=roles.PRIVACY_OFFICER, is_active=True)
        .exclude(email="")
        .distinct()
    )


def _mail(subject: str, lines: list[str], extra_recipients=()) -> int:
    recipients = sorted({u.email for u in privacy_officers()} | set(extra_recipients))
    if not recipients:
        logger.warning("Processing register reminder not sent: no privacy officer with e-mail")
        return 0
    body = "\n".join(
        [*lines, "", _("This message was sent by Klantcontact (processing register).")]
    )
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


def notify_new_breach(breach_id) -> None:
    breach = DataBreach.objects.filter(pk=breach_id).first()
    if breach is None:
        return
    with translation.override("nl"):
        state = breach_state(breach)
        _mail(
            _("New data breach %(ref)s: decide within 72 hours") % {"ref": breach.reference},
            [
                _("A data breach was registered: %(ref)s %(title)s.")
                % {"ref": breach.reference, "title": breach.title},
                _("Aware since: %(at)s. Deadline for notifying the AP: %(deadline)s.")
                % {"at": _datetime(breach.aware_at), "deadline": _datetime(state.deadline)},
                _("Open it: %(path)s")
                % {"path": reverse("processingregister:breach_detail", args=[breach.pk])},
            ],
        )


def breach_reminder_interval(state: BreachState) -> datetime.timedelta:
    if state.authority_pending and state.remaining <= datetime.timedelta(hours=24):
        return datetime.timedelta(hours=4)
    if state.authority_pending:
        return datetime.timedelta(hours=12)
    return datetime.timedelta(hours=24)  # only the data subjects still wait


def send_breach_reminders(now=None) -> int:
    """Remind the officers of every open breach with a pending decision. Returns the number
    of breaches reminded about; safe to run twice (``last_reminder_at``)."""
    now = utc(now or timezone.now())
    reminded = 0
    with translation.override("nl"):
        for breach in open_breaches():
            state = breach_state(breach, now)
            if not state.pending:
                continue
            interval = breach_reminder_interval(state)
            if breach.last_reminder_at and now - breach.last_reminder_at < interval:
                continue
            with transaction.atomic():
                locked = DataBreach.objects.select_for_update().get(pk=breach.pk)
                if locked.last_reminder_at and now - locked.last_reminder_at < interval:
                    continue
                if state.overdue:
                    subject = _("OVERDUE: data breach %(ref)s, the 72 hours have passed") % {
                        "ref": breach.reference
                    }
                else:
                    subject = _("Reminder: data breach %(ref)s awaits a decision") % {
                        "ref": breach.reference
                    }
                lines = [
                    f"{breach.reference} {breach.title}",
                    _("Still to do: %(items)s.") % {"items": ", ".join(state.pending)},
                ]
                if state.authority_pending:
                    lines.append(
                        _("Deadline for the AP: %(deadline)s (%(remaining)s).")
                        % {
                            "deadline": _datetime(state.deadline),
                            "remaining": format_remaining(state.remaining),
                        }
                    )
                lines.append(
                    _("Open it: %(path)s")
                    % {"path": reverse("processingregister:breach_detail", args=[breach.pk])}
                )
                _mail(subject, lines)
                DataBreach.objects.filter(pk=breach.pk).update(last_reminder_at=now)
                reminded += 1
    return reminded


def agreements_to_warn(day=None) -> list[Agreement]:
    """Agreements inside their warning window that were not yet warned about for this date."""
    return [a for a in expiring_agreements(day) if a.expiry_reminder_sent_for != a.end_date]


def send_expiry_reminders(day=None) -> int:
    day = day or timezone.localdate()
    due = agreements_to_warn(day)
    if not due:
        return 0
    with translation.override("nl"):
        lines = [_("These agreements expire soon; extend, replace or end them:")]
        for agreement in due:
            linked = ", ".join(a.name for a in agreement.activities.all()) or "-"
            lines.append(
                _("- %(ref)s %(title)s (%(party)s): expires on %(date)s; activities: %(linked)s")
                % {
                    "ref": agreement.reference,
                    "title": agreement.title,
                    "party": agreement.party.name,
                    "date": _date(agreement.end_date),
                    "linked": linked,
                }
            )
        lines.append(
            _("Open the list: %(path)s") % {"path": reverse("processingregister:agreements")}
        )
        _mail(
            ngettext(
                "%(count)d processor agreement expires soon",
                "%(count)d processor agreements expire soon",
                len(due),
            )
            % {"count": len(due)},
            lines,
        )
    Agreement.objects.filter(pk__in=[a.pk for a in due]).update(
        expiry_reminder_sent_for=models.F("end_date")
    )
    return len(due)


def reviews_due(day=None):
    day = day or timezone.localdate()
    return (
        ProcessingActivity.objects.filter(
            status=Status.APPROVED,
            review_date__lte=day + datetime.timedelta(days=REVIEW_WARNING_DAYS),
        )
        .select_related("owner_user")
        .order_by("review_date")
    )


def send_review_reminders(day=None) -> int:
    """Remind of approved activities whose review date is near or past; at most weekly each."""
    day = day or timezone.localdate()
    since = day - datetime.timedelta(days=REVIEW_REMINDER_EVERY_DAYS)
    due = [
        a
        for a in reviews_due(day)
        if a.review_reminder_sent_on is None or a.review_reminder_sent_on <= since
    ]
    if not due:
        return 0
    with translation.override("nl"):
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
                    "date": _date(activity.review_date),
                }
            )
        lines.append(
            _("Open the register: %(path)s") % {"path": reverse("processingregister:activities")}
        )
        owners = {a.owner_user.email for a in due if a.owner_user and a.owner_user.email}
        _mail(
            ngettext(
                "%(count)d processing activity is due for review",
                "%(count)d processing activities are due for review",
                len(due),
            )
            % {"count": len(due)},
            lines,
            extra_recipients=owners,
        )
    ProcessingActivity.objects.filter(pk__in=[a.pk for a in due]).update(
        review_reminder_sent_on=day
    )
    return len(due)


# --- The register and its exports -----------------------------------------------------------------


def register_queryset():
    return ProcessingActivity.objects.select_related(
        "controller", "department", "replaced_by"
    ).prefetch_related(
        "subject_categories",
        "data_categories",
        "systems",
        "transfers",
        Prefetch("agreements", queryset=Agreement.objects.select_related("party")),
    )


def filter_activities(queryset, *, department="", status="", legal_basis="", q=""):
    if department:
        queryset = queryset.filter(department__code=department)
    if status == "all":
        pass
    elif status:
        queryset = queryset.filter(status=status)
    else:
        queryset = queryset.exclude(status=Status.RETIRED)
    if legal_basis:
        queryset = queryset.filter(legal_basis=legal_basis)
    if q:
        queryset = queryset.filter(
            Q(name__icontains=q) | Q(code__icontains=q) | Q(purposes__icontains=q)
        )
    return queryset.order_by("department__name", "name")


@dataclass(frozen=True)
class ExportField:
    key: str
    label: str
    article: str = ""


def _f(key, label, article=""):
    return ExportField(key, label, article)


# Every item of art. 30(1) AVG, and what the AVG officer adds to it. Both exports use this list.
EXPORT_FIELDS = (
    _f("code", gettext_lazy("Code")),
    _f("name", gettext_lazy("Processing activity")),
    _f("status", gettext_lazy("Status")),
    _f("department", gettext_lazy("Department")),
    _f("process_owner", gettext_lazy("Process owner")),
    _f("controller", gettext_lazy("Controller and contact details"), gettext_lazy("art. 30(1)(a)")),
    _f("joint_controllers", gettext_lazy("Joint controllers"), gettext_lazy("art. 30(1)(a)")),
    _f(
        "representative",
        gettext_lazy("Representative of the controller"),
        gettext_lazy("art. 30(1)(a)"),
    ),
    _f("dpo", gettext_lazy("Data protection officer"), gettext_lazy("art. 30(1)(a)")),
    _f("purposes", gettext_lazy("Purposes of the processing"), gettext_lazy("art. 30(1)(b)")),
    _f("legal_basis", gettext_lazy("Legal basis"), gettext_lazy("art. 6(1)")),
    _f(
        "subject_categories",
        gettext_lazy("Categories of data subjects"),
        gettext_lazy("art. 30(1)(c)"),
    ),
    _f(
        "data_categories",
        gettext_lazy("Categories of personal data"),
        gettext_lazy("art. 30(1)(c)"),
    ),
    _f(
        "special_categories",
        gettext_lazy("Special categories: exception"),
        gettext_lazy("art. 9(2)"),
    ),
    _f("criminal_data", gettext_lazy("Criminal data: basis"), gettext_lazy("art. 10")),
    _f("recipients", gettext_lazy("Categories of recipients"), gettext_lazy("art. 30(1)(d)")),
    _f(
        "transfers",
        gettext_lazy("Transfers to third countries and safeguards"),
        gettext_lazy("art. 30(1)(e)"),
    ),
    _f("retention", gettext_lazy("Time limits for erasure"), gettext_lazy("art. 30(1)(f)")),
    _f(
        "retention_rules",
        gettext_lazy("Retention rules the application enforces"),
        gettext_lazy("art. 30(1)(f)"),
    ),
    _f(
        "security_measures",
        gettext_lazy("Technical and organisational measures"),
        gettext_lazy("art. 30(1)(g)"),
    ),
    _f("internal_access", gettext_lazy("Internal access")),
    _f("systems", gettext_lazy("Systems")),
    _f("dpia", gettext_lazy("DPIA"), gettext_lazy("art. 35")),
    _f("review", gettext_lazy("Review")),
    _f("replaced_by", gettext_lazy("Replaced by")),
)
# Fields whose lines are separate items (shown as a list); the others are paragraphs.
LIST_FIELDS = frozenset(
    {
        "subject_categories",
        "data_categories",
        "recipients",
        "transfers",
        "systems",
        "retention_rules",
    }
)
ARTICLE_30_KEYS = (
    "controller",
    "joint_controllers",
    "representative",
    "dpo",
    "purposes",
    "subject_categories",
    "data_categories",
    "recipients",
    "transfers",
    "retention",
    "security_measures",
)


def controller_lines(controller) -> list[str]:
    lines = [controller.name, *[line for line in controller.address.splitlines() if line.strip()]]
    contact = [controller.email, controller.phone, controller.website]
    lines.append(" · ".join(part for part in contact if part))
    if controller.chamber_of_commerce_number:
        lines.append(
            _("Chamber of Commerce %(number)s") % {"number": controller.chamber_of_commerce_number}
        )
    return lines


def dpo_lines(controller) -> list[str]:
    contact = " · ".join(p for p in (controller.dpo_email, controller.dpo_phone) if p)
    return [controller.dpo_name, contact]


def retention_rule_lines(activity, data_categories) -> list[str]:
    """The retention rules of the retention app that apply to this activity: its own, and
    the general rules for its data categories. Empty when that app is not installed."""
    try:
        rule_model = global_apps.get_model("retention", "RetentionRule")
    except LookupError:
        return []
    day = timezone.localdate()
    rules = (
        rule_model.objects.filter(
            Q(processing_activity=activity)
            | Q(processing_activity__isnull=True, data_category__in=data_categories)
        )
        .filter(Q(active_to__isnull=True) | Q(active_to__gte=day))
        .select_related("data_category")
        .order_by("data_category__name", "name")
    )
    return [
        _("%(name)s (%(category)s): %(period)s after %(trigger)s, then %(action)s.")
        % {
            "name": rule.name,
            "category": rule.data_category.name,
            "period": rule.period_display(),
            "trigger": rule.get_trigger_display(),
            "action": rule.get_action_display(),
        }
        for rule in rules
    ]


def export_record(activity, day=None) -> dict[str, list[str]]:
    """The register entry of one activity: for each EXPORT_FIELDS key, its lines (Dutch)."""
    day = day or timezone.localdate()
    controller = activity.controller
    recipients = recipients_of(activity, day)
    data_categories = list(activity.data_categories.all())
    special = [c.name for c in data_categories if c.is_special]
    criminal = [c.name for c in data_categories if c.is_criminal]
    none_text = _("None")
    record = {
        "code": [activity.code],
        "name": [activity.name],
        "status": [str(activity.get_status_display())],
        "department": [activity.department.name],
        "process_owner": [activity.process_owner],
        "controller": controller_lines(controller),
        "joint_controllers": [
            f"{a.party.name} ({a.reference} {a.title})"
            for a in recipients
            if a.role == Agreement.Role.JOINT_CONTROLLER
        ]
        or [none_text],
        "representative": [
            controller.representative or _("Not applicable (established in the EU)")
        ],
        "dpo": dpo_lines(controller),
        "purposes": [activity.purposes],
        "legal_basis": [
            str(activity.get_legal_basis_display()) if activity.legal_basis else "",
            activity.legal_basis_explanation,
        ],
        "subject_categories": [
            c.name + (" " + _("(vulnerable group)") if c.is_vulnerable else "")
            for c in activity.subject_categories.all()
        ],
        "data_categories": [
            c.name
            + {
                PersonalDataCategory.Kind.SPECIAL: " " + _("(special category)"),
                PersonalDataCategory.Kind.CRIMINAL: " " + _("(criminal data)"),
                PersonalDataCategory.Kind.NATIONAL_ID: " " + _("(national identification number)"),
            }.get(c.kind, "")
            for c in data_categories
        ],
        "special_categories": (
            [
                ", ".join(special),
                str(activity.get_special_category_condition_display()),
                activity.special_category_explanation,
            ]
            if special
            else [_("No special categories of personal data")]
        ),
        "criminal_data": (
            [
                ", ".join(criminal),
                str(activity.get_criminal_data_basis_display()),
                activity.criminal_data_explanation,
            ]
            if criminal
            else [_("No criminal data")]
        ),
        "recipients": [
            _("%(party)s, %(role)s (%(ref)s, until %(end)s)")
            % {
                "party": a.party.name,
                "role": a.get_role_display(),
                "ref": a.reference,
                "end": _date(a.end_date) if a.end_date else _("indefinite"),
            }
            for a in recipients
        ]
        + ([activity.statutory_recipients] if activity.statutory_recipients.strip() else [])
        or [none_text],
        "transfers": [
            _("%(recipient)s in %(country)s: %(safeguard)s. %(details)s")
            % {
                "recipient": t.recipient,
                "country": countries.name(t.country),
                "safeguard": t.get_safeguard_display(),
                "details": t.safeguard_details,
            }
            for t in activity.transfers.all()
        ]
        or [_("No transfers outside the EEA")],
        "retention": [str(activity.retention_display()), activity.retention_explanation],
        "retention_rules": retention_rule_lines(activity, data_categories),
        "security_measures": [activity.security_measures],
        "internal_access": [activity.internal_access],
        "systems": [s.name for s in activity.systems.all()],
        "dpia": [
            _("DPIA needed: %(answer)s") % {"answer": activity.get_dpia_needed_display()},
            _("Reference: %(reference)s") % {"reference": activity.dpia_reference}
            if activity.dpia_reference
            else "",
            activity.dpia_explanation,
        ],
        "review": [
            _("Next review: %(date)s") % {"date": _date(activity.review_date)}
            if activity.review_date
            else "",
            _("Last reviewed: %(date)s") % {"date": _date(activity.last_reviewed_on)}
            if activity.last_reviewed_on
            else "",
        ],
        "replaced_by": [activity.replaced_by.name] if activity.replaced_by else [],
    }
    return {key: [line for line in lines if line and line.strip()] for key, lines in record.items()}


def register_fingerprint() -> str:
    """A hash of the approved register's content; it changes when the register changes."""
    with translation.override("nl"):
        day = timezone.localdate()
        content = [
            export_record(a, day)
            for a in register_queryset().filter(status=Status.APPROVED).order_by("code")
        ]
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


@transaction.atomic
def current_version(user=None) -> RegisterVersion:
    """The register's version; a new number when the approved content changed since the last."""
    fingerprint = register_fingerprint()
    latest = RegisterVersion.objects.select_for_update().order_by("-number").first()
    if latest is not None and latest.fingerprint == fingerprint:
        return latest
    return RegisterVersion.objects.create(
        number=(latest.number + 1) if latest else 1,
        fingerprint=fingerprint,
        created_by=user if user and user.is_authenticated else None,
    )


def _csv_safe(value: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def register_csv(activities, day=None) -> str:
    """The register as CSV for Dutch spreadsheets: ';' separated, UTF-8 with BOM."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [f"{f.label} ({f.article})" if f.article else str(f.label) for f in EXPORT_FIELDS]
    )
    for activity in activities:
        record = export_record(activity, day)
        writer.writerow([_csv_safe("\n".join(record[f.key])) for f in EXPORT_FIELDS])
    return buffer.getvalue()


def breach_csv(breaches) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Reference"),
            _("Short description"),
            _("Aware at"),
            _("Deadline (72 hours)"),
            _("Nature"),
            _("Cause"),
            _("Categories of personal data"),
            _("Categories of data subjects"),
            _("Approximate number of data subjects"),
            _("Approximate number of records"),
            _("Likely consequences"),
            _("Measures"),
            _("Risk"),
            _("Processor"),
            _("AP: decision"),
            _("AP: reasons"),
            _("AP: notified at"),
            _("AP: reference"),
            _("Reasons for the delay"),
            _("Data subjects: decision"),
            _("Data subjects: reasons"),
            _("Data subjects: informed at"),
            _("Closed at"),
        ]
    )
    for b in breaches:
        nature = [
            str(label)
            for flag, label in (
                (b.confidentiality, DataBreach._meta.get_field("confidentiality").verbose_name),
                (b.integrity, DataBreach._meta.get_field("integrity").verbose_name),
                (b.availability, DataBreach._meta.get_field("availability").verbose_name),
            )
            if flag
        ]
        row = [
            b.reference,
            b.title,
            _datetime(b.aware_at),
            _datetime(b.deadline),
            ", ".join(nature),
            b.get_cause_display(),
            ", ".join(c.name for c in b.data_categories.all()),
            ", ".join(c.name for c in b.subject_categories.all()),
            "" if b.subjects_count is None else str(b.subjects_count),
            "" if b.records_count is None else str(b.records_count),
            b.consequences,
            b.measures,
            b.get_risk_display(),
            str(b.processor_agreement.party) if b.processor_agreement else "",
            b.get_authority_decision_display(),
            b.authority_decision_reason,
            _datetime(b.authority_notified_at),
            b.authority_reference,
            b.delay_reason,
            b.get_subjects_decision_display(),
            b.subjects_decision_reason,
            _datetime(b.subjects_notified_at),
            _datetime(b.closed_at),
        ]
        writer.writerow([_csv_safe(str(value)) for value in row])
    return buffer.getvalue()


# --- Inventory and what needs attention -----------------------------------------------------------


@dataclass
class InventoryRow:
    category: PersonalDataCategory | None
    code: str
    fields: list
    activities: list

    @property
    def by_model(self) -> list[tuple[str, str, list[str]]]:
        """(model name, model label, field names) per model, in declaration order."""
        grouped: dict[str, tuple[str, list[str]]] = {}
        for stored in self.fields:
            grouped.setdefault(stored.model_label, (stored.model_name, []))[1].append(
                stored.field_name
            )
        return [(name, label, names) for label, (name, names) in grouped.items()]

    @property
    def drift(self) -> bool:
        """Stored in the database, but in no approved activity of the register."""
        return bool(self.fields) and not self.activities


def inventory_overview() -> list[InventoryRow]:
    stored = inventory.stored_fields()
    categories = {c.code: c for c in PersonalDataCategory.objects.all()}
    approved = approved_activities().prefetch_related("data_categories")
    covered: dict[str, list] = {}
    for activity in approved:
        for category in activity.data_categories.all():
            covered.setdefault(category.code, []).append(activity)
    codes = sorted(
        {row.category for row in stored} | set(covered),
        key=lambda code: categories[code].name if code in categories else code,
    )
    return [
        InventoryRow(
            category=categories.get(code),
            code=code,
            fields=[row for row in stored if row.category == code],
            activities=covered.get(code, []),
        )
        for code in codes
    ]


@dataclass
class Attention:
    level: str  # "danger", "warning" or "info"
    text: str
    url: str = ""


def attention_points(now=None) -> list[Attention]:
    """What the privacy officer should look at, most urgent first."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    points = []
    for breach in open_breaches():
        state = breach_state(breach, now)
        url = reverse("processingregister:breach_detail", args=[breach.pk])
        if state.overdue:
            points.append(
                Attention(
                    "danger",
                    _("Data breach %(ref)s: the 72 hours have passed (%(remaining)s).")
                    % {"ref": breach.reference, "remaining": format_remaining(state.remaining)},
                    url,
                )
            )
        elif state.authority_pending:
            points.append(
                Attention(
                    "danger" if state.remaining <= datetime.timedelta(hours=24) else "warning",
                    _("Data breach %(ref)s: decide on notifying the AP (%(remaining)s).")
                    % {"ref": breach.reference, "remaining": format_remaining(state.remaining)},
                    url,
                )
            )
        elif state.pending:
            points.append(
                Attention(
                    "info",
                    _("Data breach %(ref)s: %(items)s.")
                    % {"ref": breach.reference, "items": ", ".join(state.pending)},
                    url,
                )
            )
    activities_url = reverse("processingregister:activities")
    for activity in reviews_due(today):
        url = reverse("processingregister:activity_detail", args=[activity.code])
        if activity.review_date < today:
            points.append(
                Attention(
                    "danger",
                    _("%(name)s: the review was due on %(date)s.")
                    % {"name": activity.name, "date": _date(activity.review_date)},
                    url,
                )
            )
        else:
            points.append(
                Attention(
                    "warning",
                    _("%(name)s: review due on %(date)s.")
                    % {"name": activity.name, "date": _date(activity.review_date)},
                    url,
                )
            )
    approved_with_agreements = (
        Agreement.objects.filter(activities__status=Status.APPROVED, end_date__lt=today)
        .select_related("party")
        .distinct()
    )
    for agreement in approved_with_agreements:
        points.append(
            Attention(
                "danger",
                _(
                    "Agreement %(ref)s with %(party)s expired on %(date)s, but approved "
                    "activities still rely on it."
                )
                % {
                    "ref": agreement.reference,
                    "party": agreement.party.name,
                    "date": _date(agreement.end_date),
                },
                reverse("processingregister:agreements"),
            )
        )
    for agreement in expiring_agreements(today):
        points.append(
            Attention(
                "warning",
                _("Agreement %(ref)s with %(party)s expires on %(date)s.")
                % {
                    "ref": agreement.reference,
                    "party": agreement.party.name,
                    "date": _date(agreement.end_date),
                },
                reverse("processingregister:agreements"),
            )
        )
    unbound = unbound_count()
    if unbound:
        points.append(
            Attention(
                "warning",
                ngettext(
                    "%(count)d registration is not bound to an approved processing activity.",
                    "%(count)d registrations are not bound to an approved processing activity.",
                    unbound,
                )
                % {"count": unbound},
                reverse("processingregister:unbound"),
            )
        )
    drift = [row for row in inventory_overview() if row.drift]
    if drift:
        points.append(
            Attention(
                "warning",
                _(
                    "The database holds %(names)s, but no approved processing activity names "
                    "these categories."
                )
                % {
                    "names": ", ".join(
                        row.category.name if row.category else row.code for row in drift
                    )
                },
                reverse("processingregister:inventory"),
            )
        )
    waiting = ProcessingActivity.objects.filter(status=Status.IN_REVIEW).count()
    if waiting:
        points.append(
            Attention(
                "info",
                ngettext(
                    "%(count)d processing activity awaits your review.",
                    "%(count)d processing activities await your review.",
                    waiting,
                )
                % {"count": waiting},
                activities_url + "?status=in_review",
            )
        )
    return points
