"""Who may see which person: the one place where contacts decides access.

For now (see the access-control issue for the full policy): an employee sees the persons with
a tenancy in a unit of one of their teams (team scope, granted through guardian on Team), and
the persons they are involved with: they handled a contact for them, a task of theirs is
assigned to them, or they hold a direct grant on the person (e.g. they registered the person).
The privacy officer and functional administrator get no cards by default. Every list filters
in the database.
"""

from django.db.models import Exists, OuterRef, Q

from accounts.services import teams_of
from audit.models import AccessLogEntry

from .models import ContactMoment, Person, PersonUserObjectPermission, Task, Tenancy

Grant = AccessLogEntry.Grant


def _in_team(user):
    return Exists(Tenancy.objects.filter(person=OuterRef("pk"), unit__team__in=teams_of(user)))


def _involved(user):
    handled = Exists(ContactMoment.objects.filter(person=OuterRef("pk"), handled_by=user))
    assigned = Exists(Task.objects.filter(contact_moment__person=OuterRef("pk"), assigned_to=user))
    # Direct grants on the person (guardian's direct FK table), e.g. for who registered them.
    granted = Exists(
        PersonUserObjectPermission.objects.filter(
            content_object=OuterRef("pk"), user=user, permission__codename="view_person"
        )
    )
    return Q(handled) | Q(assigned) | Q(granted)


def scope_filter(user) -> Q:
    if not user.is_authenticated:
        return Q(pk__in=[])
    return Q(_in_team(user)) | _involved(user)


def persons_visible_to(user):
    """Persons the user may see, with ``access_grant`` annotated (team or involvement)."""
    return Person.objects.filter(scope_filter(user)).annotate(in_team_scope=_in_team(user))


def grant_for(user, person: Person) -> str | None:
    """The grant under which ``user`` may open ``person``'s card, or None."""
    if not user.is_authenticated or person.pk is None:
        return None
    base = Person.objects.filter(pk=person.pk)
    if base.filter(_in_team(user)).exists():
        return Grant.TEAM
    if base.filter(_involved(user)).exists():
        return Grant.INVOLVEMENT
    return None


def grant_of(person) -> str:
    """The grant of a person from ``persons_visible_to`` (annotated)."""
    return Grant.TEAM if getattr(person, "in_team_scope", False) else Grant.INVOLVEMENT


def can_work_in_team(user, team) -> bool:
    return user.has_perm("accounts.register_team_contacts", team)
