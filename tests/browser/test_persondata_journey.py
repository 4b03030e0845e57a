"""What the product says and does about how long personal data is kept, in a real browser: the
employee reads per card section how long it is kept and follows the link to the rules page; the
AVG officer erases a tenant's data on request, after the preview of what goes and what stays,
and the copy made earlier for an access request can no longer be downloaded. Screenshots land
in test-artifacts/."""

import datetime

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst

from accounts import roles
from contacts.models import ContactMoment, EmailAddress, PhoneNumber, Tenancy
from referencedata.models import CodeList, ReferenceCode
from retention import explain
from retention.models import RetentionRule
from retention.services import load_default_rules
from rights import services as rights_services
from rights.models import AccessExport
from tests.factories import (
    ContactMomentFactory,
    EmailAddressFactory,
    PersonFactory,
    PhoneNumberFactory,
    TenancyFactory,
    UnitFactory,
    contact_catalogue,
    data_subject_request,
)

from .conftest import log_in
from .test_processingregister_journey import pass_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def default_rules():
    """The default rules come with a migration, but a transactional test before this one may
    have flushed them: load what is missing."""
    if not RetentionRule.objects.exists():
        load_default_rules()
    assert RetentionRule.objects.filter(target="phone_number").exists()
    assert RetentionRule.objects.filter(target="tenancy", is_statutory=True).exists()


def dutch(text_or_callable, *args):
    with translation.override("nl"):
        if callable(text_or_callable):
            return text_or_callable(*args)
        return translation.gettext(text_or_callable)


@pytest.fixture
def tenant(desk_tenant):
    default_rules()
    person = desk_tenant
    EmailAddressFactory(person=person, address="fenna.dijkstra@example.nl", is_preferred=True)
    return person


