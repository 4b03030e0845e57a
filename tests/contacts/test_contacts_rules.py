"""Rules of contact registration, tasks, search and scope (contacts.services / contacts.access)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from access import policy as access
from accounts import roles
from contacts import selectors, services
from contacts.models import ContactMoment, Task, TaskEvent
from contacts.selectors import tasks as task_selectors
from referencedata.models import CodeList, ReferenceCode
from tests.factories import (
    ContactMomentFactory,
    MandateFactory,
    PersonFactory,
    PhoneNumberFactory,
    RetentionTaskFactory,
    TenancyFactory,
    UnitFactory,
    contact_catalogue,
    default_subject,
)
from tests.support.contacts import contact_input, task_input

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(reference_codes, team_noord, team_zuid, make_user):
    contact_catalogue()
    employee = make_user("mw", roles=[roles.EMPLOYEE], teams=[team_noord])
    unit = UnitFactory(team=team_noord, street="Kerkstraat", house_number=12, postcode="9641AB")
    tenant = TenancyFactory(
        unit=unit,
        person=PersonFactory(
            given_name="Jan", initials="J.P.", surname_prefix="van der", surname="Berg"
        ),
        role=ReferenceCode.objects.get(code_list=CodeList.RELATION_ROLE, code="HUU"),
    ).person
    outsider_unit = UnitFactory(team=team_zuid, postcode="9642CD")
    outsider = TenancyFactory(
        unit=outsider_unit,
        person=PersonFactory(surname="Çelik"),
        role=ReferenceCode.objects.get(code_list=CodeList.RELATION_ROLE, code="HUU"),
    ).person
    return {
        "employee": employee,
        "tenant": tenant,
        "outsider": outsider,
        "team": team_noord,
        "unit": unit,
    }


# --- Registration -----------------------------------------------------------------------------


def test_answered_contact_is_derived_as_first_contact_answer(setting):
    contact = services.register_contact(setting["employee"], contact_input(setting))
    contact.refresh_from_db()
    assert contact.answered_at_first_contact is True
    assert not contact.tasks.exists()


def test_contact_with_task_is_stored_together(setting):
    data = contact_input(
        setting,
        outcome="repair_request",
        subject=default_subject("reparatieverzoek"),
        task=task_input(assigned_team=setting["team"]),
    )
    contact = services.register_contact(setting["employee"], data)
    contact.refresh_from_db()
    assert contact.answered_at_first_contact is False
    task = contact.tasks.get()
    assert task.kind.code == "repair_request"
    assert list(task.events.values_list("kind", "person_id")) == [("created", setting["tenant"].pk)]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"occurred_at": timezone.now() + datetime.timedelta(hours=2)}, "occurred_at"),
        ({"outcome": "task"}, "requested_action"),
        ({"outcome": "answered", "task": "TASK"}, "outcome"),
        ({"outcome": "forwarded"}, "forwarded_to"),
        ({"caller_kind": "representative"}, "mandate"),
        ({"person": None, "caller_kind": "self"}, "caller_kind"),
    ],
)
def test_rule_violations_are_refused_and_nothing_is_saved(setting, overrides, field):
    if overrides.get("task") == "TASK":
        overrides["task"] = task_input(assigned_team=setting["team"])
    with pytest.raises(ValidationError) as excinfo:
        services.register_contact(setting["employee"], contact_input(setting, **overrides))
    assert field in excinfo.value.message_dict
    assert not ContactMoment.objects.exists() and not Task.objects.exists()


def test_retired_channel_is_refused(setting):
    app = ReferenceCode.objects.get(code_list=CodeList.CHANNEL, code="APP")
    app.is_active = False
    app.save()
    errors = services.contact_rule_errors(contact_input(setting, channel=app))
    assert "channel" in errors


def test_task_without_assignee_or_in_the_past_is_refused(setting):
    data = contact_input(
        setting,
        outcome="task",
        task=task_input(due_date=timezone.localdate() - datetime.timedelta(days=1)),
    )
    errors = services.contact_rule_errors(data)
    assert {"assigned_team", "due_date"} <= set(errors)


def test_database_refuses_an_answered_contact_that_claims_forwarding(setting):
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactMomentFactory(
            person=setting["tenant"], outcome="answered", forwarded_to=setting["team"]
        )


@pytest.mark.parametrize("outcome", ["answered", "forwarded"])
def test_database_refuses_a_task_for_a_contact_that_needs_no_follow_up(setting, outcome):
    extra = {"forwarded_to": setting["team"]} if outcome == "forwarded" else {}
    contact = ContactMomentFactory(person=setting["tenant"], outcome=outcome, **extra)
    with pytest.raises(IntegrityError), transaction.atomic():
        RetentionTaskFactory(contact_moment=contact)
    assert not Task.objects.filter(contact_moment=contact).exists()


def test_database_refuses_moving_a_task_onto_an_answered_contact(setting):
    task = RetentionTaskFactory(contact_moment__person=setting["tenant"])
    answered = ContactMomentFactory(person=setting["tenant"], outcome="answered")
    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.filter(pk=task.pk).update(contact_moment=answered)
    task.refresh_from_db()
    assert task.contact_moment_id != answered.pk


def test_database_refuses_marking_a_contact_with_a_task_as_answered(setting):
    task = RetentionTaskFactory(contact_moment__person=setting["tenant"])
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactMoment.objects.filter(pk=task.contact_moment_id).update(outcome="answered")
    assert ContactMoment.objects.get(pk=task.contact_moment_id).outcome == "repair_request"
    # An outcome that still calls for follow-up may change.
    ContactMoment.objects.filter(pk=task.contact_moment_id).update(outcome="callback")


def test_representative_needs_a_valid_mandate(setting):
    mandate = MandateFactory(represented=setting["tenant"])
    contact = services.register_contact(
        setting["employee"], contact_input(setting, caller_kind="representative", mandate=mandate)
    )
    assert contact.mandate == mandate
    expired = MandateFactory(
        represented=setting["tenant"],
        valid_from=datetime.date(2020, 1, 1),
        valid_to=datetime.date(2021, 1, 1),
    )
    errors = services.contact_rule_errors(
        contact_input(setting, caller_kind="representative", mandate=expired)
    )
    assert errors["mandate"] == "Deze machtiging is vandaag niet geldig."


def test_caller_may_receive_data_only_as_self_or_with_a_valid_mandate(setting):
    person = setting["tenant"]
    mandate = MandateFactory(represented=person)
    other_person_mandate = MandateFactory()
    assert services.caller_may_receive_data("self", None, person)
    assert services.caller_may_receive_data("representative", mandate, person)
    assert not services.caller_may_receive_data("representative", other_person_mandate, person)
    assert not services.caller_may_receive_data("representative", None, person)
    assert not services.caller_may_receive_data("other", None, person)


def test_mandate_period_and_self_representation_are_validated(setting):
    mandate = MandateFactory.build(
        represented=setting["tenant"],
        representative=setting["tenant"],
        valid_from=datetime.date(2025, 1, 1),
        valid_to=datetime.date(2024, 1, 1),
    )
    with pytest.raises(ValidationError) as excinfo:
        mandate.full_clean()
    assert {"valid_to", "representative"} <= set(excinfo.value.message_dict)


# --- Tasks ------------------------------------------------------------------------------------


def make_task(setting, **task_overrides):
    data = contact_input(
        setting, outcome="task", task=task_input(assigned_team=setting["team"], **task_overrides)
    )
    return services.register_contact(setting["employee"], data).tasks.get()


def test_take_reassign_and_close_leave_events_on_the_timeline(setting, make_user, team_zuid):
    task = make_task(setting)
    employee = setting["employee"]
    services.take_task(employee, task)
    task.refresh_from_db()
    assert (task.assigned_to, task.status) == (employee, "in_progress")
    with pytest.raises(ValidationError):
        services.close_task(employee, task, note="  ")
    services.close_task(employee, task, note="Monteur is geweest.")
    task.refresh_from_db()
    assert task.status == "done" and task.closed_at and task.closing_note == "Monteur is geweest."
    with pytest.raises(ValidationError):
        services.close_task(employee, task, note="nog eens")
    kinds = list(
        TaskEvent.objects.filter(task=task).order_by("at", "pk").values_list("kind", flat=True)
    )
    assert kinds == ["created", "taken", "closed"]
    page = selectors.timeline(setting["tenant"], selectors.TimelineFilter())
    assert [entry.kind if kind == "task" else "contact" for kind, entry in page.entries][:1] == [
        "closed"
    ]


def test_only_assignees_and_their_team_may_act(setting, make_user, team_zuid):
    task = make_task(setting)
    stranger = make_user("zuid", roles=[roles.EMPLOYEE], teams=[team_zuid])
    assert not services.can_act_on_task(stranger, task)
    with pytest.raises(ValidationError):
        services.take_task(stranger, task)
    task = services.reassign_task(setting["employee"], task, team=team_zuid, note="Hoort bij Zuid")
    assert services.can_act_on_task(stranger, task)
    assert not services.can_act_on_task(setting["employee"], task)


def test_database_refuses_a_done_task_without_closing_note(setting):
    task = make_task(setting)
    task.status = "done"
    with pytest.raises(IntegrityError), transaction.atomic():
        task.save()


def test_inbox_puts_overdue_first(setting):
    later = make_task(setting, due_date=timezone.localdate() + datetime.timedelta(days=5))
    overdue = make_task(setting)
    Task.objects.filter(pk=overdue.pk).update(
        due_date=timezone.localdate() - datetime.timedelta(days=3)
    )
    assert list(selectors.inbox(setting["employee"])) == [overdue, later]


def test_inbox_pages_show_the_first_due_and_count_them_all(setting, monkeypatch, client):
    # inbox_page reads the page size from its own module, not from the package.
    monkeypatch.setattr(task_selectors, "INBOX_PAGE_SIZE", 3)
    today = timezone.localdate()
    tasks = [make_task(setting, due_date=today + datetime.timedelta(days=d)) for d in range(7)]
    employee = setting["employee"]
    first = selectors.inbox_page(employee)
    assert (first.tasks, first.has_next, first.total) == (tasks[:3], True, 7)
    last = selectors.inbox_page(employee, page=3)
    assert (last.tasks, last.has_next, last.total) == (tasks[6:], False, 7)
    assert selectors.inbox_page(employee, page=-4).page == 1
    mine = selectors.inbox_page(employee, mine_only=True)
    assert (mine.tasks, mine.has_next, mine.total) == ([], False, 0)

    client.force_login(employee)
    html = client.get("/taken/?pagina=2").content.decode()
    shown = [t.pk for t in tasks if f'data-task="{t.pk}"' in html]
    assert shown == [t.pk for t in tasks[3:6]]
    assert 'data-inbox-total="7"' in html and "pagina=1" in html and "pagina=3" in html
    assert client.get("/taken/?pagina=x").status_code == 200


# --- Timeline ---------------------------------------------------------------------------------


def test_timeline_is_newest_first_filtered_and_paginated(setting):
    person = setting["tenant"]
    email = ReferenceCode.objects.get(code_list=CodeList.CHANNEL, code="EMA")
    now = timezone.now()
    for days in range(25):
        ContactMomentFactory(
            person=person,
            team=setting["team"],
            occurred_at=now - datetime.timedelta(days=days),
            channel=email
            if days % 5 == 0
            else ReferenceCode.objects.get(code_list=CodeList.CHANNEL, code="TEL"),
        )
    first = selectors.timeline(person, selectors.TimelineFilter())
    assert len(first.entries) == selectors.TIMELINE_PAGE_SIZE and first.has_next
    moments = [entry.occurred_at for _kind, entry in first.entries]
    assert moments == sorted(moments, reverse=True)
    second = selectors.timeline(person, selectors.TimelineFilter(), page=2)
    assert len(second.entries) == 5 and not second.has_next
    only_email = selectors.timeline(person, selectors.TimelineFilter(channel=email))
    assert len(only_email.entries) == 5
    recent = selectors.timeline(
        person, selectors.TimelineFilter(since=timezone.localdate() - datetime.timedelta(days=2))
    )
    assert len(recent.entries) == 3


# --- Search and scope -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "berg",
        "Berg",
        "van der berg",
        "jan berg",
        "BÈRG",
        "j p",
        "9641ab 12",
        "9641 AB 12",
        "R0000001",
    ],
)
def test_search_finds_the_tenant_whatever_way_it_is_typed(setting, typed):
    setting["tenant"].relation_number = "R0000001"
    setting["tenant"].save()
    _query, persons = selectors.search_persons(setting["employee"], typed)
    assert setting["tenant"] in persons


def test_search_by_phone_email_and_contract(setting):
    PhoneNumberFactory(person=setting["tenant"], number="+31612345678")
    from tests.factories import EmailAddressFactory

    EmailAddressFactory(person=setting["tenant"], address="jan@example.nl")
    contract = setting["tenant"].tenancies.get().contract_number
    for typed in ("06-12345678", "+31 6 1234 5678", "0031612345678", "Jan@Example.nl", contract):
        _query, persons = selectors.search_persons(setting["employee"], typed)
        assert persons == [setting["tenant"]], typed


def test_search_never_returns_persons_outside_scope(setting):
    _query, persons = selectors.search_persons(setting["employee"], "celik")
    assert persons == []
    assert access.grant_for(setting["employee"], setting["outsider"]) is None
    # Involvement: after handling a contact for the outsider, the employee may see them.
    services.register_contact(
        setting["employee"], contact_input(setting, person=setting["outsider"])
    )
    assert access.grant_for(setting["employee"], setting["outsider"]) == "involvement"
    _query, persons = selectors.search_persons(setting["employee"], "celik")
    assert persons == [setting["outsider"]]


def test_a_malformed_phone_number_is_reported_not_searched(setting):
    query, persons = selectors.search_persons(setting["employee"], "06-1234")
    assert query.kind == "invalid" and persons == []


def test_privacy_officer_sees_no_cards_by_default(setting, make_user):
    officer = make_user("fg", roles=[roles.PRIVACY_OFFICER])
    assert not access.persons_visible_to(officer).exists()


def test_new_person_is_visible_to_who_registered_them(setting, make_user):
    person = services.create_person(
        setting["employee"],
        surname="Yılmaz",
        given_name="Ayşe",
        phone="06 87654321",
        email="A@Example.nl",
    )
    assert access.grant_for(setting["employee"], person) == "involvement"
    assert person.phone_numbers.get().number == "+31687654321"
    assert person.email_addresses.get().address == "a@example.nl"
    other = make_user("other", roles=[roles.EMPLOYEE], teams=[setting["team"]])
    assert access.grant_for(other, person) is None
