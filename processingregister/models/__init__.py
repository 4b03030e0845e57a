"""The processing register (art. 30 AVG), processor agreements and the data-breach register.

Models hold data and field-level validation; the rules that span records (approving an
activity, binding registrations, deadlines, reminders, exports) live in ``services``.
One module per aggregate (``reference``, ``activities``, ``agreements``, ``breaches``, and
``base`` for what they share); this package re-exports every model and choice, so
``from processingregister.models import ProcessingActivity`` keeps working. Each module imports
the ones it points at, so Django registers the models in the order they were declared in
(reference lists, activities, agreements, breaches), as before the split.
"""

from .activities import (
    ActivityEvent,
    CriminalDataBasis,
    DpiaNeeded,
    LegalBasis,
    ProcessingActivity,
    RegisterVersion,
    RetentionTrigger,
    RetentionUnit,
    SpecialCategoryCondition,
    Transfer,
)
from .agreements import Agreement, SubProcessor
from .base import BREACH_NOTIFICATION_HOURS, TimestampedModel, _local, utc
from .breaches import BreachUpdate, DataBreach, Decision
from .reference import (
    Controller,
    DataSubjectCategory,
    Department,
    InformationSystem,
    Party,
    PersonalDataCategory,
)

__all__ = [
    "BREACH_NOTIFICATION_HOURS",
    "ActivityEvent",
    "Agreement",
    "BreachUpdate",
    "Controller",
    "CriminalDataBasis",
    "DataBreach",
    "DataSubjectCategory",
    "Decision",
    "Department",
    "DpiaNeeded",
    "InformationSystem",
    "LegalBasis",
    "Party",
    "PersonalDataCategory",
    "ProcessingActivity",
    "RegisterVersion",
    "RetentionTrigger",
    "RetentionUnit",
    "SpecialCategoryCondition",
    "SubProcessor",
    "TimestampedModel",
    "Transfer",
    "_local",
    "utc",
]
