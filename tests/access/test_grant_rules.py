"""Grant rules (issue 18, points 3 and 4): who may break the glass, what break-the-glass lets one
write, nobody reviews their own alert, someone other than the actor is always told, creating
persons needs a role, and the mandate form finds representatives only within the scope."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from access import policy, services
from access.models import AccessAlert, BreakGlassGrant, Notification
from accounts import roles
from contacts import services as contact_services
from contacts.models import ContactMoment, Mandate, Person, Signal, SignalType
from referencedata.models import CodeList, ReferenceCode
from tests.support.contacts import mandate_post

pytestmark = pytest.mark.django_db

REFUSAL_NL = "Alleen medewerkers die klanten helpen"


def card(person):
    return reverse("contacts:card", args=[person.pk])


def break_glass_post(client, person):
    return client.post(
        reverse("access:break_glass", args=[person.pk]),
        {"reason": "other", "explanation": "Huurder staat aan de balie."},
    )


def grant_directly(user, person):
    """A break-the-glass grant written directly, as an account got one before this rule."""
    now = timezone.now()
    return BreakGlassGrant.objects.create(
        employee=user,
        person=person,
        reason="other",
        explanation="Huurder aan de balie.",
        granted_at=now,
        expires_at=now + datetime.timedelta(hours=1),
    )


def signal_post():
    return {
        "signal_type": SignalType.objects.get(code="geluidsoverlast").pk,
        "description": "Drie meldingen van geluidsoverlast.",
    }


@pytest.fixture
def no_role(make_user):
    return make_user("geenrol")


@pytest.fixture
def administrator(make_user):
    return make_user("fb", roles=[roles.FUNCTIONAL_ADMINISTRATOR])


# --- 3a: only the roles that handle customers break the glass -----------------------------------


@pytest.mark.parametrize("who", ["no_role", "officer", "administrator"])
def test_only_customer_roles_may_break_the_glass(client, world, request, who):
    """Finding: an account with no role (or only the officer's or administrator's) could break
    the glass. The service refuses, the view refuses, and the page offers no form."""
    user = world["officer"] if who == "officer" else request.getfixturevalue(who)
    outsider = world["outsider"]
    with pytest.raises(policy.AccessRefused):
        services.break_the_glass(user, outsider, reason="other", explanation="Huurder belde.")
    client.force_login(user)
    page = client.get(card(outsider))
    html = page.content.decode()
    assert page.status_code == 403 and 'data-page="break-the-glass"' in html
    assert 'data-action="break-the-glass"' not in html
    assert reverse("access:break_glass", args=[outsider.pk]) not in html
    assert REFUSAL_NL in html
    response = break_glass_post(client, outsider)
    assert response.status_code == 403 and REFUSAL_NL in response.content.decode()
    assert not BreakGlassGrant.objects.exists() and not Notification.objects.exists()
    assert client.get(card(outsider)).status_code == 403


def test_an_employee_is_offered_the_form_and_may_break_the_glass(client, world):
    client.force_login(world["employee"])
    assert b'data-action="break-the-glass"' in client.get(card(world["outsider"])).content
    assert break_glass_post(client, world["outsider"]).status_code == 302
    page = client.get(card(world["outsider"]))
    assert page.status_code == 200
    assert f"Ingelicht: {world['leader'].get_full_name()}." in page.content.decode()


# --- 3b: break-the-glass reads; writing needs the role ------------------------------------------


@pytest.mark.parametrize("who", ["no_role", "officer"])
def test_break_the_glass_without_a_writing_role_only_reads(client, world, request, who):
    """Finding: an account with no role broke the glass, opened the card, then recorded a
    mandate and a signal."""
    user = world["officer"] if who == "officer" else request.getfixturevalue(who)
    person = world["outsider"]
    grant_directly(user, person)
    client.force_login(user)
    assert client.get(card(person)).status_code == 200  # reading is what the grant is for
    for name, data in (
        ("contacts:mandate_register", mandate_post()),
        ("contacts:signal_register", signal_post()),
        ("contacts:register", {"summary": "Vraag."}),
    ):
        response = client.post(reverse(name, args=[person.pk]), data)
        assert response.status_code == 403, name
        assert REFUSAL_NL in response.content.decode(), name
    assert not Mandate.objects.exists() and not Signal.objects.exists()
    assert not ContactMoment.objects.filter(person=person).exists()
    # The services refuse as well (every path, not only the pages).
    with pytest.raises(policy.AccessRefused):
        contact_services.register_signal(
            user,
            person,
            signal_type=SignalType.objects.get(code="geluidsoverlast"),
            description="Overlast.",
        )


def test_break_the_glass_lets_an_employee_write_what_the_role_writes(client, world):
    person = world["outsider"]
    client.force_login(world["employee"])
    break_glass_post(client, person)
    response = client.post(reverse("contacts:signal_register", args=[person.pk]), signal_post())
    assert response.status_code == 302 and Signal.objects.filter(person=person).exists()
    response = client.post(reverse("contacts:mandate_register", args=[person.pk]), mandate_post())
    assert response.status_code == 302 and person.mandates_given.exists()


def test_writing_needs_a_grant_on_the_person(world):
    with pytest.raises(policy.AccessRefused):
        contact_services.register_signal(
            world["employee"],
            world["outsider"],
            signal_type=SignalType.objects.get(code="geluidsoverlast"),
            description="Overlast.",
        )
    assert policy.may_write(world["employee"], world["tenant"], "signal")
    assert not policy.may_write(world["officer"], None, "person")


# --- 3c: nobody reviews their own alert ---------------------------------------------------------


@pytest.fixture
def officer_employee(make_user, team_noord):
    """A privacy officer who also works with customers (and so may break the glass)."""
    return make_user("fg2", roles=[roles.EMPLOYEE, roles.PRIVACY_OFFICER], teams=[team_noord])


def test_nobody_reviews_their_own_alert(client, world, officer_employee):
    """Finding: the AVG officer could mark their own break-the-glass as justified."""
    services.break_the_glass(
        officer_employee, world["outsider"], reason="other", explanation="Huurder belde zelf."
    )
    alert = AccessAlert.objects.get()
    outside = AccessAlert.objects.create(
        kind=AccessAlert.Kind.MANY_OUTSIDE_INVOLVEMENT,
        employee=officer_employee,
        period_start=timezone.localdate(),
        period_end=timezone.localdate(),
    )
    client.force_login(officer_employee)
    queue = client.get(reverse("access:review")).content.decode()
    for own in (alert, outside):
        assert f'data-own-alert="{own.pk}"' in queue
        assert reverse("access:decide", args=[own.pk]) not in queue
        response = client.post(
            reverse("access:decide", args=[own.pk]), {"outcome": "justified", "note": "Terecht."}
        )
        assert response.status_code == 302
        own.refresh_from_db()
        assert own.outcome == AccessAlert.Outcome.PENDING
        with pytest.raises(policy.AccessRefused):
            services.decide_alert(officer_employee, own, outcome="justified", note="Terecht.")
    # Another officer decides.
    client.force_login(world["officer"])
    queue = client.get(reverse("access:review")).content.decode()
    assert reverse("access:decide", args=[alert.pk]) in queue
    services.decide_alert(world["officer"], alert, outcome="justified", note="Navraag gedaan.")
    alert.refresh_from_db()
    assert alert.decided_by == world["officer"]


# --- 3d: someone other than the actor is told ---------------------------------------------------


def notified(grant):
    return set(grant.alert.notified.values_list("username", flat=True))


def told(username):
    return Notification.objects.filter(recipient__username=username).count()


def test_the_leader_of_the_employees_team_is_told(world):
    grant = services.break_the_glass(
        world["employee"], world["outsider"], reason="other", explanation="Huurder belde."
    )
    assert notified(grant) == {"tl"} and told("tl") == 1


def test_a_team_leader_breaking_the_glass_tells_the_persons_team_leader(world):
    """Finding: when the actor is a team leader nobody was told (they were their team's only
    leader); now the leader of the person's team is, never the actor."""
    grant = services.break_the_glass(
        world["leader"], world["outsider"], reason="other", explanation="Huurder belde."
    )
    assert notified(grant) == {"tlz"} and told("tl") == 0


