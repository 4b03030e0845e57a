"""Gathering everything the product holds about one person (art. 15 access, art. 20 portability).

``gather_personal_data`` returns one plain, JSON-serialisable dict: the machine-readable file is
that dict; the print-ready document (``rights/access_document.html``) is rendered from it. All
text is produced in Dutch (the tenant reads it).

Choice about the access log: the tenant sees *when* their file was viewed, *what* was viewed,
and by *which function in which team* (e.g. "Medewerker Woonservice, team Noord"), plus
whether it was an emergency access (break-the-glass) - not the employees' names. Names of
employees are personal data of those employees; the function and team tell the tenant what
they need to judge whether the access was lawful (CJEU C-579/21, Pankki S). When the tenant
needs a name to exercise their rights (e.g. a complaint about a specific access), the privacy
officer can give it on request from the full log.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import formats, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from accounts import roles
from accounts.models import Team
from audit.models import AccessLogEntry
from contacts.models import Person
from persondata import registry
from processingregister.models import Controller, ProcessingActivity
from processingregister.services import purpose_summary, recipients_of
from retention.explain import phrase_text
from retention.models import RetentionRule

from .models import Objection, SurveyOptOut

FORMAT = "klantcontact-inzage/1"


def _fmt(value):
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "j F Y, H:i")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "j F Y")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _raw(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _label(model, name):
    return str(capfirst(model._meta.get_field(name).verbose_name))


def _record(obj, spec, record_id=None):
    """``spec``: [(field name, value)]; label from the model's verbose name (Dutch)."""
    fields, data = [], {}
    for name, value in spec:
        data[name] = _raw(value) if not hasattr(value, "pk") else str(value)
        if value in (None, ""):
            continue
        fields.append({"label": _label(type(obj), name), "value": _fmt(value)})
    return {"id": record_id if record_id is not None else obj.pk, "fields": fields, "data": data}


def _employee_descriptions(user_ids):
    """{user id: "function, team"}: how an employee appears in the tenant's document."""
    users = get_user_model().objects.filter(pk__in=user_ids).prefetch_related("groups")
    result = {}
    for user in users:
        names = {g.name for g in user.groups.all()}
        functions = [str(roles.ROLE_LABELS[r]) for r in roles.ALL_ROLES if r in names]
        teams = list(
            Team.objects.filter(member_group__user=user).values_list("name", flat=True)
        ) + list(Team.objects.filter(leader_group__user=user).values_list("name", flat=True))
        text = ", ".join(functions) or _("an employee")
        if teams:
            text += " · " + ", ".join(sorted(set(teams)))
        result[user.pk] = text
    return result


def _register_info(activities, rule_targets, rule_activities=True):
    """Purpose, legal basis, recipients and retention for a category (from the register).

    The activities are those the records are bound to (contact subjects, task kinds, signal
    types); for records without such a binding (``rule_activities``), the activities the
    retention rules of the category name.
    """
    today = timezone.localdate()
    rules = list(
        RetentionRule.objects.active_on(today)
        .filter(target__in=rule_targets)
        .select_related("processing_activity")
        .order_by("code")
    )
    seen, acts = set(), []
    from_rules = [r.processing_activity for r in rules] if rule_activities else []
    for activity in [*activities, *from_rules]:
        if activity is not None and activity.pk not in seen:
            seen.add(activity.pk)
            acts.append(activity)
    purposes = []
    for activity in acts:
        summary = purpose_summary(activity)
        recipients = [
            f"{a.party.name} ({a.get_role_display()})"
            for a in recipients_of(activity)
            if a.party_id
        ]
        purposes.append(
            {
                "activity": activity.name,
                "purposes": summary["purposes"],
                "legal_basis": summary["legal_basis_label"],
                "legal_basis_explanation": summary["legal_basis_explanation"],
                "recipients": recipients,
                "statutory_recipients": activity.statutory_recipients,
                "retention": summary["retention"],
                "retention_explanation": activity.retention_explanation,
            }
        )
    # The same phrase the card and the staff's retention page show ("verwijderd 2 jaar na
    # einde huur"), from the same rules (retention.explain).
    retention = [
        {
            "rule": rule.name,
            "phrase": phrase_text(rule),
            "period": rule.period_display(),
            "source": rule.legal_source,
        }
        for rule in rules
    ]
    return {"purposes": purposes, "retention": retention}


