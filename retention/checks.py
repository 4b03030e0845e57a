"""One source for retention periods: the processing register and the enforced rules agree.

The register (``ProcessingActivity.retention_period`` / ``retention_unit``) says how long the
data of an activity is kept; the retention rules (``RetentionRule``) are what is done. They
must say the same, so ``manage.py check --database default`` compares them:

``retention.E301``
    An approved processing activity states a period (its ``retention_period`` and
    ``retention_unit``) that no active rule bound to it enforces.
``retention.E302``
    An active rule bound to an approved processing activity enforces a period that the
    activity's register entry does not state: not its period, and not in its explanation.
``retention.W303``
    An active rule bound to an approved processing activity names a category of personal data
    that the activity does not list.

What counts:

- *Approved* activities only: a draft or an activity in review is not yet the register, a
  retired one no longer is.
- *Active* rules: active today (``active_from`` .. ``active_to``).
- A rule *enforces a period* when it deletes or anonymises (a review rule only decides when a
  person weighs the record again; its period is no retention period). A rule on data held
  outside this application (no records) counts too: it is the policy the other system follows.
- *The same period*: the same length of time, whatever the unit is called: 12 months is a year,
  2 weeks is 14 days, and "at once" (0) is the same in any unit.
- *Stated*: the activity's own period, or a period written out in its retention explanation
  ("twee jaar", "3 maanden", "een jaar"), because one activity may keep several kinds of record
  for different periods (e.g. anonymous contacts one year, the rest two years) and the
  explanation is where the register says so.

The moment a period is counted from is worded differently in the register
(``RetentionTrigger``, the wording of the register for people) and in the rules (``Trigger``,
what the engine can compute). The comparison stays on period and unit; ``TRIGGER_MAPPING``
documents which rule triggers render a register trigger, and a difference reports whether the
triggers match, for the officer to read.

A system check may run without a database (``manage.py check`` without ``--database``, before
``migrate``): the check is tagged ``database``, so it only runs when a database is named, and it
reports nothing when the tables are missing or migrations are still to be applied (the data
migrations may be what brings the two in line).
"""

import re
from dataclasses import dataclass

from django.core import checks
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django.utils.translation import gettext as _

from processingregister.models import ProcessingActivity

from .models import RetentionRule
from .periods import PeriodUnit

# Register trigger (processingregister.models.RetentionTrigger) -> the rule triggers
# (retention.models.Trigger) that express it. Documentation and a hint, not a condition.
TRIGGER_MAPPING = {
    "contact": ("created", "last_contact"),
    "case_closed": ("closed", "review_date", "date_field"),
    "relationship_end": ("last_contact", "tenancy_end", "date_field"),
    "tenancy_end": ("tenancy_end",),
    "debt_settled": ("closed", "date_field"),
    "allocation": ("event",),
    "survey_closed": ("closed", "date_field"),
    "recorded": ("created",),
    "account_end": ("closed", "date_field"),
    "other": (),  # any: the explanation says which moment
}

# Actions that end the retention of a record; a review only schedules a decision.
ENFORCING_ACTIONS = ("delete", "anonymise")

_NUMBERS = {
    "een": 1,
    "één": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
    "vijftien": 15,
    "achttien": 18,
    "twintig": 20,
    "dertig": 30,
}
_UNITS = {
    "dag": PeriodUnit.DAYS,
    "dagen": PeriodUnit.DAYS,
    "week": PeriodUnit.WEEKS,
    "weken": PeriodUnit.WEEKS,
    "maand": PeriodUnit.MONTHS,
    "maanden": PeriodUnit.MONTHS,
    "jaar": PeriodUnit.YEARS,
    "jaren": PeriodUnit.YEARS,
}
_PERIOD_IN_TEXT = re.compile(
    r"(?<![\w-])(\d+|" + "|".join(_NUMBERS) + r")\s+(" + "|".join(_UNITS) + r")(?![\w-])",
    re.IGNORECASE,
)


def normalised(amount: int, unit: str) -> tuple[int, str]:
    """A period as a comparable length: months for months and years, days for days and
    weeks; 0 is 'at once' in any unit."""
    if amount == 0:
        return (0, PeriodUnit.DAYS)
    if unit == PeriodUnit.YEARS:
        return (12 * amount, PeriodUnit.MONTHS)
    if unit == PeriodUnit.WEEKS:
        return (7 * amount, PeriodUnit.DAYS)
    return (amount, unit)


def periods_in_text(text: str) -> set[tuple[int, str]]:
    """The periods an explanation writes out ("twee jaar", "30 dagen"), normalised."""
    found = set()
    for number, unit in _PERIOD_IN_TEXT.findall(text or ""):
        amount = int(number) if number.isdigit() else _NUMBERS[number.lower()]
        found.add(normalised(amount, _UNITS[unit.lower()]))
    return found


def stated_periods(activity) -> set[tuple[int, str]]:
    """Every period the activity's register entry states: its own and its explanation's."""
    periods = periods_in_text(activity.retention_explanation)
    if activity.retention_period is not None:
        periods.add(normalised(activity.retention_period, activity.retention_unit))
    return periods


def period_text(period: tuple | None, *, for_people: bool = False) -> str:
    """(2, "years") as "2 years" (the check) or "2 jaar" (the interface)."""
    if period is None:
        return _("no period") if for_people else "no period"
    amount, unit = period
    if for_people:
        return _("at once") if amount == 0 else f"{amount} {PeriodUnit(unit).label}"
    return "0 (at once)" if amount == 0 else f"{amount} {unit}"


