"""What the privacy officer does with retention in the admin pages, the hold banner for the
customer card, and the demo."""

import datetime
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.template import Context, Template
from django.urls import reverse

from accounts import roles
from contacts.models import Mandate
from retention import engine, locks
from retention.models import (
    ErasureLog,
    LegalHold,
    RetentionReview,
    RetentionRule,
    RetentionRun,
    RetentionSchedule,
)
from tests.factories import (
    ContactMomentFactory,
    LegalHoldFactory,
    MandateFactory,
    PersonFactory,
    RetentionRuleFactory,
    UserFactory,
    mandate_review_rule,
)
from tests.support.auth import verified_login

pytestmark = pytest.mark.django_db

D = datetime.date
ADMIN_PAGES = [
    "retentionrule",
    "legalhold",
    "retentionreview",
    "retentionrun",
    "retentionschedule",
    "erasurelog",
]


@pytest.fixture(autouse=True)
def fresh_run_lock():
    locks.force_release()
    yield
    locks.force_release()


@pytest.fixture
def officer():
    return UserFactory(username="fg", roles=[roles.PRIVACY_OFFICER])


def banner(person) -> str:
    return Template("{% load retention_tags %}{% retention_holds_banner person %}").render(
        Context({"person": person})
    )


def test_the_privacy_officer_sees_every_retention_page(client, officer):
    RetentionRule.objects.all().delete()
    RetentionRuleFactory(code="contacten")
    verified_login(client, officer)
    for name in ADMIN_PAGES:
        response = client.get(reverse(f"admin:retention_{name}_changelist"))
        assert response.status_code == 200, name
    rule = RetentionRule.objects.get(code="contacten")
    assert (
        client.get(reverse("admin:retention_retentionrule_change", args=[rule.pk])).status_code
        == 200
    )
    assert (
        client.get(reverse("admin:retention_retentionrule_delete", args=[rule.pk])).status_code
        == 403
    )
    assert client.get(reverse("admin:retention_retentionrun_add")).status_code == 403


def test_employees_have_no_access(client):
    client.force_login(UserFactory(roles=[roles.EMPLOYEE]))
    response = client.get(reverse("admin:retention_retentionrule_changelist"))
    assert response.status_code == 302


def test_the_officer_edits_a_rule_and_its_due_dates_are_recomputed(client, officer):
    RetentionRule.objects.all().delete()
    rule = RetentionRuleFactory(code="contacten", trigger="created")
    RetentionRule.objects.filter(pk=rule.pk).update(needs_recompute=False)
    verified_login(client, officer)
    url = reverse("admin:retention_retentionrule_change", args=[rule.pk])
    data = {
        "code": "contacten",
        "name": "Contacten",
        "data_category": rule.data_category_id,
        "processing_activity": "",
        "target": "contact_moment",
        "record_kinds": "",
        "trigger": "created",
        "trigger_field": "",
        "event_code": "",
        "period_amount": "18",
        "period_unit": "months",
        "action": "anonymise",
        "legal_source": "Nieuwe afweging 2026.",
        "review_owner": "",
        "active_from": "2000-01-01",
        "active_to": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    rule.refresh_from_db()
    assert (rule.period_amount, rule.period_unit, rule.needs_recompute) == (18, "months", True)

    data["trigger"] = "closed"  # contacts are not closed
    response = client.post(url, data)
    assert response.status_code == 200
    assert "moment niet; kies een ander" in response.content.decode()


def test_the_owner_decides_a_review_in_the_admin(client, officer):
    RetentionRule.objects.all().delete()
    mandate_review_rule()
    mandate = MandateFactory(valid_to=D(2024, 1, 31))
    engine.run_now(as_of=D(2025, 2, 1))
    review = RetentionReview.objects.get()
    verified_login(client, officer)
    url = reverse("admin:retention_retentionreview_change", args=[review.pk])
    page = client.get(url).content.decode()
    assert "Person #" not in page and mandate.represented.surname not in page

    response = client.post(url, {"decision": "keep", "keep_until": "", "reason": ""})
    assert response.status_code == 200
    review.refresh_from_db()
    assert review.status == "open"

    response = client.post(
        url, {"decision": "delete", "keep_until": "", "reason": "Niet meer nodig."}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.status, review.decision, review.decided_by) == ("decided", "delete", officer)
    assert not Mandate.objects.filter(pk=mandate.pk).exists()
    assert client.get(url).status_code == 200  # decided: read-only


def test_a_hold_placed_on_a_record_in_the_admin_names_its_person(client, officer):
    contact = ContactMomentFactory()
    verified_login(client, officer)
    response = client.post(
        reverse("admin:retention_legalhold_add"),
        {
            "person": "",
            "content_type": ContentType.objects.get_for_model(contact).pk,
            "object_id": contact.pk,
            "reason_kind": "litigation",
            "reason": "Procedure C/19/2026-0042.",
            "owner": officer.pk,
            "starts_on": "2026-01-01",
            "ends_on": "2099-01-01",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    hold = LegalHold.objects.get()
    assert hold.person_id == contact.person_id and hold.object_id == contact.pk


def test_the_card_banner_shows_active_holds_only():
    person = PersonFactory()
    assert banner(person).strip() == ""
    hold = LegalHoldFactory(person=person, ends_on=D(2099, 12, 31))
    html = banner(person)
    assert 'data-banner="legal-hold"' in html
    assert "Het hele dossier" in html and "een procedure of rechtsvordering" in html
    assert "31-12-2099" in html
    contact = ContactMomentFactory(person=person)
    LegalHoldFactory(
        person=person,
        content_type=ContentType.objects.get_for_model(contact),
        object_id=contact.pk,
    )
    assert f"Alleen contactmoment #{contact.pk}" in banner(person)
    LegalHold.objects.update(ends_on=D(2000, 1, 2))
    assert "legal-hold" not in banner(person)
    assert hold.reason not in banner(person)


def test_the_demo_shows_rules_a_hold_a_pending_review_and_a_run_report(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert RetentionRule.objects.filter(processing_activity__isnull=False).count() >= 10
    # One litigation hold; the others come from the demo's open data-subject requests.
    holds = LegalHold.objects.active_on()
    assert holds.exclude(reason_kind="data_subject_request").count() == 1
    assert RetentionReview.objects.filter(status="open").exists()
    run = RetentionRun.objects.get()
    assert run.status == "succeeded" and run.rule_reports.count() >= 2
    assert "reviews pending" in out.getvalue()
    state = (
        RetentionRun.objects.count(),
        LegalHold.objects.count(),
        RetentionReview.objects.count(),
        RetentionSchedule.objects.count(),
        ErasureLog.objects.count(),
    )
    call_command("seed_demo", stdout=StringIO())
    assert (
        RetentionRun.objects.count(),
        LegalHold.objects.count(),
        RetentionReview.objects.count(),
        RetentionSchedule.objects.count(),
        ErasureLog.objects.count(),
    ) == state
