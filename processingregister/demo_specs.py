"""The demo register as data: the YAML files of ``demo_data/`` read into specs for ``demo``.

``register.yaml`` holds the reference lists (controller, departments, categories of data
subjects, parties, systems, the shared security text); ``activities.yaml``,
``agreements.yaml`` and ``breaches.yaml`` one entry per spec below (fields left out take the
defaults); ``open_breach.yaml`` the one breach that stays open. Read once, on import, with
``klantcontact.content.load_yaml``.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from klantcontact.content import load_yaml

from .models import ProcessingActivity

Status = ProcessingActivity.Status
TZ = datetime.timezone(datetime.timedelta(hours=1))  # CET, for the fixed demo moments
OFFICER_USERNAME = "avg"
DATA_DIR = Path(__file__).resolve().parent / "demo_data"

_REGISTER = load_yaml(DATA_DIR / "register.yaml")
CONTROLLER = _REGISTER["controller"]
DEPARTMENTS = tuple((d["code"], d["name"]) for d in _REGISTER["departments"])
SUBJECT_CATEGORIES = tuple(
    (s["code"], s["name"], s["description"], s["vulnerable"])
    for s in _REGISTER["subject_categories"]
)
PARTIES = tuple(_REGISTER["parties"])
SYSTEMS = tuple(
    (s["name"], s["description"], s["supplier"], s["hosting"]) for s in _REGISTER["systems"]
)
BASE_SECURITY = _REGISTER["base_security"]


def _tuples(value):
    """YAML lists as the tuples the specs hold (also nested: transfers, updates)."""
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def _specs(spec_class, file_name: str) -> tuple:
    """One spec per entry of a data file; lists become tuples, left-out fields the defaults."""
    return tuple(
        spec_class(**{key: _tuples(value) for key, value in entry.items()})
        for entry in load_yaml(DATA_DIR / file_name)
    )


@dataclass
class ActivitySpec:
    code: str
    name: str
    department: str
    process_owner: str
    purposes: str
    legal_basis: str
    legal_basis_explanation: str
    subjects: tuple
    data: tuple
    retention: tuple  # (period, unit, trigger, explanation)
    security: str = BASE_SECURITY
    systems: tuple = ("Klantcontact",)
    internal_access: str = ""
    statutory_recipients: str = ""
    special_condition: str = ""
    special_explanation: str = ""
    criminal_basis: str = ""
    criminal_explanation: str = ""
    dpia: tuple = ("no", "", "Geen bijzondere gegevens, geen kwetsbare groep, geen profilering.")
    status: str = Status.APPROVED
    review_date: datetime.date | None = datetime.date(2027, 6, 1)
    replaced_by: str = ""
    transfers: tuple = field(default_factory=tuple)


ACTIVITIES = _specs(ActivitySpec, "activities.yaml")


@dataclass
class AgreementSpec:
    reference: str
    title: str
    party: str
    role: str
    activities: tuple
    purposes: str
    data: tuple
    security: str
    rights: str
    start: datetime.date
    end: datetime.date | None
    end_of_term: str
    end_details: str
    liability: str
    breach_hours: int | None
    signed: datetime.date
    sub_processors: tuple = ()


AGREEMENTS = _specs(AgreementSpec, "agreements.yaml")


@dataclass
class BreachSpec:
    reference: str
    title: str
    aware_at: datetime.datetime
    description: str
    cause: str
    confidentiality: bool
    integrity: bool
    availability: bool
    activities: tuple
    data: tuple
    subjects: tuple
    subjects_count: int
    records_count: int
    consequences: str
    measures: str
    risk: str
    processor: str
    authority: tuple  # (decision, reason, notified_at, reference)
    data_subjects: tuple  # (decision, reason, notified_at, method)
    closed_at: datetime.datetime | None
    updates: tuple = ()


FIXED_BREACHES = _specs(BreachSpec, "breaches.yaml")
OPEN_BREACH = load_yaml(DATA_DIR / "open_breach.yaml")
OPEN_BREACH_TITLE = OPEN_BREACH["title"]
