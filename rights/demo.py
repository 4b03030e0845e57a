"""Demo data of this app (called by seed_demo): requests in every state, an objection, a
survey opt-out and a restricted person. Idempotent: each demo request is recognised by its
description."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.utils import timezone

from contacts.models import EmailAddress, Person, Tenancy
from referencedata.models import CodeList, ReferenceCode

from . import services
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

DESCRIPTIONS = {
    "received": "Wil weten welke gegevens over haar zijn vastgelegd (demo: ontvangen).",
    "verified": "Vraagt zijn gegevens als bestand om mee te nemen (demo: identiteit bekend).",
    "extended": "Inzage in alle contacten sinds 2019, ook overlastmeldingen (demo: verlengd).",
    "overdue": "Geboortedatum en voorletters kloppen niet (demo: te laat).",
    "granted": "Inzage in alle vastgelegde gegevens (demo: afgehandeld, toegekend).",
    "partly": "Contactmoment over overlast corrigeren of verklaring toevoegen (demo: deels).",
    "refused": "Alle gegevens verwijderen, huurcontract loopt nog (demo: afgewezen).",
    "objection": "Wil geen uitnodigingen voor tevredenheidsonderzoek meer (demo: bezwaar).",
    "restriction": "Betwist de juistheid van een signaal; niets meer mee doen tot de controle "
    "klaar is (demo: beperking).",
    "hist-1": "Inzage (demo: eerder verzoek).",
    "hist-2": "Bezwaar tegen uitnodigingen bewonersavonden (demo: eerder verzoek).",
    "hist-3": "Verwijderen gegevens (demo: eerder verzoek).",
    "hist-4": "Inzage (demo: eerder verzoek, te laat beantwoord).",
    "hist-5": "Telefoonnummer corrigeren (demo: eerder verzoek).",
}

REPLIES = {
    "granted": "Geachte heer/mevrouw, bijgaand ontvangt u een overzicht van alle gegevens die wij "
    "over u hebben, met per onderdeel het doel, de grondslag, de ontvangers en de bewaartermijn, "
    "en een bestand met dezelfde gegevens.",
    "partly": "Het contactmoment over de overlastmelding is feitelijk juist; wij passen het niet "
    "aan, maar hebben uw eigen verklaring eraan toegevoegd.",
    "refused": "Uw huurovereenkomst loopt nog; de gegevens zijn nodig voor de uitvoering ervan en "
    "de wet verplicht ons de huuradministratie te bewaren. Wij verwijderen ze zodra die plicht "
    "vervalt. U kunt een klacht indienen bij de Autoriteit Persoonsgegevens.",
    "objection": "Wij hebben uw bezwaar verwerkt: u ontvangt geen uitnodigingen meer voor "
    "tevredenheidsonderzoek.",
    "objection-refused": "Uitnodigingen voor bewonersavonden over de renovatie van uw complex zijn "
    "nodig voor de wettelijke bewonersraadpleging; daarom zetten wij die voort.",
    "restriction": "Zolang wij de juistheid controleren, doen wij niets met de betwiste gegevens.",
    "granted-plain": "Uw verzoek is uitgevoerd.",
    "granted-late": "Uw verzoek is uitgevoerd. Excuses voor de late reactie.",
}


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
            reason="Inzage over zeven jaar contacten met meldingen van derden; elk stuk moet "
            "worden beoordeeld op gegevens van buren.",
            told_at=received + datetime.timedelta(days=6),
        )
        return dsr
    if state == "granted":
        items = services.withholdable_items(dsr)
        if items["contact_moment"]:
            services.withhold_item(
                dsr,
                officer,
                item_kind="contact_moment",
                object_id=items["contact_moment"][0].pk,
                reason="Bevat de naam van de buur die de melding deed.",
            )
        services.produce_copy(dsr, officer)
        _complete(dsr, officer, Outcome.GRANTED, "granted", done_after=done_after)
    elif state == "partly":
        # The demo never changes a person's details (the contacts demo restores them on every
        # run); the statement is the "completion" half of the request.
        services.add_statement(
            person,
            officer,
            statement="Ik ben het niet eens met deze vastlegging: de overlast kwam niet van mijn "
            "adres.",
            request=dsr,
        )
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
        services.restrict(
            person,
            officer,
            reason="Juistheid van een signaal betwist; controle loopt (art. 18 lid 1 sub a).",
            request=dsr,
        )
        _complete(dsr, officer, Outcome.GRANTED, "restriction", done_after=done_after)
    elif state in ("granted-plain", "granted-late"):
        if kind == Kind.ACCESS:
            services.produce_copy(dsr, officer)
            dsr.exports.update(content=None, expires_at=received + datetime.timedelta(days=20))
        _complete(dsr, officer, Outcome.GRANTED, state, done_after=done_after)
    return dsr
