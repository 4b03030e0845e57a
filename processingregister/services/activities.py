"""Processing activities: what approval needs, notes for the officer, and the status flow."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import countries, selectors
from ..formatting import date_text
from ..models import (
    ActivityEvent,
    DpiaNeeded,
    LegalBasis,
    PersonalDataCategory,
)
from ..selectors import BINDING_FIELD, Status
from .binding import is_approved


def next_review_date(day: datetime.date) -> datetime.date:
    """One year later (29 February becomes 28 February): the default review interval."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


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
    return [
        *_purpose_problems(activity),
        *_category_problems(activity, data_categories, subject_categories),
        *_transfer_problems(transfers),
        *_safeguard_problems(activity),
    ]


def _purpose_problems(activity) -> list[str]:
    """The purposes, the process owner, and the legal basis with its explanation."""
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
    return problems


def _category_problems(activity, data_categories, subject_categories) -> list[str]:
    """At least one category of each kind; the conditions of art. 9 and 10 AVG, art. 46 UAVG."""
    problems = []
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
    return problems


def _transfer_problems(transfers) -> list[str]:
    """Transfers outside the EEA need a documented safeguard (chapter V AVG)."""
    problems = []
    for transfer in transfers:
        if not transfer.safeguard or not transfer.safeguard_details.strip():
            problems.append(
                _(
                    "The transfer to %(country)s (%(recipient)s) has no documented safeguard "
                    "(chapter V AVG)."
                )
                % {"country": countries.name(transfer.country), "recipient": transfer.recipient}
            )
    return problems


def _safeguard_problems(activity) -> list[str]:
    """Retention, security measures, the DPIA decision and the review date."""
    problems = []
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
                        "date": date_text(agreement.end_date),
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
        for model in selectors.bound_models():
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
