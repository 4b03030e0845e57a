"""Redis down: break-the-glass still works and its mail to the team leader is not lost.

The broker here is a real Redis URL on a port where nothing listens (what a stopped Redis
looks like to the web process); no mocks. See drills/redis_down.sh for the same fault against
gunicorn and a real worker.
"""

import pytest
from django.urls import reverse

from access import services
from access.models import BreakGlassGrant, Notification
from access.tasks import mail_break_glass
from klantcontact.enqueue import enqueue

pytestmark = pytest.mark.django_db

DOWN = "redis://127.0.0.1:1/0"


def _reset_pools(app):
    # The app keeps its connection pools; drop them so the next publish uses broker_url.
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker_down():
    from klantcontact.celery import app

    keys = ("task_always_eager", "broker_url", "broker_write_url")
    saved = {key: app.conf[key] for key in keys}
    # Celery copies the configured URL into broker_write_url, which publishing uses.
    app.conf.update(task_always_eager=False, broker_url=DOWN, broker_write_url=DOWN)
    _reset_pools(app)
    yield
    app.conf.update(saved)
    _reset_pools(app)


@pytest.fixture
def leader_mail(world, settings):  # noqa: F811
    settings.MAIL_CONFIGURED = True
    world["leader"].email = "tl@example.nl"
    world["leader"].save()
    return world


def test_the_mail_is_sent_in_process_when_the_broker_is_down(
    leader_mail, broker_down, mailoutbox, django_capture_on_commit_callbacks
):
    people = leader_mail
    with django_capture_on_commit_callbacks(execute=True):
        grant = services.break_the_glass(
            people["employee"],
            people["outsider"],
            reason="caller_on_line",
            explanation="Huurder aan de lijn, collega afwezig.",
        )
    assert BreakGlassGrant.objects.filter(pk=grant.pk).exists()
    assert [mail.to for mail in mailoutbox] == [["tl@example.nl"]]
    assert Notification.objects.filter(recipient=people["leader"]).count() == 1


def test_the_employee_gets_the_card_not_an_error_page(
    leader_mail, broker_down, client, mailoutbox, django_capture_on_commit_callbacks
):
    people = leader_mail
    person = people["outsider"]
    client.force_login(people["employee"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("access:break_glass", args=[person.pk]),
            {"reason": "caller_on_line", "explanation": "Huurder aan de lijn, collega afwezig."},
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("contacts:card", args=[person.pk])
    assert len(mailoutbox) == 1


def test_enqueue_hands_the_task_to_the_broker_when_it_is_there(leader_mail, mailoutbox):
    # Eager (no broker in this test run): the task runs once, through Celery, not twice.
    grant = services.break_the_glass(
        leader_mail["employee"],
        leader_mail["outsider"],
        reason="other",
        explanation="Dossier overgedragen aan ons team.",
    )
    enqueue(mail_break_glass, grant.pk, [leader_mail["leader"].pk])
    assert len(mailoutbox) == 1