def _category(
    key,
    title,
    intro,
    records,
    activities=None,
    rule_targets=(),
    empty="",
    always_explain=False,
    sources=(),
):
    """One part of the document. Without records there is nothing to explain, unless
    ``always_explain`` (e.g. the survey purpose, which applies to every tenant)."""
    info = {"purposes": [], "retention": []}
    if records or always_explain:
        info = _register_info(
            list(activities or []), list(rule_targets), rule_activities=activities is None
        )
    return {
        "key": key,
        "title": str(title),
        "intro": str(intro),
        "records": records,
        "empty": str(empty or _("We hold nothing of this kind about you.")),
        # Art. 15(1)(g): where the data came from, per kind of data in this part.
        "sources": list(sources) if records else [],
        **info,
    }


def _resolve(obj, dotted: str):
    value = obj
    for part in dotted.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def _field_value(obj, spec):
    """The value of a declared copy field: choices as their label, a related record as its
    name, ``attr`` as the attribute it names."""
    if spec.attr:
        return _resolve(obj, spec.attr)
    field = type(obj)._meta.get_field(spec.name)
    if field.choices and not field.is_relation:
        return getattr(obj, f"get_{spec.name}_display")() if getattr(obj, spec.name) else ""
    value = getattr(obj, spec.name)
    if field.is_relation and value is not None:
        return getattr(value, "name", None) or str(value)
    return value


def _entry_record(entry, obj, fields) -> dict:
    spec = [(f, _field_value(obj, f)) for f in fields]
    record_fields, data = [], {}
    for f, value in spec:
        data[f.name] = _raw(value) if not hasattr(value, "pk") else str(value)
        if value in (None, ""):
            continue
        label = str(capfirst(f.label)) if f.label else _label(type(obj), f.name)
        record_fields.append({"label": label, "value": _fmt(value)})
    return {"id": obj.pk, "kind": str(entry.holds.label), "fields": record_fields, "data": data}


def _is_withheld(entry, obj, withheld) -> bool:
    """Left out when the record, or a record it is part of, was withheld."""
    while entry is not None and obj is not None:
        if entry.holds.withhold_key and (entry.holds.withhold_key, obj.pk) in withheld:
            return True
        parent = entry.holds.part_of
        if not parent:
            return False
        obj = getattr(obj, parent, None)
        entry = registry.entry_for(type(obj)) if obj is not None else None
    return False


def _section_records(key, person, withheld):
    """(records, activities, retention target keys, source labels) of one section, from the
    registry's declarations."""
    records, activities, targets, sources = [], [], [], []
    for entry in registry.section_entries(key):
        targets += [spec.key for spec in entry.holds.retention if spec.person_field != ""]
        copy = entry.holds.copy
        groups = (
            [(path, entry.copy_fields(path)) for path in copy]
            if isinstance(copy, dict)
            else [(None, entry.copy_fields(None))]
        )
        found = 0
        for path, fields in groups:
            qs = entry.records([person.pk], path=path).order_by(*entry.holds.order_by)
            relations = [f.name for f in fields if not f.attr and _is_relation(entry, f.name)]
            relations += [f.attr.rsplit(".", 1)[0] for f in fields if f.attr and "." in f.attr]
            if entry.holds.activity:
                relations.append(entry.holds.activity)
            if relations:
                qs = qs.select_related(*relations)
            for obj in qs:
                if _is_withheld(entry, obj, withheld):
                    continue
                records.append(_entry_record(entry, obj, fields))
                found += 1
                if entry.holds.activity:
                    activities.append(_resolve(obj, entry.holds.activity.replace("__", ".")))
        if found:
            label = registry.Source.label(entry.holds.source)
            sources.append({"kind": str(capfirst(entry.holds.label)), "source": label})
    return records, activities, targets, sources


def _is_relation(entry, name) -> bool:
    return entry.model._meta.get_field(name).is_relation


