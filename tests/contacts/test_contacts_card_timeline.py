"""The customer card's timeline entries, the names behind them and the open-tasks panel.

The timeline is read without joins (names from ``contacts.names``) and written by a Python
template tag; these tests pin down what staff see and that every value is escaped.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from contacts import names, selectors, services
from contacts.models import ContactSubject
from referencedata.models import CodeList, ReferenceCode
from tests.factories import (
    ContactMomentFactory,
    PersonFactory,
    TenancyFactory,
    UnitFactory,
    UserFactory,
    contact_catalogue,
    default_subject,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(reference_codes, team_noord, team_zuid, make_user):
    contact_catalogue()
    tenant = TenancyFactory(
        unit=UnitFactory(team=team_noord),
        person=PersonFactory(surname="Bakker"),
        role=ReferenceCode.objects.get(code_list=CodeList.RELATION_ROLE, code="HUU"),
    ).person
    return {
        "tenant": tenant,
        "employee": make_user("mw", roles=[roles.EMPLOYEE], teams=[team_noord]),
        "team": team_noord,
        "other_team": team_zuid,
    }


def card_html(client, setting, **query):
    client.force_login(setting["employee"])
    response = client.get(reverse("contacts:card", args=[setting["tenant"].pk]), query)
    assert response.status_code == 200
    return response.content.decode()


def timeline_html(html: str) -> str:
    return html.split('<ol class="timeline">', 1)[1].split("</ol>", 1)[0]


def test_a_contact_entry_shows_its_names_and_escapes_what_was_typed(client, setting):
    employee = UserFactory(first_name="Anna", last_name="de Vries")
    defect = ReferenceCode.objects.filter(code_list=CodeList.DEFECT_TYPE).first()
    ContactMomentFactory(
        person=setting["tenant"],
        team=setting["team"],
        handled_by=employee,
        channel=ReferenceCode.objects.get(code_list=CodeList.CHANNEL, code="TEL"),
        direction="out",
        defect=defect,
        summary="Lekkage <script>alert(1)</script> gemeld",
        notes="eerste regel\ntweede & laatste",
        outcome="forwarded",
        forwarded_to=setting["other_team"],
        caller_kind="other",
    )
    html = timeline_html(card_html(client, setting))
    assert "<script>" not in html
    assert "Lekkage &lt;script&gt;alert(1)&lt;/script&gt; gemeld" in html
    assert "eerste regel<br>tweede &amp; laatste" in html
    channel = ReferenceCode.objects.get(code_list=CodeList.CHANNEL, code="TEL").name
    assert f"{channel} · uitgaand" in html
    assert f"<strong>{default_subject().name}</strong> ({defect.name}):" in html
    assert f"→ {setting['other_team'].name}" in html
    assert "iemand anders (geen machtiging) · Anna de Vries" in html


def test_an_entry_without_a_known_employee_says_so(client, setting):
    contact = ContactMomentFactory(person=setting["tenant"], team=setting["team"])
    type(contact).objects.filter(pk=contact.pk).update(handled_by=None)
    assert "onbekende medewerker" in timeline_html(card_html(client, setting))


def test_a_task_event_links_to_its_task(client, setting):
    from tests.support.contacts import contact_input, task_input

    contact = services.register_contact(
        setting["employee"],
        contact_input(
            setting,
            outcome="task",
            summary="Monteur gevraagd.",
            task=task_input(assigned_team=setting["team"], requested_action="Kraan <vervangen>"),
        ),
    )
    task = contact.tasks.get()
    html = timeline_html(card_html(client, setting))
    assert 'data-entry="task-created"' in html
    assert "Kraan &lt;vervangen&gt;" in html
    assert f'href="{reverse("contacts:task", args=[task.pk])}"' in html


def test_an_empty_selection_says_so(client, setting):
    assert "Geen contacten in deze selectie." in timeline_html(card_html(client, setting))


def test_a_renamed_subject_shows_its_new_name_at_once(client, setting):
    ContactMomentFactory(person=setting["tenant"], team=setting["team"])
    subject = default_subject()
    assert f"<strong>{subject.name}</strong>" in timeline_html(card_html(client, setting))
    subject.name = "Huurbetaling (nieuw)"
    subject.save()
    assert "<strong>Huurbetaling (nieuw)</strong>" in timeline_html(card_html(client, setting))


def test_names_changed_behind_the_signals_show_after_the_time_to_live(setting, monkeypatch):
    subject = default_subject()
    assert names.CONTACT_SUBJECTS.names([subject.pk]) == {subject.pk: subject.name}
    ContactSubject.objects.filter(pk=subject.pk).update(name="Elders gewijzigd")  # no signal
    assert names.CONTACT_SUBJECTS.names([subject.pk]) == {subject.pk: subject.name}
    monkeypatch.setattr(names, "TTL_SECONDS", 0.0)
    assert names.CONTACT_SUBJECTS.names([subject.pk]) == {subject.pk: "Elders gewijzigd"}


def test_an_id_not_seen_before_loads_the_table_again(setting):
    assert names.EMPLOYEES.names([setting["employee"].pk])
    newcomer = UserFactory(first_name="Nieuw", last_name="Lid")
    names.EMPLOYEES._loaded_at = float("inf")  # as if another process had added the user
    assert names.EMPLOYEES.names([newcomer.pk, None, 10**9]) == {newcomer.pk: "Nieuw Lid"}


def test_the_card_lists_the_first_due_open_tasks_and_counts_the_rest(client, setting):
    from tests.support.contacts import contact_input, task_input

    today = timezone.localdate()
    extra = selectors.CARD_OPEN_TASKS + 2
    for days in range(extra):
        services.register_contact(
            setting["employee"],
            contact_input(
                setting,
                outcome="task",
                task=task_input(
                    assigned_team=setting["team"],
                    requested_action=f"Actie {days:02d}",
                    due_date=today + datetime.timedelta(days=extra - days),
                ),
            ),
        )
    open_tasks = selectors.card_open_tasks(setting["tenant"])
    assert open_tasks.total == extra and open_tasks.more == 2
    assert [t.requested_action for t in open_tasks.shown][:2] == [
        f"Actie {extra - 1:02d}",
        f"Actie {extra - 2:02d}",
    ]
    html = card_html(client, setting)
    assert 'data-open-tasks-more="2"' in html
    assert "en nog 2 openstaande taken" in html
    assert "Actie 00" not in html.split('<h2 id="timeline">')[0]  # due last: not listed


def test_a_person_without_open_tasks(setting):
    open_tasks = selectors.card_open_tasks(setting["tenant"])
    assert (open_tasks.shown, open_tasks.total, open_tasks.more) == ([], 0, 0)


def test_a_card_that_does_not_exist_is_not_found(client, setting):
    client.force_login(setting["employee"])
    assert client.get(reverse("contacts:card", args=[10**9])).status_code == 404
