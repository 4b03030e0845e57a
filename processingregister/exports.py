"""The register entry of an activity (art. 30 AVG) and the CSV exports of register and breaches.

Presentation only: the texts of each item, the column headers, CSV quoting. ``export_record`` is
what the register pages, the CSV and the register's fingerprint (``services.register``) show.
"""

import csv
import io
from dataclasses import dataclass

from django.apps import apps as global_apps
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import countries
from .formatting import date_text, datetime_text
from .models import (
    Agreement,
    DataBreach,
    PersonalDataCategory,
)
from .selectors import recipients_of


@dataclass(frozen=True)
class ExportField:
    key: str
    label: str
    article: str = ""


def _f(key, label, article=""):
    return ExportField(key, label, article)


# Every item of art. 30(1) AVG, and what the AVG officer adds to it. Both exports use this list.
EXPORT_FIELDS = (
    _f("code", gettext_lazy("Code")),
    _f("name", gettext_lazy("Processing activity")),
    _f("status", gettext_lazy("Status")),
    _f("department", gettext_lazy("Department")),
    _f("process_owner", gettext_lazy("Process owner")),
    _f("controller", gettext_lazy("Controller and contact details"), gettext_lazy("art. 30(1)(a)")),
    _f("joint_controllers", gettext_lazy("Joint controllers"), gettext_lazy("art. 30(1)(a)")),
    _f(
        "representative",
        gettext_lazy("Representative of the controller"),
        gettext_lazy("art. 30(1)(a)"),
    ),
    _f("dpo", gettext_lazy("Data protection officer"), gettext_lazy("art. 30(1)(a)")),
    _f("purposes", gettext_lazy("Purposes of the processing"), gettext_lazy("art. 30(1)(b)")),
    _f("legal_basis", gettext_lazy("Legal basis"), gettext_lazy("art. 6(1)")),
    _f(
        "subject_categories",
        gettext_lazy("Categories of data subjects"),
        gettext_lazy("art. 30(1)(c)"),
    ),
    _f(
        "data_categories",
        gettext_lazy("Categories of personal data"),
        gettext_lazy("art. 30(1)(c)"),
    ),
    _f(
        "special_categories",
        gettext_lazy("Special categories: exception"),
        gettext_lazy("art. 9(2)"),
    ),
    _f("criminal_data", gettext_lazy("Criminal data: basis"), gettext_lazy("art. 10")),
    _f("recipients", gettext_lazy("Categories of recipients"), gettext_lazy("art. 30(1)(d)")),
    _f(
        "transfers",
        gettext_lazy("Transfers to third countries and safeguards"),
        gettext_lazy("art. 30(1)(e)"),
    ),
    _f("retention", gettext_lazy("Time limits for erasure"), gettext_lazy("art. 30(1)(f)")),
    _f(
        "retention_rules",
        gettext_lazy("Retention rules the application enforces"),
        gettext_lazy("art. 30(1)(f)"),
    ),
    _f(
        "security_measures",
        gettext_lazy("Technical and organisational measures"),
        gettext_lazy("art. 30(1)(g)"),
    ),
    _f("internal_access", gettext_lazy("Internal access")),
    _f("systems", gettext_lazy("Systems")),
    _f("dpia", gettext_lazy("DPIA"), gettext_lazy("art. 35")),
    _f("review", gettext_lazy("Review")),
    _f("replaced_by", gettext_lazy("Replaced by")),
)
# Fields whose lines are separate items (shown as a list); the others are paragraphs.
LIST_FIELDS = frozenset(
    {
        "subject_categories",
        "data_categories",
        "recipients",
        "transfers",
        "systems",
        "retention_rules",
    }
)
ARTICLE_30_KEYS = (
    "controller",
    "joint_controllers",
    "representative",
    "dpo",
    "purposes",
    "subject_categories",
    "data_categories",
    "recipients",
    "transfers",
    "retention",
    "security_measures",
)


def controller_lines(controller) -> list[str]:
    lines = [controller.name, *[line for line in controller.address.splitlines() if line.strip()]]
    contact = [controller.email, controller.phone, controller.website]
    lines.append(" · ".join(part for part in contact if part))
    if controller.chamber_of_commerce_number:
        lines.append(
            _("Chamber of Commerce %(number)s") % {"number": controller.chamber_of_commerce_number}
        )
    return lines


