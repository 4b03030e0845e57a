"""Erasure by the person-data registry: every declared kind of data about a person, handled the
way its declaration says (``persondata.registry``), by one function for the nightly deletion of
a person and for an erasure on request alike.

- ``Delete``: the records go (with what belongs only to them, by ``actions.cascade_delete``);
- ``Anonymise``: the records stay without what identifies the person (their parts with them);
- ``Keep``: the records stay because a legal duty requires it; their free texts are emptied;
- ``WithParent``: handled with the record they are part of.

Records a statutory period, a legal hold or a reviewed keep decision keeps are passed over and
reported. ``MENTIONS`` (texts without a link to the person: notifications, search texts, stored
API responses) are swept for the person's name, relation number, phone numbers, e-mail
addresses and card link, read before anything is removed.
"""

from __future__ import annotations

import contextlib
import json
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from contacts.normalise import normalise_phone
from persondata import registry

from . import actions
from .models import RetentionRule
from .sql import among

PERSON = registry.PERSON_MODEL


def entry(label: str) -> registry.Entry:
    found = registry.entry_for(label)
    if found is None:
        raise LookupError(f"{label} has no person-data declaration")
    return found


@dataclass
class Identifiers:
    """What names a person in free text, read before their records go."""

    person_id: int
    names: set = field(default_factory=set)
    numbers: set = field(default_factory=set)  # relation number, phone numbers
    addresses: set = field(default_factory=set)  # e-mail addresses
    links: set = field(default_factory=set)  # paths of their card

    def terms(self) -> list[str]:
        return sorted(t for t in self.names | self.numbers | self.addresses | self.links if t)


def identifiers_of(person_ids) -> dict[int, Identifiers]:
    person = apps.get_model(PERSON)
    phone = apps.get_model("contacts", "PhoneNumber")
    email = apps.get_model("contacts", "EmailAddress")
    found: dict[int, Identifiers] = {}
    for p in person._base_manager.filter(among("pk", list(person_ids))):
        ids = found.setdefault(p.pk, Identifiers(p.pk))
        # Full names only: a surname alone would also name other people.
        ids.names.update(n for n in (p.full_name, p.sort_name) if n and " " in n.strip())
        if p.relation_number:
            ids.numbers.add(p.relation_number)
        with contextlib.suppress(NoReverseMatch):  # the card's URL is part of the project
            ids.links.add(reverse("contacts:card", args=[p.pk]))
    for row in phone._base_manager.filter(among("person_id", list(found))):
        numbers = found[row.person_id].numbers
        numbers.update({row.number, row.display})
        try:
            e164 = normalise_phone(row.number)
        except ValidationError:  # an odd stored number is still searched as stored
            continue
        # The national form too ("0612345678"): how a note or a response writes it.
        numbers.update({e164, "0" + e164[3:] if e164.startswith("+31") else e164})
    for row in email._base_manager.filter(among("person_id", list(found))):
        found[row.person_id].addresses.add(row.address)
    return found


def sweep_mentions(identifiers: dict[int, Identifiers], ctx) -> Counter:
    """Remove (or empty) the texts that still name one of these persons."""
    counts: Counter = Counter()
    terms = sorted({t for ids in identifiers.values() for t in ids.terms()})
    if not terms:
        return counts
    for mention in registry.mention_entries():
        model = mention.model
        for name in mention.mentions.fields:
            f = model._meta.get_field(name)
            qs = model._base_manager.all()
            lookup = name
            searched = terms
            if f.get_internal_type() == "JSONField":
                qs = qs.annotate(_as_text=Cast(name, TextField()))
                lookup = "_as_text"
                # Stored JSON may escape non-ASCII letters ("Zo\u00eblla").
                searched = sorted({*terms, *(json.dumps(t)[1:-1] for t in terms)})
            q = Q()
            for term in searched:
                q |= Q(**{f"{lookup}__icontains": term})
            hits = list(qs.filter(q).values_list("pk", flat=True))
            if not hits:
                continue
            if mention.mentions.erase == "blank":
                model._base_manager.filter(among("pk", hits)).update(**{name: ""})
            else:
                actions.cascade_delete(model, hits, ctx)
            counts[mention.label] += len(hits)
    return counts


