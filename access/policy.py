"""The access policy: who may see which person's data, and under which grant.

Used by every page, export and search (and later the API). Three grants open a person's file:

- team scope: the person has (or had) a tenancy in a unit of one of the employee's teams —
  guardian object permissions granted to each team's groups on ``accounts.Team``;
- involvement: the employee handled a contact for the person, registered them, or holds a task
  of theirs — guardian object permissions granted to the user on ``contacts.Person`` (direct
  foreign-key table), written when the involvement starts;
- break-the-glass: a time-limited grant the employee asked for with a reason; logged,
  signalled to a team leader (or the privacy officer) and reviewed by the privacy officer. Only
  the roles that handle customers may ask for it (``may_break_glass``).

Nobody sees a card by role alone. A grant opens the file for reading; writing something about
the person (a contact, a mandate, a signal) or registering a person needs, on top of that, a role
that records that thing (``may_write``, ``WRITE_ROLES``), whatever the grant. Lists filter in the
database with EXISTS subqueries.

Views declare their policy with one of the decorators below; a test walks every URL pattern
and fails for a view without one (tests/access/test_permission_matrix.py).
"""

from functools import cache, wraps

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Expression, F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm

from accounts import roles

# The decorators that need no person live below, in accounts; re-exported here so every view
# takes its access decorator from this one module.
from accounts.decorators import content_view as content_view
from accounts.decorators import declare as _declare
from accounts.decorators import public_view as public_view
from accounts.decorators import role_view as role_view
from accounts.decorators import scoped_view as scoped_view
from accounts.services import TEAMS_SQL, team_ids
from audit.models import AccessLogEntry
from klantcontact.errors import ApplicationError

from . import subjects
from .models import BreakGlassGrant

Grant = AccessLogEntry.Grant
VIEW_PERSON = "contacts.view_person"


# --- Scope ------------------------------------------------------------------------------------
#
# The scope conditions are written once as SQL (below) instead of being built from ORM
# subqueries on every call: building and compiling the nested guardian subqueries cost the
# card, the search and the caller lookup several milliseconds of Python per request, more than
# the database needed to answer them (docs/performance.md, "Evidence at scale"). The SQL is the
# same the ORM produced; tests/access/test_access_scope_sql.py holds it to guardian's answers.


class PersonCondition(Expression):
    """A condition on the person row of the query, written as SQL: ``{person}`` in ``sql``
    stands for that row's id (compiled from ``F("pk")``, so the condition follows the person
    table's alias when the queryset becomes a subquery); ``%s`` are ``params``, in order."""

    conditional = True

    def __init__(self, sql: str, params=()):
        super().__init__(output_field=BooleanField())
        self.sql = sql
        self.params = list(params)
        self.person = F("pk")

    def get_source_expressions(self):
        return [self.person]

    def set_source_expressions(self, exprs):
        (self.person,) = exprs

    def as_sql(self, compiler, connection):
        person_sql, person_params = compiler.compile(self.person)
        if person_params:
            raise ValueError("the person's id compiles to a parameter-free column")
        return self.sql.replace("{person}", person_sql), list(self.params)


# How PostgreSQL evaluates these EXISTS matters at scale (docs/performance.md, "Evidence at
# scale"). As a filter over many candidates it hashes the subquery once: the team's persons
# via two index-only scans (contacts migration 0010), the user's involvement grants via theirs.
# For the flags shown with each result (a few rows) building those sets again costs more than
# checking each row, so the ``per_row`` forms add a condition that is always true but refers to
# the outer row without "=" (``>=``), which PostgreSQL cannot hash: it checks each result row
# with two index probes instead.


@cache
def _sql() -> dict[str, str]:
    """The three conditions, with the table names of the declared models (``access.subjects``;
    read once, after the apps are ready)."""
    t = subjects.get().table
    app_label = subjects.get().person._meta.app_label
    return {
        "team": f"""EXISTS (
    SELECT 1 FROM {t("tenancy")} kc_t JOIN {t("unit")} kc_u ON kc_u.id = kc_t.unit_id
    WHERE kc_t.person_id = {{person}} AND kc_u.team_id IN ({{teams}}){{per_row}})""",  # noqa: S608
        "involvement": f"""EXISTS (
    SELECT 1 FROM {t("involvement")} kc_po
    JOIN auth_permission kc_pp ON kc_pp.id = kc_po.permission_id
    JOIN django_content_type kc_pct ON kc_pct.id = kc_pp.content_type_id
    WHERE kc_po.content_object_id = {{person}} AND kc_po.user_id = %s
      AND kc_pp.codename = 'view_person' AND kc_pct.app_label = '{app_label}'{{per_row}})""",  # noqa: S608
        "break_glass": f"""EXISTS (
    SELECT 1 FROM {BreakGlassGrant._meta.db_table} kc_b
    WHERE kc_b.person_id = {{person}} AND kc_b.employee_id = %s AND kc_b.expires_at > %s)""",  # noqa: S608
    }


