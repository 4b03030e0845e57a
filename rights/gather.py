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
from django.utils import formats, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from accounts import roles

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
    from django.contrib.auth import get_user_model

    from accounts.models import Team

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
    from processingregister.services import purpose_summary, recipients_of
    from retention.models import RetentionRule

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
    retention = [
        {"rule": rule.name, "period": rule.period_display(), "source": rule.legal_source}
        for rule in rules
    ]
    return {"purposes": purposes, "retention": retention}


def _category(
    key, title, intro, records, activities=None, rule_targets=(), empty="", always_explain=False
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
        "title": title,
        "intro": intro,
        "records": records,
        "empty": empty or _("We hold nothing of this kind about you."),
        **info,
    }


def gather_personal_data(person, *, request=None, withheld=None, now=None) -> dict:
    """Everything about ``person`` across the apps, as one dict (Dutch text).

    ``withheld``: {(item kind, record id): reason} left out (third-party information); the
    document says how many and why, never what.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _gather(person, request=request, withheld=withheld or {}, now=now)


def _gather(person, *, request, withheld, now):
    from audit.models import AccessLogEntry
    from contacts.models import (
        ContactMoment,
        EmailAddress,
        Mandate,
        Person,
        PhoneNumber,
        Signal,
        Task,
        Tenancy,
    )
    from processingregister.models import Controller, ProcessingActivity

    from .models import (
        DataSubjectRequest,
        Objection,
        PersonStatement,
        ProcessingRestriction,
        SurveyOptOut,
    )

    now = now or timezone.now()
    categories = []

    # 1. The person.
    categories.append(
        _category(
            "person",
            _("Your personal details"),
            _("Your name and the details we use to tell you apart from others."),
            [
                _record(
                    person,
                    [
                        ("relation_number", person.relation_number),
                        ("initials", person.initials),
                        ("given_name", person.given_name),
                        ("surname_prefix", person.surname_prefix),
                        ("surname", person.surname),
                        ("date_of_birth", person.date_of_birth),
                        ("created_at", person.created_at),
                    ],
                )
            ],
            rule_targets=["person"],
        )
    )

    # 2. Contact details.
    details = [
        _record(
            p,
            [
                ("number", p.display),
                ("kind", p.get_kind_display()),
                ("is_preferred", p.is_preferred),
            ],
        )
        for p in PhoneNumber.objects.filter(person=person).order_by("pk")
    ] + [
        _record(
            e,
            [
                ("address", e.address),
                ("kind", e.get_kind_display()),
                ("is_preferred", e.is_preferred),
            ],
        )
        for e in EmailAddress.objects.filter(person=person).order_by("pk")
    ]
    categories.append(
        _category(
            "contact_details",
            _("Your phone numbers and e-mail addresses"),
            _("How we can reach you."),
            details,
            rule_targets=["phone_number", "email_address"],
        )
    )

    # 3. Tenancies.
    tenancies = [
        _record(
            t,
            [
                ("contract_number", t.contract_number),
                ("unit", f"{t.unit.address_line}, {t.unit.postcode_display} {t.unit.town}"),
                ("role", t.role.name),
                ("start_date", t.start_date),
                ("end_date", t.end_date),
            ],
        )
        for t in Tenancy.objects.filter(person=person).select_related("unit", "role")
    ]
    categories.append(
        _category(
            "tenancies",
            _("Your tenancies"),
            _("The homes you rent or rented from us, and your part in the rental contract."),
            tenancies,
            rule_targets=["tenancy"],
        )
    )

    # 4. Mandates.
    mandates = [
        _record(
            m,
            [
                ("representative", m.representative.full_name),
                ("role", m.role.name),
                ("scope", m.get_scope_display()),
                ("valid_from", m.valid_from),
                ("valid_to", m.valid_to),
                ("verified_how", m.get_verified_how_display()),
                ("verified_at", m.verified_at),
            ],
        )
        for m in Mandate.objects.filter(represented=person).select_related("representative", "role")
    ] + [
        _record(
            m,
            [
                ("role", m.role.name),
                ("scope", m.get_scope_display()),
                ("valid_from", m.valid_from),
                ("valid_to", m.valid_to),
            ],
        )
        for m in Mandate.objects.filter(representative=person).select_related("role")
    ]
    categories.append(
        _category(
            "mandates",
            _("Representation (mandates)"),
            _(
                "Who may act for you, for example a financial administrator, and for whom you "
                "act yourself. When you act for someone else, we do not show that person's "
                "name here."
            ),
            mandates,
            rule_targets=["mandate"],
        )
    )

    # 5. Contact moments.
    contacts = list(
        ContactMoment.objects.filter(person=person)
        .select_related("channel", "subject__processing_activity", "defect", "team", "forwarded_to")
        .order_by("-occurred_at")
    )
    kept_contacts = [c for c in contacts if ("contact_moment", c.pk) not in withheld]
    categories.append(
        _category(
            "contact_moments",
            _("Your contacts with us"),
            _(
                "Every time you (or someone on your behalf) contacted us, or we contacted you: "
                "when, how, about what, and what was done. We show the team that handled it."
            ),
            [
                _record(
                    c,
                    [
                        ("occurred_at", c.occurred_at),
                        ("channel", c.channel.name),
                        ("direction", c.get_direction_display()),
                        ("caller_kind", c.get_caller_kind_display()),
                        ("subject", c.subject.name),
                        ("defect", c.defect.name if c.defect else ""),
                        ("summary", c.summary),
                        ("notes", c.notes),
                        ("outcome", c.get_outcome_display()),
                        ("forwarded_to", c.forwarded_to.name if c.forwarded_to else ""),
                        ("team", c.team.name),
                    ],
                )
                for c in kept_contacts
            ],
            activities=[c.subject.processing_activity for c in kept_contacts],
            rule_targets=["contact_moment"],
        )
    )

    # 6. Tasks.
    tasks = list(
        Task.objects.filter(contact_moment__person=person)
        .select_related("kind__processing_activity", "assigned_team")
        .order_by("-created_at")
    )
    kept_tasks = [
        t
        for t in tasks
        if ("task", t.pk) not in withheld
        and ("contact_moment", t.contact_moment_id) not in withheld
    ]
    categories.append(
        _category(
            "tasks",
            _("Follow-up of your contacts (tasks)"),
            _("What we agreed to do after a contact, such as a repair or a call back."),
            [
                _record(
                    t,
                    [
                        ("kind", t.kind.name),
                        ("requested_action", t.requested_action),
                        ("assigned_team", t.assigned_team.name if t.assigned_team else ""),
                        ("due_date", t.due_date),
                        ("status", t.get_status_display()),
                        ("closing_note", t.closing_note),
                        ("created_at", t.created_at),
                        ("closed_at", t.closed_at),
                    ],
                )
                for t in kept_tasks
            ],
            activities=[t.kind.processing_activity for t in kept_tasks],
            rule_targets=["task"],
        )
    )

    # 7. Signals.
    signals = list(
        Signal.objects.filter(person=person)
        .select_related("signal_type__processing_activity")
        .order_by("-created_at")
    )
    kept_signals = [s for s in signals if ("signal", s.pk) not in withheld]
    categories.append(
        _category(
            "signals",
            _("Signals"),
            _(
                "Short, factual notes that only the employees involved may read, for example "
                "about nuisance or about support you receive. Each has a date on which we check "
                "whether it is still needed."
            ),
            [
                _record(
                    s,
                    [
                        ("signal_type", s.signal_type.name),
                        ("description", s.description),
                        ("legal_basis", s.legal_basis),
                        ("created_at", s.created_at),
                        ("review_on", s.review_on),
                        ("ended_on", s.ended_on),
                    ],
                )
                for s in kept_signals
            ],
            activities=[s.signal_type.processing_activity for s in kept_signals],
            rule_targets=["signal"],
        )
    )

    # 8. Own statements.
    categories.append(
        _category(
            "statements",
            _("Your own statements"),
            _("Statements you asked us to add to data you disagree with."),
            [
                _record(
                    s,
                    [
                        ("record_kind", s.get_record_kind_display()),
                        ("statement", s.statement),
                        ("received_on", s.received_on),
                    ],
                )
                for s in PersonStatement.objects.filter(person=person)
            ],
        )
    )

    # 9. Choices: survey preferences, objections, restriction.
    survey = ProcessingActivity.objects.filter(code="klanttevredenheid").first()
    choices = [
        _record(o, [("via", o.get_via_display()), ("at", o.at)])
        for o in SurveyOptOut.objects.filter(person=person)
    ]
    choices += [
        _record(o, [("purpose", o.get_purpose_display()), ("received_at", o.received_at)])
        for o in Objection.objects.filter(person=person)
    ]
    choices += [
        _record(r, [("reason", r.reason), ("started_at", r.started_at), ("ended_at", r.ended_at)])
        for r in ProcessingRestriction.objects.filter(person=person)
    ]
    opted_out = (
        SurveyOptOut.objects.filter(person=person).exists()
        or Objection.objects.filter(person=person, purpose=Objection.Purpose.SURVEYS).exists()
    )
    categories.append(
        _category(
            "choices",
            _("Your choices: surveys, objections and restriction"),
            (
                _("You have unsubscribed from satisfaction surveys: we do not invite you.")
                if opted_out
                else _(
                    "You may be invited for a satisfaction survey after a contact or repair. "
                    "You can unsubscribe at any time, with the link in the invitation or by "
                    "asking us."
                )
            ),
            choices,
            activities=[survey] if survey else [],
            empty=_("You have not unsubscribed, objected or asked for a restriction."),
            always_explain=True,
        )
    )

    # 10. Requests about their data.
    requests = [
        _record(
            r,
            [
                ("reference", r.reference),
                ("kind", r.get_kind_display()),
                ("received_at", r.received_at),
                ("status", r.get_status_display()),
                ("outcome", r.get_outcome_display() if r.outcome else ""),
                ("completed_at", r.completed_at),
            ],
        )
        for r in DataSubjectRequest.objects.filter(person=person).order_by("received_at")
    ]
    privacy = ProcessingActivity.objects.filter(code="privacybeheer").first()
    categories.append(
        _category(
            "requests",
            _("Your requests about your data"),
            _("Requests you made to see, correct or erase your data, including this one."),
            requests,
            activities=[privacy] if privacy else [],
        )
    )

    # 11. Access log.
    entries = list(
        AccessLogEntry.objects.filter(person_id=person.pk)
        .order_by("-at")
        .values("at", "actor_id", "what", "grant", "reason")
    )
    who = _employee_descriptions({e["actor_id"] for e in entries if e["actor_id"]})
    what_labels = {
        AccessLogEntry.What.CARD: _("your customer card"),
        AccessLogEntry.What.CONTACT_MOMENT: _("a contact moment"),
        AccessLogEntry.What.TASK: _("a task"),
        AccessLogEntry.What.SEARCH_RESULT: _("your name in a search result"),
        AccessLogEntry.What.CALLER_LOOKUP: _("your details when you phoned us"),
        AccessLogEntry.What.SIGNAL_CONTENT: _("the content of a signal"),
        AccessLogEntry.What.ACCESS_LOG: _("this overview of who looked at your data"),
        AccessLogEntry.What.EXPORT: _("a copy or export of your data"),
    }
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
    access_log = {
        "title": _("Who looked at your data"),
        "intro": _(
            "Every time an employee opens your data, we record it. Below you see on which day, "
            "which function in which team looked, what they looked at, and how often. We do not "
            "show employees' names; if you need a name, for example for a complaint, ask our "
            "privacy officer. 'Emergency access' means an employee outside your team opened your "
            "file with a stated reason; every such access is checked afterwards."
        ),
        "entries": log_rows,
        "total": len(entries),
        **_register_info([], ["access_log"]),
    }

    # Withheld items: how many and why, never what.
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
    withheld_rows = [
        {"kind": kind, "reason": reason, "count": count}
        for (kind, reason), count in sorted(reasons.items())
    ]

    controller = Controller.objects.order_by("pk").first()
    return {
        "format": FORMAT,
        "reference": request.reference if request is not None else "",
        "kind": request.kind if request is not None else "",
        "produced_at": now.isoformat(),
        "produced_display": _fmt(now),
        "person": {"id": person.pk, "name": person.full_name},
        "controller": {
            "name": controller.name if controller else "",
            "address": controller.address if controller else "",
            "email": controller.email if controller else "",
            "phone": controller.phone if controller else "",
            "dpo_name": controller.dpo_name if controller else "",
            "dpo_email": controller.dpo_email if controller else "",
        },
        "categories": categories,
        "withheld": withheld_rows,
        "access_log": access_log,
        "model_label": Person._meta.label,
    }
