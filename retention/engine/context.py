"""What every part of the retention engine shares: its settings (batch sizes, the time budget of
a task), the states of a due date, the texts written into the data (in the product language,
whoever runs the job) and the order in which rules are handled."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.translation import gettext as _

from .. import actions
from ..models import Action, RetentionRule, RetentionSchedule

BATCH_SIZE = settings.RETENTION_BATCH_SIZE
SCHEDULE_BATCH_SIZE = settings.RETENTION_SCHEDULE_BATCH_SIZE
# One task works at most this long, then hands over to a follow-up task (well inside the
# broker's visibility timeout).
TASK_BUDGET_SECONDS = settings.RETENTION_TASK_BUDGET_SECONDS

PENDING = RetentionSchedule.State.PENDING
REVIEW = RetentionSchedule.State.REVIEW
DONE = RetentionSchedule.State.DONE

COUNT_FIELDS = (
    "scheduled",
    "rescheduled",
    "deleted",
    "anonymised",
    "sent_to_review",
    "skipped_hold",
    "kept_longer",
    "errors",
)


# --- Texts written into the data (in the product language, whoever runs the job) ---------------


def marker_text() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("[anonymised]")


def rule_reason(rule) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("Retention period expired (rule %(code)s)") % {"code": rule.code}


def context_for(rule, *, tombstone: str = "", reason: str = "") -> actions.ActionContext:
    return actions.ActionContext(
        reason=reason or rule_reason(rule),
        marker=marker_text(),
        tombstone=tombstone,
        scheduled_types=scheduled_types(),
        reviewed_types=reviewed_types(),
    )


def _content_type_ids(rules) -> frozenset:
    ids = set()
    for rule in rules:
        target = rule.target_spec
        if target is not None and target.available:
            ids.add(ContentType.objects.get_for_model(target.model).pk)
    return frozenset(ids)


def scheduled_types() -> frozenset:
    return _content_type_ids(RetentionRule.objects.exclude(target=""))


def reviewed_types() -> frozenset:
    return _content_type_ids(RetentionRule.objects.filter(action=Action.REVIEW).exclude(target=""))


def content_type_of(target):
    return ContentType.objects.get_for_model(target.model)


def enforceable(rule) -> bool:
    target = rule.target_spec
    return target is not None and target.available


def sort_key(rule):
    """Rules on records first, the person (whose deletion takes the rest along) last."""
    return (rule.target_spec.order if enforceable(rule) else 0, rule.code)


def ordered(rules):
    return sorted(rules, key=sort_key)
