"""Demo content of the processing register: a realistic register for Woonservice and the
departments it works with, processor agreements and covenants, and a small breach register.

Idempotent: rows are matched on stable keys (codes, references, names). A second run changes
nothing; a run after someone edited demo rows puts the demo values back. Rows outside the
demo are left alone. Other apps bind their registrations to the activity codes below
(``klantcontact``, ``reparatieverzoeken``, ``huurincasso``, ``overlast-signalen``,
``zorgsignalen``, ``klanttevredenheid``, ``woonruimteverdeling-urgentie``, ``telefonie``,
``wijziging-persoonsgegevens``, ``huuropzegging``, ...).

The content is data, in ``demo_data/`` (YAML: reference lists, activities, agreements,
breaches), read into specs by ``demo_specs``; this module turns the specs into rows. The
corporation, its suppliers and their addresses are invented; e-mail addresses use the
reserved ``.example`` domain.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.models import User

from .demo_specs import (
    ACTIVITIES,
    AGREEMENTS,
    CONTROLLER,
    DEPARTMENTS,
    FIXED_BREACHES,
    OFFICER_USERNAME,
    OPEN_BREACH,
    OPEN_BREACH_TITLE,
    PARTIES,
    SUBJECT_CATEGORIES,
    SYSTEMS,
    TZ,
    ActivitySpec,
    AgreementSpec,
    Status,
)
from .models import (
    ActivityEvent,
    Agreement,
    Controller,
    DataBreach,
    DataSubjectCategory,
    Decision,
    Department,
    InformationSystem,
    Party,
    PersonalDataCategory,
    ProcessingActivity,
    SubProcessor,
    Transfer,
)
from .services.breaches import next_breach_reference


@dataclass
class SyncCount:
    created: int = 0
    updated: int = 0

    def add(self, created: bool, changed: bool):
        if created:
            self.created += 1
        elif changed:
            self.updated += 1


def _sync(model, key: dict, values: dict, m2m: dict | None = None):
    """Create or update one row; returns (row, created, changed)."""
    row = model._default_manager.filter(**key).first()
    created = row is None
    changed = False
    if created:
        row = model(**{**values, **key})
        row.save()
    else:
        diff = [name for name, value in values.items() if getattr(row, name) != value]
        for name in diff:
            setattr(row, name, values[name])
        if diff:
            row.save()
            changed = True
    for name, wanted in (m2m or {}).items():
        manager = getattr(row, name)
        if set(manager.values_list("pk", flat=True)) != {obj.pk for obj in wanted}:
            manager.set(wanted)
            changed = True
    return row, created, changed


def minimal_pdf(lines: list[str]) -> bytes:
    """A tiny valid one-page PDF with text lines (demo documents only)."""

    def escape(text):
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream = (
        "BT /F1 11 Tf 56 780 Td 15 TL " + " ".join(f"({escape(line)}) '" for line in lines) + " ET"
    )
    stream_bytes = stream.encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length "
        + str(len(stream_bytes)).encode()
        + b" >>\nstream\n"
        + stream_bytes
        + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def _agreement_document(spec: AgreementSpec) -> bytes:
    return minimal_pdf(
        [
            spec.title,
            f"Kenmerk {spec.reference}",
            f"Partijen: {CONTROLLER['name']} (verwerkingsverantwoordelijke) en {spec.party}",
            f"Ingangsdatum: {spec.start.strftime('%d-%m-%Y')}",
            "Demodocument: alleen voor de demonstratie van Klantcontact.",
        ]
    )


@transaction.atomic
def seed_demo_data() -> list[str]:
    count = SyncCount()
    officer = User.objects.filter(username=OFFICER_USERNAME).first()
    controller, departments, subjects, parties, systems = _seed_reference_lists(count)
    categories = {c.code: c for c in PersonalDataCategory.objects.all()}
    lists = {"subjects": subjects, "categories": categories, "systems": systems}
    activities = _seed_activities(count, controller, departments, lists, officer)
    agreements = _seed_agreements(count, parties, activities, categories)
    for spec in FIXED_BREACHES:
        created, changed = _seed_breach(spec, activities, categories, subjects, agreements, officer)
        count.add(created, changed)
    created = _seed_open_breach(activities, categories, subjects, agreements, officer)
    count.add(created, False)

    return [
        "  processing register: "
        f"{ProcessingActivity.objects.filter(code__in=activities).count()} processing activities "
        f"({sum(1 for s in ACTIVITIES if s.status == Status.APPROVED)} approved), "
        f"{len(AGREEMENTS)} agreements, "
        f"{DataBreach.objects.count()} data breaches; "
        f"this run: {count.created} created, {count.updated} updated",
    ]


def _seed_reference_lists(count: SyncCount):
    """The controller, departments, categories of data subjects, parties and systems."""
    controller, created, changed = _sync(Controller, {"name": CONTROLLER["name"]}, CONTROLLER)
    count.add(created, changed)
    departments = {}
    for code, name in DEPARTMENTS:
        departments[code], created, changed = _sync(Department, {"code": code}, {"name": name})
        count.add(created, changed)
    subjects = {}
    for code, name, description, vulnerable in SUBJECT_CATEGORIES:
        subjects[code], created, changed = _sync(
            DataSubjectCategory,
            {"code": code},
            {"name": name, "description": description, "is_vulnerable": vulnerable},
        )
        count.add(created, changed)
    parties = {}
    for spec in PARTIES:
        parties[spec["name"]], created, changed = _sync(Party, {"name": spec["name"]}, spec)
        count.add(created, changed)
    systems = {}
    for name, description, supplier, hosting in SYSTEMS:
        systems[name], created, changed = _sync(
            InformationSystem,
            {"name": name},
            {"description": description, "supplier": parties[supplier], "hosting": hosting},
        )
        count.add(created, changed)
    return controller, departments, subjects, parties, systems


def _activity_values(spec: ActivitySpec, controller, departments) -> dict:
    dpia_needed, dpia_reference, dpia_explanation = spec.dpia
    period, unit, trigger, explanation = spec.retention
    return {
        "name": spec.name,
        "controller": controller,
        "department": departments[spec.department],
        "process_owner": spec.process_owner,
        "owner_user": None,
        "purposes": spec.purposes,
        "legal_basis": spec.legal_basis,
        "legal_basis_explanation": spec.legal_basis_explanation,
        "special_category_condition": spec.special_condition,
        "special_category_explanation": spec.special_explanation,
        "criminal_data_basis": spec.criminal_basis,
        "criminal_data_explanation": spec.criminal_explanation,
        "internal_access": spec.internal_access,
        "statutory_recipients": spec.statutory_recipients,
        "retention_period": period,
        "retention_unit": unit,
        "retention_trigger": trigger,
        "retention_explanation": explanation,
        "security_measures": spec.security,
        "dpia_needed": dpia_needed,
        "dpia_reference": dpia_reference,
        "dpia_explanation": dpia_explanation,
        "status": spec.status,
        "review_date": spec.review_date,
    }


def _seed_activities(count: SyncCount, controller, departments, lists, officer) -> dict:
    """Every activity with its categories, systems, transfers and history; then replacements."""
    activities = {}
    for spec in ACTIVITIES:
        previous_status = (
            ProcessingActivity.objects.filter(code=spec.code)
            .values_list("status", flat=True)
            .first()
        )
        activity, created, changed = _sync(
            ProcessingActivity,
            {"code": spec.code},
            _activity_values(spec, controller, departments),
            m2m={
                "subject_categories": [lists["subjects"][c] for c in spec.subjects],
                "data_categories": [lists["categories"][c] for c in spec.data],
                "systems": [lists["systems"][s] for s in spec.systems],
            },
        )
        if spec.status == Status.APPROVED and activity.approved_at is None:
            activity.approved_at = datetime.datetime(2026, 1, 15, 10, 0, tzinfo=TZ)
            activity.save(update_fields=["approved_at"])
            changed = True
        if created or previous_status != spec.status:
            _seed_history(activity, spec.status, officer, created)
        for recipient, country, safeguard, details in spec.transfers:
            _, t_created, t_changed = _sync(
                Transfer,
                {"activity": activity, "recipient": recipient},
                {"country": country, "safeguard": safeguard, "safeguard_details": details},
            )
            changed = changed or t_created or t_changed
        count.add(created, changed)
        activities[spec.code] = activity
    for spec in ACTIVITIES:
        wanted = activities[spec.replaced_by] if spec.replaced_by else None
        activity = activities[spec.code]
        if activity.replaced_by_id != (wanted.pk if wanted else None):
            activity.replaced_by = wanted
            activity.save(update_fields=["replaced_by"])
            count.add(False, True)
    return activities


def _seed_agreements(count: SyncCount, parties, activities, categories) -> dict:
    """Every agreement with its activities, categories, demo document and sub-processors."""
    agreements = {}
    for spec in AGREEMENTS:
        values = {
            "title": spec.title,
            "party": parties[spec.party],
            "role": spec.role,
            "purposes": spec.purposes,
            "security_measures": spec.security,
            "data_subject_rights": spec.rights,
            "start_date": spec.start,
            "end_date": spec.end,
            "end_of_term": spec.end_of_term,
            "end_of_term_details": spec.end_details,
            "liability": spec.liability,
            "breach_notification_hours": spec.breach_hours,
            "signed_on": spec.signed,
        }
        agreement, created, changed = _sync(
            Agreement,
            {"reference": spec.reference},
            values,
            m2m={
                "activities": [activities[c] for c in spec.activities],
                "data_categories": [categories[c] for c in spec.data],
            },
        )
        if not agreement.has_document:
            document = _agreement_document(spec)
            agreement.document_name = f"{spec.reference}.pdf"
            agreement.document_content_type = "application/pdf"
            agreement.document_size = len(document)
            agreement.document_content = document
            agreement.document_uploaded_at = datetime.datetime.combine(
                spec.signed, datetime.time(12, 0), tzinfo=TZ
            )
            agreement.save()
            changed = True
        for name, service, country in spec.sub_processors:
            _, s_created, s_changed = _sync(
                SubProcessor,
                {"agreement": agreement, "name": name},
                {"service": service, "country": country, "approved_on": spec.signed},
            )
            changed = changed or s_created or s_changed
        count.add(created, changed)
        agreements[spec.reference] = agreement
    return agreements


def _seed_history(activity, status, officer, created):
    at = datetime.datetime(2026, 1, 15, 10, 0, tzinfo=TZ)
    if created:
        ActivityEvent.objects.create(
            activity=activity,
            kind=ActivityEvent.Kind.CREATED,
            to_status=Status.DRAFT,
            at=at - datetime.timedelta(days=14),
            by=officer,
            note="Opgesteld met de proceseigenaar.",
        )
    kind = {
        Status.DRAFT: ActivityEvent.Kind.RETURNED,
        Status.IN_REVIEW: ActivityEvent.Kind.SUBMITTED,
        Status.APPROVED: ActivityEvent.Kind.APPROVED,
        Status.RETIRED: ActivityEvent.Kind.RETIRED,
    }[status]
    if status != Status.DRAFT:
        ActivityEvent.objects.create(
            activity=activity,
            kind=kind,
            from_status=Status.DRAFT if created else "",
            to_status=status,
            at=at if created else timezone.now(),
            by=officer,
            note="Demoregister." if created else "Demodata hersteld.",
        )


def _breach_values(spec, agreements):
    a_decision, a_reason, a_at, a_ref = spec.authority
    s_decision, s_reason, s_at, s_method = spec.data_subjects
    return {
        "title": spec.title,
        "aware_at": spec.aware_at,
        "description": spec.description,
        "cause": spec.cause,
        "confidentiality": spec.confidentiality,
        "integrity": spec.integrity,
        "availability": spec.availability,
        "subjects_count": spec.subjects_count,
        "records_count": spec.records_count,
        "consequences": spec.consequences,
        "measures": spec.measures,
        "risk": spec.risk,
        "processor_agreement": agreements[spec.processor] if spec.processor else None,
        "processor_reported_at": spec.aware_at if spec.processor else None,
        "authority_decision": a_decision,
        "authority_decision_reason": a_reason,
        "authority_decided_at": spec.aware_at + datetime.timedelta(hours=20)
        if a_decision != Decision.PENDING
        else None,
        "authority_notified_at": a_at,
        "authority_reference": a_ref,
        "subjects_decision": s_decision,
        "subjects_decision_reason": s_reason,
        "subjects_decided_at": spec.aware_at + datetime.timedelta(hours=20)
        if s_decision != Decision.PENDING
        else None,
        "subjects_notified_at": s_at,
        "subjects_notification_method": s_method,
        "closed_at": spec.closed_at,
    }


def _seed_breach(spec, activities, categories, subjects, agreements, officer):
    values = _breach_values(spec, agreements)
    exists = DataBreach.objects.filter(reference=spec.reference).exists()
    if not exists:
        values["reported_by"] = officer
    breach, created, changed = _sync(
        DataBreach,
        {"reference": spec.reference},
        values,
        m2m={
            "activities": [activities[c] for c in spec.activities],
            "data_categories": [categories[c] for c in spec.data],
            "subject_categories": [subjects[c] for c in spec.subjects],
        },
    )
    for at, description, sent in spec.updates:
        _, u_created, u_changed = _sync(
            breach.updates.model,
            {"breach": breach, "at": at},
            {"description": description, "sent_to_authority": sent},
        )
        changed = changed or u_created or u_changed
    return created, changed


def _seed_open_breach(activities, categories, subjects, agreements, officer) -> bool:
    """One breach that is still open, so the countdown and reminders can be seen. Created once,
    about 30 hours before the first seeding; never moved afterwards."""
    if DataBreach.objects.filter(title=OPEN_BREACH_TITLE).exists():
        return False
    spec = OPEN_BREACH
    aware_at = timezone.now().replace(second=0, microsecond=0) - datetime.timedelta(hours=30)
    breach = DataBreach(
        title=spec["title"],
        aware_at=aware_at,
        description=spec["description"],
        cause=spec["cause"],
        confidentiality=spec["confidentiality"],
        availability=spec["availability"],
        subjects_count=spec["subjects_count"],
        records_count=spec["records_count"],
        consequences=spec["consequences"],
        measures=spec["measures"],
        risk=spec["risk"],
        processor_agreement=agreements[spec["processor"]],
        processor_reported_at=aware_at - datetime.timedelta(hours=2),
    )
    breach.reference = next_breach_reference(timezone.localdate(aware_at))
    breach.reported_by = officer
    breach.save()
    breach.activities.set([activities[c] for c in spec["activities"]])
    breach.data_categories.set([categories[c] for c in spec["data"]])
    breach.subject_categories.set([subjects[c] for c in spec["subjects"]])
    return True