def test_without_team_leaders_the_privacy_officer_is_told(world):
    """Finding: when the team has no leader nobody was told."""
    world["zuid_leader"].is_active = False
    world["zuid_leader"].save()
    grant = services.break_the_glass(
        world["leader"], world["outsider"], reason="other", explanation="Huurder belde."
    )
    assert notified(grant) == {"fg"} and told("fg") == 1
    assert world["leader"].username not in notified(grant)


def test_never_only_the_actor_and_refused_when_nobody_else_can_be_told(world, officer_employee):
    for user in (world["zuid_leader"], world["officer"], world["leader"]):
        user.is_active = False
        user.save()
    # The actor is the only active privacy officer and the only one left: refused, not silent.
    with pytest.raises(policy.AccessRefused):
        services.break_the_glass(
            officer_employee, world["outsider"], reason="other", explanation="Huurder belde."
        )
    assert not BreakGlassGrant.objects.exists()


def test_the_review_queue_shows_who_was_told(client, world):
    grant = services.break_the_glass(
        world["employee"], world["outsider"], reason="other", explanation="Huurder belde."
    )
    client.force_login(world["officer"])
    html = client.get(reverse("access:review")).content.decode()
    marker = f'data-notified="{grant.alert.pk}"'
    assert marker in html
    assert world["leader"].get_full_name() in html.split(marker)[1].split("</p>")[0]


