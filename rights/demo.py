"""Demo data of this app (called by seed_demo): requests in every state, an objection, a
survey opt-out and a restricted person. Idempotent: each demo request is recognised by its
description. The texts are data (``demo_data/requests.yaml``)."""

import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.utils import timezone

from contacts.models import EmailAddress, Person, Tenancy
from klantcontact.content import load_yaml
from referencedata.models import CodeList, ReferenceCode

from . import selectors, services
from .models import DataSubjectRequest, Objection, SurveyOptOut

Kind = DataSubjectRequest.Kind
Outcome = DataSubjectRequest.Outcome
Reason = DataSubjectRequest.RefusalReason
How = DataSubjectRequest.Verification

# (key, kind, days ago received, channel, state, extra)
SCENARIOS = [
    ("received", Kind.ACCESS, 3, "EMA", "received", {}),
    ("verified", Kind.PORTABILITY, 9, "INT", "verified", {}),
    ("extended", Kind.ACCESS, 20, "BRI", "extended", {}),
    ("overdue", Kind.RECTIFICATION, 41, "BAL", "overdue", {}),
    ("granted", Kind.ACCESS, 24, "BAL", "granted", {"done_after": 12}),
    ("partly", Kind.RECTIFICATION, 62, "BRI", "partly", {"done_after": 20}),
    ("refused", Kind.ERASURE, 75, "EMA", "refused", {"done_after": 26}),
    ("objection", Kind.OBJECTION, 33, "TEL", "objection", {"done_after": 2}),
    ("restriction", Kind.RESTRICTION, 15, "BRI", "restriction", {"done_after": 3}),
    # Earlier months, for the management report.
    ("hist-1", Kind.ACCESS, 100, "EMA", "granted-plain", {"done_after": 21}),
    ("hist-2", Kind.OBJECTION, 130, "TEL", "objection-refused", {"done_after": 9}),
    ("hist-3", Kind.ERASURE, 160, "BRI", "refused", {"done_after": 29}),
    ("hist-4", Kind.ACCESS, 190, "BAL", "granted-late", {"done_after": 38}),
    ("hist-5", Kind.RECTIFICATION, 220, "EMA", "granted-plain", {"done_after": 6}),
]

# What each scenario's request says, the replies and the handler's texts (Dutch, for the demo).
DATA = load_yaml(Path(__file__).resolve().parent / "demo_data" / "requests.yaml")
DESCRIPTIONS = DATA["descriptions"]
REPLIES = DATA["replies"]
TEXTS = DATA["texts"]


def _candidates():
    today = timezone.localdate()
    current = Tenancy.objects.current(today).filter(person=OuterRef("pk"))
    return list(
        Person.objects.filter(Exists(current), relation_number__isnull=False)
        .filter(Exists(EmailAddress.objects.filter(person=OuterRef("pk"))))
        .order_by("relation_number")[40:80]
    )


def _at(days_ago, hour=10):
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def seed_demo_data() -> list[str]:
    officer = get_user_model().objects.filter(username="avg").first()
    if officer is None:
        return ["  rights: no demo user 'avg'; skipped"]
    persons = _candidates()
    if len(persons) < len(SCENARIOS) + 2:
        return ["  rights: not enough demo tenants; skipped"]
    channels = {c.code: c for c in ReferenceCode.objects.filter(code_list=CodeList.CHANNEL)}
    created = 0
    for index, (key, kind, days, channel, state, extra) in enumerate(SCENARIOS):
        if DataSubjectRequest.objects.filter(description=DESCRIPTIONS[key]).exists():
            continue
        _scenario(officer, persons[index], key, kind, days, channels[channel], state, extra)
        created += 1
    # A survey opt-out through the link, and one through staff.
    for person, via in (
        (persons[-1], SurveyOptOut.Via.LINK),
        (persons[-2], SurveyOptOut.Via.STAFF),
    ):
        if not SurveyOptOut.objects.filter(person=person).exists():
            if via == SurveyOptOut.Via.LINK:
                services.opt_out_by_link(services.make_opt_out_token(person))
            else:
                services.opt_out_by_staff(person, user=officer)
    services.escalate_overdue()
    granted = DataSubjectRequest.objects.filter(description=DESCRIPTIONS["granted"]).first()
    restricted = DataSubjectRequest.objects.filter(description=DESCRIPTIONS["restriction"]).first()
    lines = [
        f"  rights: {DataSubjectRequest.objects.count()} data-subject requests ({created} new), "
        f"{Objection.objects.count()} objections, {SurveyOptOut.objects.count()} survey opt-outs",
    ]
    if granted is not None:
        lines.append(
            f"  rights: access document of {granted.reference}: /rechten/{granted.pk}/ "
            "(log in as avg, 'view document')"
        )
    if restricted is not None and restricted.person_id:
        lines.append(
            f"  rights: restricted person: card /klanten/{restricted.person_id}/ (break the glass)"
        )
    return lines


