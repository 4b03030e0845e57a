"""Review decisions: who may decide a retention review, the rules of a decision (delete now, or
keep until a date with a reason) and recording it.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import actions, engine
from ..limits import keep_date_error
from ..models import RetentionReview, RetentionSchedule

# Seed 002 §5.4c: at most five years before a kept record must be weighed again.
MAX_KEEP_YEARS = 5


def may_decide(user, review: RetentionReview) -> bool:
    if not user.is_authenticated:
        return False
    if review.owner_id is not None and review.owner_id == user.pk:
        return True
    return user.has_perm("retention.decide_retentionreview")


@transaction.atomic
def decide_review(
    review: RetentionReview,
    *,
    user,
    decision: str,
    reason: str = "",
    keep_until: datetime.date | None = None,
    today: datetime.date | None = None,
) -> RetentionReview:
    """Record the owner's explicit decision: delete the record now, or keep it until a date.

    A kept record comes up for review again on that date (a new review, next round).
    """
    today = today or timezone.localdate()
    review = RetentionReview.objects.select_for_update().get(pk=review.pk)
    if review.status != RetentionReview.Status.OPEN:
        raise ValidationError(_("This review has already been decided."))
    if not may_decide(user, review):
        raise ValidationError(_("Only the owner or a privacy officer decides this review."))
    reason = (reason or "").strip()
    validate_decision(review, decision=decision, reason=reason, keep_until=keep_until, today=today)
    rule = review.rule
    target = rule.target_spec
    schedule = (
        RetentionSchedule.objects.select_for_update().filter(pk=review.schedule_id).first()
        if review.schedule_id
        else None
    )
    if decision == RetentionReview.Decision.KEEP:
        if schedule is not None:
            schedule.state = RetentionSchedule.State.PENDING
            schedule.kept_until = keep_until
            schedule.due_on = keep_until
            schedule.save(update_fields=["state", "kept_until", "due_on"])
    else:
        ctx = engine.context_for(rule)
        if target.records().filter(pk=review.object_id).exists():
            actions.delete(target, [review.object_id], ctx)
    review.refresh_from_db(fields=["schedule"])
    review.status = RetentionReview.Status.DECIDED
    review.decision = decision
    review.keep_until = keep_until if decision == RetentionReview.Decision.KEEP else None
    review.reason = reason
    review.decided_by = user
    review.decided_at = timezone.now()
    review.save()
    return review


def validate_decision(review, *, decision, reason, keep_until, today=None) -> None:
    """The rules of a review decision; raises ValidationError with Dutch messages per field."""
    today = today or timezone.localdate()
    errors = {}
    if decision == RetentionReview.Decision.KEEP:
        if not reason:
            errors["reason"] = _("Give the reason to keep the record.")
        if keep_until is None or keep_until <= today:
            errors["keep_until"] = _("Choose a date after today.")
        else:
            # The same limits as a signal's review date (retention.limits): the default period
            # ahead, up to five years with the reason (seed 002 §5.4c).
            target = review.rule.target_spec
            kind = None
            if target is not None and target.available and target.kind_field:
                kind = (
                    target.records()
                    .filter(pk=review.object_id)
                    .values_list(target.kind_field, flat=True)
                    .first()
                )
            message = keep_date_error(
                keep_until, reason=reason, target=review.rule.target, kind=kind, today=today
            )
            if message:
                errors["keep_until"] = message
    elif decision == RetentionReview.Decision.DELETE:
        target = review.rule.target_spec
        if target is None or not target.available:
            errors["decision"] = _("These records are not held in this application.")
        elif engine.HoldIndex(review.content_type, today).blocks(
            review.person_id, review.object_id, removes_more=True
        ):
            errors["decision"] = _("A legal hold keeps this record; it cannot be deleted now.")
        elif (
            review.person_id is not None
            and target.cascades_person
            and (engine.persons_kept_longer([review.person_id], today, exclude_rule=review.rule))
        ):
            errors["decision"] = _("Other data of this person must be kept longer.")
    else:
        errors["decision"] = _("Choose to delete or to keep.")
    if errors:
        raise ValidationError(errors)
