"""The erasure log outside the database, and replaying it after a backup restore.

A backup restored from before an erasure brings the person back; the log (ERASURE_LOG_PATH,
written after commit, ids and times only) and ``manage.py replay_erasures`` erase them again,
once, and only that person.
"""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from contacts.models import ContactMoment, Person, PhoneNumber
from retention import services
from retention.models import ErasureLog, RetentionRule
from tests.factories import (
    ContactMomentFactory,
    PersonFactory,
    PhoneNumberFactory,
    TenancyFactory,
    statutory_tenancy_rule,
)

pytestmark = pytest.mark.django_db

REQUEST = "Verzoek tot verwijdering AVG-2026-031"


@pytest.fixture(autouse=True)
def erasure_log(tmp_path, settings):
    settings.ERASURE_LOG_PATH = str(tmp_path / "erasures" / "log.jsonl")
    return tmp_path / "erasures" / "log.jsonl"


@pytest.fixture(autouse=True)
def only_a_statutory_tenancy_rule(db):
    RetentionRule.objects.all().delete()
    statutory_tenancy_rule()


def lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def erase(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.erase_person(person, requested_by=None, reason=REQUEST)


def restore(entry_person_id: int, erased_at) -> Person:
    """What a restored backup holds: the person as they were before the erasure."""
    person = PersonFactory(pk=entry_person_id, surname="Terugkeer")
    Person.objects.filter(pk=person.pk).update(created_at=erased_at - datetime.timedelta(days=30))
    PhoneNumberFactory(person=person)
    ContactMomentFactory(person=person, summary="Vraag over de huur.")
    return person


def replay(*args) -> str:
    out = StringIO()
    call_command("replay_erasures", *args, stdout=out, stderr=out)
    return out.getvalue()


def test_an_erasure_is_logged_after_commit_with_ids_and_time_only(
    erasure_log, django_capture_on_commit_callbacks
):
    person = PersonFactory(surname="Zwanenburg", given_name="Ilse")
    PhoneNumberFactory(person=person, number="+31612345678")

    log = erase(person, django_capture_on_commit_callbacks)

    (entry,) = lines(erasure_log)
    assert entry == {
        "erasure": log.pk,
        "person": person.pk,
        "erased_at": log.erased_at.isoformat(),
        "outcome": "complete",
        "person_deleted": True,
    }
    text = erasure_log.read_text()
    assert "Zwanenburg" not in text and "Ilse" not in text and "612345678" not in text
    assert "AVG-2026-031" not in text  # the request's reference stays in the database


def test_nothing_is_logged_when_the_erasure_rolls_back(erasure_log):
    # Inside the test's transaction the commit never comes: no line for an erasure that
    # did not happen.
    services.erase_person(PersonFactory(), requested_by=None, reason=REQUEST)
    assert not erasure_log.exists()


def test_replay_erases_a_restored_person_again_and_only_once(
    erasure_log, django_capture_on_commit_callbacks
):
    person = PersonFactory()
    pk = person.pk
    ContactMomentFactory(person=person)
    log = erase(person, django_capture_on_commit_callbacks)
    bystander = PersonFactory()
    ContactMomentFactory(person=bystander)
    # Restore a backup from before the erasure: the person and their data are back, the
    # database's erasure log row is not.
    ErasureLog.objects.filter(pk=log.pk).delete()
    restore(pk, log.erased_at)

    with django_capture_on_commit_callbacks(execute=True):
        output = replay()

    assert "1 erased again" in output
    assert not Person.objects.filter(pk=pk).exists()
    assert not ContactMoment.objects.filter(person_id=pk).exists()
    assert not PhoneNumber.objects.filter(person_id=pk).exists()
    assert Person.objects.filter(pk=bystander.pk).exists()
    replayed = ErasureLog.objects.get(person_id=pk)
    assert f"#{log.pk}" in replayed.reason
    # The replay is logged too, and a second replay changes nothing.
    assert len(lines(erasure_log)) == 2
    output = replay()
    assert "0 erased again" in output and "already in the database" in output
    assert ErasureLog.objects.filter(person_id=pk).count() == 1


def test_a_partial_erasure_is_replayed_once_although_the_person_stays(
    erasure_log, django_capture_on_commit_callbacks
):
    tenancy = TenancyFactory(start_date=datetime.date(2015, 1, 1))  # running: kept by statute
    person = tenancy.person
    ContactMomentFactory(person=person)
    log = erase(person, django_capture_on_commit_callbacks)
    assert log.outcome == "partial"
    # The restored backup has the contact still linked to the person and no log row.
    ErasureLog.objects.filter(pk=log.pk).delete()
    Person.objects.filter(pk=person.pk).update(
        created_at=log.erased_at - datetime.timedelta(days=30)
    )
    restored_contact = ContactMomentFactory(person=person, summary="Vraag over de huur.")

    with django_capture_on_commit_callbacks(execute=True):
        assert "1 erased again" in replay()

    restored_contact.refresh_from_db()
    assert restored_contact.person_id is None
    assert Person.objects.filter(pk=person.pk).exists()
    assert "0 erased again" in replay()
    assert ErasureLog.objects.filter(person_id=person.pk).count() == 1


def test_dry_run_changes_nothing(erasure_log, django_capture_on_commit_callbacks):
    person = PersonFactory()
    pk = person.pk
    log = erase(person, django_capture_on_commit_callbacks)
    ErasureLog.objects.filter(pk=log.pk).delete()
    restore(pk, log.erased_at)

    output = replay("--dry-run")

    assert "1 would be erased again" in output
    assert Person.objects.filter(pk=pk).exists()
    assert not ErasureLog.objects.filter(person_id=pk).exists()


def test_a_later_person_with_a_reused_id_is_left_alone(erasure_log):
    """After a restore the id sequence restarts lower: a new person may get an erased id."""
    newcomer = PersonFactory()
    erased_at = timezone.now() - datetime.timedelta(days=2)
    erasure_log.parent.mkdir(parents=True)
    erasure_log.write_text(
        json.dumps(
            {
                "erasure": 7,
                "person": newcomer.pk,
                "erased_at": erased_at.isoformat(),
                "outcome": "complete",
                "person_deleted": True,
            }
        )
        + "\n"
    )

    output = replay()

    assert "another person with the same id" in output
    assert Person.objects.filter(pk=newcomer.pk).exists()


def test_refusals_and_unreadable_lines_are_skipped(erasure_log):
    person = PersonFactory()
    erasure_log.parent.mkdir(parents=True)
    refused = {
        "erasure": 3,
        "person": person.pk,
        "erased_at": (timezone.now() + datetime.timedelta(days=1)).isoformat(),
        "outcome": "refused",
        "person_deleted": False,
    }
    erasure_log.write_text(json.dumps(refused) + "\n" + '{"erasure": 4, "person": \n')

    output = replay()

    assert "1 skipped: refused at the time" in output
    assert "line 2" in output and "unreadable" in output
    assert Person.objects.filter(pk=person.pk).exists()


def test_without_a_log_the_command_says_so(settings, tmp_path):
    settings.ERASURE_LOG_PATH = str(tmp_path / "missing.jsonl")
    with pytest.raises(CommandError):
        replay()
    settings.ERASURE_LOG_PATH = ""
    with pytest.raises(CommandError):
        replay()