def _complete(dsr, officer, outcome, reply_key, reason="", done_after=0):
    services.complete(
        dsr, officer, outcome=outcome, reply=REPLIES[reply_key], refusal_reason=reason
    )
    done = min(dsr.received_at + datetime.timedelta(days=done_after), timezone.now())
    DataSubjectRequest.objects.filter(pk=dsr.pk).update(completed_at=done)
    dsr.events.filter(kind="completed").update(at=done)


def _scenario(officer, person, key, kind, days, channel, state, extra):
    received = _at(days)
    dsr = services.register_request(
        officer,
        kind=kind,
        person=person,
        received_at=received,
        channel=channel,
        description=DESCRIPTIONS[key],
        assignee=officer,
    )
    if state == "received":
        return dsr
    services.verify_identity(
        dsr,
        officer,
        how=How.ID_AT_DESK if channel.code == "BAL" else How.ID_COPY,
        at=received + datetime.timedelta(days=1),
    )
    done_after = extra.get("done_after", 0)
    if state in ("verified", "overdue"):
        return dsr
    if state == "extended":
        services.extend(
            dsr,
            officer,
            until=services.latest_extension_date(services.received_on(dsr)),
            reason=TEXTS["extension_reason"],
            told_at=received + datetime.timedelta(days=6),
        )
        return dsr
    _decide(
        dsr,
        officer=officer,
        person=person,
        kind=kind,
        state=state,
        received=received,
        done_after=done_after,
    )
    return dsr


def _decide(dsr, *, officer, person, kind, state, received, done_after):
    """What the handler did before closing a request of scenario ``state``, and the closing."""
    if state == "granted":
        items = selectors.withholdable_items(dsr)
        if items["contact_moment"]:
            services.withhold_item(
                dsr,
                officer,
                item_kind="contact_moment",
                object_id=items["contact_moment"][0].pk,
                reason=TEXTS["withhold_reason"],
            )
        services.produce_copy(dsr, officer)
        _complete(dsr, officer, Outcome.GRANTED, "granted", done_after=done_after)
    elif state == "partly":
        # The demo never changes a person's details (the contacts demo restores them on every
        # run); the statement is the "completion" half of the request.
        services.add_statement(person, officer, statement=TEXTS["statement"], request=dsr)
        _complete(dsr, officer, Outcome.PARTLY, "partly", Reason.DATA_CORRECT, done_after)
    elif state == "refused":
        _complete(dsr, officer, Outcome.REFUSED, "refused", Reason.STATUTORY_DUTY, done_after)
    elif state == "objection":
        services.record_objection(person, officer, purpose=Objection.Purpose.SURVEYS, request=dsr)
        _complete(dsr, officer, Outcome.GRANTED, "objection", done_after=done_after)
    elif state == "objection-refused":
        _complete(
            dsr,
            officer,
            Outcome.REFUSED,
            "objection-refused",
            Reason.COMPELLING_GROUNDS,
            done_after,
        )
    elif state == "restriction":
        services.restrict(person, officer, reason=TEXTS["restriction_reason"], request=dsr)
        _complete(dsr, officer, Outcome.GRANTED, "restriction", done_after=done_after)
    elif state in ("granted-plain", "granted-late"):
        if kind == Kind.ACCESS:
            services.produce_copy(dsr, officer)
            dsr.exports.update(content=None, expires_at=received + datetime.timedelta(days=20))
        _complete(dsr, officer, Outcome.GRANTED, state, done_after=done_after)
