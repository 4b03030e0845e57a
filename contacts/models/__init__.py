"""The contacts app's models, one module per aggregate:

- ``base``: the timestamps and the purpose-binding field the models share;
- ``persons``: Person, PhoneNumber, EmailAddress and the per-person object permissions;
- ``units``: Unit, Tenancy and the rule of a current tenancy (``tenancy_current_q``);
- ``catalogue``: the managed lists ContactSubject and TaskKind;
- ``mandates``: Mandate;
- ``contact_moments``: ContactMoment and ``OUTCOME_TASK_KIND``;
- ``tasks``: Task and TaskEvent;
- ``signals``: SignalType and Signal.

Re-exports every model and public name, so ``from contacts.models import Person`` (and
``"contacts.Person"`` as Django's label) keep working wherever the model lives.
"""

from .base import TimestampedModel, processing_activity_field
from .catalogue import ContactSubject, TaskKind
from .contact_moments import OUTCOME_TASK_KIND, ContactMoment
from .mandates import Mandate
from .persons import (
    EmailAddress,
    Person,
    PersonDetail,
    PersonGroupObjectPermission,
    PersonUserObjectPermission,
    PhoneNumber,
)
from .signals import Signal, SignalType
from .tasks import Task, TaskEvent
from .units import Tenancy, TenancyQuerySet, Unit, tenancy_current_q

__all__ = [
    "OUTCOME_TASK_KIND",
    "ContactMoment",
    "ContactSubject",
    "EmailAddress",
    "Mandate",
    "Person",
    "PersonDetail",
    "PersonGroupObjectPermission",
    "PersonUserObjectPermission",
    "PhoneNumber",
    "Signal",
    "SignalType",
    "Task",
    "TaskEvent",
    "TaskKind",
    "Tenancy",
    "TenancyQuerySet",
    "TimestampedModel",
    "Unit",
    "processing_activity_field",
    "tenancy_current_q",
]
