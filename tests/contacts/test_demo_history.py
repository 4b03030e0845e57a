"""The demo contact history: realistic, every channel, tasks in every state, written once."""

import pytest
from django.core.management import call_command
from django.db.models import Count

from contacts.models import ContactMoment, Mandate, Task, TaskEvent
from referencedata.models import CodeList, ReferenceCode

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)


def test_history_covers_every_channel_and_task_state(seeded):
    assert ContactMoment.objects.count() >= 2000
    used = set(ContactMoment.objects.values_list("channel__code", flat=True))
    assert used == set(
        ReferenceCode.objects.of_list(CodeList.CHANNEL).values_list("code", flat=True)
    )
    assert set(Task.objects.values_list("status", flat=True)) == {"open", "in_progress", "done"}
    share = (
        ContactMoment.objects.filter(answered_at_first_contact=True).count()
        / ContactMoment.objects.count()
    )
    assert 0.5 < share < 0.95
    # Every closed task has a closing note and a 'closed' event on the person's timeline.
    done = Task.objects.filter(status="done")
    assert not done.filter(closing_note="").exists()
    assert TaskEvent.objects.filter(kind="closed").count() == done.count()
    assert Mandate.objects.filter(valid_to__isnull=True).exists()


def test_history_is_written_once(seeded):
    counts = (ContactMoment.objects.count(), Task.objects.count(), TaskEvent.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (
        ContactMoment.objects.count(),
        Task.objects.count(),
        TaskEvent.objects.count(),
    ) == counts


def test_demo_summaries_pass_without_medical_details(seeded):
    # The history must be an example of good practice: no special-category words.
    forbidden = ("diabet", "depress", "kanker", "zwanger", "politie", "verslaaf")
    summaries = ContactMoment.objects.values("summary").annotate(n=Count("pk"))
    for row in summaries:
        assert not any(word in row["summary"].lower() for word in forbidden), row["summary"]
