"""Tasks as lists: an employee's inbox (whole and by page) and the open tasks on a person's
card. Reads only; the changes to a task are in ``contacts.services.tasks``."""

from dataclasses import dataclass

from django.db.models import Count, Q, Window

from accounts.services import team_ids

from ..models import Person, Task


def tasks_for(user):
    """Open tasks the user may work on: assigned to them or to one of their teams."""
    return (
        Task.objects.exclude(status=Task.Status.DONE)
        # The team ids as values (a handful), not as a subquery: PostgreSQL then combines the
        # two partial inbox indexes instead of reading every open task.
        .filter(Q(assigned_to=user) | Q(assigned_team_id__in=team_ids(user)))
        .select_related("kind", "assigned_team", "assigned_to", "contact_moment__person")
    )


def inbox(user, *, mine_only: bool = False):
    """The task inbox: overdue first, then by due date."""
    tasks = tasks_for(user)
    if mine_only:
        tasks = tasks.filter(assigned_to=user)
    return tasks.order_by("due_date", "pk")


INBOX_PAGE_SIZE = 50


@dataclass
class InboxPage:
    tasks: list
    page: int
    has_next: bool
    total: int  # open tasks in the inbox, on all pages


def inbox_page(user, *, mine_only: bool = False, page: int = 1) -> InboxPage:
    """One page of the inbox: a team's inbox holds hundreds of open tasks (about a thousand
    per team at the size of bench/generate.py); a page shows the first due of them, the
    total says how many wait."""
    tasks = inbox(user, mine_only=mine_only)
    page = max(1, page)
    start = (page - 1) * INBOX_PAGE_SIZE
    # The page's tasks by id first (from the task table alone), then only those rows with
    # what the inbox shows: joined first, PostgreSQL fetched every open task's contact before
    # sorting (46 ms for a team's thousand open tasks).
    keys = tasks.values("pk")[start : start + INBOX_PAGE_SIZE + 1]
    rows = list(
        Task.objects.filter(pk__in=keys)
        .select_related("kind", "assigned_team", "assigned_to")
        .order_by("due_date", "pk")
    )
    total = tasks.count() if page > 1 or len(rows) > INBOX_PAGE_SIZE else len(rows)
    return InboxPage(
        tasks=rows[:INBOX_PAGE_SIZE],
        page=page,
        has_next=len(rows) > INBOX_PAGE_SIZE,
        total=total,
    )


def open_tasks_of(person: Person):
    """The person's tasks that are not done, first due first: a range of
    ``task_open_person_idx`` (the person is copied onto the task from its contact moment)."""
    return (
        Task.objects.filter(person=person)
        .exclude(status=Task.Status.DONE)
        .select_related("kind")
        .order_by("due_date", "pk")
    )


# The card lists the open tasks due first and counts the rest: a frequent caller can have
# dozens open, and the card is for seeing what is pending, not for working through them.
CARD_OPEN_TASKS = 10


@dataclass
class OpenTasks:
    shown: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.shown)


def card_open_tasks(person: Person, limit: int = CARD_OPEN_TASKS) -> OpenTasks:
    """The first ``limit`` open tasks of the person (first due first) and how many are open in
    all, in one query (the count as a window over the same rows)."""
    shown = list(open_tasks_of(person).annotate(open_total=Window(Count("pk")))[:limit])
    return OpenTasks(shown=shown, total=shown[0].open_total if shown else 0)
