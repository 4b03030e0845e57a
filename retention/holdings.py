"""Who holds what: every kind of data the product holds about a person, read from the
person-data registry (``persondata.registry``) with the retention rules that apply to it.

One row per declared model: what it is (in the tenant's words), the path to the person, where
it appears in the access copy and where it came from, the retention targets with the phrases of
their active rules (``retention.explain``), what erasure does, what may be rectified and
whether a restriction of processing stops it. The privacy officer reads it on the page
``/bewaartermijnen/persoonsgegevens/``; ``manage.py persondata_overview`` prints it (the
closing note of a change and the docs quote that output).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import CASCADE
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from persondata import registry

from . import explain


@dataclass
class Holding:
    label: str
    model: str
    paths: tuple
    section: str
    source: str
    retention: list = field(default_factory=list)  # [(target key, "phrase; phrase")]
    erasure: str = ""
    rectifiable: tuple = ()
    restricted: bool = True
    part_of: str = ""
    section_key: str = ""


def erasure_text(entry) -> str:
    erasure = entry.holds.erasure
    if isinstance(erasure, registry.Keep):
        text = _("kept: %(duty)s") % {"duty": erasure.duty}
        if erasure.blank:
            text += " " + _("(emptied: %(fields)s)") % {"fields": ", ".join(erasure.blank)}
        return text
    if isinstance(erasure, registry.WithParent):
        return _("goes with the %(parent)s it is part of") % {"parent": entry.holds.part_of}
    if isinstance(erasure, registry.Anonymise):
        changed = [*erasure.replace, *erasure.blank, *erasure.detach]
        changed += [name for name, _value in erasure.values]
        return _("anonymised (%(fields)s)") % {"fields": ", ".join(changed)}
    return _("deleted")


def _goes_with_person(entry) -> bool:
    """A record without a rule of its own that the person's deletion takes along (a foreign
    key to the person that cascades): it is kept as long as the person."""
    if entry.holds.part_of or entry.label == registry.PERSON_MODEL:
        return False
    for path in entry.paths:
        if "__" in path:
            continue
        f = entry.model._meta.get_field(path)
        if f.is_relation and getattr(f.remote_field, "on_delete", None) is CASCADE:
            return True
    return False


def holdings(*, day=None) -> list[Holding]:
    """The rows, in the order of the access copy's sections (undeclared sections last)."""
    sections = {section.key: section for section in registry.sections()}
    order = {key: index for index, key in enumerate(sections)}
    entries = registry.entries()
    keys = [spec.key for entry in entries for spec in entry.holds.retention]
    phrases = explain.retention_phrases([*keys, "person"], day=day)
    with_person = _("as long as the person: %(phrase)s") % {
        "phrase": explain.join_phrases(phrases["person"])
    }
    rows = []
    for entry in entries:
        holds = entry.holds
        section = sections.get(holds.section)
        rows.append(
            Holding(
                label=str(capfirst(holds.label)),
                model=entry.label,
                paths=entry.paths,
                section=str(section.title) if section else str(holds.not_in_copy or ""),
                source=registry.Source.label(holds.source),
                retention=[
                    (spec.key, explain.join_phrases(phrases[spec.key])) for spec in holds.retention
                ]
                or ([("", with_person)] if _goes_with_person(entry) else []),
                erasure=erasure_text(entry),
                rectifiable=tuple(holds.rectifiable),
                restricted=holds.restricted,
                part_of=holds.part_of or "",
                section_key=holds.section or "",
            )
        )
    rows.sort(key=lambda row: (order.get(row.section_key, len(order)), row.model))
    return rows


def mentions() -> list[tuple[str, str, tuple]]:
    """(label, model, fields) of the records that may name a person without a link."""
    return [
        (str(capfirst(m.mentions.label)), m.label, tuple(m.mentions.fields))
        for m in registry.mention_entries()
    ]
