"""Rules of the retention context: holds, review decisions, events, erasure and the defaults.

The nightly engine itself is in ``retention.engine``; everything here goes through the same
actions (``retention.actions``), so an erasure on request or an event removes data exactly the
way the nightly run does, with the same audit-trail redaction.

One module per aggregate:

- ``holds``: placing and releasing legal holds;
- ``reviews``: review decisions (delete now, or keep until a date);
- ``events``: data that must go at an event;
- ``erasures``: erasure on request, its preview and its line in the erasure log;
- ``replay``: erasing again after a restore, from the erasure log;
- ``rules``: loading the default rules.

Reads are in ``retention.selectors``, the mail to review owners in ``retention.notifications``.
This ``__init__`` re-exports the public API of all of them, so ``from retention import
services; services.erase_person(...)`` keeps working; a test that patches a function patches
it in the module that holds it.
"""

from ..models import Action
from ..notifications import notify_review_owners, review_recipients
from ..selectors import (
    HEALTHY_HOURS,
    erasures_for_person,
    holds_for_person,
    open_reviews_for,
    retention_health,
    schedule_counts,
)
from .erasures import ErasureRefused, Kept, append_erasure_log, erase_person, erasure_preview
from .events import ALLOCATION, apply_event, apply_event_to_persons
from .holds import place_hold, record_person_id, release_hold
from .replay import erasures_to_replay, read_erasure_log, replay_erasures
from .reviews import MAX_KEEP_YEARS, decide_review, may_decide, validate_decision
from .rules import load_default_rules

__all__ = [
    "ALLOCATION",
    "HEALTHY_HOURS",
    "MAX_KEEP_YEARS",
    "Action",
    "ErasureRefused",
    "Kept",
    "append_erasure_log",
    "apply_event",
    "apply_event_to_persons",
    "decide_review",
    "erase_person",
    "erasure_preview",
    "erasures_for_person",
    "erasures_to_replay",
    "holds_for_person",
    "load_default_rules",
    "may_decide",
    "notify_review_owners",
    "open_reviews_for",
    "place_hold",
    "read_erasure_log",
    "record_person_id",
    "release_hold",
    "replay_erasures",
    "retention_health",
    "review_recipients",
    "schedule_counts",
    "validate_decision",
]
