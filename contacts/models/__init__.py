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

# isort: off
# In the order of the former single module: importing a module registers its models, and Django
# lists an app's models (content types, permissions, dumpdata) in the order they registered.
from .base import TimestampedModel, processing_activity_field
from .persons import (
    EmailAddress,
    Person,
    PersonDetail,
    PersonGroupObjectPermission,
    PersonUserObjectPermission,
    PhoneNumber,
)
from .units import Tenancy, TenancyQuerySet, Unit, tenancy_current_q
from .catalogue import ContactSubject, TaskKind
from .mandates import Mandate
from .contact_moments import OUTCOME_TASK_KIND, ContactMoment
from .tasks import Task, TaskEvent
from .signals import Signal, SignalType
# isort: on

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
