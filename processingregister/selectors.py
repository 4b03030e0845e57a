"""Reads of the processing register: approved activities, purpose binding's unbound rows,
agreements in force or expiring, open breaches, reviews due, the register list, the inventory.

Nothing here writes; the rules that change records live in ``services``.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps as global_apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone

from accounts import roles

from . import inventory
from .models import (
    Agreement,
    DataBreach,
    PersonalDataCategory,
    ProcessingActivity,
)

Status = ProcessingActivity.Status
BINDING_FIELD = "processing_activity"
REVIEW_WARNING_DAYS = 30


# --- Purpose binding ------------------------------------------------------------------------------


def approved_activities():
    """The activities a registration may be bound to."""
    return ProcessingActivity.objects.filter(status=Status.APPROVED).order_by("name")


def selectable(queryset):
    """Rows of a bound model whose processing activity is approved (may be chosen in forms)."""
    return queryset.filter(**{f"{BINDING_FIELD}__status": Status.APPROVED})


# Models that point at an activity for another reason than purpose binding: a retention rule
# may name an activity to refine its period, and is not "unbound" without one. A model can
# also say so itself with ``purpose_binding = False``.
NOT_PURPOSE_BINDING = frozenset({"retention.RetentionRule"})


def bound_models(registry=None) -> list[type[models.Model]]:
    """Every installed model with a ``processing_activity`` FK to ProcessingActivity."""
    registry = registry or global_apps
    found = []
    for model in registry.get_models():
        if model._meta.label in NOT_PURPOSE_BINDING or not getattr(model, "purpose_binding", True):
            continue
        try:
            fk = model._meta.get_field(BINDING_FIELD)
        except FieldDoesNotExist:
            continue
        if fk.is_relation and fk.many_to_one and fk.related_model is ProcessingActivity:
            found.append(model)
    return sorted(found, key=lambda m: m._meta.label)


@dataclass
class UnboundGroup:
    model: type[models.Model]
    records: list
    total: int  # rows of the model that count (active ones, when it has ``is_active``)

    @property
    def label(self) -> str:
        return self.model._meta.label

    @property
    def name(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    @property
    def count(self) -> int:
        return len(self.records)


def _counted_rows(model):
    queryset = model._default_manager.all()
    if any(f.name == "is_active" for f in model._meta.fields):
        queryset = queryset.filter(is_active=True)  # switched-off rows cannot be chosen anyway
    return queryset


def unbound_filter() -> Q:
    return Q(**{f"{BINDING_FIELD}__isnull": True}) | ~Q(
        **{f"{BINDING_FIELD}__status": Status.APPROVED}
    )


def unbound_records(models_to_check=None) -> list[UnboundGroup]:
    """Per bound model, the (active) rows whose activity is missing or not approved.

    Every bound model is listed, also when nothing is unbound, so the pages can show which
    registrations are covered by purpose binding at all.
    """
    groups = []
    for model in models_to_check or bound_models():
        rows = _counted_rows(model)
        records = list(rows.filter(unbound_filter()).select_related(BINDING_FIELD).order_by("pk"))
        groups.append(UnboundGroup(model=model, records=records, total=rows.count()))
    return groups


def unbound_count() -> int:
    return sum(group.count for group in unbound_records())


def bound_record_count(activity) -> int:
    return sum(
        model._default_manager.filter(**{BINDING_FIELD: activity}).count()
        for model in bound_models()
    )


# --- Agreements -----------------------------------------------------------------------------------


def agreement_state(agreement, day=None) -> str:
    """'future', 'in_force', 'expiring' (inside the warning window) or 'expired'."""
    day = day or timezone.localdate()
    if agreement.start_date > day:
        return "future"
    if agreement.end_date is None:
        return "in_force"
    if agreement.end_date < day:
        return "expired"
    if agreement.end_date - day <= datetime.timedelta(days=agreement.expiry_warning_days):
        return "expiring"
    return "in_force"


def recipients_of(activity, day=None) -> list[Agreement]:
    """The activity's recipients: the parties of its agreements in force (not typed twice)."""
    day = day or timezone.localdate()
    return sorted(
        (a for a in activity.agreements.all() if a.is_in_force(day)),
        key=lambda a: (a.party.name, a.reference),
    )