def _team_scope(user, *, single: bool = False, per_row: bool = False) -> PersonCondition:
    """Persons with a tenancy in one of the user's teams' units.

    Lists use the user's team ids (a handful, read once per request). For one person
    (``single``) the teams are a subquery instead when they were not read yet in this request:
    one round trip fewer on the card, and the subquery runs once for the one row.
    """
    teams = getattr(user, "_klantcontact_team_ids", None)
    if teams is None and not single:
        teams = team_ids(user)
    if teams is None:
        teams_sql, params = TEAMS_SQL, [user.pk, user.pk]
    elif teams:
        teams_sql, params = ", ".join(["%s"] * len(teams)), list(teams)
    else:
        teams_sql, params = "NULL", []
    sql = (
        _sql()["team"]
        .replace("{teams}", teams_sql)
        .replace("{per_row}", " AND kc_t.person_id >= {person}" if per_row else "")
    )
    return PersonCondition(sql, params)


def _involvement(user, *, per_row: bool = False) -> PersonCondition:
    sql = _sql()["involvement"].replace(
        "{per_row}", " AND kc_po.content_object_id >= {person}" if per_row else ""
    )
    return PersonCondition(sql, [user.pk])


def _break_glass(user, now=None) -> PersonCondition:
    return PersonCondition(_sql()["break_glass"], [user.pk, now or timezone.now()])


def persons_visible_to(user, *, single: bool = False):
    """Persons the user may see in lists and searches, annotated with the grant flags (see
    ``grant_of``).

    Break-the-glass persons are left out: such a grant opens one file that was asked for
    (``person_with_grant``), it does not widen searches. ``single``: the caller filters on one
    person or a handful (a phone number; see ``_team_scope``).
    """
    if not user.is_authenticated:
        return subjects.get().person.objects.none()
    return (
        subjects.get()
        .person.objects.alias(
            team_match=_team_scope(user, single=single), involvement_match=_involvement(user)
        )
        .annotate(
            in_team_scope=_team_scope(user, single=single, per_row=True),
            involved=_involvement(user, per_row=True),
        )
        .filter(Q(team_match=True) | Q(involvement_match=True))
    )


def person_with_grant(user, pk) -> tuple:
    """One person and the grant under which ``user`` may open the file now: (person, grant),
    (person, None) when the person exists but is not the user's, (None, None) when there is no
    such person. One query: the grant flags as columns of the person's row, without repeating
    them as a filter (half the SQL for PostgreSQL to plan on every card)."""
    if not user.is_authenticated:
        return None, None
    found = list(
        subjects.get()
        .person.objects.annotate(
            in_team_scope=_team_scope(user, single=True),
            involved=_involvement(user),
            broke_glass=_break_glass(user),
        )
        .filter(pk=pk)[:1]
    )
    if not found:
        return None, None
    person = found[0]
    if not (person.in_team_scope or person.involved or person.broke_glass):
        return person, None
    return person, grant_of(person)


def grant_of(person) -> str:
    """The grant under which an annotated person from ``persons_visible_to`` is shown."""
    if getattr(person, "in_team_scope", False):
        return Grant.TEAM
    if getattr(person, "involved", False):
        return Grant.INVOLVEMENT
    return Grant.BREAK_THE_GLASS


def task_grant(user, task) -> str:
    """The grant under which ``user`` sees a task they may act on (``can_act_on_task``), for the
    access log: involvement when it is assigned to them, else their team's scope. Pages and the
    API log a task view with it."""
    return Grant.INVOLVEMENT if task.assigned_to_id == user.pk else Grant.TEAM


def grant_for(user, person) -> str | None:
    """The grant under which ``user`` may open ``person``'s file now, or None (one query)."""
    if person.pk is None:
        return None
    return person_with_grant(user, person.pk)[1]


def active_break_glass(user, person):
    return (
        BreakGlassGrant.objects.filter(employee=user, person=person, expires_at__gt=timezone.now())
        .order_by("-expires_at")
        .first()
    )


def record_involvement(user, person) -> None:
    """The employee is now involved with the person (idempotent; a direct guardian grant)."""
    if person is None or user is None or not user.is_authenticated:
        return
    assign_perm(VIEW_PERSON, user, person)


