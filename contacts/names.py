"""Names of small, rarely changed tables by id, kept per process.

The customer card shows, for each of its twenty timeline entries, the names of the channel,
subject, defect, team, task kind and employee. Joining those tables into the timeline queries
made PostgreSQL plan a six-table join for every card and Django build a model instance per
name (about 250 per card; see docs/performance.md, "Evidence at scale"). These tables hold a
few hundred rows that change a few times a year, so each process keeps their names here:

- a save or delete of a row in this process clears that table's names at once (signals);
- another process's change shows after at most ``TTL_SECONDS``;
- an id that is not known yet (a row added elsewhere) reloads the table on first use.

Only names are kept: what the timeline prints, nothing a permission depends on.
"""

import threading
import time
from collections.abc import Callable, Iterable

from django.apps import apps
from django.db.models.signals import post_delete, post_save

TTL_SECONDS = 60.0


class NameCache:
    """id → display name of one model, loaded as a whole."""

    def __init__(self, model_label: str, fields: tuple[str, ...], name: Callable[..., str]):
        self.model_label = model_label
        self.fields = fields
        self.name = name
        self._names: dict[int, str] = {}
        self._loaded_at = float("-inf")
        self._lock = threading.Lock()

    def _load(self) -> None:
        model = apps.get_model(self.model_label)
        rows = model._base_manager.values_list("pk", *self.fields)
        names = {row[0]: self.name(*row[1:]) for row in rows}
        with self._lock:
            self._names = names
            self._loaded_at = time.monotonic()

    def clear(self) -> None:
        with self._lock:
            self._names = {}
            self._loaded_at = float("-inf")

    def names(self, ids: Iterable[int | None]) -> dict[int, str]:
        """Names of the given ids (None and unknown ids are left out)."""
        wanted = {i for i in ids if i is not None}
        if time.monotonic() - self._loaded_at > TTL_SECONDS or not wanted <= self._names.keys():
            self._load()
        names = self._names
        return {i: names[i] for i in wanted if i in names}


def _plain_name(name: str) -> str:
    return name


def _employee_name(first_name: str, last_name: str) -> str:
    return f"{first_name} {last_name}".strip()


REFERENCE_CODES = NameCache("referencedata.ReferenceCode", ("name",), _plain_name)
CONTACT_SUBJECTS = NameCache("contacts.ContactSubject", ("name",), _plain_name)
TASK_KINDS = NameCache("contacts.TaskKind", ("name",), _plain_name)
TEAMS = NameCache("accounts.Team", ("name",), _plain_name)
EMPLOYEES = NameCache("accounts.User", ("first_name", "last_name"), _employee_name)

ALL = (REFERENCE_CODES, CONTACT_SUBJECTS, TASK_KINDS, TEAMS, EMPLOYEES)
_BY_LABEL = {cache.model_label.lower(): cache for cache in ALL}


def clear_all() -> None:
    for cache in ALL:
        cache.clear()


def _changed(sender, **kwargs) -> None:
    # Connected without a sender, matched by label: also catches the historical models of
    # data migrations and fixtures loaded with ``raw``.
    cache = _BY_LABEL.get(sender._meta.label_lower)
    if cache is not None:
        cache.clear()


def connect_signals() -> None:
    post_save.connect(_changed, dispatch_uid="namecache-post-save")
    post_delete.connect(_changed, dispatch_uid="namecache-post-delete")