def gather_personal_data(person, *, request=None, withheld=None, now=None) -> dict:
    """Everything about ``person`` across the apps, as one dict (Dutch text).

    What goes in, under which heading, with which labels and sources, is read from the
    person-data registry (``SUBJECT_DATA`` and ``COPY_SECTIONS`` in each app's
    ``personal_data.py``): a kind of data declared there is in the copy without a change here.

    ``withheld``: {(item kind, record id): reason} left out (third-party information); the
    document says how many and why, never what.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _gather(person, request=request, withheld=withheld or {}, now=now)


def _gather(person, *, request, withheld, now):
    now = now or timezone.now()
    return {
        "format": FORMAT,
        "reference": request.reference if request is not None else "",
        "kind": request.kind if request is not None else "",
        "produced_at": now.isoformat(),
        "produced_display": _fmt(now),
        "person": {"id": person.pk, "name": person.full_name},
        "controller": _controller(),
        "categories": _categories(person, withheld),
        "withheld": _withheld_rows(withheld),
        "access_log": _access_log(person),
        "model_label": Person._meta.label,
    }


def _categories(person, withheld) -> list[dict]:
    """One part per section of the registry (the access log has its own overview)."""
    categories = []
    # The survey purpose applies to every tenant, the privacy activity to every request.
    survey = ProcessingActivity.objects.filter(code="klanttevredenheid").first()
    privacy = ProcessingActivity.objects.filter(code="privacybeheer").first()
    for section in registry.sections():
        if section.key == "access_log":
            continue  # its own overview, below
        records, activities, targets, sources = _section_records(section.key, person, withheld)
        intro = section.intro
        options = {"activities": [a for a in activities if a is not None] or None}
        if section.key == "choices":
            opted_out = (
                SurveyOptOut.objects.filter(person=person).exists()
                or Objection.objects.filter(
                    person=person, purpose=Objection.Purpose.SURVEYS
                ).exists()
            )
            if opted_out:
                intro = _("You have unsubscribed from satisfaction surveys: we do not invite you.")
            options = {"activities": [survey] if survey else [], "always_explain": True}
        elif section.key == "requests":
            options = {"activities": [privacy] if privacy else []}
        elif section.key == "statements":
            options = {"activities": []}
        categories.append(
            _category(
                section.key,
                section.title,
                intro,
                records,
                rule_targets=targets,
                empty=section.empty or "",
                sources=sources,
                **options,
            )
        )
    return categories


def _access_log_what_labels() -> dict:
    return {
        AccessLogEntry.What.CARD: _("your customer card"),
        AccessLogEntry.What.CONTACT_MOMENT: _("a contact moment"),
        AccessLogEntry.What.TASK: _("a task"),
        AccessLogEntry.What.SEARCH_RESULT: _("your name in a search result"),
        AccessLogEntry.What.CALLER_LOOKUP: _("your details when you phoned us"),
        AccessLogEntry.What.SIGNAL_CONTENT: _("the content of a signal"),
        AccessLogEntry.What.ACCESS_LOG: _("this overview of who looked at your data"),
        AccessLogEntry.What.EXPORT: _("a copy or export of your data"),
    }


def _access_log(person) -> dict:
    """Who looked at the person's data: per day, function and team, what, and on what ground."""
    entries = list(
        AccessLogEntry.objects.filter(person_id=person.pk)
        .order_by("-at")
        .values("at", "actor_id", "what", "grant", "reason")
    )
    who = _employee_descriptions({e["actor_id"] for e in entries if e["actor_id"]})
    what_labels = _access_log_what_labels()
    grant_labels = dict(AccessLogEntry.Grant.choices)
    grouped: dict[tuple, int] = {}
    for e in entries:
        local = timezone.localtime(e["at"])
        what = str(what_labels.get(e["what"], e["what"]))
        if e["what"] == AccessLogEntry.What.EXPORT and e["reason"]:
            what = f"{what}: {e['reason']}"
        key = (
            local.date(),
            who.get(e["actor_id"], _("an automated link")),
            what,
            e["grant"],
        )
        grouped[key] = grouped.get(key, 0) + 1
    log_rows = [
        {
            "date": day.isoformat(),
            "date_display": _fmt(day),
            "by": by,
            "what": what,
            "grant": str(grant_labels.get(grant, grant)),
            "emergency": grant == AccessLogEntry.Grant.BREAK_THE_GLASS,
            "count": count,
        }
        for (day, by, what, grant), count in grouped.items()
    ]
    log_section = registry.registry().sections["access_log"]
    return {
        "title": str(log_section.title),
        "intro": str(log_section.intro),
        "entries": log_rows,
        "total": len(entries),
        **_register_info([], ["access_log"]),
    }


def _withheld_rows(withheld) -> list[dict]:
    """Withheld items: how many and why, never what."""
    reasons: dict[tuple, int] = {}
    kind_labels = {
        "contact_moment": _("contact moment"),
        "task": _("task"),
        "signal": _("signal"),
    }
    for (kind, _pk), reason in withheld.items():
        reasons[(str(kind_labels.get(kind, kind)), reason)] = (
            reasons.get((str(kind_labels.get(kind, kind)), reason), 0) + 1
        )
    return [
        {"kind": kind, "reason": reason, "count": count}
        for (kind, reason), count in sorted(reasons.items())
    ]


def _controller() -> dict:
    controller = Controller.objects.order_by("pk").first()
    return {
        "name": controller.name if controller else "",
        "address": controller.address if controller else "",
        "email": controller.email if controller else "",
        "phone": controller.phone if controller else "",
        "dpo_name": controller.dpo_name if controller else "",
        "dpo_email": controller.dpo_email if controller else "",
    }
