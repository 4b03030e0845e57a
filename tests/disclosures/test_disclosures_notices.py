"""The art. 19 notices on the request page (issue 24, point 5): after a rectification, erasure
or restriction the request lists every recipient of the data with the letter to send, and it
cannot be closed until each is marked notified or explained."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from accounts import roles
from disclosures import exports, services
from disclosures.models import RecipientNotice
from processingregister.categories import sync_data_categories
from processingregister.models import PersonalDataCategory
from rights import services as rights
from tests.factories import (
    AgreementFactory,
    RegisterPartyFactory,
    TenancyFactory,
    UnitFactory,
    contact_catalogue,
    data_subject_request,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def category(code):
    return PersonalDataCategory.objects.get(code=code)


def covenant(name, *codes):
    agreement = AgreementFactory(
        party=RegisterPartyFactory(name=name),
        role="recipient",
        title="Convenant",
        start_date=TODAY - datetime.timedelta(days=365),
        end_date=None,
        breach_notification_hours=None,
    )
    agreement.data_categories.set([category(code) for code in codes])
    return agreement


@pytest.fixture
def world(reference_codes, team_noord, make_user):
    sync_data_categories()
    contact_catalogue()
    person = TenancyFactory(unit=UnitFactory(team=team_noord)).person
    officer = make_user("avg", roles=[roles.PRIVACY_OFFICER], teams=[team_noord])
    municipality = covenant("Gemeente Noordstad", "identificatie", "financieel")
    zvh = covenant("Zorg- en Veiligheidshuis", "identificatie")
    # Two disclosures to the municipality, one to the case-conference partner.
    for agreement, codes, days_ago in (
        (municipality, ("identificatie", "financieel"), 30),
        (municipality, ("financieel",), 10),
        (zvh, ("identificatie",), 5),
    ):
        services.record_disclosure(
            officer,
            services.DisclosureInput(
                persons=[person],
                recipient=agreement.party,
                agreement=agreement,
                basis="covenant",
                channel="secure_mail",
                categories=[category(code) for code in codes],
                purpose="Vroegsignalering van schulden",
                disclosed_at=timezone.now() - datetime.timedelta(days=days_ago),
            ),
        )
    return {
        "person": person,
        "officer": officer,
        "employee": make_user("mw", roles=[roles.EMPLOYEE], teams=[team_noord]),
        "names": ["Gemeente Noordstad", "Zorg- en Veiligheidshuis"],
    }


def notices_of(request):
    return list(RecipientNotice.objects.filter(request=request).order_by("recipient__name"))


def page(client, request):
    response = client.get(reverse("rights:detail", args=[request.pk]))
    assert response.status_code == 200
    return response.content.decode()


def mark(client, notice, **data):
    return client.post(reverse("disclosures:mark_notice", args=[notice.pk]), data, follow=True)


@pytest.fixture
def erased(world):
    request = data_subject_request(world["officer"], world["person"], kind="erasure", verified=True)
    rights.erase_for_request(request, world["officer"])
    return request


def test_the_request_page_lists_every_recipient_with_the_letter(world, erased, client):
    client.force_login(world["officer"])
    html = page(client, erased)
    assert 'data-section="recipient-notices"' in html
    notices = notices_of(erased)
    assert [n.recipient.name for n in notices] == world["names"]
    municipality, zvh = notices
    assert municipality.disclosure_count == 2 and zvh.disclosure_count == 1
    for notice in notices:
        assert f'data-notice="{notice.pk}" data-state="open"' in html
        assert escape(exports.notice_letter(notice)) in html
        assert reverse("disclosures:mark_notice", args=[notice.pk]) in html
    assert erased.reference in exports.notice_letter(municipality)
    # The names to tell the tenant on request.
    names = html.split("data-recipient-names>", 1)[1].split("</p>", 1)[0]
    assert ", ".join(escape(name) for name in world["names"]) in names


def test_an_empty_note_is_refused_and_changes_nothing(world, erased, client):
    client.force_login(world["officer"])
    notice = notices_of(erased)[0]
    response = mark(client, notice, state="notified", note="   ")
    assert response.redirect_chain[-1][0] == reverse("rights:detail", args=[erased.pk])
    html = response.content.decode()
    assert escape(gettext("Record how and when the recipient was told, or why not.")) in html
    assert "message-error" in html
    notice.refresh_from_db()
    assert notice.state == RecipientNotice.State.OPEN and notice.note == ""
    # An unknown state is refused too.
    mark(client, notice, state="open", note="Brief verstuurd.")
    notice.refresh_from_db()
    assert notice.state == RecipientNotice.State.OPEN


def test_marking_every_notice_lets_the_request_be_completed(world, erased, client):
    client.force_login(world["officer"])
    with pytest.raises(ValidationError):
        rights.complete(erased, world["officer"], outcome="granted", reply="Gewist.")
    municipality, zvh = notices_of(erased)
    response = mark(client, municipality, state="notified", note="Brief verstuurd 3-12.")
    assert "message-success" in response.content.decode()
    mark(client, zvh, state="explained", note="Mondeling overleg: niets vastgelegd.")
    municipality.refresh_from_db()
    zvh.refresh_from_db()
    assert (municipality.state, zvh.state) == ("notified", "explained")
    assert municipality.done_by == world["officer"] and municipality.done_at is not None
    html = page(client, erased)
    assert reverse("disclosures:mark_notice", args=[municipality.pk]) not in html
    assert "Brief verstuurd 3-12." in html
    rights.complete(erased, world["officer"], outcome="granted", reply="Gewist.")
    erased.refresh_from_db()
    assert erased.status == "completed"
    # A closed request: the notices stay visible, without forms; marking is refused.
    html = page(client, erased)
    assert 'data-section="recipient-notices"' in html and 'data-form="mark-notice"' not in html


def test_an_employee_may_not_mark_a_notice(world, erased, client):
    client.force_login(world["employee"])
    notice = notices_of(erased)[0]
    response = client.post(
        reverse("disclosures:mark_notice", args=[notice.pk]),
        {"state": "notified", "note": "Brief verstuurd."},
    )
    assert response.status_code == 403
    notice.refresh_from_db()
    assert notice.state == RecipientNotice.State.OPEN


def test_the_mark_view_takes_posts_only(world, erased, client):
    client.force_login(world["officer"])
    notice = notices_of(erased)[0]
    assert client.get(reverse("disclosures:mark_notice", args=[notice.pk])).status_code == 405


def test_a_rectification_creates_the_notices(world, client):
    request = data_subject_request(
        world["officer"], world["person"], kind="rectification", verified=True
    )
    client.force_login(world["officer"])
    assert 'data-notices="none"' in page(client, request)
    rights.rectify(request, world["officer"], world["person"], {"surname": "Jansen-de Vries"})
    assert [n.recipient.name for n in notices_of(request)] == world["names"]
    html = page(client, request)
    assert html.count('data-form="mark-notice"') == 2


def test_a_restriction_creates_the_notices(world, client):
    request = data_subject_request(
        world["officer"], world["person"], kind="restriction", verified=True
    )
    rights.restrict(world["person"], world["officer"], reason="Juistheid betwist.", request=request)
    assert [n.recipient.name for n in notices_of(request)] == world["names"]
    client.force_login(world["officer"])
    assert page(client, request).count('data-state="open"') == 2


def test_a_request_of_another_kind_shows_no_notices(world, client):
    request = data_subject_request(world["officer"], world["person"], kind="access")
    client.force_login(world["officer"])
    assert 'data-section="recipient-notices"' not in page(client, request)
