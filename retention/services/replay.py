"""Replaying erasures after a restore: reading the erasure log kept outside the database and
erasing again the persons a restored backup brought back.
"""

import datetime
import json
import logging
from collections import Counter

from django.utils.translation import gettext as _

from contacts.models import Person

from ..models import ErasureLog
from .erasures import ErasureRefused, erase_person

logger = logging.getLogger(__name__)


def read_erasure_log(path) -> tuple[list[dict], list[int]]:
    """(entries, numbers of unreadable lines) of an erasure log file."""
    entries, bad = [], []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                entry["erased_at"] = datetime.datetime.fromisoformat(entry["erased_at"])
                int(entry["person"])
            except (ValueError, KeyError, TypeError):
                bad.append(number)
                continue
            entries.append(entry)
    return entries, bad


def erasures_to_replay(entries) -> tuple[list[dict], Counter]:
    """The logged erasures the database does not reflect, and why the others were skipped.

    Reflected: the database has an erasure of that person at or after the logged time. Skipped:
    refusals (they erased nothing), persons that no longer exist, and a person created after
    the erasure (an id handed out again after the restore: another person).
    """

    pending, skipped = [], Counter()
    for entry in entries:
        if entry.get("outcome") == ErasureLog.Outcome.REFUSED:
            skipped["refused at the time"] += 1
        elif (
            ErasureLog.objects.filter(person_id=entry["person"], erased_at__gte=entry["erased_at"])
            .exclude(outcome=ErasureLog.Outcome.REFUSED)
            .exists()
        ):
            skipped["already in the database"] += 1
        elif not Person.objects.filter(pk=entry["person"]).exists():
            skipped["person no longer exists"] += 1
        elif not Person.objects.filter(
            pk=entry["person"], created_at__lte=entry["erased_at"]
        ).exists():
            skipped["another person with the same id (created later)"] += 1
        else:
            pending.append(entry)
    return pending, skipped


def replay_erasures(entries, *, today: datetime.date | None = None) -> int:
    """After restoring a backup made before some erasures: erase those persons again.

    ``entries`` are erasure-log rows (or dicts with ``person_id``, ``reason`` and ``pk``) kept
    outside the restored database. Idempotent: a person already gone is skipped.
    """

    replayed = 0
    for entry in entries:
        get = entry.get if isinstance(entry, dict) else lambda name, e=entry: getattr(e, name)
        if get("outcome") == ErasureLog.Outcome.REFUSED:
            continue
        person = Person.objects.filter(pk=get("person_id")).first()
        if person is None:
            continue
        try:
            erase_person(
                person,
                requested_by=None,
                reason=_("Replayed after restore: erasure #%(id)s") % {"id": get("pk")},
                today=today,
            )
            replayed += 1
        except ErasureRefused:
            logger.warning("Replayed erasure #%s refused: a legal hold", get("pk"))
    return replayed