def test_employee_reads_how_long_the_card_keeps_its_data(page, live_server, tenant, screenshot):
    log_in(page, live_server, "medewerker", settings.DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/klanten/{tenant.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Fenna Dijkstra"

    kept = dutch("Kept")
    phone_phrase = dutch(explain.phrase_for_target, "phone_number")
    email_phrase = dutch(explain.phrase_for_target, "email_address")
    assert phone_phrase != dutch(explain.no_rule_text)
    # One tenancy and no signals: no tenancies or signals section; the rest says how long.
    lines = page.locator("p.helptext[data-retention]")
    sections = lines.evaluate_all("els => els.map(el => el.dataset.retention)")
    assert sorted(sections) == ["contact-details", "file", "mandates", "tasks", "timeline"]
    for line in lines.all():
        assert line.inner_text().startswith(f"{kept}: ")
    timeline_line = page.locator("[data-retention=timeline]").inner_text()
    assert timeline_line == f"{kept}: {dutch(explain.phrase_for_target, 'contact_moment')}"

    contact_line = page.locator("[data-retention=contact-details]")
    text = contact_line.inner_text()
    assert phone_phrase in text and email_phrase in text
    assert "0612345678" not in text and "Dijkstra" not in text  # policy, not the person's data
    screenshot(page, "persondata-card-retention")

    link = contact_line.get_by_role("link", name=kept)
    assert link.get_attribute("href") == f"{reverse('retention:rules')}#bewaarregel-phone_number"
    with page.expect_navigation():
        link.click()
    assert page.url == f"{live_server.url}/bewaartermijnen/#bewaarregel-phone_number"
    section = page.locator("section#bewaarregel-phone_number")
    assert section.get_attribute("data-retention-target") == "phone_number"
    phrases = dutch(explain.retention_phrases, ["phone_number"])["phone_number"]
    assert section.locator("[data-rule] h3").all_inner_texts() == [
        capfirst(phrase.text) for phrase in phrases
    ]
    screenshot(page, "persondata-retention-rules")
    page.watch.assert_clean()


@pytest.fixture
def erasure_world(make_user, reference_codes, team_noord):
    contact_catalogue()
    default_rules()
    officer = make_user("avg", roles=[roles.PRIVACY_OFFICER])
    officer.first_name, officer.last_name = "Pieter", "Hoekstra"
    officer.save()
    if apps.is_installed("django_otp.plugins.otp_totp"):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        TOTPDevice.objects.create(user=officer, name="authenticator", confirmed=True)
    tenancy = TenancyFactory(
        unit=UnitFactory(team=team_noord),
        person=PersonFactory(given_name="Fatima", initials="F.", surname="El Amrani"),
        role=ReferenceCode.objects.get(code_list=CodeList.RELATION_ROLE, code="HUU"),
        end_date=timezone.localdate() - datetime.timedelta(days=30),
    )
    person = tenancy.person
    phone = PhoneNumberFactory(person=person, number="+31612345678", is_preferred=True)
    email = EmailAddressFactory(person=person, address="f.elamrani@example.nl", is_preferred=True)
    contact = ContactMomentFactory(person=person, summary="Vraag over de servicekosten beantwoord.")

    # Earlier: an access request, answered with a copy.
    access = data_subject_request(officer, person, kind="access", verified=True)
    export = rights_services.produce_copy(access, officer)
    rights_services.complete(access, officer, outcome="granted", reply="Zie het overzicht.")
    copy_url = reverse("rights:download", args=[rights_services.download_token(export, "html")])

    erasure = data_subject_request(officer, person, kind="erasure")
    return {
        "officer": officer,
        "person": person,
        "tenancy": tenancy,
        "phone": phone,
        "email": email,
        "contact": contact,
        "export": export,
        "copy_url": copy_url,
        "erasure": erasure,
    }


def test_officer_erases_on_request_and_the_old_copy_is_gone(
    page, live_server, erasure_world, screenshot
):
    world = erasure_world
    officer, person = world["officer"], world["person"]
    log_in(page, live_server, officer.username, settings.DEMO_PASSWORD)
    page.wait_for_load_state()
    pass_second_factor(page, officer)

    # The copy made for the access request still opens before the erasure.
    copy_url = f"{live_server.url}{world['copy_url']}?bekijken=1"
    response = page.goto(copy_url)
    assert response.status == 200
    assert "Fatima El Amrani" in page.locator("body").inner_text()

    detail_url = f"{live_server.url}{reverse('rights:detail', args=[world['erasure'].pk])}"
    page.goto(detail_url)
    page.get_by_label("Hoe is de identiteit vastgesteld?").select_option("id_at_desk")
    page.locator("[data-action=verify]").click()
    page.locator("[data-identity=verified]").wait_for()

    # The preview: what goes, what stays and why.
    preview = page.locator("[data-erasure-preview]")
    goes = preview.locator("[data-erasure-goes] li[data-target]")
    stays = preview.locator("[data-erasure-stays] li[data-target]")
    gone_targets = goes.evaluate_all("els => els.map(el => el.dataset.target)")
    kept_targets = stays.evaluate_all("els => els.map(el => el.dataset.target)")
    assert "phone_number" in gone_targets and "email_address" in gone_targets
    assert "tenancy" in kept_targets and "tenancy" not in gone_targets
    assert "person" not in gone_targets  # the kept tenancy keeps the person
    tenancy_rule = RetentionRule.objects.get(target="tenancy", is_statutory=True)
    tenancy_line = preview.locator("[data-erasure-stays] li[data-target=tenancy]").inner_text()
    assert tenancy_rule.name in tenancy_line
    screenshot(page, "persondata-erasure-preview")

    # Without the confirmation the browser does not send the form.
    posts = []
    page.on("request", lambda r: r.method == "POST" and posts.append(r.url))
    confirm = page.locator("#erase_confirm")
    assert not confirm.is_checked()
    page.locator("[data-action=erase]").click()
    assert confirm.evaluate("el => el.validity.valueMissing")
    assert posts == [] and page.url == detail_url
    assert PhoneNumber.objects.filter(pk=world["phone"].pk).exists()
    assert AccessExport.objects.filter(pk=world["export"].pk).exists()

    # Confirmed: erased as far as the law allows.
    confirm.check()
    with page.expect_navigation():
        page.locator("[data-action=erase]").click()
    assert posts == [f"{live_server.url}{reverse('rights:erase', args=[world['erasure'].pk])}"]
    success = dutch(
        "The data was erased as far as the law allows; the contacts carry the erasure note."
    )
    assert success in page.locator(".messages").inner_text()
    screenshot(page, "persondata-erased")
    assert not PhoneNumber.objects.filter(person_id=person.pk).exists()
    assert not EmailAddress.objects.filter(person_id=person.pk).exists()
    assert Tenancy.objects.filter(pk=world["tenancy"].pk, person_id=person.pk).exists()
    contact = ContactMoment.objects.get(pk=world["contact"].pk)
    assert "servicekosten" not in contact.summary
    assert not AccessExport.objects.filter(pk=world["export"].pk).exists()
    assert world["erasure"].events.filter(kind="erased").exists()

    # The old link of the copy is dead: the expired-link page, nothing of the person.
    response = page.goto(copy_url)
    assert response.status == 410
    assert page.locator("[data-download=expired]").is_visible()
    body = page.locator("body").inner_text()
    assert "El Amrani" not in body and "0612345678" not in body and "+31612345678" not in body
    page.watch.assert_clean(expected=("410",))