# --- 4a: creating persons needs a role ----------------------------------------------------------


@pytest.mark.parametrize("who", ["no_role", "officer", "administrator"])
def test_creating_persons_needs_a_customer_role(client, world, request, who):
    """Finding: any logged-in account could create persons (and became involved with them)."""
    user = world["officer"] if who == "officer" else request.getfixturevalue(who)
    before = Person.objects.count()
    client.force_login(user)
    assert client.get(reverse("contacts:person_create")).status_code == 403
    response = client.post(reverse("contacts:person_create"), {"surname": "Nieuw"})
    assert response.status_code == 403
    with pytest.raises(policy.AccessRefused):
        contact_services.create_person(user, surname="Nieuw")
    assert Person.objects.count() == before


def test_an_employee_creates_a_person(client, world):
    client.force_login(world["employee"])
    response = client.post(reverse("contacts:person_create"), {"surname": "Nieuw"})
    assert response.status_code == 302 and Person.objects.filter(surname="Nieuw").exists()


# --- 4b: the mandate form stays within the scope ------------------------------------------------


def test_the_mandate_form_does_not_tell_whether_a_number_exists_outside_the_scope(client, world):
    """Finding: the mandate form told whether a relation number exists and showed the name of a
    person outside the employee's scope."""
    client.force_login(world["employee"])
    url = reverse("contacts:mandate_register", args=[world["tenant"].pk])
    outsider = world["outsider"]
    answers = []
    for number in (outsider.relation_number, "R9999999"):
        response = client.post(url, mandate_post(representative_relation_number=number))
        assert response.status_code == 200
        answers.append(response.context["form"].errors["representative_relation_number"])
        html = response.content.decode()
        assert outsider.surname not in html and (outsider.given_name or "\0") not in html
    assert answers[0] == answers[1]
    assert not Mandate.objects.exists()
    # The service refuses the same person handed to it directly.
    data = {
        **mandate_post(),
        "role": ReferenceCode.objects.get(code_list=CodeList.RELATION_ROLE, code="BWI"),
        "valid_from": datetime.date(2025, 1, 1),
        "verified_at": datetime.date(2025, 1, 2),
        "representative": outsider,
    }
    with pytest.raises(ValidationError):
        contact_services.register_mandate(world["employee"], world["tenant"], data)
    assert not Mandate.objects.exists()


def test_the_mandate_form_finds_representatives_in_scope_or_after_break_the_glass(client, world):
    client.force_login(world["employee"])
    url = reverse("contacts:mandate_register", args=[world["tenant"].pk])
    outsider = world["outsider"]
    break_glass_post(client, outsider)
    data = mandate_post(representative_relation_number=outsider.relation_number)
    response = client.post(url, data)
    assert response.status_code == 302
    assert world["tenant"].mandates_given.get().representative == outsider
