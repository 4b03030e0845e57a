"""Reminders of the register: agreements that expire and activities due for review, sent
through Celery to the privacy officers (and the activity's contact), once per occasion."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from accounts import roles
from klantcontact.celery import app
from processingregister import services, tasks
from processingregister.models import Agreement, ProcessingActivity
from tests.factories import AgreementFactory, ProcessingActivityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def eager():
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def officer(make_user):
    user = make_user("fg", roles=[roles.PRIVACY_OFFICER])
    user.email = "fg@woonstichting.example"
    user.save()
    return user


def test_an_agreement_is_announced_once_when_it_enters_its_warning_window(officer):
    today = timezone.localdate()
    soon = AgreementFactory(
        reference="VO-SOON",
        title="Enquêtes",
        party__name="KlantMeter B.V.",
        end_date=today + datetime.timedelta(days=60),
        activities=[ProcessingActivityFactory(name="Klanttevredenheid")],
    )
    AgreementFactory(reference="VO-LATER", end_date=today + datetime.timedelta(days=200))
    AgreementFactory(reference="VO-OPEN", end_date=None)
    AgreementFactory(  # short warning window: not yet
        reference="VO-SHORT",
        end_date=today + datetime.timedelta(days=40),
        expiry_warning_days=30,
    )

    assert tasks.remind_expiring_agreements.delay().get() == 1
    [message] = mail.outbox
    assert message.to == ["fg@woonstichting.example"]
    assert message.subject == "1 verwerkersovereenkomst verloopt binnenkort"
    assert "VO-SOON Enquêtes (KlantMeter B.V.)" in message.body
    assert "verwerkingen: Klanttevredenheid" in message.body
    assert "VO-LATER" not in message.body and "VO-SHORT" not in message.body

    # Not again for the same expiry date; again once the agreement is extended and nears its end.
    assert tasks.remind_expiring_agreements.delay().get() == 0
    soon.refresh_from_db()
    assert soon.expiry_reminder_sent_for == soon.end_date
    Agreement.objects.filter(pk=soon.pk).update(end_date=today + datetime.timedelta(days=400))
    assert services.send_expiry_reminders(today + datetime.timedelta(days=320)) == 1


def test_reviews_due_are_reminded_weekly_also_to_the_activity_contact(officer, make_user):
    owner = make_user("proceseigenaar", roles=[roles.EMPLOYEE])
    owner.email = "eigenaar@woonstichting.example"
    owner.save()
    today = timezone.localdate()
    due = ProcessingActivityFactory(name="Telefonie", code="telefonie", approved=True)
    late = ProcessingActivityFactory(name="Huurincasso", code="huurincasso", approved=True)
    ProcessingActivity.objects.filter(pk=due.pk).update(
        review_date=today + datetime.timedelta(days=10), owner_user=owner
    )
    ProcessingActivity.objects.filter(pk=late.pk).update(
        review_date=today - datetime.timedelta(days=1)
    )
    ProcessingActivityFactory(approved=True)  # review in a year: nothing yet
    draft = ProcessingActivityFactory()  # not approved: no reviews
    ProcessingActivity.objects.filter(pk=draft.pk).update(review_date=today)

    assert tasks.remind_reviews_due.delay().get() == 2
    [message] = mail.outbox
    assert message.subject == "2 verwerkingen moeten opnieuw worden beoordeeld"
    assert set(message.to) == {"fg@woonstichting.example", "eigenaar@woonstichting.example"}
    assert "- Huurincasso (huurincasso): herbeoordeling was uiterlijk" in message.body
    assert "- Telefonie (telefonie): herbeoordeling uiterlijk" in message.body

    mail.outbox.clear()
    assert services.send_review_reminders(today + datetime.timedelta(days=3)) == 0
    assert services.send_review_reminders(today + datetime.timedelta(days=7)) == 2

    # Recording the review ends the reminders for that activity.
    services.mark_reviewed(due, officer, "Klopt nog.")
    assert services.send_review_reminders(today + datetime.timedelta(days=14)) == 1


def test_no_officer_with_an_address_means_no_mail_but_no_failure(make_user, caplog):
    make_user("fg", roles=[roles.PRIVACY_OFFICER])  # no e-mail address
    AgreementFactory(end_date=timezone.localdate() + datetime.timedelta(days=5))
    assert services.send_expiry_reminders() == 1
    assert mail.outbox == []
    assert "no privacy officer with e-mail" in caplog.text