def dpo_lines(controller) -> list[str]:
    contact = " · ".join(p for p in (controller.dpo_email, controller.dpo_phone) if p)
    return [controller.dpo_name, contact]


def retention_rule_lines(activity, data_categories) -> list[str]:
    """The retention rules of the retention app that apply to this activity: its own, and
    the general rules for its data categories. Empty when that app is not installed."""
    try:
        rule_model = global_apps.get_model("retention", "RetentionRule")
    except LookupError:
        return []
    day = timezone.localdate()
    rules = (
        rule_model.objects.filter(
            Q(processing_activity=activity)
            | Q(processing_activity__isnull=True, data_category__in=data_categories)
        )
        .filter(Q(active_to__isnull=True) | Q(active_to__gte=day))
        .select_related("data_category")
        .order_by("data_category__name", "name")
    )
    return [
        _("%(name)s (%(category)s): %(period)s after %(trigger)s, then %(action)s.")
        % {
            "name": rule.name,
            "category": rule.data_category.name,
            "period": rule.period_display(),
            "trigger": rule.get_trigger_display(),
            "action": rule.get_action_display(),
        }
        for rule in rules
    ]


def export_record(activity, day=None) -> dict[str, list[str]]:
    """The register entry of one activity: for each EXPORT_FIELDS key, its lines (Dutch)."""
    day = day or timezone.localdate()
    recipients = recipients_of(activity, day)
    data_categories = list(activity.data_categories.all())
    record = {
        **_controller_entries(activity, recipients),
        **_category_entries(activity, data_categories),
        **_recipient_entries(activity, recipients),
        **_safeguard_entries(activity, data_categories),
    }
    return {key: [line for line in lines if line and line.strip()] for key, lines in record.items()}


def _controller_entries(activity, recipients) -> dict[str, list[str]]:
    """Who processes, for what, on which basis (art. 30(1)(a) and (b))."""
    controller = activity.controller
    none_text = _("None")
    return {
        "code": [activity.code],
        "name": [activity.name],
        "status": [str(activity.get_status_display())],
        "department": [activity.department.name],
        "process_owner": [activity.process_owner],
        "controller": controller_lines(controller),
        "joint_controllers": [
            f"{a.party.name} ({a.reference} {a.title})"
            for a in recipients
            if a.role == Agreement.Role.JOINT_CONTROLLER
        ]
        or [none_text],
        "representative": [
            controller.representative or _("Not applicable (established in the EU)")
        ],
        "dpo": dpo_lines(controller),
        "purposes": [activity.purposes],
        "legal_basis": [
            str(activity.get_legal_basis_display()) if activity.legal_basis else "",
            activity.legal_basis_explanation,
        ],
    }


def _category_entries(activity, data_categories) -> dict[str, list[str]]:
    """Whose data and which (art. 30(1)(c)), with the exceptions of art. 9 and 10."""
    special = [c.name for c in data_categories if c.is_special]
    criminal = [c.name for c in data_categories if c.is_criminal]
    return {
        "subject_categories": [
            c.name + (" " + _("(vulnerable group)") if c.is_vulnerable else "")
            for c in activity.subject_categories.all()
        ],
        "data_categories": [
            c.name
            + {
                PersonalDataCategory.Kind.SPECIAL: " " + _("(special category)"),
                PersonalDataCategory.Kind.CRIMINAL: " " + _("(criminal data)"),
                PersonalDataCategory.Kind.NATIONAL_ID: " " + _("(national identification number)"),
            }.get(c.kind, "")
            for c in data_categories
        ],
        "special_categories": (
            [
                ", ".join(special),
                str(activity.get_special_category_condition_display()),
                activity.special_category_explanation,
            ]
            if special
            else [_("No special categories of personal data")]
        ),
        "criminal_data": (
            [
                ", ".join(criminal),
                str(activity.get_criminal_data_basis_display()),
                activity.criminal_data_explanation,
            ]
            if criminal
            else [_("No criminal data")]
        ),
    }


