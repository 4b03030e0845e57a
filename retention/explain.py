"""The retention rules in plain words: how long each kind of record is kept, for staff.

Read-only. Turns the active rules (``RetentionRule.objects.active_on(day)``) into short Dutch
phrases per target ("verwijderd 2 jaar na einde huur", "geanonimiseerd 2 jaar na einde
klantrelatie", "verwijderd 7 jaar na einde huurovereenkomst (wettelijke bewaarplicht)") for the
customer card, and into a fuller explanation per rule (what, how long, from when, what happens,
legal source) for the staff page and the knowledge-base article.

One query for the rules per call; nothing is cached between calls (a rule changed in the admin
shows at the next page). The texts are built in the active language at call time (gettext);
a caller that stores them (the knowledge-base article) activates ``settings.LANGUAGE_CODE``.

Used by the card (contacts.views), the staff page (retention.views), the knowledge base
(knowledgebase.generated) and the access copy (rights.gather). This module imports nothing
of those apps.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Action, RetentionRule, Trigger
from .periods import PeriodUnit
from .targets import REGISTRY

# A few date fields whose verbose name reads badly after "na" ("1 jaar na geldig tot"): the
# moment they stand for. Any other field is named by its verbose name.
_DATE_FIELD_MOMENTS = {
    ("mandate", "valid_to"): lambda: _("end of the mandate"),
    ("tenancy", "end_date"): lambda: _("end of the tenancy agreement"),
}
_EVENT_MOMENTS = {
    "allocation": lambda: _("allocation of the home"),
}


@dataclass(frozen=True)
class Phrase:
    """One rule of one target as a short phrase; ``rule_code`` None: the target has no rule."""

    target: str
    text: str
    rule_code: str | None = None
    action: str | None = None
    is_statutory: bool = False
    kinds: tuple[str, ...] = ()

    @property
    def has_rule(self) -> bool:
        return self.rule_code is not None

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class RuleExplanation:
    """One rule in full, for the staff page and the knowledge-base article."""

    code: str
    name: str
    target: str  # "" for a rule on data this application does not hold
    what: str
    kinds: str
    how_long: str
    from_when: str
    what_happens: str
    is_statutory: bool
    legal_source: str
    phrase: Phrase
    active_from: datetime.date
    active_to: datetime.date | None


@dataclass
class TargetOverview:
    """A kind of data with its active rules (none: no rule has been set for it)."""

    key: str
    label: str
    rules: list[RuleExplanation] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"bewaarregel-{self.key or 'elders'}"


# --- Building blocks ----------------------------------------------------------------------------


def period_text(amount: int, unit: str) -> str:
    """'1 jaar', '2 jaar', '6 maanden', '1 week' (not the rule's '1 maanden')."""
    one = amount == 1
    texts = {
        PeriodUnit.DAYS: (_("%(count)s day"), _("%(count)s days")),
        PeriodUnit.WEEKS: (_("%(count)s week"), _("%(count)s weeks")),
        PeriodUnit.MONTHS: (_("%(count)s month"), _("%(count)s months")),
        PeriodUnit.YEARS: (_("%(count)s year"), _("%(count)s years")),
    }
    singular, plural = texts.get(unit, ("%(count)s " + str(unit), "%(count)s " + str(unit)))
    return (singular if one else plural) % {"count": amount}


def _field_label(target_key: str, field_name: str) -> str:
    target = REGISTRY.get(target_key)
    if target is not None and target.available:
        try:
            return str(target.model._meta.get_field(field_name).verbose_name)
        except FieldDoesNotExist:
            pass
    return field_name


def moment_text(rule: RetentionRule) -> str:
    """The moment the period counts from, short: 'einde huur', 'einde klantrelatie'."""
    trigger = rule.trigger
    target = REGISTRY.get(rule.target)
    if trigger == Trigger.TENANCY_END:
        if target is not None and target.own_tenancy_end:
            return _("end of the tenancy agreement")
        return _("end of tenancy")
    if trigger == Trigger.LAST_CONTACT:
        return _("end of the customer relationship")
    if trigger == Trigger.CLOSED:
        return _("closing")
    if trigger == Trigger.REVIEW_DATE:
        return _("the review date")
    if trigger == Trigger.DEREGISTRATION:
        return _("deregistration")
    if trigger == Trigger.CREATED:
        return _("registration")
    if trigger == Trigger.DATE_FIELD:
        known = _DATE_FIELD_MOMENTS.get((rule.target, rule.trigger_field))
        if known is not None:
            return known()
        return _("the date ‘%(field)s’") % {"field": _field_label(rule.target, rule.trigger_field)}
    if trigger == Trigger.EVENT:
        known = _EVENT_MOMENTS.get(rule.event_code)
        if known is not None:
            return known()
        return _("the event ‘%(event)s’") % {"event": rule.event_code}
    return str(rule.get_trigger_display())


def when_text(rule: RetentionRule) -> str:
    """'2 jaar na einde huur'; a zero period: 'direct bij toewijzing van de woning'."""
    if rule.period_amount == 0:
        if rule.trigger == Trigger.REVIEW_DATE:
            return _("on the review date")
        return _("immediately at %(moment)s") % {"moment": moment_text(rule)}
    return _("%(period)s after %(moment)s") % {
        "period": period_text(rule.period_amount, rule.period_unit),
        "moment": moment_text(rule),
    }


def _kinds_text(rule: RetentionRule) -> str:
    return ", ".join(kind.replace("-", " ") for kind in rule.kinds)


def phrase_text(rule: RetentionRule) -> str:
    """The short phrase of one rule, e.g. 'verwijderd 7 jaar na einde huurovereenkomst
    (wettelijke bewaarplicht)'."""
    when = when_text(rule)
    if rule.action == Action.DELETE:
        text = _("deleted %(when)s") % {"when": when}
    elif rule.action == Action.ANONYMISE:
        text = _("anonymised %(when)s") % {"when": when}
    elif rule.action == Action.REVIEW:
        text = _("reviewed %(when)s") % {"when": when}
    else:
        text = f"{rule.get_action_display()} {when}"
    if rule.is_statutory:
        text = _("%(phrase)s (statutory retention duty)") % {"phrase": text}
    if rule.kinds:
        text = _("only %(kinds)s: %(phrase)s") % {"kinds": _kinds_text(rule), "phrase": text}
    return text


def no_rule_text() -> str:
    return _("no retention rule set")


def action_explanation(rule: RetentionRule) -> str:
    if rule.action == Action.DELETE:
        return _("The records are deleted.")
    if rule.action == Action.ANONYMISE:
        return _(
            "The personal data is removed from the records; what remains says nothing about "
            "the person."
        )
    if rule.action == Action.REVIEW:
        return _(
            "A person decides: delete the records, or keep them for a stated reason until a "
            "new date."
        )
    return str(rule.get_action_display())


def statutory_explanation() -> str:
    return _("Statutory retention duty: not removed earlier, not even on request.")


def target_label(key: str) -> str:
    if not key:
        return _("data not held in this application")
    target = REGISTRY.get(key)
    return str(target.label) if target is not None else key


def to_phrase(rule: RetentionRule) -> Phrase:
    return Phrase(
        target=rule.target,
        text=phrase_text(rule),
        rule_code=rule.code,
        action=rule.action,
        is_statutory=rule.is_statutory,
        kinds=tuple(rule.kinds),
    )


def explain_rule(rule: RetentionRule) -> RuleExplanation:
    return RuleExplanation(
        code=rule.code,
        name=rule.name,
        target=rule.target,
        what=target_label(rule.target),
        kinds=_kinds_text(rule),
        how_long=(
            _("at once")
            if rule.period_amount == 0
            else period_text(rule.period_amount, rule.period_unit)
        ),
        from_when=moment_text(rule),
        what_happens=action_explanation(rule),
        is_statutory=rule.is_statutory,
        legal_source=" ".join(rule.legal_source.split()),
        phrase=to_phrase(rule),
        active_from=rule.active_from,
        active_to=rule.active_to,
    )


# --- Reading the rules ----------------------------------------------------------------------------


def _sort_key(rule: RetentionRule):
    # Rules for all records of the target first, narrowed ones after; then by code.
    return (bool(rule.kinds), rule.code)


def active_rules(target_keys: Iterable[str] | None = None, *, day=None) -> list[RetentionRule]:
    """The rules active on ``day`` (today), for these targets (all when None): one query."""
    day = day or timezone.localdate()
    rules = RetentionRule.objects.active_on(day)
    if target_keys is not None:
        rules = rules.filter(target__in=list(target_keys))
    # What a phrase says: the rule's name and code, what decides its due dates, what it does.
    fields = (
        "code",
        "name",
        *RetentionRule.RECOMPUTE_FIELDS,
        "action",
        "is_statutory",
        "legal_source",
        "active_from",
        "active_to",
    )
    return sorted(rules.only(*fields), key=_sort_key)


def retention_phrases(
    target_keys: Iterable[str], *, day=None, rules: Iterable[RetentionRule] | None = None
) -> dict[str, list[Phrase]]:
    """{target key: [Phrase, ...]} for each key asked for, from the rules active on ``day``.

    A target with several rules gets several phrases; one without an active rule gets a single
    phrase saying so (``Phrase.has_rule`` False). ``rules``: rules already loaded (then no query;
    only those active on ``day`` count).
    """
    keys = list(dict.fromkeys(target_keys))
    day = day or timezone.localdate()
    if rules is None:
        rules = active_rules(keys, day=day)
    else:
        rules = sorted((rule for rule in rules if rule.is_active_on(day)), key=_sort_key)
    result: dict[str, list[Phrase]] = {key: [] for key in keys}
    for rule in rules:
        if rule.target in result:
            result[rule.target].append(to_phrase(rule))
    for key, phrases in result.items():
        if not phrases:
            phrases.append(Phrase(target=key, text=no_rule_text()))
    return result


def join_phrases(phrases: Iterable[Phrase]) -> str:
    return "; ".join(str(phrase) for phrase in phrases)


def phrase_for_target(key: str, *, day=None) -> str:
    """All phrases of one target as one line: 'verwijderd 2 jaar na einde huur'."""
    return join_phrases(retention_phrases([key], day=day)[key])


def combined_line(target_keys: Iterable[str], phrases: dict[str, list[Phrase]]) -> str:
    """One line for several targets shown together (phone numbers and e-mail addresses): the
    phrases once when they are the same for all, otherwise per target with its label."""
    keys = list(target_keys)
    texts = [join_phrases(phrases[key]) for key in keys]
    if len(set(texts)) <= 1:
        return texts[0] if texts else ""
    return "; ".join(
        _("%(what)s: %(phrases)s") % {"what": target_label(key), "phrases": text}
        for key, text in zip(keys, texts, strict=True)
    )


def retention_overview(*, day=None) -> list[TargetOverview]:
    """Every kind of data with its active rules, in the engine's order, then the rules on data
    this application does not hold. Targets without a rule are listed too (empty ``rules``)."""
    rules = active_rules(day=day)
    groups: dict[str, TargetOverview] = {
        key: TargetOverview(key=key, label=target_label(key))
        for key, _target in sorted(REGISTRY.items(), key=lambda item: (item[1].order, item[0]))
    }
    for rule in rules:
        group = groups.get(rule.target)
        if group is None:
            group = groups[rule.target] = TargetOverview(
                key=rule.target, label=target_label(rule.target)
            )
        group.rules.append(explain_rule(rule))
    elsewhere = groups.pop("", None)
    overview = list(groups.values())
    if elsewhere is not None:
        overview.append(elsewhere)
    return overview