def expiring_agreements(day=None) -> list[Agreement]:
    day = day or timezone.localdate()
    candidates = Agreement.objects.filter(end_date__isnull=False, end_date__gte=day)
    return [
        a
        for a in candidates.select_related("party").order_by("end_date")
        if agreement_state(a, day) == "expiring"
    ]


def agreements_to_warn(day=None) -> list[Agreement]:
    """Agreements inside their warning window that were not yet warned about for this date."""
    return [a for a in expiring_agreements(day) if a.expiry_reminder_sent_for != a.end_date]


# --- Breaches, reviews, officers ------------------------------------------------------------------


def open_breaches():
    return DataBreach.objects.filter(closed_at__isnull=True).order_by("aware_at")


def privacy_officers():
    return (
        global_apps.get_model(settings.AUTH_USER_MODEL)
        .objects.filter(groups__name=roles.PRIVACY_OFFICER, is_active=True)
        .exclude(email="")
        .distinct()
    )


def reviews_due(day=None):
    day = day or timezone.localdate()
    return (
        ProcessingActivity.objects.filter(
            status=Status.APPROVED,
            review_date__lte=day + datetime.timedelta(days=REVIEW_WARNING_DAYS),
        )
        .select_related("owner_user")
        .order_by("review_date")
    )


# --- The register and the inventory ---------------------------------------------------------------


def register_queryset():
    return ProcessingActivity.objects.select_related(
        "controller", "department", "replaced_by"
    ).prefetch_related(
        "subject_categories",
        "data_categories",
        "systems",
        "transfers",
        Prefetch("agreements", queryset=Agreement.objects.select_related("party")),
    )


def filter_activities(queryset, *, department="", status="", legal_basis="", q=""):
    if department:
        queryset = queryset.filter(department__code=department)
    if status == "all":
        pass
    elif status:
        queryset = queryset.filter(status=status)
    else:
        queryset = queryset.exclude(status=Status.RETIRED)
    if legal_basis:
        queryset = queryset.filter(legal_basis=legal_basis)
    if q:
        queryset = queryset.filter(
            Q(name__icontains=q) | Q(code__icontains=q) | Q(purposes__icontains=q)
        )
    return queryset.order_by("department__name", "name")


@dataclass
class InventoryRow:
    category: PersonalDataCategory | None
    code: str
    fields: list
    activities: list

    @property
    def by_model(self) -> list[tuple[str, str, list[str]]]:
        """(model name, model label, field names) per model, in declaration order."""
        grouped: dict[str, tuple[str, list[str]]] = {}
        for stored in self.fields:
            grouped.setdefault(stored.model_label, (stored.model_name, []))[1].append(
                stored.field_name
            )
        return [(name, label, names) for label, (name, names) in grouped.items()]

    @property
    def drift(self) -> bool:
        """Stored in the database, but in no approved activity of the register."""
        return bool(self.fields) and not self.activities


def inventory_overview() -> list[InventoryRow]:
    stored = inventory.stored_fields()
    categories = {c.code: c for c in PersonalDataCategory.objects.all()}
    approved = approved_activities().prefetch_related("data_categories")
    covered: dict[str, list] = {}
    for activity in approved:
        for category in activity.data_categories.all():
            covered.setdefault(category.code, []).append(activity)
    codes = sorted(
        {row.category for row in stored} | set(covered),
        key=lambda code: categories[code].name if code in categories else code,
    )
    return [
        InventoryRow(
            category=categories.get(code),
            code=code,
            fields=[row for row in stored if row.category == code],
            activities=covered.get(code, []),
        )
        for code in codes
    ]
