"""What the access policy guards, declared by the app that owns it.

The policy decides who may open a person's file and act on a task, but those records belong to
the ``contacts`` app, one layer up (docs/architecture.md, "Layers"). Instead of importing them,
the policy asks this module; ``contacts`` declares its models here when it starts
(``ContactsConfig.ready``). The direction of the dependency stays downward: contacts knows the
policy, the policy knows only what it was told.

    subjects.declare(person=Person, involvement=PersonUserObjectPermission, tenancy=Tenancy,
                     unit=Unit, task=Task)
    subjects.get().person.objects.filter(...)
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model


@dataclass(frozen=True)
class Subjects:
    """The models the policy reads. ``involvement`` is guardian's direct user-object-permission
    table for ``person`` (the involvement grants); ``tenancy`` links a person to a ``unit``,
    whose ``team`` gives the team scope; ``task`` has ``assigned_to`` and ``assigned_team``."""

    person: type[Model]
    involvement: type[Model]
    tenancy: type[Model]
    unit: type[Model]
    task: type[Model]

    def table(self, name: str) -> str:
        return getattr(self, name)._meta.db_table


_declared: Subjects | None = None


def declare(**models: type[Model]) -> None:
    """Called once by the owning app's ``ready()``; a second, different declaration is a
    configuration error (two apps cannot both own the persons)."""
    global _declared
    subjects = Subjects(**models)
    if _declared is not None and _declared != subjects:
        raise ImproperlyConfigured("access.subjects declared twice with different models")
    _declared = subjects


def get() -> Subjects:
    if _declared is None:
        raise ImproperlyConfigured(
            "access.subjects.declare() was not called: is the contacts app installed?"
        )
    return _declared
