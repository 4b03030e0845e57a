"""Break-the-glass, signals with that/what separation, read logging and the officer's review."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from access import policy, services
from access.models import AccessAlert, BreakGlassGrant, Notification
from audit.models import AccessLogEntry
from contacts import selectors as contact_selectors
from contacts import services as contact_services
from contacts.models import SignalType
from tests.factories import PersonFactory, RetentionTaskFactory, TenancyFactory, UnitFactory

pytestmark = pytest.mark.django_db


def card(person):
    return reverse("contacts:card", args=[person.pk])


# --- Break-the-glass --------------------------------------------------------------------------


def test_out_of_scope_card_asks_for_a_reason_and_logs_nothing(client, world):
    client.force_login(world["employee"])
    response = client.get(card(world["outsider"]))
    assert response.status_code == 403
    assert b'data-page="break-the-glass"' in response.content
    assert world["outsider"].surname.encode() not in response.content
    assert not AccessLogEntry.objects.exists()


def test_reason_is_required(client, world):
    client.force_login(world["employee"])
    url = reverse("access:break_glass", args=[world["outsider"].pk])
    response = client.post(url, {"reason": "other", "explanation": "kort"})
    assert response.status_code == 400
    assert not BreakGlassGrant.objects.exists()


def test_break_the_glass_grants_time_limited_access_signals_and_queues(client, world, settings):
    settings.BREAK_GLASS_HOURS = 8
    client.force_login(world["employee"])
    url = reverse("access:break_glass", args=[world["outsider"].pk])
    response = client.post(
        url,
        {
            "reason": "colleague_absent",
            "explanation": "Collega ziek, huurder aan de lijn.",
            "next": card(world["outsider"]),
        },
    )
    assert response.status_code == 302 and response["Location"] == card(world["outsider"])
    grant = BreakGlassGrant.objects.get()
    assert grant.expires_at - grant.granted_at == datetime.timedelta(hours=8)
    assert AccessAlert.objects.get().grant == grant

    # The leader of the employee's own team is told (the person's team's leader only when the
    # employee's teams have none; tests/access/test_grant_rules.py), and the alert keeps who.
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    assert recipients == {"tl"}
    assert set(AccessAlert.objects.get().notified.values_list("username", flat=True)) == {"tl"}

    response = client.get(card(world["outsider"]))
    assert response.status_code == 200
    assert b'data-banner="break-the-glass"' in response.content
    entry = AccessLogEntry.objects.get(what="card")
    assert entry.grant == "break_the_glass" and entry.reason == "Collega ziek, huurder aan de lijn."

    # Access to that person only; not to other out-of-scope persons, and not in searches.
    other = TenancyFactory(
        unit=UnitFactory(team=world["outsider"].tenancies.get().unit.team),
        person=PersonFactory(),
        role=world["outsider"].tenancies.get().role,
    ).person
    assert policy.grant_for(world["employee"], other) is None
    assert world["outsider"] not in policy.persons_visible_to(world["employee"])

    # Expired: back to the refusal page.
    BreakGlassGrant.objects.update(
        granted_at=timezone.now() - datetime.timedelta(hours=9),
        expires_at=timezone.now() - datetime.timedelta(hours=1),
    )
    assert client.get(card(world["outsider"])).status_code == 403


def test_break_the_glass_mail_goes_through_celery_when_mail_is_configured(
    world, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.MAIL_CONFIGURED = True
    world["leader"].email = "tl@example.nl"
    world["leader"].save()
    with django_capture_on_commit_callbacks(execute=True):
        services.break_the_glass(
            world["employee"],
            world["outsider"],
            reason="urgent_safety",
            explanation="Lekkage met gevaar.",
        )
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["tl@example.nl"]
    # No data about the tenant in the mail: the leader logs in to look.
    assert world["outsider"].surname not in mail.body


def test_no_mail_without_a_mail_server(
    world, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.MAIL_CONFIGURED = False
    world["leader"].email = "tl@example.nl"
    world["leader"].save()
    with django_capture_on_commit_callbacks(execute=True):
        services.break_the_glass(
            world["employee"], world["outsider"], reason="other", explanation="Huurder belde."
        )
    assert mailoutbox == []
    assert Notification.objects.filter(recipient=world["leader"]).count() == 1


def test_officer_marks_a_break_the_glass_justified(client, world):
    services.break_the_glass(
        world["employee"], world["outsider"], reason="other", explanation="Huurder belde zelf."
    )
    alert = AccessAlert.objects.get()
    client.force_login(world["officer"])
    queue = client.get(reverse("access:review"))
    assert queue.status_code == 200 and f'data-alert="{alert.pk}"'.encode() in queue.content
    assert (
        client.post(
            reverse("access:decide", args=[alert.pk]), {"outcome": "justified", "note": ""}
        ).status_code
        == 302
    )
    alert.refresh_from_db()
    assert alert.outcome == "pending"  # a note is required
    client.post(
        reverse("access:decide", args=[alert.pk]),
        {"outcome": "justified", "note": "Navraag gedaan, terecht."},
    )
    alert.refresh_from_db()
    assert (alert.outcome, alert.decided_by) == ("justified", world["officer"])
    with pytest.raises(Exception):  # noqa: B017
        services.decide_alert(world["officer"], alert, outcome="followed_up", note="nogmaals")


# --- Signals ----------------------------------------------------------------------------------


def signal_type(code):
    return SignalType.objects.get(code=code)


def test_card_shows_that_a_signal_exists_but_not_what(client, world):
    signal = contact_services.register_signal(
        world["leader"],
        world["tenant"],
        signal_type=signal_type("bezoek-met-twee"),
        description="Dreigde de opzichter met een hamer.",
    )
    client.force_login(world["colleague"])
    html = client.get(card(world["tenant"])).content.decode()
    assert "Veiligheidssignaal: bezoek met twee" in html
    assert "hamer" not in html
    assert reverse("contacts:signal", args=[world["tenant"].pk, signal.pk]) not in html
    assert (
        client.get(reverse("contacts:signal", args=[world["tenant"].pk, signal.pk])).status_code
        == 403
    )


def test_involved_employee_with_the_role_reads_the_content_and_it_is_logged(client, world):
    signal = contact_services.register_signal(
        world["leader"],
        world["tenant"],
        signal_type=signal_type("geluidsoverlast"),
        description="Drie klachten over harde muziek.",
    )
    signal.handlers.add(world["employee"])
    client.force_login(world["employee"])
    url = reverse("contacts:signal", args=[world["tenant"].pk, signal.pk])
    response = client.get(url)
    assert response.status_code == 200 and "harde muziek" in response.content.decode()
    entry = AccessLogEntry.objects.get(what="signal_content")
    assert (entry.actor, entry.object_id, entry.grant) == (world["employee"], signal.pk, "team")


def test_special_category_signal_needs_a_legal_basis_and_the_role(client, world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        contact_services.register_signal(
            world["leader"],
            world["tenant"],
            signal_type=signal_type("ondersteuning"),
            description="Begeleiding.",
        )
    signal = contact_services.register_signal(
        world["leader"],
        world["tenant"],
        signal_type=signal_type("ondersteuning"),
        description="Ambulante begeleiding via de gemeente.",
        legal_basis="Art. 9 lid 2 sub a AVG: toestemming.",
    )
    signal.handlers.add(world["employee"])
    # Involved, but an employee has no role for special-category content.
    assert not policy.can_view_signal_content(world["employee"], signal)
    assert policy.can_view_signal_content(world["leader"], signal)


def test_overdue_signals_surface_for_their_handler(world):
    signal = contact_services.register_signal(
        world["leader"],
        world["tenant"],
        signal_type=signal_type("geluidsoverlast"),
        description="Klachten.",
    )
    assert list(contact_selectors.signals_to_review(world["leader"])) == []
    later = timezone.localdate() + datetime.timedelta(days=400)
    assert list(contact_selectors.signals_to_review(world["leader"], later)) == [signal]
    contact_services.review_signal(
        world["leader"], signal, keep_until=later + datetime.timedelta(days=30)
    )
    assert list(contact_selectors.signals_to_review(world["leader"], later)) == []


# --- Read logging -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url_name", "what"),
    [
        ("contacts:card", "card"),
        ("contacts:register", "card"),
        ("contacts:mandate_register", "card"),
    ],
)
def test_each_read_writes_exactly_one_access_record(client, world, url_name, what):
    client.force_login(world["employee"])
    response = client.get(reverse(url_name, args=[world["tenant"].pk]))
    assert response.status_code == 200
    if url_name == "contacts:card":
        assert AccessLogEntry.objects.filter(what=what, person_id=world["tenant"].pk).count() == 1


def test_lists_filter_in_the_database(world):
    import re

    sql = str(policy.persons_visible_to(world["employee"]).query)
    assert "EXISTS" in sql
    # Subqueries only: no list of person ids computed in Python ("id" IN (1, 2, ...)).
    assert re.search(r'"contacts_person"\."id" IN \(\d', sql) is None, sql


# --- Detection --------------------------------------------------------------------------------


def test_many_views_outside_involvement_raise_one_alert(world, settings):
    settings.ACCESS_REVIEW_OUTSIDE_PER_DAY = 3
    day = timezone.localdate() - datetime.timedelta(days=1)
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    for person_id in range(1, 6):
        AccessLogEntry.objects.create(
            actor=world["employee"], person_id=person_id, what="card", grant="team", at=at
        )
    assert services.detect_unusual_access(day) == 1
    assert services.detect_unusual_access(day) == 0  # idempotent
    alert = AccessAlert.objects.get()
    assert (alert.kind, alert.figures["persons"]) == ("many_outside", 5)


def test_signal_content_far_above_peers_raises_an_alert(world, settings):
    day = timezone.localdate() - datetime.timedelta(days=1)
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(11)))
    for user, count in ((world["employee"], 12), (world["colleague"], 1), (world["leader"], 2)):
        for _ in range(count):
            AccessLogEntry.objects.create(
                actor=user, person_id=1, what="signal_content", grant="team", at=at
            )
    assert services.detect_unusual_access(day) == 1
    assert AccessAlert.objects.get().employee == world["employee"]


def test_officer_sees_who_looked_at_a_file(client, world):
    client.force_login(world["employee"])
    client.get(card(world["tenant"]))
    client.force_login(world["officer"])
    response = client.get(reverse("access:person_log", args=[world["tenant"].pk]))
    assert response.status_code == 200
    assert world["employee"].get_full_name() in response.content.decode()
    # The officer's own look is recorded as well, under the role grant.
    assert AccessLogEntry.objects.filter(actor=world["officer"], grant="role").count() == 1


def test_a_task_is_logged_under_involvement_for_its_assignee_and_team_scope_for_the_team(world):
    """One rule for pages and the API (access.policy.task_grant)."""
    task = RetentionTaskFactory(
        contact_moment__person=world["tenant"], assigned_to=world["employee"]
    )
    assert policy.task_grant(world["employee"], task) == AccessLogEntry.Grant.INVOLVEMENT
    assert policy.task_grant(world["colleague"], task) == AccessLogEntry.Grant.TEAM


def test_the_task_page_logs_the_view_under_the_task_grant(client, world, team_noord):
    """The page's access-log row carries access.policy.task_grant: involvement for the assignee,
    team scope for a colleague of the assigned team, and the out-of-team employee is refused."""
    task = RetentionTaskFactory(
        contact_moment__person=world["tenant"],
        assigned_to=world["employee"],
        assigned_team=team_noord,
    )
    url = reverse("contacts:task", args=[task.pk])
    for who, grant in (("employee", "involvement"), ("colleague", "team")):
        client.force_login(world[who])
        assert client.get(url).status_code == 200
        row = AccessLogEntry.objects.filter(actor=world[who], what=AccessLogEntry.What.TASK).get()
        assert (row.person_id, row.object_id, row.grant) == (world["tenant"].pk, task.pk, grant)
    client.force_login(world["zuid_leader"])
    assert client.get(url).status_code == 403
    assert not AccessLogEntry.objects.filter(actor=world["zuid_leader"]).exists()
