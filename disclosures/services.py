"""Rules of the disclosure log: what may be shared with whom, recording it, and the art. 19
notices afterwards.

``check_disclosure`` is the one set of rules before sharing, called by every path (the form on
the card, the API, the periodic run); ``record_disclosure`` validates, then writes the
disclosure and its persons in one transaction.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Min, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from persondata import restriction
from processingregister.models import Agreement, Party, PersonalDataCategory
from rights.models import Objection

from .models import (
    NEEDS_AGREEMENT,
    OVERRIDES_OBJECTION,
    Basis,
    Channel,
    DisclosedPerson,
    Disclosure,
    RecipientNotice,
)

# Roles of an agreement under which the corporation shares data with the counterparty.
SHARING_ROLES = (
    Agreement.Role.RECIPIENT,
    Agreement.Role.JOINT_CONTROLLER,
    Agreement.Role.PROCESSOR,
    Agreement.Role.SUB_PROCESSOR,
)


def agreements_in_force(day: datetime.date | None = None):
    """The agreements a disclosure may fall under on ``day``: in force, with a sharing role."""
    day = day or timezone.localdate()
    return (
        Agreement.objects.filter(role__in=SHARING_ROLES, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .select_related("party")
        .prefetch_related("data_categories")
        .order_by("party__name", "reference")
    )


def agreements_covering(categories, day: datetime.date | None = None) -> list[Agreement]:
    """The agreements in force that name every one of ``categories``."""
    wanted = {c.pk for c in categories}
    return [
        agreement
        for agreement in agreements_in_force(day)
        if wanted <= {c.pk for c in agreement.data_categories.all()}
    ]


def objected_person_ids(person_ids) -> set:
    return set(
        Objection.objects.filter(
            person_id__in=list(person_ids), purpose=Objection.Purpose.DISCLOSURE
        ).values_list("person_id", flat=True)
    )


@dataclass
class DisclosureInput:
    """What a disclosure says; validated by ``check_disclosure``."""

    persons: list
    recipient: object  # processingregister.Party
    basis: str
    channel: str
    categories: list
    purpose: str
    agreement: Agreement | None = None
    basis_reference: str = ""
    meeting: str = ""
    signal_type: object = None
    disclosed_at: datetime.datetime | None = None


def check_disclosure(data: DisclosureInput) -> dict[str, list[str]]:
    """{field: [Dutch messages]} of every rule the disclosure breaks; empty when it may go.

    - A covenant or processor agreement must be in force on the day of the disclosure, be with
      the recipient, and name every category shared.
    - Special and criminal categories need an agreement in force that names them, whatever
      the basis.
    - A legal obligation or court order names its article or reference.
    - A person who objected to sharing, or whose processing is restricted, is refused, unless a
      legal obligation or court order requires the sharing.
    - A case conference names the meeting; what was said is not recorded.
    """
    errors: dict[str, list[str]] = {}

    def add(name, message):
        errors.setdefault(name, []).append(message)

    when = data.disclosed_at or timezone.now()
    day = timezone.localdate(when) if timezone.is_aware(when) else when.date()
    _check_filled_in(data, when=when, add=add)
    _check_agreement(data, day=day, add=add)
    if data.basis in OVERRIDES_OBJECTION and not (data.basis_reference or "").strip():
        add("basis_reference", _("Name the article of law or the reference of the order."))
    if data.basis not in OVERRIDES_OBJECTION:
        _check_objection_and_restriction(data, add=add)
    if data.channel == Channel.CASE_CONFERENCE and not (data.meeting or "").strip():
        add("meeting", _("Name the case conference (which meeting)."))
    return errors


def _check_filled_in(data: DisclosureInput, *, when, add) -> None:
    """The fields every disclosure needs: a moment not in the future, a basis, a channel,
    persons, categories and a purpose."""
    if when > timezone.now() + datetime.timedelta(minutes=5):
        add("disclosed_at", _("A disclosure cannot be in the future."))
    if data.basis not in Basis.values:
        add("basis", _("Choose the legal basis of the sharing."))
    if data.channel not in Channel.values:
        add("channel", _("Choose how the data was shared."))
    if not data.persons:
        add("persons", _("Name the person or persons whose data was shared."))
    if not data.categories:
        add("categories", _("Choose which categories of data were shared."))
    if not (data.purpose or "").strip():
        add("purpose", _("Say in a few words what the recipient needs the data for."))


def _check_agreement(data: DisclosureInput, *, day, add) -> None:
    """The agreement: with the recipient, in force on ``day``, naming every category; needed
    for the bases that require one and for special or criminal data."""
    categories = list(data.categories)
    agreement = data.agreement
    if agreement is not None:
        if agreement.party_id != getattr(data.recipient, "pk", None):
            add("agreement", _("This agreement is with another party than the recipient."))
        if not agreement.is_in_force(day):
            add(
                "agreement",
                _("Agreement %(ref)s is not in force on %(day)s: it cannot cover this sharing.")
                % {"ref": agreement.reference, "day": formats.date_format(day, "j F Y")},
            )
        named = {c.pk for c in agreement.data_categories.all()}
        missing = [c.name for c in categories if c.pk not in named]
        if missing:
            add(
                "categories",
                _("Agreement %(ref)s does not cover: %(missing)s.")
                % {"ref": agreement.reference, "missing": ", ".join(missing)},
            )
    elif data.basis in NEEDS_AGREEMENT:
        add("agreement", _("Choose the covenant or processor agreement this sharing falls under."))
    sensitive = [c.name for c in categories if c.kind != PersonalDataCategory.Kind.ORDINARY]
    if sensitive and agreement is None:
        add(
            "categories",
            _(
                "Special or criminal data (%(names)s) may only be shared under a covenant that "
                "names it."
            )
            % {"names": ", ".join(sensitive)},
        )


def _check_objection_and_restriction(data: DisclosureInput, *, add) -> None:
    """Persons who objected to sharing (art. 21) or whose processing is restricted (art. 18):
    refused unless the basis overrides it (checked by the caller)."""
    person_ids = [getattr(p, "pk", p) for p in data.persons]
    if objected_person_ids(person_ids):
        add(
            "persons",
            _(
                "The tenant objected to sharing with partners (art. 21 AVG). Only a legal "
                "obligation or a court order allows it: choose that basis and name it."
            ),
        )
    if restriction.restricted_person_ids(person_ids):
        add(
            "persons",
            _(
                "Processing of this person's data is restricted (art. 18 AVG). Only a legal "
                "obligation or a court order allows sharing now: choose that basis and name "
                "it."
            ),
        )


@transaction.atomic
def record_disclosure(user, data: DisclosureInput, *, run=None) -> Disclosure:
    """Validate (``check_disclosure``), then write the disclosure with its persons."""
    errors = check_disclosure(data)
    if errors:
        raise ValidationError(errors)
    disclosure = Disclosure.objects.create(
        recipient=data.recipient,
        agreement=data.agreement,
        basis=data.basis,
        basis_reference=(data.basis_reference or "").strip(),
        channel=data.channel,
        purpose=data.purpose.strip(),
        meeting=(data.meeting or "").strip() if data.channel == Channel.CASE_CONFERENCE else "",
        signal_type=data.signal_type,
        disclosed_at=data.disclosed_at or timezone.now(),
        recorded_by=user if getattr(user, "is_authenticated", False) else None,
        run=run,
        person_count=len({getattr(p, "pk", p) for p in data.persons}),
    )
    disclosure.categories.set(data.categories)
    DisclosedPerson.objects.bulk_create(
        DisclosedPerson(disclosure=disclosure, person_id=person_id)
        for person_id in sorted({getattr(p, "pk", p) for p in data.persons})
    )
    return disclosure


def disclosures_of(person_id):
    """The disclosures about a person, newest first."""
    return (
        Disclosure.objects.filter(persons__person_id=person_id)
        .select_related("recipient", "agreement", "signal_type")
        .prefetch_related("categories")
        .distinct()
    )


# --- Art. 19: the recipients of the affected data are told --------------------------------------


def recipients_of(person_id, *, since=None) -> list[dict]:
    """[{recipient, since, count}] of everyone who received the person's data (``since``: from
    that moment on)."""
    qs = Disclosure.objects.filter(persons__person_id=person_id)
    if since is not None:
        qs = qs.filter(disclosed_at__gte=since)
    rows = qs.values("recipient").annotate(first=Min("disclosed_at"), n=Count("pk", distinct=True))
    parties = Party.objects.in_bulk([row["recipient"] for row in rows])
    return [
        {"recipient": parties[row["recipient"]], "since": row["first"], "count": row["n"]}
        for row in rows
    ]


class NoticeSource:
    """Registered with ``rights.hooks``: creates the notices, and keeps the request open."""

    @staticmethod
    def create(request, user) -> int:
        """One open notice per recipient of the person's data (idempotent per request)."""
        if request.person_id is None:
            return 0
        created = 0
        for row in recipients_of(request.person_id):
            _notice, made = RecipientNotice.objects.get_or_create(
                request=request,
                recipient=row["recipient"],
                defaults={"since": row["since"], "disclosure_count": row["count"]},
            )
            created += made
        return created

    @staticmethod
    def obstacles(request) -> list[str]:
        open_ = list(
            RecipientNotice.objects.filter(request=request, state=RecipientNotice.State.OPEN)
            .select_related("recipient")
            .order_by("recipient__name")
        )
        if not open_:
            return []
        return [
            _(
                "Notify every recipient of the data first, or record why not (art. 19 AVG): "
                "%(names)s."
            )
            % {"names": ", ".join(n.recipient.name for n in open_)}
        ]


@transaction.atomic
def mark_notice(notice: RecipientNotice, user, *, state: str, note: str) -> RecipientNotice:
    """Mark a notice notified (how and when) or explained (why not: impossible, or a
    disproportionate effort, art. 19)."""
    if state not in (RecipientNotice.State.NOTIFIED, RecipientNotice.State.EXPLAINED):
        raise ValidationError({"state": _("Choose 'notified' or 'not notified, with reason'.")})
    if not (note or "").strip():
        raise ValidationError(
            {"note": _("Record how and when the recipient was told, or why not.")}
        )
    if not notice.request.is_open:
        raise ValidationError(_("This request is closed."))
    notice.state = state
    notice.note = note.strip()[:500]
    notice.done_at = timezone.now()
    notice.done_by = user
    notice.save(update_fields=["state", "note", "done_at", "done_by"])
    return notice
