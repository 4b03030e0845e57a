"""Pages of the contacts work: access per role, query counts, logging of reads, bad input."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from audit.models import AccessLogEntry
from contacts.models import ContactMoment, Task
from referencedata.models import CodeList, ReferenceCode
from tests.factories import (
    ContactMomentFactory,
    PersonFactory,
    PhoneNumberFactory,
    TenancyFactory,
    UnitFactory,
    contact_catalogue,
    default_subject,
)
from tests.support.contacts import mandate_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(reference_codes, team_noord, team_zuid, make_user):
    contact_catalogue()
    huu = ReferenceCode.objects.get(code_list=CodeList.RELATION_ROLE, code="HUU")
    tenant = TenancyFactory(
        unit=UnitFactory(team=team_noord), person=PersonFactory(surname="Bakker"), role=huu
    ).person
    PhoneNumberFactory(person=tenant, number="+31612345678", is_preferred=True)
    outsider = TenancyFactory(
        unit=UnitFactory(team=team_zuid), person=PersonFactory(surname="Visser"), role=huu
    ).person
    return {
        "tenant": tenant,
        "outsider": outsider,
        "employee": make_user("mw", roles=[roles.EMPLOYEE], teams=[team_noord]),
        "leader": make_user("tl", roles=[roles.EMPLOYEE, roles.TEAM_LEADER], leads=[team_noord]),
        "officer": make_user("fg", roles=[roles.PRIVACY_OFFICER]),
        "administrator": make_user("fb", roles=[roles.FUNCTIONAL_ADMINISTRATOR]),
        "team": team_noord,
    }


def card(person):
    return reverse("contacts:card", args=[person.pk])


@pytest.mark.parametrize(
    ("who", "whose", "status"),
    [
        ("employee", "tenant", 200),
        ("employee", "outsider", 403),
        ("leader", "tenant", 200),
        ("leader", "outsider", 403),
        ("officer", "tenant", 403),
        ("administrator", "tenant", 403),
    ],
)
def test_card_access_per_role(client, world, who, whose, status):
    client.force_login(world[who])
    assert client.get(card(world[whose])).status_code == status


def test_opening_a_card_writes_one_access_record(client, world):
    client.force_login(world["employee"])
    client.get(card(world["tenant"]))
    entry = AccessLogEntry.objects.get()
    assert (entry.actor, entry.person_id, entry.what, entry.grant) == (
        world["employee"],
        world["tenant"].pk,
        "card",
        "team",
    )
    client.get(card(world["outsider"]))
    assert AccessLogEntry.objects.count() == 1  # a refused view shows nothing, logs nothing


def test_card_query_count_does_not_grow_with_the_timeline(client, world):
    client.force_login(world["employee"])
    person = world["tenant"]

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(card(person)).status_code == 200
        return len(captured)

    ContactMomentFactory(person=person, team=world["team"])
    queries()  # loads the per-process name tables (contacts.names) once
    few = queries()
    for days in range(60):
        ContactMomentFactory(
            person=person,
            team=world["team"],
            occurred_at=timezone.now() - datetime.timedelta(days=days),
        )
    queries()  # the 60 new employees' names: one reload of the name table, not one per row
    assert queries() == few


def test_search_query_count_is_constant_and_results_are_logged(client, world):
    client.force_login(world["employee"])
    for index in range(3):
        TenancyFactory(
            unit=UnitFactory(team=world["team"]),
            person=PersonFactory(surname=f"Bakkerman{index}"),
            role=world["tenant"].tenancies.get().role,
        )

    def run():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("contacts:search"), {"q": "bakker"})
        return response, len(captured)

    response, count = run()
    assert response.status_code == 200
    assert "Bakker" in response.content.decode()
    assert AccessLogEntry.objects.filter(what="search_result").count() == 4
    for index in range(10):
        TenancyFactory(
            unit=UnitFactory(team=world["team"]),
            person=PersonFactory(surname=f"Bakkers{index}"),
            role=world["tenant"].tenancies.get().role,
        )
    assert run()[1] == count


def test_results_show_the_least_data(client, world):
    client.force_login(world["employee"])
    html = client.get(reverse("contacts:search"), {"q": "bakker"}).content.decode()
    assert "+31612345678" not in html and "06 12345678" not in html


def test_caller_lookup_opens_the_card_on_a_single_match(client, world):
    client.force_login(world["employee"])
    response = client.get(reverse("contacts:lookup"), {"phone": "06-12345678"})
    assert response.status_code == 302
    assert response["Location"] == f"{card(world['tenant'])}?channel=TEL"


def test_caller_lookup_offers_new_person_when_nobody_matches(client, world):
    client.force_login(world["employee"])
    response = client.get(reverse("contacts:lookup"), {"phone": "0687654321"})
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        reverse("contacts:person_create") in html and reverse("contacts:register_anonymous") in html
    )


def test_caller_lookup_json(client, world):
    client.force_login(world["employee"])
    body = client.get(reverse("contacts:lookup_json"), {"phone": "+31 6 12345678"}).json()
    assert body["phone"] == "+31612345678"
    assert [m["id"] for m in body["matches"]] == [world["tenant"].pk]
    assert set(body["matches"][0]) == {"id", "name", "card_url", "processing_restricted"}
    assert body["matches"][0]["processing_restricted"] is False
    assert AccessLogEntry.objects.filter(what="caller_lookup").count() == 1
    bad = client.get(reverse("contacts:lookup_json"), {"phone": "12"})
    assert bad.status_code == 400 and "error" in bad.json()
    client.logout()
    assert client.get(reverse("contacts:lookup_json"), {"phone": "0612345678"}).status_code == 302


def contact_post(world, **overrides):
    data = {
        "caller_kind": "self",
        "channel": ReferenceCode.objects.get(code_list=CodeList.CHANNEL, code="TEL").pk,
        "direction": "in",
        "subject": default_subject("reparatieverzoek").pk,
        "summary": "Lekkage onder het aanrecht.",
        "outcome": "repair_request",
        "requested_action": "Loodgieter sturen.",
        "assigned_team": world["team"].pk,
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "team": world["team"].pk,
    }
    data.update(overrides)
    return data


def test_register_contact_with_task_in_one_submit(client, world):
    client.force_login(world["employee"])
    url = reverse("contacts:register", args=[world["tenant"].pk])
    response = client.post(url, contact_post(world))
    assert response.status_code == 302
    contact = ContactMoment.objects.get()
    assert contact.handled_by == world["employee"]
    assert contact.tasks.get().due_date > timezone.localdate()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        (
            {
                "occurred_at": (timezone.localtime() + datetime.timedelta(days=1)).strftime(
                    "%Y-%m-%dT%H:%M"
                )
            },
            "occurred_at",
        ),
        ({"summary": "x" * 300}, "summary"),
        ({"channel": "999999"}, "channel"),
        ({"requested_action": ""}, "requested_action"),
    ],
)
def test_bad_input_keeps_everything_typed(client, world, overrides, field):
    client.force_login(world["employee"])
    url = reverse("contacts:register", args=[world["tenant"].pk])
    response = client.post(url, contact_post(world, **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert (
        response.context["form"]["summary"].value() == contact_post(world, **overrides)["summary"]
    )
    assert not ContactMoment.objects.exists() and not Task.objects.exists()


def test_cannot_register_for_a_person_outside_scope(client, world):
    client.force_login(world["employee"])
    url = reverse("contacts:register", args=[world["outsider"].pk])
    assert client.post(url, contact_post(world)).status_code == 403
    assert not ContactMoment.objects.exists()


def test_dashboard_only_for_team_leaders_and_csv(client, world):
    ContactMomentFactory(person=world["tenant"], team=world["team"])
    client.force_login(world["employee"])
    assert client.get(reverse("contacts:dashboard")).status_code == 403
    client.force_login(world["leader"])
    response = client.get(reverse("contacts:dashboard"))
    assert response.status_code == 200
    assert response.context["figures"]["total"] == 1
    assert response.context["figures"]["first_contact_share"] == 1.0
    csv_text = client.get(reverse("contacts:dashboard_csv")).content.decode()
    assert "Telefoon" in csv_text


def test_banner_when_the_caller_may_not_receive_data(client, world):
    client.force_login(world["employee"])
    assert 'data-banner="no-data"' not in client.get(card(world["tenant"])).content.decode()
    html = client.get(card(world["tenant"]), {"caller": "other"}).content.decode()
    assert 'data-banner="no-data"' in html


def test_record_a_mandate_for_a_new_representative(client, world):
    client.force_login(world["employee"])
    url = reverse("contacts:mandate_register", args=[world["tenant"].pk])
    assert client.post(url, mandate_post()).status_code == 302
    mandate = world["tenant"].mandates_given.get()
    assert mandate.representative.surname == "Bewind & Co"
    assert mandate.verified_by == world["employee"]
    html = client.get(card(world["tenant"])).content.decode()
    assert "Bewind &amp; Co" in html


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"valid_to": "2024-12-31"}, "valid_to"),
        ({"verified_at": "2999-01-01"}, "verified_at"),
        ({"representative_surname": ""}, "representative_surname"),
        ({"representative_relation_number": "R9999999"}, "representative_relation_number"),
        ({"valid_from": ""}, "valid_from"),
    ],
)
def test_mandate_without_a_valid_period_or_representative_is_refused(
    client, world, overrides, field
):
    client.force_login(world["employee"])
    url = reverse("contacts:mandate_register", args=[world["tenant"].pk])
    response = client.post(url, mandate_post(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not world["tenant"].mandates_given.exists()


def test_medical_detail_in_a_summary_comes_back_highlighted_and_nothing_is_saved(client, world):
    client.force_login(world["employee"])
    url = reverse("contacts:register", args=[world["tenant"].pk])
    summary = "Mevrouw is diabetespatiënt en vraagt om een aangepaste badkamer."
    response = client.post(url, contact_post(world, summary=summary))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark" in html and "diabetespati" in html
    assert response.context["form"]["summary"].value() == summary
    assert not ContactMoment.objects.exists()


def test_confirmed_with_a_reason_is_saved_and_shows_up_for_the_privacy_officer(client, world):
    from dataminimisation.models import GuardOverride

    client.force_login(world["employee"])
    url = reverse("contacts:register", args=[world["tenant"].pk])
    data = contact_post(world, summary="Meneer is rolstoelgebonden, melding over de drempel.")
    first = client.post(url, data)
    assert first.status_code == 200
    form = first.context["form"]
    data.update(
        {
            form.minimisation_token_name: form.minimisation_token,
            "minimisation_confirm": "on",
            "minimisation_reason": "Nodig voor de aanpassing van de toegang tot de woning.",
        }
    )
    second = client.post(url, data)
    assert second.status_code == 302
    contact = ContactMoment.objects.get()
    override = GuardOverride.objects.get()
    assert override.employee == world["employee"]
    assert override.object_id == str(contact.pk)
    assert override.subject_person_id == world["tenant"].pk


def test_subject_without_an_approved_processing_activity_cannot_be_chosen(client, world):
    subject = default_subject("woningruil")
    activity = subject.processing_activity
    activity.status = "draft"
    activity.save(update_fields=["status"])
    client.force_login(world["employee"])
    url = reverse("contacts:register", args=[world["tenant"].pk])
    form = client.get(url).context["form"]
    assert subject not in form.fields["subject"].queryset
    response = client.post(url, contact_post(world, subject=subject.pk, outcome="answered"))
    assert "subject" in response.context["form"].errors
    assert not ContactMoment.objects.exists()


def test_the_form_shows_purpose_and_legal_basis_of_each_subject(client, world):
    client.force_login(world["employee"])
    html = client.get(reverse("contacts:register", args=[world["tenant"].pk])).content.decode()
    subject = default_subject("reparatieverzoek")
    assert f'data-purpose-for="{subject.pk}"' in html
    assert subject.processing_activity.name in html


def test_articles_used_while_registering_are_linked_to_the_contact(client, world):
    from knowledgebase.models import ArticleUse
    from tests.factories import ArticleFactory

    article = ArticleFactory()
    client.force_login(world["employee"])
    url = reverse("contacts:register", args=[world["tenant"].pk])
    html = client.get(url).content.decode()
    assert "data-kb-suggestions" in html
    data = contact_post(world, outcome="answered", requested_action="")
    data.update({"kb_articles": str(article.pk), "kb_feedback": f"{article.pk}:1"})
    assert client.post(url, data).status_code == 302
    use = ArticleUse.objects.get()
    assert (use.article, use.contact_moment, use.helpful) == (
        article,
        ContactMoment.objects.get(),
        True,
    )


def test_card_shows_a_legal_hold_on_the_person(client, world):
    from tests.factories import LegalHoldFactory

    client.force_login(world["employee"])
    assert 'data-banner="legal-hold"' not in client.get(card(world["tenant"])).content.decode()
    hold = LegalHoldFactory(person=world["tenant"], owner=world["officer"])
    html = client.get(card(world["tenant"])).content.decode()
    assert 'data-banner="legal-hold"' in html
    assert f'data-hold="{hold.pk}"' in html