# --- Writing and break-the-glass --------------------------------------------------------------

# What may be written about a person, and the roles that may write it. A grant (team scope,
# involvement, break-the-glass) is needed as well for a write about an existing person.
WRITE_ROLES = {
    "person": roles.CUSTOMER_ROLES,  # register a new person
    "contact": roles.CUSTOMER_ROLES,
    "mandate": roles.CUSTOMER_ROLES,
    "signal": roles.CUSTOMER_ROLES,
}
BREAK_GLASS_ROLES = roles.CUSTOMER_ROLES
_ASK = object()


class AccessRefused(ApplicationError):
    """The user's role or grant does not allow this (403 on the pages and in the API)."""

    status = 403
    code = "access-refused"


def may_break_glass(user) -> bool:
    """Only the roles that handle customers may open a file outside their scope."""
    return bool(roles.user_roles(user) & BREAK_GLASS_ROLES)


def may_write(user, person, what: str, *, grant=_ASK) -> bool:
    """Whether ``user`` may write ``what`` (a key of ``WRITE_ROLES``) about ``person`` (None: a
    new person, or none): a role that writes it, and for a person a grant to open the file.
    ``grant``: the grant the caller already knows (one query fewer)."""
    if not roles.user_roles(user) & WRITE_ROLES[what]:
        return False
    if person is None:
        return True
    return (grant_for(user, person) if grant is _ASK else grant) is not None


def check_write(user, person, what: str, *, grant=_ASK) -> None:
    """``may_write`` or raise ``AccessRefused`` with a Dutch message."""
    if not may_write(user, person, what, grant=grant):
        if not roles.user_roles(user) & WRITE_ROLES[what]:
            raise AccessRefused(write_refusal())
        raise AccessRefused(_("You may not open this person's file, so you cannot record this."))


def write_refusal() -> str:
    return _(
        "Only employees who handle customers (woonservice employee, team leader) may record this."
    )


# --- Tasks ------------------------------------------------------------------------------------


def can_act_on_task(user, task) -> bool:
    if task.assigned_to_id == user.pk:
        return True
    return task.assigned_team_id is not None and task.assigned_team_id in team_ids(user)


# --- Signals (signaleringen) ------------------------------------------------------------------

SIGNAL_CONTENT_PERMISSIONS = {
    "ordinary": "contacts.view_signal_content_ordinary",
    "special": "contacts.view_signal_content_special",
    "criminal": "contacts.view_signal_content_criminal",
}


def can_view_signal_content(user, signal) -> bool:
    """The 'what' of a signal: only for the role of its sensitivity class, and only if involved."""
    permission = SIGNAL_CONTENT_PERMISSIONS[signal.signal_type.sensitivity]
    if not user.has_perm(permission):
        return False
    return signal.created_by_id == user.pk or signal.handlers.filter(pk=user.pk).exists()


# --- View declarations ------------------------------------------------------------------------


def person_view(view):
    """The view shows one person's data; ``pk`` is the person. Out of scope: break-the-glass."""

    @wraps(view)
    def wrapper(request, pk, *args, **kwargs):
        # a cycle: access.views imports this module for its decorators
        from .views import break_glass_refusal

        # The person and the grant in one query.
        person, grant = person_with_grant(request.user, pk)
        if person is None:
            raise Http404
        if grant is None:
            return break_glass_refusal(request, person)
        request.access_grant = grant
        request.break_glass = (
            active_break_glass(request.user, person) if grant == Grant.BREAK_THE_GLASS else None
        )
        return view(request, person, *args, **kwargs)

    return _declare(wrapper, "person")


def person_write(what: str):
    """The view shows and posts a form that writes ``what`` about one person (``person_view``,
    then ``may_write`` under the grant found): refused for a role that may not write it."""

    def decorator(view):
        @wraps(view)
        def checked(request, person, *args, **kwargs):
            if not may_write(request.user, person, what, grant=request.access_grant):
                raise PermissionDenied(write_refusal())
            return view(request, person, *args, **kwargs)

        wrapper = person_view(checked)
        wrapper.access_writes = what
        return wrapper

    return decorator


def task_view(view):
    """The view shows or changes one task; ``pk`` is the task; only its assignees."""

    @wraps(view)
    def wrapper(request, pk, *args, **kwargs):
        task = get_object_or_404(
            subjects.get().task.objects.select_related("contact_moment__person", "kind"), pk=pk
        )
        if not can_act_on_task(request.user, task):
            raise PermissionDenied
        return view(request, task, *args, **kwargs)

    return _declare(wrapper, "task")