def _recipient_entries(activity, recipients) -> dict[str, list[str]]:
    """Recipients and transfers outside the EEA (art. 30(1)(d) and (e))."""
    none_text = _("None")
    return {
        "recipients": [
            _("%(party)s, %(role)s (%(ref)s, until %(end)s)")
            % {
                "party": a.party.name,
                "role": a.get_role_display(),
                "ref": a.reference,
                "end": date_text(a.end_date) if a.end_date else _("indefinite"),
            }
            for a in recipients
        ]
        + ([activity.statutory_recipients] if activity.statutory_recipients.strip() else [])
        or [none_text],
        "transfers": [
            _("%(recipient)s in %(country)s: %(safeguard)s. %(details)s")
            % {
                "recipient": t.recipient,
                "country": countries.name(t.country),
                "safeguard": t.get_safeguard_display(),
                "details": t.safeguard_details,
            }
            for t in activity.transfers.all()
        ]
        or [_("No transfers outside the EEA")],
    }


def _safeguard_entries(activity, data_categories) -> dict[str, list[str]]:
    """Retention, security, access, systems, DPIA and review (art. 30(1)(f) and (g))."""
    return {
        "retention": [str(activity.retention_display()), activity.retention_explanation],
        "retention_rules": retention_rule_lines(activity, data_categories),
        "security_measures": [activity.security_measures],
        "internal_access": [activity.internal_access],
        "systems": [s.name for s in activity.systems.all()],
        "dpia": [
            _("DPIA needed: %(answer)s") % {"answer": activity.get_dpia_needed_display()},
            _("Reference: %(reference)s") % {"reference": activity.dpia_reference}
            if activity.dpia_reference
            else "",
            activity.dpia_explanation,
        ],
        "review": [
            _("Next review: %(date)s") % {"date": date_text(activity.review_date)}
            if activity.review_date
            else "",
            _("Last reviewed: %(date)s") % {"date": date_text(activity.last_reviewed_on)}
            if activity.last_reviewed_on
            else "",
        ],
        "replaced_by": [activity.replaced_by.name] if activity.replaced_by else [],
    }


def _csv_safe(value: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def register_csv(activities, day=None) -> str:
    """The register as CSV for Dutch spreadsheets: ';' separated, UTF-8 with BOM."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [f"{f.label} ({f.article})" if f.article else str(f.label) for f in EXPORT_FIELDS]
    )
    for activity in activities:
        record = export_record(activity, day)
        writer.writerow([_csv_safe("\n".join(record[f.key])) for f in EXPORT_FIELDS])
    return buffer.getvalue()


def breach_csv(breaches) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Reference"),
            _("Short description"),
            _("Aware at"),
            _("Deadline (72 hours)"),
            _("Nature"),
            _("Cause"),
            _("Categories of personal data"),
            _("Categories of data subjects"),
            _("Approximate number of data subjects"),
            _("Approximate number of records"),
            _("Likely consequences"),
            _("Measures"),
            _("Risk"),
            _("Processor"),
            _("AP: decision"),
            _("AP: reasons"),
            _("AP: notified at"),
            _("AP: reference"),
            _("Reasons for the delay"),
            _("Data subjects: decision"),
            _("Data subjects: reasons"),
            _("Data subjects: informed at"),
            _("Closed at"),
        ]
    )
    for b in breaches:
        nature = [
            str(label)
            for flag, label in (
                (b.confidentiality, DataBreach._meta.get_field("confidentiality").verbose_name),
                (b.integrity, DataBreach._meta.get_field("integrity").verbose_name),
                (b.availability, DataBreach._meta.get_field("availability").verbose_name),
            )
            if flag
        ]
        row = [
            b.reference,
            b.title,
            datetime_text(b.aware_at),
            datetime_text(b.deadline),
            ", ".join(nature),
            b.get_cause_display(),
            ", ".join(c.name for c in b.data_categories.all()),
            ", ".join(c.name for c in b.subject_categories.all()),
            "" if b.subjects_count is None else str(b.subjects_count),
            "" if b.records_count is None else str(b.records_count),
            b.consequences,
            b.measures,
            b.get_risk_display(),
            str(b.processor_agreement.party) if b.processor_agreement else "",
            b.get_authority_decision_display(),
            b.authority_decision_reason,
            datetime_text(b.authority_notified_at),
            b.authority_reference,
            b.delay_reason,
            b.get_subjects_decision_display(),
            b.subjects_decision_reason,
            datetime_text(b.subjects_notified_at),
            datetime_text(b.closed_at),
        ]
        writer.writerow([_csv_safe(str(value)) for value in row])
    return buffer.getvalue()
