"""The retention engine: compute due dates, then handle exactly the records whose date passed.

A run has two phases per rule:

1. **schedule** (every rule, before any rule is processed): records that are new since the
   last run (or all records, after the rule changed) get their due date computed and stored
   (``RetentionSchedule``); signals keep them current between runs when the data changes. The
   due records of a rule counted from a person-level moment (end of tenancy, last contact) get
   that moment recomputed and stored, from the data as the run found it.
2. **process**: due records are handled in short transactions of a bounded batch. Each batch
   locks its due-date rows (``SELECT ... FOR UPDATE SKIP LOCKED`` on PostgreSQL), recomputes
   the trigger from the live data (a date that moved is rescheduled, not acted on; a
   person-level moment stays as the run found it, since the run itself removes the records it
   is derived from), skips what a legal hold, a restriction of processing or a longer duty
   keeps, acts, and adds its counts to the run report, all in the same transaction. A batch
   that fails is retried record by record, so one bad record costs one error, not the night.
   So a run does what its dry run (``preview``) says.

Progress (a cursor per rule) is stored with the report, so a run continues in follow-up tasks
(``tasks.continue_retention_run``) and a run that was killed is finished by the next one:
handled records are no longer pending, nothing is done twice, nothing is lost.

The package, one module per part of the work:

- ``context``: settings, due-date states, the texts written into the data, the order of rules;
- ``schedules``: storing and reading due dates, person-level triggers as of the run's start;
- ``holds``: who a record is about, legal holds and data that must outlive a person;
- ``verdicts``: classifying due records and acting on them;
- ``batches``: one scheduling or processing batch, and the counts of the report;
- ``runs``: starting, continuing and finishing a run;
- ``dry_run``: ``preview``, what a run would do.

This ``__init__`` re-exports their public API (``engine.run_now``, ``engine.preview``, ...), so
callers import ``retention.engine`` only. A test that changes a setting of a run (``BATCH_SIZE``,
``TASK_BUDGET_SECONDS``) patches it where it is read (``retention.engine.runs``).
"""

from .batches import add_counts, advance, process_batch, schedule_batch
from .context import (
    BATCH_SIZE,
    COUNT_FIELDS,
    DONE,
    PENDING,
    REVIEW,
    SCHEDULE_BATCH_SIZE,
    TASK_BUDGET_SECONDS,
    content_type_of,
    context_for,
    enforceable,
    marker_text,
    ordered,
    reviewed_types,
    rule_reason,
    scheduled_types,
    sort_key,
)
from .dry_run import ACTION_COUNT, VERDICT_COUNT, Preview, preview
from .holds import HoldIndex, persons_kept_longer, persons_of, related_persons
from .runs import (
    RunLocked,
    continue_run,
    finish_run,
    rule_codes_of,
    rules_for_run,
    run_now,
    start_run,
)
from .schedules import (
    PERSON_LEVEL_TRIGGERS,
    Row,
    already_anonymised,
    compute,
    drop_orphans,
    drop_schedules,
    due_rows,
    person_level,
    settle_person_triggers,
    sync_schedules,
)
from .verdicts import ACT, GONE, HOLD, KEEP, RESCHEDULE, classify, handle, review_owner

__all__ = [
    "ACT",
    "ACTION_COUNT",
    "BATCH_SIZE",
    "COUNT_FIELDS",
    "DONE",
    "GONE",
    "HOLD",
    "HoldIndex",
    "KEEP",
    "PENDING",
    "PERSON_LEVEL_TRIGGERS",
    "Preview",
    "RESCHEDULE",
    "REVIEW",
    "Row",
    "RunLocked",
    "SCHEDULE_BATCH_SIZE",
    "TASK_BUDGET_SECONDS",
    "VERDICT_COUNT",
    "add_counts",
    "advance",
    "already_anonymised",
    "classify",
    "compute",
    "content_type_of",
    "context_for",
    "continue_run",
    "drop_orphans",
    "drop_schedules",
    "due_rows",
    "enforceable",
    "finish_run",
    "handle",
    "marker_text",
    "ordered",
    "person_level",
    "persons_kept_longer",
    "persons_of",
    "preview",
    "process_batch",
    "related_persons",
    "review_owner",
    "reviewed_types",
    "rule_codes_of",
    "rule_reason",
    "rules_for_run",
    "run_now",
    "schedule_batch",
    "scheduled_types",
    "settle_person_triggers",
    "sort_key",
    "start_run",
    "sync_schedules",
]
