"""Retention: rules per data category, computed due dates, legal holds, reviews and run reports.

The rules say how long a kind of record is kept and what happens then; the engine
(``retention.engine``) computes a due date per record (``RetentionSchedule``) and, every night,
deletes, anonymises or sends for review exactly the records whose due date has passed, unless a
legal hold or a longer duty keeps them. Every run leaves a report without personal data.

One module per aggregate: ``rules``, ``schedules``, ``holds``, ``runs``, ``reviews``,
``erasures``, ``locks``. This ``__init__`` re-exports every model and helper, so
``retention.models.RetentionRule`` (and the migrations' ``retention.models.target_choices``)
keep working; the submodules are imported in the order the models were declared before the
split, so Django registers them in the same order.
"""

# isort: off
# (the order of declaration before the split: Django registers the models in this order)
from .rules import Action, RetentionRule, RetentionRuleQuerySet, Trigger, target_choices
from .schedules import RetentionSchedule
from .holds import LegalHold, LegalHoldQuerySet
from .runs import RetentionRun, RetentionRunRule
from .reviews import RetentionReview
from .erasures import ErasureLog, tombstone_text
from .locks import RetentionLock
# isort: on

__all__ = [
    "Action",
    "ErasureLog",
    "LegalHold",
    "LegalHoldQuerySet",
    "RetentionLock",
    "RetentionReview",
    "RetentionRule",
    "RetentionRuleQuerySet",
    "RetentionRun",
    "RetentionRunRule",
    "RetentionSchedule",
    "Trigger",
    "target_choices",
    "tombstone_text",
]