def kind_key(label: str) -> str:
    """How a kind of record is named in the erasure log: its retention target's key where it
    has one (``tenancy``), else its model label."""
    item = registry.entry_for(label)
    if item is not None and item.holds.retention:
        return item.holds.retention[0].key
    return label


def kind_label(label: str) -> str:
    item = registry.entry_for(label)
    return str(item.holds.label) if item is not None else label


def why_text(why: str) -> str:
    """The reason a record was kept, in Dutch words for the request's answer."""
    if why.startswith("statutory:"):
        code = why.split(":", 1)[1]
        rule = RetentionRule.objects.filter(code=code).first()
        return _("statutory retention period: %(rule)s") % {"rule": rule.name if rule else code}
    return {
        "hold": _("a legal hold"),
        "keep_decision": _("a reviewed decision to keep it"),
    }.get(why, why)


def kept_row(label: str, count: int, why: str, *, text: str = "") -> dict:
    """One line of what an erasure kept: the kind (code and Dutch label), how many, and why
    (a code: statutory:<rule>, hold, keep_decision, duty; and its Dutch text)."""
    return {
        "target": kind_key(label),
        "count": count,
        "why": why,
        "label": kind_label(label),
        "why_text": text or why_text(why),
    }


def describe_kept(rows, *, reasons: bool = True) -> str:
    """ "huurovereenkomsten (1): wettelijke bewaartermijn: ..." for the request's history;
    without ``reasons`` only the kinds and counts (the full list is in the erasure log)."""
    parts = []
    for row in rows or []:
        text = f"{row.get('label') or row['target']} ({row['count']})"
        if reasons:
            text += f": {row.get('why_text') or row['why']}"
        parts.append(text)
    return "; ".join(parts)


def _target_for(entry_: registry.Entry):
    # a cycle: retention.targets imports this module
    from .targets import REGISTRY

    for target in REGISTRY.values():
        if target.model_label == entry_.label and target.person_field:
            return target
    return None


def erase_records(person_ids, ctx, *, kept: dict | None = None) -> dict[str, dict[str, int]]:
    """Handle every declared record of these persons except the person rows themselves, by
    its declaration; ``kept`` ({model label: {pk: why}}) is passed over. Returns
    {model label: {"deleted"|"anonymised"|"kept": n}}."""
    kept = kept or {}
    person_ids = list(person_ids)
    counts: dict[str, dict[str, int]] = {}
    for item in registry.erasure_plan():
        if item.label == PERSON:
            continue
        erasure = item.holds.erasure
        pks = [
            pk
            for pk in item.records(person_ids).values_list("pk", flat=True)
            if pk not in kept.get(item.label, {})
        ]
        if not pks:
            continue
        if isinstance(erasure, registry.Delete):
            target = _target_for(item)
            if target is not None:
                actions.delete(target, pks, ctx)
            else:
                actions.cascade_delete(item.model, pks, ctx)
            counts[kind_key(item.label)] = {"deleted": len(pks)}
        elif isinstance(erasure, registry.Anonymise):
            # a cycle: retention.targets imports this module
            from .targets import anonymise_records

            anonymise_records(item, pks, ctx)
            counts[kind_key(item.label)] = {"anonymised": len(pks)}
        elif isinstance(erasure, registry.Keep) and erasure.blank:
            item.model._base_manager.filter(among("pk", pks)).update(
                **dict.fromkeys(erasure.blank, "")
            )
    return counts


def kept_by_duty(person_ids) -> list[dict]:
    """What ``Keep`` declarations still hold about these persons, with the duty: listed in the
    answer to the request."""
    rows = []
    for item in registry.entries():
        if not isinstance(item.holds.erasure, registry.Keep):
            continue
        n = item.records(list(person_ids)).count()
        if n:
            rows.append(kept_row(item.label, n, "duty", text=str(item.holds.erasure.duty)))
    return rows


def sweep(person_ids, ctx) -> Counter:
    """After the person rows are gone: the texts that still name them."""
    identifiers = {pid: ctx.identifiers[pid] for pid in person_ids if pid in ctx.identifiers}
    return sweep_mentions(identifiers, ctx)