@dataclass(frozen=True)
class Difference:
    """One disagreement between the register and the rules (for the check and an admin list)."""

    code: str  # E301, E302, W303
    activity: object  # ProcessingActivity
    rule: object | None  # RetentionRule (E302, W303)
    period: tuple | None  # the period at issue, (amount, unit)
    stated: tuple | None  # the activity's own period, (amount, unit)
    triggers_match: bool | None = None

    @property
    def message(self) -> str:
        """In English, for ``manage.py check`` (like the project's other checks)."""
        if self.code == "E301":
            return (
                f"Processing activity {self.activity.code!r} states a retention period of "
                f"{period_text(self.period)}, but no active retention rule bound to it enforces "
                "that period."
            )
        if self.code == "E302":
            return (
                f"Retention rule {self.rule.code!r} enforces {period_text(self.period)} for "
                f"processing activity {self.activity.code!r}, whose register entry states "
                f"{period_text(self.stated)}."
            )
        return (
            f"Retention rule {self.rule.code!r} is about category "
            f"{self.rule.data_category.code!r}, which processing activity "
            f"{self.activity.code!r} does not list."
        )

    @property
    def hint(self) -> str:
        if self.code == "E301":
            return (
                "Bind a rule with this period to the activity (retention/defaults.py with a data "
                "migration, or the admin), or correct the register's retention period."
            )
        if self.code == "E302":
            return (
                "Correct the rule's period, or state the period in the register: as the "
                "activity's retention period or written out in its explanation (e.g. 'een jaar')."
            )
        return "Add the category to the activity, or bind the rule to the right activity."

    @property
    def text(self) -> str:
        """In the interface language, for people."""
        values = {
            "activity": self.activity.name,
            "rule": getattr(self.rule, "name", ""),
            "period": period_text(self.period, for_people=True),
            "stated": period_text(self.stated, for_people=True),
        }
        if self.code == "E301":
            return (
                _(
                    "The register states %(period)s for '%(activity)s', but no active retention "
                    "rule for this activity enforces that period."
                )
                % values
            )
        if self.code == "E302":
            return (
                _(
                    "The retention rule '%(rule)s' enforces %(period)s for '%(activity)s'; the "
                    "register states %(stated)s."
                )
                % values
            )
        return (
            _(
                "The retention rule '%(rule)s' is about a category of personal data that "
                "'%(activity)s' does not list."
            )
            % values
        )


def register_differences(today=None, *, using=DEFAULT_DB_ALIAS) -> list[Difference]:
    """Where the processing register and the active retention rules disagree (see the module
    docstring for what is compared)."""
    today = today or timezone.localdate()
    activities = list(
        ProcessingActivity.objects.using(using)
        .filter(status=ProcessingActivity.Status.APPROVED)
        .prefetch_related("data_categories")
        .order_by("code")
    )
    by_id = {activity.pk: activity for activity in activities}
    rules = list(
        RetentionRule.objects.using(using)
        .active_on(today)
        .filter(processing_activity_id__in=by_id)
        .select_related("data_category")
        .order_by("code")
    )
    differences = []
    for activity in activities:
        bound = [rule for rule in rules if rule.processing_activity_id == activity.pk]
        enforcing = [rule for rule in bound if rule.action in ENFORCING_ACTIONS]
        stated = stated_periods(activity)
        own = None
        if activity.retention_period is not None:
            own = (activity.retention_period, activity.retention_unit)
            if not any(
                normalised(r.period_amount, r.period_unit) == normalised(*own) for r in enforcing
            ):
                differences.append(Difference("E301", activity, None, own, own))
        mapped = TRIGGER_MAPPING.get(activity.retention_trigger, ())
        for rule in enforcing:
            if normalised(rule.period_amount, rule.period_unit) not in stated:
                differences.append(
                    Difference(
                        "E302",
                        activity,
                        rule,
                        (rule.period_amount, rule.period_unit),
                        own,
                        triggers_match=(not mapped or rule.trigger in mapped),
                    )
                )
        categories = {category.pk for category in activity.data_categories.all()}
        for rule in bound:
            if rule.data_category_id not in categories:
                differences.append(Difference("W303", activity, rule, None, own))
    return differences


def _database_ready(using) -> bool:
    """The tables exist and every migration is applied (otherwise report nothing)."""
    connection = connections[using]
    try:
        tables = set(connection.introspection.table_names())
        if not {"retention_retentionrule", "processingregister_processingactivity"} <= tables:
            return False
        executor = MigrationExecutor(connection)
        return not executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        return False


@checks.register(checks.Tags.database)
def check_register_matches_rules(app_configs=None, databases=None, **kwargs):
    """retention.E301/E302/W303; runs with ``manage.py check --database default``."""
    messages = []
    for using in databases or ():
        if not _database_ready(using):
            continue
        try:
            differences = register_differences(using=using)
        except DatabaseError:
            continue
        for difference in differences:
            level = checks.Warning if difference.code.startswith("W") else checks.Error
            messages.append(
                level(
                    difference.message,
                    hint=difference.hint,
                    obj=difference.rule or difference.activity,
                    id=f"retention.{difference.code}",
                )
            )
    return messages
